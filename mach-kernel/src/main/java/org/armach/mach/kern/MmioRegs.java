package org.armach.mach.kern;

import org.armach.core.mem.Bus;

/** 32-bit device-register accesses through the physical bus, as a driver's readl/writel. */
public final class MmioRegs {
    private final Bus bus;
    private final long base;

    public MmioRegs(Bus bus, long base) {
        this.bus = bus;
        this.base = base;
    }

    public int read(long offset) {
        Bus.Region r = region(offset);
        return (int) r.device.read(base + offset - r.base, 4);
    }

    public void write(long offset, int value) {
        Bus.Region r = region(offset);
        r.device.write(base + offset - r.base, 4, value & 0xffffffffL);
    }

    public void write64(long offset, long value) {
        write(offset, (int) value);
        write(offset + 4, (int) (value >>> 32));
    }

    /** Read-modify-write of one byte lane (byte-indexed register arrays such as IPRIORITYR). */
    public void writeByte(long offset, int value) {
        long word = offset & ~3L;
        int shift = (int) (offset & 3) * 8;
        write(word, (read(word) & ~(0xff << shift)) | (value & 0xff) << shift);
    }

    private Bus.Region region(long offset) {
        Bus.Region r = bus.findRegion(base + offset);
        if (r == null || r.device == null) throw new IllegalStateException(String.format("no device at 0x%x", base + offset));
        return r;
    }
}
