package org.armach.core.cpu;

/**
 * Stage-1 address translation as seen by the CPU's memory path. Returns the physical
 * address or throws the {@link GuestException} of the fault after recording it with
 * {@link Cpu#dataAbort} / {@link Cpu#instructionAbort}. Results may be cached in the CPU's
 * software TLB when {@link #cacheable} says so; the translator is told to flush through
 * {@link Cpu#flushTlb()} when its controls change.
 */
public interface Translator {
    int READ = 0, WRITE = 1, FETCH = 2;

    long translate(Cpu cpu, long va, int access, boolean asEl0);

    /** Whether unaligned accesses to normal memory are permitted (SCTLR_ELx.A clear). */
    default boolean alignmentOk(Cpu cpu, long va, int size) {
        return (cpu.sctlr[Math.max(1, cpu.el)] & 2) == 0;
    }

    /** Whether translations may be cached in the software TLB right now. */
    default boolean cacheable(Cpu cpu) {
        return (cpu.sctlr[Math.max(1, cpu.el)] & 2) == 0;
    }

    /** Whether the TLB must be flushed when the exception level changes. */
    default boolean flushOnElChange() { return false; }

    /** Whether EL0 and EL1 see different permissions (so LDTR/STTR need a separate check). */
    default boolean distinguishesPrivilege() { return false; }

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
