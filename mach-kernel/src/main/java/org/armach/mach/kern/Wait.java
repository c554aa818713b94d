package org.armach.mach.kern;

/**
 * Why a thread is blocked. The scheduler never finishes a wait from inside another kernel
 * operation: {@link Kernel#wake} only records the reason and makes the thread runnable;
 * {@link #finish} runs when the thread is picked to run and either sets its return value
 * (true) or blocks it again (false).
 */
public abstract class Wait {
    public static final int NONE = 0, WOKEN = 1, TIMEOUT = 2, ABORTED = 3;

    /** The pending wake reason (the strongest one recorded since the thread blocked). */
    int reason;
    /** A timer armed for this wait, cancelled when it finishes. */
    Timers.Event timer;

    /** Completes the wait for a thread picked to run; false if it must block again. */
    abstract boolean finish(Kernel k, KThread t);

    /** A short label for introspection. */
    abstract String describe();
}
