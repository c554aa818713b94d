package org.armach.core.cpu;

/** The execution half of a decoded instruction: reads its operands from {@link Insn}. */
@FunctionalInterface
public interface Op {
    void exec(Cpu c, Insn i);
}
