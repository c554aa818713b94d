package org.armach.mach.vm;

/**
 * Stage-1 descriptor bits (VMSAv8-64) used by the pmap. User pages: AttrIndx 0 (MAIR attr 0 =
 * Normal write-back), inner shareable, AF set, nG set, PXN set (the kernel never executes user
 * memory); AP[2:1] = 01 for EL0 read/write, 11 for read-only, 00 for execute-only (EL0 may
 * still fetch when UXN = 0); UXN unless the page is executable.
 */
final class PteBits {
    static final long VALID_PAGE = 3, TABLE = 3;
    static final long AP_EL0 = 1L << 6, AP_RO = 1L << 7;
    static final long SH_INNER = 3L << 8, AF = 1L << 10, NG = 1L << 11;
    static final long PXN = 1L << 53, UXN = 1L << 54;
    static final long AP_MASK = 3L << 6;

    /** MAIR_EL1: attr0 Normal WB RW-allocate, attr1 Device-nGnRnE, attr2 Normal non-cacheable. */
    static final long MAIR = 0xffL | (0x00L << 8) | (0x44L << 16);

    private PteBits() {}

    static boolean valid(long desc) {
        return (desc & 3) == 3;
    }

    /** A level-3 page descriptor for {@code pa} with Mach rights (READ 1, WRITE 2, EXECUTE 4); 0 for none. */
    static long page(long pa, int rights) {
        if ((rights & 7) == 0) return 0;
        long d = pa | VALID_PAGE | SH_INNER | AF | NG | PXN;
        return d | apBits(rights) | ((rights & VmSpace.PROT_EXECUTE) == 0 ? UXN : 0);
    }

    private static long apBits(int rights) {
        if ((rights & VmSpace.PROT_WRITE) != 0) return AP_EL0; // write implies read on AArch64
        if ((rights & VmSpace.PROT_READ) != 0) return AP_EL0 | AP_RO;
        return 0; // execute-only
    }

    /** The Mach rights a valid page descriptor grants at EL0. */
    static int rights(long desc) {
        if (!valid(desc)) return 0;
        long ap = desc & AP_MASK;
        int r = ap == AP_EL0 ? VmSpace.PROT_READ | VmSpace.PROT_WRITE : ap == (AP_EL0 | AP_RO) ? VmSpace.PROT_READ : 0;
        return (desc & UXN) == 0 ? r | VmSpace.PROT_EXECUTE : r;
    }
}
