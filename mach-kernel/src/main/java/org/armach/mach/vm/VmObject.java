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

    /** The frame holding byte offset {@code off} (page aligned) anywhere in the chain, or -1. */
    long find(long off, long pageSize) {
        for (VmObject o = this; o != null; o = o.shadow) {
            Long pa = o.pages.get(off / pageSize);
            if (pa != null) return pa;
            off += o.shadowOffset;
        }
        return -1;
    }

    /** Drops a reference; frees the pages of every object of the chain that dies. */
    static void release(VmObject o, PhysPages phys) {
        while (o != null && --o.refs == 0) {
            for (long pa : o.pages.values()) phys.free(pa);
            o.pages.clear();
            o = o.shadow;
        }
    }

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
