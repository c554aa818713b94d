package org.armach.core.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space: one RAM range plus MMIO windows. Lookups of MMIO windows
 * are linear over a short sorted list; RAM accesses never come here on the fast path
 * because the CPU's software TLB points straight at RAM pages.
 */
public final class Bus {
    /** A mapped device window. */
    public static final class Region {
        public final long base, size;
        public final MmioDevice device;

        Region(long base, long size, MmioDevice device) {
            this.base = base;
            this.size = size;
            this.device = device;
        }

        public boolean contains(long pa) { return Long.compareUnsigned(pa - base, size) < 0; }
    }

    private final PhysicalMemory ram;
    private final List<Region> regions = new ArrayList<>();
    private Region[] lookup = new Region[0];

    public Bus(PhysicalMemory ram) {
        this.ram = ram;
    }

    public PhysicalMemory ram() { return ram; }

    public void map(long base, long size, MmioDevice dev) {
        for (Region r : regions) {
            if (Long.compareUnsigned(base, r.base + r.size) < 0 && Long.compareUnsigned(r.base, base + size) < 0)
                throw new IllegalArgumentException(String.format("MMIO window 0x%x+0x%x of %s overlaps %s", base, size, dev.name(), r.device.name()));
        }
        if (ram.contains(base) || ram.contains(base + size - 1))
            throw new IllegalArgumentException(String.format("MMIO window 0x%x of %s overlaps RAM", base, dev.name()));
        regions.add(new Region(base, size, dev));
        regions.sort((a, b) -> Long.compareUnsigned(a.base, b.base));
        lookup = regions.toArray(new Region[0]);
    }

    public Region findRegion(long pa) {
        for (Region r : lookup) if (r.contains(pa)) return r;
        return null;
    }

    public List<Region> regions() { return List.copyOf(regions); }
}
