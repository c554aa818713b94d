package org.armach.mach.vm;

/**
 * What {@code vm_region} reports for one map entry. {@code objectName} is the {@link Pager} of an
 * entry mapping an external memory object (vm_region answers a send right to its name port),
 * null otherwise.
 */
public record Region(long start, long size, int protection, int maxProtection, int inheritance, boolean shared, long offset,
        Object objectName) {
    public Region(long start, long size, int protection, int maxProtection, int inheritance, boolean shared, long offset) {
        this(start, size, protection, maxProtection, inheritance, shared, offset, null);
    }
}
