package org.armach.mach.ipc;

/**
 * {@code mach_msg_trap}. The trap layer calls {@link #trap}; a blocked outcome parks the
 * thread on {@link MsgOutcome#waitObject()} and the scheduler later calls {@link #resume},
 * {@link #timeout} or {@link #interrupt} with it, each giving a new outcome.
 */
public final class MachMsg {
    private MachMsg() {}

    public static MsgOutcome trap(IpcSpace space, long msg, int option, int sendSize, int rcvSize,
                                  int rcvName, int timeout, int notify) {
        return call(new MachMsgCall(space, msg, option, sendSize, rcvSize, rcvName, timeout, notify));
    }

    public static MsgOutcome call(MachMsgCall c) {
        if (c.has(MsgBits.SEND_MSG)) return MsgSend.start(c);
        if (c.has(MsgBits.RCV_MSG)) return MsgReceive.start(c);
        return MsgOutcome.done(MachMsgReturn.MACH_MSG_SUCCESS);
    }

    /** The thread was woken (or just scheduled again): retry the parked phase. */
    public static MsgOutcome resume(MsgWait w) {
        return step(w, false, 0);
    }

    /** The phase's timeout elapsed: finish now, with TIMED_OUT if it still cannot proceed. */
    public static MsgOutcome timeout(MsgWait w) {
        return step(w, true, 0);
    }

    /** The thread was aborted: SEND_INTERRUPTED / RCV_INTERRUPTED. */
    public static MsgOutcome interrupt(MsgWait w) {
        boolean send = w.phase == MsgWait.Phase.SEND;
        return step(w, true, send ? MachMsgReturn.MACH_SEND_INTERRUPTED : MachMsgReturn.MACH_RCV_INTERRUPTED);
    }

    private static MsgOutcome step(MsgWait w, boolean noBlock, int failCode) {
        if (w.finished) throw new IllegalStateException("mach_msg wait already finished");
        if (w.phase == MsgWait.Phase.SEND) return MsgSend.resume(w, noBlock, failCode);
        if (failCode != 0) {
            w.unpark();
            w.finished = true;
            return MsgOutcome.done(failCode);
        }
        return MsgReceive.attempt(w, noBlock);
    }
}
