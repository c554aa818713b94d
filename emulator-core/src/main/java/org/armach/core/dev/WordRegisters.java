package org.armach.core.dev;

import org.armach.core.mem.MmioDevice;

/**
 * Base of AMBA APB devices whose registers are 32 bits wide but which accept 8-, 16- and
 * 32-bit accesses (as QEMU's implementations with 4-byte {@code impl} sizes do): a narrow
 * read returns the addressed bytes of the register, a narrow write writes the value
 * shifted into place (other bytes zero). 64-bit accesses are refused (external abort).
 */
public abstract class WordRegisters implements MmioDevice {
    /** Reads the 32-bit register at a word-aligned offset. */
    protected abstract int readReg(int offset);

    /** Writes the 32-bit register at a word-aligned offset. */
    protected abstract void writeReg(int offset, int value);

    @Override
    public final long read(long offset, int size) {
        int shift = (int) (offset & 3) * 8;
        long v = (readReg((int) offset & ~3) & 0xffffffffL) >>> shift;
        return size >= 4 ? v : v & ((1L << (8 * size)) - 1);
    }

    @Override
    public final void write(long offset, int size, long value) {
        int shift = (int) (offset & 3) * 8;
        long v = size >= 4 ? value : value & ((1L << (8 * size)) - 1);
        writeReg((int) offset & ~3, (int) (v << shift));
    }

    @Override
    public boolean accepts(long offset, int size, boolean write) {
        return size <= 4 && (offset & (size - 1)) == 0;
    }

    /** PrimeCell peripheral/cell ID registers at 0xFE0..0xFFC, or -1 if not an ID offset. */
    protected static int primeCellId(int offset, int[] id) {
        if (offset >= 0xfe0 && offset <= 0xffc) return id[(offset - 0xfe0) >> 2];
        return -1;
    }
}
