package org.armach.core.cpu;

/**
 * A host-side EL1: when registered, exceptions that would vector into EL1 are delivered
 * here instead, after the CPU has set ESR_EL1, FAR_EL1, ELR_EL1, SPSR_EL1 and PSTATE
 * exactly as hardware does. When {@link #handle} returns, the CPU performs an exception
 * return (ERET semantics) from ELR_EL1/SPSR_EL1, which the handler may have changed.
 */
public interface ExceptionHook {
    /**
     * @param cpu    the CPU, now at EL1 with the exception's syndrome recorded
     * @param vectorOffset the offset from VBAR_EL1 hardware would branch to (0x000..0x780)
     */
    void handle(Cpu cpu, int vectorOffset);
}
