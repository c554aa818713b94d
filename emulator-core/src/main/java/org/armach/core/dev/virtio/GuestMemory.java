package org.armach.core.dev.virtio;

import org.armach.core.cpu.Cpu;
import org.armach.core.mem.PhysicalMemory;

/**
 * Device DMA into guest RAM. Every access is range-checked (a guest address outside RAM is a
 * {@link VirtioException}, never a host exception), and every write drops decoded instructions
 * it overlaps ({@link Cpu#invalidateCode}) so self-modified or DMA-loaded code stays coherent.
 * Only RAM is a DMA target on the virt board (QEMU would also reach MMIO; no driver does that).
 */
public final class GuestMemory {
    /** Called after device writes to RAM. */
    @FunctionalInterface
    public interface CodeInvalidator {
        void invalidate(long pa, long len);
    }

    /** Receives one host-array piece of a guest range (never crossing a 4 KiB page). */
    @FunctionalInterface
    public interface ChunkVisitor {
        /** @param done bytes of the range before this piece */
        void visit(byte[] page, int off, int len, long done) throws java.io.IOException;
    }

    private final PhysicalMemory ram;
    private final CodeInvalidator invalidator;

    public GuestMemory(PhysicalMemory ram, CodeInvalidator invalidator) {
        this.ram = ram;
        this.invalidator = invalidator == null ? (pa, len) -> {} : invalidator;
    }

    /** DMA for a board's CPU. */
    public static GuestMemory of(Cpu cpu, PhysicalMemory ram) {
        return new GuestMemory(ram, cpu::invalidateCode);
    }

    public PhysicalMemory ram() { return ram; }

    /** Whether [pa, pa+len) lies wholly in RAM (len may be 0). */
    public boolean contains(long pa, long len) {
        return len >= 0 && ram.contains(pa) && Long.compareUnsigned(len, ram.size() - (pa - ram.base())) <= 0;
    }

    private void check(long pa, long len, String what) throws VirtioException {
        if (!contains(pa, len)) throw new VirtioException(String.format("%s at 0x%x (0x%x bytes) is outside guest RAM", what, pa, len));
    }

    public int read16(long pa, String what) throws VirtioException {
        check(pa, 2, what);
        return (int) ram.read(pa, 2);
    }

    public long read32(long pa, String what) throws VirtioException {
        check(pa, 4, what);
        return ram.read(pa, 4);
    }

    public long read64(long pa, String what) throws VirtioException {
        check(pa, 8, what);
        return ram.read(pa, 8);
    }

    public void write16(long pa, int v, String what) throws VirtioException {
        check(pa, 2, what);
        ram.write(pa, 2, v);
        invalidator.invalidate(pa, 2);
    }

    public void write32(long pa, long v, String what) throws VirtioException {
        check(pa, 4, what);
        ram.write(pa, 4, v);
        invalidator.invalidate(pa, 4);
    }

    public void read(long pa, byte[] dst, int off, int len, String what) throws VirtioException {
        check(pa, len, what);
        ram.copyOut(pa, dst, off, len);
    }

    public void write(long pa, byte[] src, int off, int len, String what) throws VirtioException {
        check(pa, len, what);
        ram.load(pa, src, off, len);
        invalidator.invalidate(pa, len);
    }

    /**
     * Visits [pa, pa+len) as host arrays (for zero-copy file I/O). If {@code writing} the range is
     * invalidated for decoded code afterwards (also when the visitor fails part-way).
     */
    public void visit(long pa, long len, boolean writing, ChunkVisitor v, String what) throws VirtioException, java.io.IOException {
        check(pa, len, what);
        try {
            long done = 0;
            while (done < len) {
                long a = pa + done;
                int po = (int) (a & PhysicalMemory.PAGE_MASK);
                int n = (int) Math.min(len - done, PhysicalMemory.PAGE_SIZE - po);
                v.visit(ram.page(ram.pageIndex(a)), po, n, done);
                done += n;
            }
        } finally {
            if (writing && len > 0) invalidator.invalidate(pa, len);
        }
    }
}
