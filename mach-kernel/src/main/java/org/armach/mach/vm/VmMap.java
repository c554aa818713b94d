package org.armach.mach.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sorted, non-overlapping entries of one address space within [min, max). */
final class VmMap {
    final long min, max;
    private final TreeMap<Long, VmMapEntry> entries = new TreeMap<>();

    VmMap(long min, long max) {
        this.min = min;
        this.max = max;
    }

    /** The entry containing {@code va}, or null. */
    VmMapEntry lookup(long va) {
        Map.Entry<Long, VmMapEntry> e = entries.floorEntry(va);
        return e != null && va < e.getValue().end ? e.getValue() : null;
    }

    /** The entry containing {@code va}, else the first entry after it, else null. */
    VmMapEntry lookupOrNext(long va) {
        VmMapEntry e = lookup(va);
        if (e != null) return e;
        Map.Entry<Long, VmMapEntry> n = entries.higherEntry(va);
        return n == null ? null : n.getValue();
    }

    /** The entry ending exactly at {@code va}, or null. */
    VmMapEntry endingAt(long va) {
        Map.Entry<Long, VmMapEntry> e = entries.lowerEntry(va);
        return e != null && e.getValue().end == va ? e.getValue() : null;
    }

    VmMapEntry next(VmMapEntry e) {
        Map.Entry<Long, VmMapEntry> n = entries.higherEntry(e.start);
        return n == null ? null : n.getValue();
    }

    void insert(VmMapEntry e) { entries.put(e.start, e); }

    void remove(VmMapEntry e) { entries.remove(e.start); }

    Iterable<VmMapEntry> all() { return entries.values(); }

    int size() { return entries.size(); }

    /** True if no entry intersects [start, end). */
    boolean isFree(long start, long end) {
        VmMapEntry e = lookupOrNext(start);
        return e == null || e.start >= end;
    }

    /**
     * The lowest address >= {@code start}, aligned to {@code mask + 1}, where {@code size} bytes
     * fit below {@link #max}; -1 if none.
     */
    long findSpace(long start, long size, long mask) {
        long cand = align(Math.max(start, min), mask);
        for (VmMapEntry e = lookupOrNext(cand); ; e = next(e)) {
            if (cand < 0 || cand > max - size) return -1;
            if (e == null || e.start >= cand + size) return cand;
            if (e.end > cand) cand = align(e.end, mask);
        }
    }

    private static long align(long a, long mask) {
        long r = (a + mask) & ~mask;
        return r < a ? -1 : r;
    }

    /** Splits the entry containing {@code va} so that an entry starts at {@code va}. */
    void clip(long va, PhysPages phys) {
        VmMapEntry e = lookup(va);
        if (e == null || e.start == va) return;
        VmMapEntry tail = e.slice(va, e.end);
        e.object.refs++;
        e.end = va;
        insert(tail);
    }

    /** Clips at both ends and returns the entries inside [start, end) in order. */
    List<VmMapEntry> clipRange(long start, long end, PhysPages phys) {
        clip(start, phys);
        clip(end, phys);
        List<VmMapEntry> out = new ArrayList<>();
        for (VmMapEntry e = lookupOrNext(start); e != null && e.start < end; e = next(e)) out.add(e);
        return out;
    }

    /**
     * Checks that [start, end) is covered by entries without holes, each granting {@code prot};
     * KERN_SUCCESS, KERN_INVALID_ADDRESS (hole) or KERN_PROTECTION_FAILURE.
     */
    int checkCovered(long start, long end, int prot) {
        long at = start;
        for (VmMapEntry e = lookup(start); at < end; e = next(e)) {
            if (e == null || e.start > at) return org.armach.mach.ipc.KernReturn.KERN_INVALID_ADDRESS;
            if ((e.prot & prot) != prot) return org.armach.mach.ipc.KernReturn.KERN_PROTECTION_FAILURE;
            at = e.end;
        }
        return org.armach.mach.ipc.KernReturn.KERN_SUCCESS;
    }
}
