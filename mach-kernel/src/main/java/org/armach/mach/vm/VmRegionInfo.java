package org.armach.mach.vm;

/**
 * One entry of a task's VM map for introspection: [start, end), current and maximum protection
 * (VM_PROT_* bits), inheritance (VM_INHERIT_*), the kind of object behind it ("anonymous", or
 * "shadow" when it copies on write from another object, "none" without an object), whether the
 * object is shared with another map, whether a copy is still pending (needs-copy), the wiring
 * count and the pages resident anywhere in the object's chain for this range.
 */
public record VmRegionInfo(long start, long end, int protection, int maxProtection, int inheritance, String objectKind,
        boolean shared, boolean needsCopy, int wired, long residentPages) {

    public long size() { return end - start; }
}
