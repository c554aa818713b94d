package org.armach.mach.ipc;

/** Result of a {@code mach_msg} step: a final return code, or a wait to park the thread on. */
public final class MsgOutcome {
    private final int code;
    private final MsgWait wait;
    private final MachMsgCall restart;

    private MsgOutcome(int code, MsgWait wait, MachMsgCall restart) {
        this.code = code;
        this.wait = wait;
        this.restart = restart;
    }

    static MsgOutcome done(int code) {
        return new MsgOutcome(code, null, null);
    }

    static MsgOutcome blocked(MsgWait w) {
        return new MsgOutcome(0, w, null);
    }

    /**
     * A copy between the message and user memory needs a page that is still on its way (the
     * task's memory reported {@link TaskMemory#pagePending}); nothing was committed. The caller
     * waits for that page, then runs {@link #restartCall()} with {@link MachMsg#call} (the
     * receive part only when the send part had completed).
     */
    static MsgOutcome memoryWait(MachMsgCall restart) {
        return new MsgOutcome(0, null, restart);
    }

    /** Whether the trap must wait for user memory and restart. */
    public boolean waitsForMemory() { return restart != null; }

    /** The call to run again once the page is there. */
    public MachMsgCall restartCall() { return restart; }

    /** What the restarted call returns if the wait is aborted. */
    public int interruptCode() {
        return restart.has(MsgBits.SEND_MSG) ? MachMsgReturn.MACH_SEND_INTERRUPTED : MachMsgReturn.MACH_RCV_INTERRUPTED;
    }

    public boolean isBlocked() { return wait != null; }
    /** The mach_msg return value (only when not blocked). */
    public int code() { return code; }
    public MsgWait waitObject() { return wait; }

    @Override
    public String toString() {
        if (restart != null) return "memory-wait";
        return wait != null ? "blocked(" + wait.phase + ")" : "done(0x" + Integer.toHexString(code) + ")";
    }
}
