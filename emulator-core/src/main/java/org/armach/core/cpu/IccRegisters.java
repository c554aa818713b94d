package org.armach.core.cpu;

/**
 * The GICv3 CPU interface system registers (ICC_*_EL1) of one PE. When a GICv3 is attached
 * the board sets {@link Cpu#iccRegisters}; {@link SysRegs} then routes MRS/MSR of the ICC
 * encodings here and ID_AA64PFR0_EL1.GIC reads 1. With it null the ICC registers are
 * UNDEFINED, as on a CPU without the system-register interface. Implementations may throw
 * {@code cpu.undefined()} for registers they do not implement (for example ICC_AP0R1_EL1
 * with fewer than 6 priority bits).
 */
public interface IccRegisters {
    int PMR = 0, IAR0 = 1, EOIR0 = 2, HPPIR0 = 3, BPR0 = 4, AP0R0 = 5, AP0R1 = 6, AP0R2 = 7, AP0R3 = 8,
            AP1R0 = 9, AP1R1 = 10, AP1R2 = 11, AP1R3 = 12, DIR = 13, RPR = 14, SGI1R = 15, ASGI1R = 16,
            SGI0R = 17, IAR1 = 18, EOIR1 = 19, HPPIR1 = 20, BPR1 = 21, CTLR = 22, SRE = 23, IGRPEN0 = 24,
            IGRPEN1 = 25;

    long read(Cpu cpu, int reg);

    void write(Cpu cpu, int reg, long value);
}
