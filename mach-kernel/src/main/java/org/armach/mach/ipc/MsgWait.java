package org.armach.mach.ipc;

/**
 * A parked {@code mach_msg} phase. The scheduler parks the calling thread on it; the IPC
 * layer calls {@link WakeupSink#wake} when it may proceed; the scheduler then calls
 * {@link MachMsg#resume}, or {@link MachMsg#timeout} when {@link #timeoutMs()} elapsed
 * (armed when this object is first returned), or {@link MachMsg#interrupt} on thread abort.
 */
public final class MsgWait {
    public enum Phase { SEND, RECEIVE }

    final MachMsgCall call;
    final Phase phase;
    KMsg pending;
    Port sendPort;
    IpcObject rcvObject;
    MessageQueue rcvQueue;
    int wakeCode;
    boolean finished;

    MsgWait(MachMsgCall call, Phase phase) {
        this.call = call;
        this.phase = phase;
        if (call.phaseStart[phase.ordinal()] == Long.MIN_VALUE) call.phaseStart[phase.ordinal()] = call.space.kernel.nowNs();
    }

    public Phase phase() { return phase; }
    public MachMsgCall call() { return call; }
    public boolean isFinished() { return finished; }

    /** True when the caller asked for a timeout in this phase. */
    public boolean hasTimeout() {
        return call.has(phase == Phase.SEND ? MsgBits.SEND_TIMEOUT : MsgBits.RCV_TIMEOUT);
    }

    /** The timeout in milliseconds ({@code mach_msg}'s unit). */
    public int timeoutMs() {
        return call.timeout;
    }

    /**
     * What is left of the timeout now, in ns (never negative): the phase's
     * deadline runs from when the phase first waited in this trap, also across restarts for
     * user memory (as GNU Mach, whose copies wait inside the phase instead of restarting it).
     */
    public long timeoutNs() {
        long full = Math.max(0, call.timeout) * 1_000_000L;
        long spent = call.space.kernel.nowNs() - call.phaseStart[phase.ordinal()];
        return Math.max(0, full - spent);
    }

    /** Wakes the waiter with a final error (port died, port changed). */
    void wakeWith(int code) {
        wakeCode = code;
        call.space.kernel.wake(this);
    }

    /** Removes this waiter from whatever list it is parked on. */
    void unpark() {
        if (sendPort != null) sendPort.blockedSenders.remove(this);
        if (rcvQueue != null) rcvQueue.receivers.remove(this);
    }
}
