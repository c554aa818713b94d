package org.armach.core.cpu.mmu;

import org.armach.core.mem.PhysicalMemory;

/**
 * Builds VMSAv8-64 stage-1 translation tables in guest RAM from Java, independently of the
 * {@link Mmu}: the caller states the granule, the input size and the start level, and the
 * builder derives each level's index field from them.
 */
final class PageTables {
    // descriptor bits
    static final long VALID = 1, TABLE = 3, PAGE = 3, BLOCK = 1;
    static final long AP_EL0 = 1L << 6, AP_RO = 1L << 7, AF = 1L << 10, NG = 1L << 11;
    static final long SH_INNER = 3L << 8, SH_OUTER = 2L << 8;
    static final long PXN = 1L << 53, UXN = 1L << 54;
    static final long PXN_TABLE = 1L << 59, UXN_TABLE = 1L << 60, AP_TABLE_NO_EL0 = 1L << 61, AP_TABLE_RO = 1L << 62;

    static long attrIndx(int i) { return (long) i << 2; }

    final PhysicalMemory ram;
    /** log2 of the granule (12, 14, 16). */
    final int g;
    final int inputSize, startLevel;
    final long root;
    private long next;

    /** Tables are allocated from {@code pool} upwards (granule-aligned). */
    PageTables(PhysicalMemory ram, int granuleLog2, int inputSize, int startLevel, long pool) {
        this.ram = ram;
        this.g = granuleLog2;
        this.inputSize = inputSize;
        this.startLevel = startLevel;
        this.next = pool;
        this.root = alloc();
    }

    int stride() { return g - 3; }

    /** VA bit where the index of {@code level} starts. */
    int shift(int level) { return g + (g - 3) * (3 - level); }

    long size(int level) { return 1L << shift(level); }

    private int indexBits(int level) {
        return level == startLevel ? inputSize - shift(level) : g - 3;
    }

    long alloc() {
        long t = next;
        next += 1L << g;
        for (long k = 0; k < (1L << g); k += 8) ram.write(t + k, 8, 0);
        return t;
    }

    /** Physical address of the descriptor for {@code va} at {@code level}, creating tables on the way. */
    long slot(long va, int level) {
        long table = root;
        for (int l = startLevel; ; l++) {
            long idx = (va >>> shift(l)) & ((1L << indexBits(l)) - 1);
            long da = table + 8 * idx;
            if (l == level) return da;
            long d = ram.read(da, 8);
            if ((d & 3) != 3) {
                long t = alloc();
                d = t | TABLE;
                ram.write(da, 8, d);
            }
            table = d & 0x0000_ffff_ffff_f000L & -(1L << g);
        }
    }

    /** Maps a page (level 3) or block (level < 3) at {@code va} to {@code pa} with the given attribute bits. */
    PageTables map(long va, long pa, int level, long attrs) {
        ram.write(slot(va, level), 8, pa | attrs | (level == 3 ? PAGE : BLOCK));
        return this;
    }

    /** Maps one granule page with AF set and the given extra bits. */
    PageTables page(long va, long pa, long attrs) {
        return map(va, pa, 3, attrs | AF);
    }

    /** Sets extra bits (APTable, XNTable...) on the table descriptor for {@code va} at {@code level}. */
    PageTables tableBits(long va, int level, long bits) {
        slot(va, level + 1); // make sure it exists
        long da = slot(va, level);
        ram.write(da, 8, ram.read(da, 8) | bits);
        return this;
    }

    /** Overwrites the raw descriptor for {@code va} at {@code level}. */
    PageTables raw(long va, int level, long desc) {
        ram.write(slot(va, level), 8, desc);
        return this;
    }

    long read(long va, int level) {
        return ram.read(slot(va, level), 8);
    }
}
