package org.armach.mach.ipc;

/** Result of a {@code mach_msg} step: a final return code, or a wait to park the thread on. */
public final class MsgOutcome {
    private final int code;
    private final MsgWait wait;

    private MsgOutcome(int code, MsgWait wait) {
        this.code = code;
        this.wait = wait;
    }

    static MsgOutcome done(int code) {
        return new MsgOutcome(code, null);
    }

    static MsgOutcome blocked(MsgWait w) {
        return new MsgOutcome(0, w);
    }

    public boolean isBlocked() { return wait != null; }
    /** The mach_msg return value (only when not blocked). */
    public int code() { return code; }
    public MsgWait waitObject() { return wait; }

    @Override
    public String toString() {
        return wait != null ? "blocked(" + wait.phase + ")" : "done(0x" + Integer.toHexString(code) + ")";
    }
}
