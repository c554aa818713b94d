package org.armach.core.cpu.a64;

import org.armach.core.cpu.Cpu;

/** Field extraction and register-index mapping shared by the A64 decoders. */
public final class Bits {
    private Bits() {}

    /** Bits [hi:lo] of w, zero-extended. */
    public static int bits(int w, int hi, int lo) {
        return (w >>> lo) & (int) ((1L << (hi - lo + 1)) - 1);
    }

    public static int bit(int w, int b) {
        return (w >>> b) & 1;
    }

    /** Sign-extends the low {@code width} bits of v. */
    public static long sext(long v, int width) {
        return (v << (64 - width)) >> (64 - width);
    }

    /** Register index for a source operand where 31 means XZR. */
    public static int rz(int n) { return n == 31 ? Cpu.ZR : n; }

    /** Register index for a destination operand where 31 means XZR (write discarded). */
    public static int wz(int n) { return n == 31 ? Cpu.SINK : n; }

    /** Register index for an operand where 31 means SP (source or destination). */
    public static int rsp(int n) { return n == 31 ? Cpu.SP : n; }

    /** A mask of the low n bits (n in 0..64). */
    public static long ones(int n) { return n >= 64 ? -1L : (1L << n) - 1; }
}
