package org.armach.core.cpu;

/**
 * Receiver of the CPU's trace events (QEMU's {@code -d} items). Installed with
 * {@link Cpu#setTracer}; a CPU without a tracer pays nothing for tracing.
 */
public interface Tracer {
    /** Whether {@link #exec} wants every instruction (forces the instrumented loop). */
    boolean tracesExec();

    /** An instruction is about to execute at {@link Cpu#pc}. */
    void exec(Cpu c, Insn insn);

    /** An instruction was decoded (first execution of that word at that physical place). */
    void decoded(Cpu c, long va, Insn insn);

    /**
     * An exception is being taken: {@code kind} 0 sync, 1 IRQ, 2 FIQ, 3 SError; {@code from} and
     * {@code to} are the ELs, {@code newPc} the vector (or -1 when a host handler takes it).
     */
    void exception(Cpu c, int kind, int ec, long esr, boolean farValid, long far, long elr, int from, int to, long newPc);

    /** HVC/SMC answered by firmware (PSCI) instead of being taken as an exception. */
    void firmwareCall(Cpu c, boolean smc, int imm16);

    /** An exception return (ERET) from EL {@code from} to {@code to} at {@code pc}. */
    void exceptionReturn(Cpu c, int from, int to, long pc);

    /** An UNDEFINED instruction word is about to raise its exception. */
    void undefined(Cpu c, long va, int word);

    /** A guest access to a physical address with nothing behind it, or a register a device does not implement. */
    void guestError(Cpu c, long va, long pa, int size, boolean write, String device);
}
