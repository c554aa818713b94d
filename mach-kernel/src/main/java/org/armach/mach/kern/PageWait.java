package org.armach.mach.kern;

import org.armach.mach.vm.PageRequest;

/**
 * A thread waiting for a page a pager provides (GNU Mach's page wait in vm_fault). A user fault
 * re-executes the faulting instruction when woken; a trap whose kernel-side copy stopped at
 * such a page is restarted from the start ({@link #retry}), which is valid because the trap
 * committed nothing before the copy. thread_abort ends the wait: a user fault then simply
 * re-executes, mach_msg returns its *_INTERRUPTED code ({@link #onAbort}); other traps restart
 * ({@link #UNINTERRUPTIBLE}).
 */
final class PageWait extends Wait {
    /** {@code onAbort} of a wait thread_abort does not end (GNU Mach's kernel-mode copy faults). */
    static final long UNINTERRUPTIBLE = -1;
    private final Runnable retry;
    private final long onAbort;

    private PageWait(Runnable retry, long onAbort) {
        this.retry = retry;
        this.onAbort = onAbort;
    }

    /** Blocks {@code t} until {@code r} completes (at once runnable again if {@code r} is null). */
    static void block(Kernel k, KThread t, PageRequest r, Runnable retry, long onAbort) {
        PageWait w = new PageWait(retry, onAbort);
        k.block(t, w, -1);
        if (r == null) k.wake(t, w, WOKEN);
        else r.whenDone(() -> k.wake(t, w, WOKEN));
    }

    /** As {@link #block}, woken when {@code when} runs its argument (a wait the IPC layer describes). */
    static void block(Kernel k, KThread t, java.util.function.Consumer<Runnable> when, Runnable retry, long onAbort) {
        PageWait w = new PageWait(retry, onAbort);
        k.block(t, w, -1);
        when.accept(() -> k.wake(t, w, WOKEN));
    }

    @Override
    boolean finish(Kernel k, KThread t) {
        if (retry == null) return true;
        if (reason == ABORTED && onAbort != UNINTERRUPTIBLE) {
            t.ctx.x[0] = onAbort & 0xffffffffL;
            return true;
        }
        retry.run();
        return t.wait == null;
    }

    @Override
    String describe() {
        return retry == null ? "page-in" : "page-in (trap restart)";
    }
}
