package org.armach.mach.kern;

/**
 * A wait that ends with a return value chosen by the wake reason: gsync_wait, WFI from
 * EL0 (until aborted), thread_switch with SWITCH_OPTION_WAIT.
 */
final class SimpleWait extends Wait {
    private final String what;
    private final long onWake, onTimeout, onAbort;
    /** Whether the thread's x0 is left alone (WFI is not a call). */
    private final boolean keepX0;

    SimpleWait(String what, long onWake, long onTimeout, long onAbort, boolean keepX0) {
        this.what = what;
        this.onWake = onWake;
        this.onTimeout = onTimeout;
        this.onAbort = onAbort;
        this.keepX0 = keepX0;
    }

    @Override
    boolean finish(Kernel k, KThread t) {
        if (!keepX0) t.ctx.x[0] = reason == TIMEOUT ? onTimeout : reason == ABORTED ? onAbort : onWake;
        return true;
    }

    @Override
    String describe() {
        return what;
    }
}
