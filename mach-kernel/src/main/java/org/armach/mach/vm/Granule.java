package org.armach.mach.vm;

/**
 * The AArch64 translation granule matching the kernel's page size, with a 48-bit user VA
 * (T0SZ = 16) for every granule, so the user range 0 .. 0x1_0000_0000_0000 is the same
 * whatever the page size:
 * <ul>
 * <li>4K: TG0 = 00, 9 bits per level, walk starts at level 0 (4 levels, 512-entry level 0);</li>
 * <li>16K: TG0 = 10, 11 bits per level, starts at level 0 (4 levels, level 0 has 2 entries);</li>
 * <li>64K: TG0 = 01, 13 bits per level, starts at level 1 (3 levels, level 1 has 64 entries).</li>
 * </ul>
 * Only level-3 page descriptors are used (no blocks).
 */
public final class Granule {
    public static final int VA_BITS = 48;

    public final int shift;
    public final long size;
    /** Index bits per level (shift - 3). */
    public final int bits;
    public final int startLevel;
    /** TCR_EL1.TG0 and TG1 encodings of this granule. */
    public final int tg0, tg1;

    private Granule(int shift, int tg0, int tg1) {
        this.shift = shift;
        this.size = 1L << shift;
        this.bits = shift - 3;
        this.tg0 = tg0;
        this.tg1 = tg1;
        int levels = (VA_BITS - shift + bits - 1) / bits;
        this.startLevel = 4 - levels;
    }

    /** The granule for a page size of 4096, 16384 or 65536 bytes. */
    public static Granule of(long pageSize) {
        if (pageSize == 4096) return new Granule(12, 0, 2);
        if (pageSize == 16384) return new Granule(14, 2, 1);
        if (pageSize == 65536) return new Granule(16, 1, 3);
        throw new IllegalArgumentException("page size must be 4K, 16K or 64K: " + pageSize);
    }

    /** Shift of the VA bits that index a table at {@code level}. */
    public int levelShift(int level) {
        return shift + bits * (3 - level);
    }

    /** Number of entries of a table at {@code level}. */
    public int entries(int level) {
        int width = level == startLevel ? VA_BITS - levelShift(level) : bits;
        return 1 << width;
    }

    public int index(long va, int level) {
        return (int) ((va >>> levelShift(level)) & (entries(level) - 1));
    }

    /** Output address of a table or page descriptor (bits [47:shift]). */
    public long outputAddress(long desc) {
        return desc & 0x0000_ffff_ffff_ffffL & ~(size - 1);
    }
}
