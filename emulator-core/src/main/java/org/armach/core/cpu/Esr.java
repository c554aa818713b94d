package org.armach.core.cpu;

/** Exception classes (ESR_ELx.EC) and fault status codes of the AArch64 architecture. */
public final class Esr {
    private Esr() {}

    public static final int EC_UNKNOWN = 0x00;
    public static final int EC_WFX = 0x01;
    public static final int EC_FP_ACCESS = 0x07;
    public static final int EC_ILLEGAL_STATE = 0x0e;
    public static final int EC_SVC64 = 0x15;
    public static final int EC_HVC64 = 0x16;
    public static final int EC_SMC64 = 0x17;
    public static final int EC_SYSREG = 0x18;
    public static final int EC_IABT_LOWER = 0x20;
    public static final int EC_IABT_SAME = 0x21;
    public static final int EC_PC_ALIGN = 0x22;
    public static final int EC_DABT_LOWER = 0x24;
    public static final int EC_DABT_SAME = 0x25;
    public static final int EC_SP_ALIGN = 0x26;
    public static final int EC_FP_EXC64 = 0x2c;
    public static final int EC_SERROR = 0x2f;
    public static final int EC_BREAKPT_LOWER = 0x30;
    public static final int EC_BREAKPT_SAME = 0x31;
    public static final int EC_SOFTSTEP_LOWER = 0x32;
    public static final int EC_SOFTSTEP_SAME = 0x33;
    public static final int EC_WATCHPT_LOWER = 0x34;
    public static final int EC_WATCHPT_SAME = 0x35;
    public static final int EC_BRK64 = 0x3c;

    /** Fault status codes (DFSC/IFSC). Add the level (0..3) to the level-dependent ones. */
    public static final int FSC_ADDR_SIZE = 0x00;
    public static final int FSC_TRANSLATION = 0x04;
    public static final int FSC_ACCESS_FLAG = 0x08;
    public static final int FSC_PERMISSION = 0x0c;
    public static final int FSC_SYNC_EXTERNAL = 0x10;
    public static final int FSC_ALIGNMENT = 0x21;

    /** ISS bit WnR of data aborts. */
    public static final int ISS_WNR = 1 << 6;
}
