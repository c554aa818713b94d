package org.armach.core.cpu.a64;

import org.armach.core.cpu.Cpu;

/**
 * Lane access on the vector registers {@link Cpu#v} (little-endian lanes: lane 0 is the
 * least significant). {@code size} is log2 of the element size in bytes, as in the A64
 * {@code size} fields: 0 = B, 1 = H, 2 = S, 3 = D. Allocation-free.
 */
public final class Lanes {
    private Lanes() {}

    /** Lane {@code idx} of V{@code reg}, zero-extended. */
    public static long lane(Cpu c, int reg, int size, int idx) {
        int bit = idx << (size + 3);
        long w = c.v[2 * reg + ((bit >>> 6) & 1)];
        return size == 3 ? w : (w >>> (bit & 63)) & ((1L << (8 << size)) - 1);
    }

    /** Lane {@code idx} of V{@code reg}, sign-extended. */
    public static long slane(Cpu c, int reg, int size, int idx) {
        int bits = 8 << size;
        long u = lane(c, reg, size, idx);
        return (u << (64 - bits)) >> (64 - bits);
    }

    /** Lane {@code idx} of the 128-bit value hi:lo, zero-extended. */
    public static long lane(long lo, long hi, int size, int idx) {
        int bit = idx << (size + 3);
        long w = (bit & 64) == 0 ? lo : hi;
        return size == 3 ? w : (w >>> (bit & 63)) & ((1L << (8 << size)) - 1);
    }

    /** Sets lane {@code idx} of V{@code reg} to the low bits of {@code val}; other lanes keep their value. */
    public static void setLane(Cpu c, int reg, int size, int idx, long val) {
        int bit = idx << (size + 3);
        int k = 2 * reg + ((bit >>> 6) & 1);
        if (size == 3) {
            c.v[k] = val;
            return;
        }
        int sh = bit & 63;
        long m = ((1L << (8 << size)) - 1) << sh;
        c.v[k] = (c.v[k] & ~m) | ((val << sh) & m);
    }

    /** {@code val} (low 8 << size bits) replicated over 64 bits. */
    public static long replicate(long val, int size) {
        switch (size) {
            case 0: return (val & 0xffL) * 0x0101010101010101L;
            case 1: return (val & 0xffffL) * 0x0001000100010001L;
            case 2: return (val & 0xffffffffL) * 0x0000000100000001L;
            default: return val;
        }
    }

    /** Mask of one element of the given size. */
    public static long mask(int size) {
        return size == 3 ? -1L : (1L << (8 << size)) - 1;
    }
}
