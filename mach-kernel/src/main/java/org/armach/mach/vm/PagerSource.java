package org.armach.mach.vm;

/**
 * Where a kernel-side reader of an object chain (an out-of-line copy consumed by a kernel
 * server) finds one page: {@link #PRESENT} (a frame, or zero fill), {@link #ERROR} (the pager
 * declared the page in error or is gone), or the {@link PageRequest} to wait for (a
 * data_request, or a data_unlock of a read-locked page, sent as a fault would).
 */
final class PagerSource {
    static final Object PRESENT = new Object(), ERROR = new Object();

    private PagerSource() {}

    static Object lookup(VmObject o, long off, long ps) {
        for (; o != null; off += o.shadowOffset, o = o.shadow) {
            long idx = off / ps;
            boolean resident = o.pages.containsKey(idx);
            if (o.pager != null) return pagerPage(o.pager, idx, off, resident);
            if (resident || o.fixed != null) return PRESENT;
        }
        return PRESENT;
    }

    private static Object pagerPage(Pager p, long idx, long off, boolean resident) {
        if (resident) {
            if ((p.locks.lock(idx) & VmSpace.PROT_READ) == 0) return PRESENT;
            PageRequest r = p.unlock(idx, VmSpace.PROT_READ);
            return r == null ? PRESENT : r;
        }
        if (p.takeError(idx) || p.terminated) return ERROR;
        return p.request(off, VmSpace.PROT_READ);
    }
}
