package org.armach.mach.vm;

import java.util.ArrayList;

/**
 * One outstanding memory_object_data_request: the page at {@link #offset} of a pager-backed
 * object is absent and busy until the pager supplies it, declares it unavailable or in error,
 * or the object terminates. Every thread faulting on that page waits on the same request; when
 * it completes they retry their faults (as the waiters of a busy page in GNU Mach).
 */
public final class PageRequest {
    public final long offset;
    private ArrayList<Runnable> waiters, after;
    private boolean done;

    PageRequest(long offset) {
        this.offset = offset;
    }

    /** Runs {@code r} when the request completes (at once if it already has). */
    public void whenDone(Runnable r) {
        if (done) {
            r.run();
            return;
        }
        if (waiters == null) waiters = new ArrayList<>(2);
        waiters.add(r);
    }

    /** Runs {@code r} once the request completed and every waiter ran (releases of what the wait held). */
    void afterDone(Runnable r) {
        if (done) {
            r.run();
            return;
        }
        if (after == null) after = new ArrayList<>(1);
        after.add(r);
    }

    public boolean done() { return done; }

    void complete() {
        if (done) return;
        done = true;
        ArrayList<Runnable> w = waiters, a = after;
        waiters = after = null;
        if (w != null) for (Runnable r : w) r.run();
        if (a != null) for (Runnable r : a) r.run();
    }
}
