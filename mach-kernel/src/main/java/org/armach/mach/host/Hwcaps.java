package org.armach.mach.host;

import org.armach.core.cpu.CpuModel;

/**
 * HWCAP / HWCAP2 words as Linux's AT_HWCAP computes them from the CPU's ID registers
 * (ID_AA64PFR0/PFR1/ISAR0/ISAR1/MMFR2); CPUID, EVTSTRM and SVE are never set (PROTOCOLS §4.3).
 */
public final class Hwcaps {
    private Hwcaps() {}

    public static final long FP = 1L << 0, ASIMD = 1L << 1, AES = 1L << 3, PMULL = 1L << 4, SHA1 = 1L << 5,
            SHA2 = 1L << 6, CRC32 = 1L << 7, ATOMICS = 1L << 8, FPHP = 1L << 9, ASIMDHP = 1L << 10,
            ASIMDRDM = 1L << 12, JSCVT = 1L << 13, FCMA = 1L << 14, LRCPC = 1L << 15, DCPOP = 1L << 16,
            SHA3 = 1L << 17, SM3 = 1L << 18, SM4 = 1L << 19, ASIMDDP = 1L << 20, SHA512 = 1L << 21,
            ASIMDFHM = 1L << 23, DIT = 1L << 24, USCAT = 1L << 25, ILRCPC = 1L << 26, FLAGM = 1L << 27,
            SSBS = 1L << 28, SB = 1L << 29;
    public static final long HWCAP2_DCPODP = 1L << 0, HWCAP2_FLAGM2 = 1L << 7, HWCAP2_FRINT = 1L << 8,
            HWCAP2_I8MM = 1L << 13, HWCAP2_BF16 = 1L << 14, HWCAP2_DGH = 1L << 15, HWCAP2_RNG = 1L << 16,
            HWCAP2_BTI = 1L << 17;

    static int f(long reg, int lsb) {
        return (int) (reg >>> lsb) & 0xf;
    }

    /** Signed ID field: 0xF means "not implemented". */
    static boolean sgn(long reg, int lsb, int min) {
        int v = f(reg, lsb);
        return v != 0xf && v >= min;
    }

    public static long hwcap(CpuModel m) {
        long pfr0 = m.idAa64pfr0(), pfr1 = m.idAa64pfr1(), isar0 = m.idAa64isar0(), isar1 = m.idAa64isar1(), mmfr2 = m.idAa64mmfr2();
        long h = 0;
        if (sgn(pfr0, 16, 0)) h |= FP;
        if (sgn(pfr0, 16, 1)) h |= FPHP;
        if (sgn(pfr0, 20, 0)) h |= ASIMD;
        if (sgn(pfr0, 20, 1)) h |= ASIMDHP;
        if (f(pfr0, 48) >= 1) h |= DIT;
        if (f(pfr1, 4) >= 2) h |= SSBS;
        if (f(isar0, 4) >= 1) h |= AES;
        if (f(isar0, 4) >= 2) h |= PMULL;
        if (f(isar0, 8) >= 1) h |= SHA1;
        if (f(isar0, 12) >= 1) h |= SHA2;
        if (f(isar0, 12) >= 2) h |= SHA512;
        if (f(isar0, 16) >= 1) h |= CRC32;
        if (f(isar0, 20) >= 2) h |= ATOMICS;
        if (f(isar0, 28) >= 1) h |= ASIMDRDM;
        if (f(isar0, 32) >= 1) h |= SHA3;
        if (f(isar0, 36) >= 1) h |= SM3;
        if (f(isar0, 40) >= 1) h |= SM4;
        if (f(isar0, 44) >= 1) h |= ASIMDDP;
        if (f(isar0, 48) >= 1) h |= ASIMDFHM;
        if (f(isar0, 52) >= 1) h |= FLAGM;
        if (f(isar1, 0) >= 1) h |= DCPOP;
        if (f(isar1, 12) >= 1) h |= JSCVT;
        if (f(isar1, 16) >= 1) h |= FCMA;
        if (f(isar1, 20) >= 1) h |= LRCPC;
        if (f(isar1, 20) >= 2) h |= ILRCPC;
        if (f(isar1, 36) >= 1) h |= SB;
        if (f(mmfr2, 32) >= 1) h |= USCAT;
        return h;
    }

    public static long hwcap2(CpuModel m) {
        long pfr1 = m.idAa64pfr1(), isar0 = m.idAa64isar0(), isar1 = m.idAa64isar1();
        long h = 0;
        if (f(isar1, 0) >= 2) h |= HWCAP2_DCPODP;
        if (f(isar0, 52) >= 2) h |= HWCAP2_FLAGM2;
        if (f(isar1, 32) >= 1) h |= HWCAP2_FRINT;
        if (f(isar1, 52) >= 1) h |= HWCAP2_I8MM;
        if (f(isar1, 44) >= 1) h |= HWCAP2_BF16;
        if (f(isar1, 48) >= 1) h |= HWCAP2_DGH;
        if (f(isar0, 60) >= 1) h |= HWCAP2_RNG;
        if (f(pfr1, 0) >= 1) h |= HWCAP2_BTI;
        return h;
    }
}
