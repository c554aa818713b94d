package org.armach.mach.ipc;

/** Result of a {@code mach_msg} step: a final return code, or a wait to park the thread on. */
public final class MsgOutcome {
    private final int code;
    private final MsgWait wait;
    private final MachMsgCall restart;
    private final java.util.function.Supplier<MsgOutcome> next;
    private final java.util.function.Consumer<Runnable> when;

    private MsgOutcome(int code, MsgWait wait, MachMsgCall restart) {
        this(code, wait, restart, null, null);
    }

    private MsgOutcome(int code, MsgWait wait, MachMsgCall restart, java.util.function.Supplier<MsgOutcome> next,
                       java.util.function.Consumer<Runnable> when) {
        this.code = code;
        this.wait = wait;
        this.restart = restart;
        this.next = next;
        this.when = when;
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

    /**
     * Something was committed and the operation must go on once memory is there (the kernel
     * server of a sent request waits for pages of its out-of-line data; the pseudo-receive of a
     * failed send waits for the sender's buffer): the caller registers a wake-up with
     * {@link #continuation()}'s waiter and then takes the next outcome from {@link #resume()}.
     * Not abortable (GNU Mach's kernel-mode faults are not interruptible).
     */
    static MsgOutcome memoryContinue(java.util.function.Supplier<MsgOutcome> next,
                                     java.util.function.Consumer<Runnable> when) {
        return new MsgOutcome(0, null, null, next, when);
    }

    /** Whether the trap must wait for user memory (and restart, or continue). */
    public boolean waitsForMemory() { return restart != null || next != null; }

    /** The call to run again once the page is there; null for a continuation. */
    public MachMsgCall restartCall() { return restart; }

    /** A continuation's wait: call it with what to run when the memory is there (null for a restart). */
    public java.util.function.Consumer<Runnable> continuation() { return when; }

    /** The outcome after the wait: the restarted call, or the continuation's next step. */
    public MsgOutcome resume() {
        return next != null ? next.get() : MachMsg.call(restart);
    }

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
        if (restart != null || next != null) return "memory-wait";
        return wait != null ? "blocked(" + wait.phase + ")" : "done(0x" + Integer.toHexString(code) + ")";
    }
}
