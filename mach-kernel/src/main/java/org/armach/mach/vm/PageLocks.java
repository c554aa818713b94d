package org.armach.mach.vm;

import java.util.HashMap;

/**
 * The per-page lock state GNU Mach keeps in vm_page for pages of an external memory object:
 * {@code page_lock} (the accesses the pager forbids, set by memory_object_data_supply and
 * memory_object_lock_request) and {@code unlock_request} (the accesses already asked for with
 * memory_object_data_unlock), plus the threads waiting for the pager to lower the lock (one
 * {@link PageRequest} per page, completed when a lock_request sets a new lock value or the page
 * goes away). Only pages with a non-zero lock or a pending unlock have entries.
 */
final class PageLocks {
    private static final class State {
        int lock, unlockRequest;
        PageRequest waiters;
    }

    private final HashMap<Long, State> pages = new HashMap<>();

    /** The page_lock of page {@code idx} (VM_PROT_NONE when none). */
    int lock(long idx) {
        State s = pages.get(idx);
        return s == null ? 0 : s.lock;
    }

    /** The accesses already requested with data_unlock for page {@code idx}. */
    int unlockRequest(long idx) {
        State s = pages.get(idx);
        return s == null ? 0 : s.unlockRequest;
    }

    /**
     * Sets page_lock (data_supply, lock_request with a lock value): clears unlock_request and wakes
     * the waiters, who retry their access ("restart any past unlock requests, even if no change").
     */
    void set(long idx, int lock) {
        State s = pages.get(idx);
        if (s == null) {
            if (lock == 0) return;
            s = new State();
            pages.put(idx, s);
        }
        s.lock = lock;
        s.unlockRequest = 0;
        PageRequest w = s.waiters;
        s.waiters = null;
        if (lock == 0) pages.remove(idx);
        if (w != null) w.complete();
    }

    /**
     * A fault needing {@code required} on a page locked against it: records the unlock request
     * and returns the accesses to send in memory_object_data_unlock, or 0 when an earlier request
     * already covers them (the fault just waits).
     */
    int requestUnlock(long idx, int required) {
        State s = pages.get(idx);
        if (s == null || (required & s.unlockRequest) == required) return 0;
        s.unlockRequest |= required;
        return s.unlockRequest;
    }

    /** What a thread blocked on page {@code idx}'s lock waits for. */
    PageRequest waitFor(long idx, long offset) {
        State s = pages.get(idx);
        if (s == null) return null;
        if (s.waiters == null) s.waiters = new PageRequest(offset);
        return s.waiters;
    }

    /** The page left the object (flush, termination): its state goes and its waiters retry. */
    void forget(long idx) {
        State s = pages.remove(idx);
        if (s != null && s.waiters != null) s.waiters.complete();
    }

    int size() { return pages.size(); }
}
