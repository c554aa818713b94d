package org.armach.mach.vm;

/** A range of guest physical addresses (from the device tree's /memory, or a reserved range). */
public record PhysRange(long base, long size) {
    public long end() { return base + size; }
}
