package org.armach.mach.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An anonymous memory object: resident pages by page index, an optional shadow (the object it
 * copies on write from, at {@link #shadowOffset}), and a reference count (map entries, shadowing
 * objects and in-transit copies). A page absent from the whole chain reads as zeros.
 *
 * <p>Copy-on-write is symmetric as in Mach: an object referenced "needs copy" is frozen, and a
 * writer first puts a new shadow object in front of it. An object mapped by several maps with
 * VM_INHERIT_SHARE is {@link #shared}; it is never frozen (copies of it are made eagerly) and
 * its {@link #sharers} are told when a page is copied up into it.
 */
final class VmObject {
    final HashMap<Long, Long> pages = new HashMap<>();
    VmObject shadow;
    long shadowOffset;
    int refs = 1;
    boolean shared;
    List<TaskVm> sharers;
    /** The external pager providing this object's pages (terminal object, no shadow), or null. */
    Pager pager;
    /** The kernel pager whose fixed frames are this object's pages (no {@link #pages}), or null. */
    KernelPager fixed;

    VmObject() {}

    VmObject(VmObject shadow, long shadowOffset) {
        this.shadow = shadow;
        this.shadowOffset = shadowOffset;
    }

    void addSharer(TaskVm t) {
        shared = true;
        if (sharers == null) sharers = new ArrayList<>();
        if (!sharers.contains(t)) sharers.add(t);
    }

    /** Whether the pages come from a pager (external or kernel). */
    boolean paged() { return pager != null || fixed != null; }

    /**
     * The frame holding byte offset {@code off} (page aligned) anywhere in the chain, or -1
     * (absent everywhere, including a pager's page that is not resident).
     */
    long find(long off, long pageSize) {
        for (VmObject o = this; o != null; o = o.shadow) {
            if (o.fixed != null) return off < o.fixed.size() ? o.fixed.frameAt(off) : -1;
            Long pa = o.pages.get(off / pageSize);
            if (pa != null) return pa;
            off += o.shadowOffset;
        }
        return -1;
    }

    /** Drops a reference; frees the pages of every object of the chain that dies. */
    static void release(VmObject o, PhysPages phys) {
        while (o != null && --o.refs == 0) {
            if (o.pager != null) {
                o.pager.lastReference();
                return;
            }
            if (o.fixed != null) {
                if (o.owner != null) o.owner.forgetFixed(o);
                return;
            }
            for (long pa : o.pages.values()) phys.free(pa);
            o.pages.clear();
            if (o.shadow != null && o.shadow.pager != null) o.shadow.pager.copies.remove(o);
            o = o.shadow;
        }
    }

    /** The registry of a kernel-pager object (to forget it when it dies). */
    Pagers owner;

    /** Frees the resident pages with byte offsets in [from, to). */
    void removePages(long from, long to, PhysPages phys) {
        long ps = phys.pageSize();
        if (pages.isEmpty()) return;
        if ((to - from) / ps > pages.size()) {
            pages.entrySet().removeIf(e -> {
                long off = e.getKey() * ps;
                if (off < from || off >= to) return false;
                phys.free(e.getValue());
                return true;
            });
            return;
        }
        for (long off = from; off < to; off += ps) {
            Long pa = pages.remove(off / ps);
            if (pa != null) phys.free(pa);
        }
    }
}
