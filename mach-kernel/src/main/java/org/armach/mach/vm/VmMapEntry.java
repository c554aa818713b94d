package org.armach.mach.vm;

/** One entry of a task's map: [start, end) backed by {@link #object} at {@link #offset}. */
final class VmMapEntry {
    long start, end;
    VmObject object;
    long offset;
    int prot, maxProt, inherit;
    int wired;
    /** The object is frozen (copy-on-write pending): the first write puts a shadow in front. */
    boolean needsCopy;
    /** The object is shared with another map (vm_region's is_shared). */
    boolean shared;

    VmMapEntry(long start, long end, VmObject object, long offset, int prot, int maxProt, int inherit) {
        this.start = start;
        this.end = end;
        this.object = object;
        this.offset = offset;
        this.prot = prot;
        this.maxProt = maxProt;
        this.inherit = inherit;
    }

    long size() { return end - start; }

    /** A copy of this entry's attributes for [start, end) sharing the object (the caller counts the reference). */
    VmMapEntry slice(long s, long e) {
        VmMapEntry n = new VmMapEntry(s, e, object, offset + (s - start), prot, maxProt, inherit);
        n.wired = wired;
        n.needsCopy = needsCopy;
        n.shared = shared;
        return n;
    }

    /** Object offset of {@code va}. */
    long offsetOf(long va) { return offset + (va - start); }
}
