package org.armach.core.cpu;

/**
 * A pre-decoded instruction, cached per physical code page. Decoders fill the operand
 * fields once; the {@link Op} reads them on every execution. Register numbers are already
 * mapped to {@link Cpu#r} indices: reading the zero register uses {@link Cpu#ZR}, writing it
 * {@link Cpu#SINK}, and the stack pointer is {@link Cpu#SP}.
 */
public final class Insn {
    public Op op;
    /** The raw encoding. */
    public int raw;
    /** Name of the matched encoding (for tracing, fuzzing, statistics). */
    public String name;
    public int rd, rn, rm, ra, rt2;
    /** Decoder-defined small fields (size, shift type, condition, element size, ...). */
    public int a, b, c, e;
    /** Decoder-defined immediates (already sign-extended / scaled / expanded). */
    public long imm, imm2;

    public Insn() {}

    public Insn(int raw) { this.raw = raw; }

    @Override
    public String toString() {
        return String.format("%08x %s", raw, name);
    }
}
