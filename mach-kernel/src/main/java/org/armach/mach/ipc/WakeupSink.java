package org.armach.mach.ipc;

/** Told by the IPC layer that a parked {@code mach_msg} may proceed; the scheduler then calls {@link MachMsg#resume}. */
@FunctionalInterface
public interface WakeupSink {
    void wake(MsgWait wait);
}
