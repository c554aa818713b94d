package org.armach.core.cpu;

/**
 * Stage-1 address translation as seen by the CPU's memory path. Returns the physical
 * address or throws the {@link GuestException} of the fault after recording it with
 * {@link Cpu#dataAbort} / {@link Cpu#instructionAbort}. Results may be cached in the CPU's
 * software TLB when {@link #cacheable} says so and {@link #lastInfo} does not mark the
 * page as Device memory; the translator is told to flush through {@link Cpu#flushTlb()}
 * when its controls change. The default translator is {@code org.armach.core.cpu.mmu.Mmu}.
 */
public interface Translator {
    int READ = 0, WRITE = 1, FETCH = 2;

    /** {@link #lastInfo} bit: the page is Device memory (unaligned accesses fault, never in the soft TLB). */
    int INFO_DEVICE = 1 << 24;
    /** {@link #lastInfo} bit: the translation is not global (nG = 1): tied to the current ASID. */
    int INFO_NG = 1 << 23;

    /** Added to a {@link #tlbi} op for the Inner Shareable (broadcast) forms. */
    int TLBI_IS = 8;

    long translate(Cpu cpu, long va, int access, boolean asEl0);

    /** Whether unaligned accesses to normal memory are permitted (SCTLR_ELx.A clear). */
    default boolean alignmentOk(Cpu cpu, long va, int size) {
        return (cpu.sctlr[Math.max(1, cpu.el)] & 2) == 0;
    }

    /** Whether translations may be cached in the software TLB right now. */
    default boolean cacheable(Cpu cpu) {
        return (cpu.sctlr[Math.max(1, cpu.el)] & 2) == 0;
    }

    /** Attributes of the last successful {@link #translate}: {@link #INFO_DEVICE}, {@link #INFO_NG}. */
    default int lastInfo() { return 0; }

    /**
     * For a debugger: the physical address {@code va} translates to in the current regime,
     * ignoring permissions, or -1 if the translation faults. No exception is taken and
     * translation caches may be filled (the default implementation may also change {@link #lastInfo}).
     */
    default long debugTranslate(Cpu cpu, long va) {
        try {
            return translate(cpu, va, READ, false);
        } catch (GuestException e) {
            return -1;
        }
    }

    /** Whether the TLB must be flushed when the exception level changes. */
    default boolean flushOnElChange() { return false; }

    /** Whether EL0 and EL1 see different permissions (so LDTR/STTR need a separate check). */
    default boolean distinguishesPrivilege() { return false; }

    /**
     * TLBI: {@code op} is op2 of the TLBI VMALLE1/VAE1/ASIDE1/VAAE1/VALE1/VAALE1 encodings
     * (0, 1, 2, 3, 5, 7), plus {@link #TLBI_IS} for the Inner Shareable forms, {@code operand}
     * the value of Xt (ASID in [63:48], VA[55:12] in [43:0]).
     */
    default void tlbi(Cpu cpu, int op, long operand) { cpu.flushTlb(); }

    /**
     * AT S1E1R/W (el0 = false), S1E0R/W (el0 = true), S1E1RP/WP (pan = true): the PAR_EL1
     * value for a stage-1 translation of {@code va} with {@code access} (READ or WRITE).
     */
    default long at(Cpu cpu, long va, int access, boolean el0, boolean pan) {
        try {
            long pa = translate(cpu, va, access, el0);
            boolean mmuOn = (cpu.sctlr[1] & 1) != 0;
            // Attributes: Normal WB inner-shareable with the MMU on, Device-nGnRnE otherwise.
            long attrs = mmuOn ? (0xffL << 56) | (3L << 7) : (2L << 7);
            return attrs | (pa & 0x000f_ffff_ffff_f000L) | (1L << 11);
        } catch (GuestException e) {
            int fst = cpu.pendingIss() & 0x3f;
            return 1L | ((long) fst << 1) | (1L << 11);
        }
    }

    /**
     * Flat mapping: the MMU is off (SCTLR_EL1.M = 0). Addresses beyond the physical
     * address size of the model raise a level-0 address size fault.
     */
    Translator IDENTITY = (cpu, va, access, asEl0) -> {
        if ((va >>> cpu.paBits) != 0) {
            if (access == FETCH) throw cpu.instructionAbort(va, Esr.FSC_ADDR_SIZE);
            throw cpu.dataAbort(va, Esr.FSC_ADDR_SIZE, access == WRITE);
        }
        return va;
    };
}
