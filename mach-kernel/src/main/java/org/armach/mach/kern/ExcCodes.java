package org.armach.mach.kern;

/** Mach exception types and the AArch64 codes (PROTOCOLS §4.2). */
public final class ExcCodes {
    private ExcCodes() {}

    public static final int EXC_BAD_ACCESS = 1, EXC_BAD_INSTRUCTION = 2, EXC_ARITHMETIC = 3,
            EXC_EMULATION = 4, EXC_SOFTWARE = 5, EXC_BREAKPOINT = 6;
    public static final int EXC_AARCH64_UNK = 1, EXC_AARCH64_IL = 2;
    public static final int EXC_AARCH64_SVC = 1;
    public static final int EXC_AARCH64_AL = 100, EXC_AARCH64_AL_PC = 101, EXC_AARCH64_AL_SP = 102,
            EXC_AARCH64_PAC = 103, EXC_AARCH64_BTI = 104;
    public static final int EXC_AARCH64_BRK = 1, EXC_AARCH64_SS = 2, EXC_AARCH64_BREAKPT = 3;
    public static final int EXC_AARCH64_IDF = 1, EXC_AARCH64_IXF = 2, EXC_AARCH64_UFF = 3,
            EXC_AARCH64_OFF = 4, EXC_AARCH64_DZF = 5, EXC_AARCH64_IOF = 6;
}
