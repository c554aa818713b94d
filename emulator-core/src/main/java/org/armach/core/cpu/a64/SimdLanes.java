package org.armach.core.cpu.a64;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;

/**
 * Lane machinery shared by the AdvSIMD integer sections ({@link SimdIntThreeSame},
 * {@link SimdIntThreeDiff}, {@link SimdIntMisc}, {@link SimdShiftImm}, {@link SimdIntIndexed}).
 *
 * <p>Vector register n lives in {@code c.v[2n]} (bits 63:0) and {@code c.v[2n+1]} (bits
 * 127:64). The loops read every source element before writing the destination, so any
 * register aliasing is safe, and they never allocate. Each element operation is a
 * non-capturing lambda passed as a constant by its {@code Op}; once a loop is inlined into
 * that Op the call is monomorphic.
 *
 * <p>Insn fields used by these loops: {@code rd rn rm} raw V register numbers, {@code a}
 * element size in bits (for widening/narrowing ops: the narrow size), {@code b} Q (or the
 * "2" part selector), {@code c} element index (by-element forms), {@code imm} shift amount.
 */
final class SimdLanes {
    private SimdLanes() {}

    /** FPSR.QC, the cumulative saturation bit. */
    static final int QC = 1 << 27;

    /** Element operation with two sources (or one source and an immediate). */
    @FunctionalInterface
    interface F2 {
        long ap(Cpu c, long a, long b, int es);
    }

    /** Element operation that also reads the destination element (accumulate/insert). */
    @FunctionalInterface
    interface F3 {
        long ap(Cpu c, long d, long a, long b, int es);
    }

    // ---------------------------------------------------------------- element helpers

    /** Element of width es at bit offset sh of x, sign- or zero-extended. */
    static long ext(long x, int sh, int es, boolean sg) {
        return sg ? (x << (64 - es - sh)) >> (64 - es) : (x >>> sh) & (-1L >>> (64 - es));
    }

    /** Element k (width es) of 128-bit register r. */
    static long elem(long[] v, int r, int k, int es, boolean sg) {
        int bit = k * es;
        return ext(v[2 * r + (bit >>> 6)], bit & 63, es, sg);
    }

    static long mask(int es) { return -1L >>> (64 - es); }

    static long maxS(int es) { return (1L << (es - 1)) - 1; }

    static long minS(int es) { return -1L << (es - 1); }

    /** Replicates the low es bits of x over 64 bits. */
    static long repl(long x, int es) {
        x &= mask(es);
        for (int s = es; s < 64; s <<= 1) x |= x << s;
        return x;
    }

    /** Mask with the top bit of every es-bit lane set. */
    static long highBits(int es) { return repl(1L << (es - 1), es); }

    static void qc(Cpu c) { c.fpsr |= QC; }

    // ---------------------------------------------------------------- saturation

    /** Signed saturation of v (a value that fits in a long) to es bits. */
    static long satS(Cpu c, long v, int es) {
        long max = maxS(es), min = minS(es);
        if (v > max) {
            c.fpsr |= QC;
            return max;
        }
        if (v < min) {
            c.fpsr |= QC;
            return min;
        }
        return v;
    }

    /** Unsigned saturation of a signed value v to es bits. */
    static long satU(Cpu c, long v, int es) {
        if (v < 0) {
            c.fpsr |= QC;
            return 0;
        }
        if (es < 64 && v > mask(es)) {
            c.fpsr |= QC;
            return mask(es);
        }
        return v;
    }

    /** Unsigned saturation of an unsigned 64-bit value v to es bits. */
    static long satUU(Cpu c, long v, int es) {
        if (es < 64 && Long.compareUnsigned(v, mask(es)) > 0) {
            c.fpsr |= QC;
            return mask(es);
        }
        return v;
    }

    static long sqadd(Cpu c, long a, long b, int es) {
        if (es < 64) return satS(c, a + b, es);
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            c.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long sqsub(Cpu c, long a, long b, int es) {
        if (es < 64) return satS(c, a - b, es);
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            c.fpsr |= QC;
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long uqadd(Cpu c, long a, long b, int es) {
        if (es < 64) return satU(c, a + b, es);
        long r = a + b;
        if (Long.compareUnsigned(r, a) < 0) {
            c.fpsr |= QC;
            return -1L;
        }
        return r;
    }

    static long uqsub(Cpu c, long a, long b, int es) {
        if (es < 64) return satU(c, a - b, es);
        if (Long.compareUnsigned(a, b) < 0) {
            c.fpsr |= QC;
            return 0;
        }
        return a - b;
    }

    /** SUQADD: signed d plus unsigned n, signed saturation. */
    static long suqadd(Cpu c, long d, long n, int es) {
        if (es < 64 || n >= 0) return sqadd(c, d, n, es);
        // n >= 2^63 as unsigned: the true sum d + n + 2^64 is >= 0
        if (d >= Long.MIN_VALUE - n) {
            c.fpsr |= QC;
            return Long.MAX_VALUE;
        }
        return d + n;
    }

    /** USQADD: unsigned d plus signed n, unsigned saturation. */
    static long usqadd(Cpu c, long d, long n, int es) {
        if (es < 64) return satU(c, d + n, es);
        return n >= 0 ? uqadd(c, d, n, 64) : uqsub(c, d, -n, 64);
    }

    /** Saturating doubling multiply 2*a*b to w bits (a, b signed narrow elements, w <= 64). */
    static long sqdmull(Cpu c, long a, long b, int w) {
        long p = a * b;
        if (w == 64) {
            if (p == 1L << 62) {
                c.fpsr |= QC;
                return Long.MAX_VALUE;
            }
            return p << 1;
        }
        return satS(c, p << 1, w);
    }

    // ---------------------------------------------------------------- shifts

    /** Rounding shift right by n >= 1 with unbounded intermediate precision. */
    static long rshr(long a, long n, boolean sg) {
        if (sg) {
            if (n >= 64) return 0;
            return (a >> n) + ((a >> (n - 1)) & 1);
        }
        if (n > 64) return 0;
        if (n == 64) return a >>> 63;
        return (a >>> n) + ((a >>> (n - 1)) & 1);
    }

    /** Plain shift right by n >= 0 (arithmetic or logical), any n. */
    static long shr(long a, long n, boolean sg) {
        if (sg) return a >> Math.min(n, 63);
        return n >= 64 ? 0 : a >>> n;
    }

    /** Shift left by s >= 0, any s. */
    static long shl(long a, long s) {
        return s >= 64 ? 0 : a << s;
    }

    /** Saturating shift left by s >= 0 of an extended element (signed or unsigned result). */
    static long qshl(Cpu c, long a, long s, int es, boolean sg) {
        if (a == 0) return 0;
        if (sg) {
            if (s >= es) {
                c.fpsr |= QC;
                return a < 0 ? minS(es) : maxS(es);
            }
            long r = a << s;
            if ((r >> s) != a || r > maxS(es) || r < minS(es)) {
                c.fpsr |= QC;
                return a < 0 ? minS(es) : maxS(es);
            }
            return r;
        }
        if (s >= es) {
            c.fpsr |= QC;
            return mask(es);
        }
        long r = a << s;
        if ((r >>> s) != a || (es < 64 && (r >>> es) != 0)) {
            c.fpsr |= QC;
            return mask(es);
        }
        return r;
    }

    /** SQSHLU: signed element shifted left with unsigned saturation. */
    static long qshlu(Cpu c, long a, long s, int es) {
        if (a < 0) {
            c.fpsr |= QC;
            return 0;
        }
        return qshl(c, a, s, es, false);
    }

    /** Shift count of a register shift: the signed low byte of the Vm element. */
    static int shiftOf(long b) { return (byte) b; }

    // ---------------------------------------------------------------- vector loops

    static long half(Cpu c, long a, long b, int es, boolean sg, F2 f) {
        long m = mask(es), r = 0;
        for (int s = 0; s < 64; s += es) r |= (f.ap(c, ext(a, s, es, sg), ext(b, s, es, sg), es) & m) << s;
        return r;
    }

    /** Lane-wise binary op Vd = f(Vn, Vm). */
    static void bin(Cpu c, Insn i, boolean sg, F2 f) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn, m = 2 * i.rm;
        long r0 = half(c, v[n], v[m], es, sg, f);
        long r1 = i.b != 0 ? half(c, v[n + 1], v[m + 1], es, sg, f) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    }

    static long halfK(Cpu c, long a, long k, int es, boolean sg, F2 f) {
        long m = mask(es), r = 0;
        for (int s = 0; s < 64; s += es) r |= (f.ap(c, ext(a, s, es, sg), k, es) & m) << s;
        return r;
    }

    /** Lane-wise op with a constant second operand: Vd = f(Vn, k). */
    static void unK(Cpu c, Insn i, long k, boolean sg, F2 f) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn;
        long r0 = halfK(c, v[n], k, es, sg, f);
        long r1 = i.b != 0 ? halfK(c, v[n + 1], k, es, sg, f) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    }

    /** Vd = f(Vn, imm). */
    static void un(Cpu c, Insn i, boolean sg, F2 f) {
        unK(c, i, i.imm, sg, f);
    }

    /** Vd = f(Vn, Vm[index]) (by-element). */
    static void binE(Cpu c, Insn i, boolean sg, F2 f) {
        unK(c, i, elem(c.v, i.rm, i.c, i.a, sg), sg, f);
    }

    static long half3(Cpu c, long d, long a, long b, int es, boolean sg, F3 f) {
        long m = mask(es), r = 0;
        for (int s = 0; s < 64; s += es)
            r |= (f.ap(c, ext(d, s, es, sg), ext(a, s, es, sg), ext(b, s, es, sg), es) & m) << s;
        return r;
    }

    /** Lane-wise accumulate Vd = f(Vd, Vn, Vm). */
    static void bin3(Cpu c, Insn i, boolean sg, F3 f) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn, m = 2 * i.rm, d = 2 * i.rd;
        long r0 = half3(c, v[d], v[n], v[m], es, sg, f);
        long r1 = i.b != 0 ? half3(c, v[d + 1], v[n + 1], v[m + 1], es, sg, f) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    }

    static long half3K(Cpu c, long d, long a, long k, int es, boolean sg, F3 f) {
        long m = mask(es), r = 0;
        for (int s = 0; s < 64; s += es) r |= (f.ap(c, ext(d, s, es, sg), ext(a, s, es, sg), k, es) & m) << s;
        return r;
    }

    /** Vd = f(Vd, Vn, k). */
    static void un3K(Cpu c, Insn i, long k, boolean sg, F3 f) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn, d = 2 * i.rd;
        long r0 = half3K(c, v[d], v[n], k, es, sg, f);
        long r1 = i.b != 0 ? half3K(c, v[d + 1], v[n + 1], k, es, sg, f) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    }

    /** Vd = f(Vd, Vn, imm). */
    static void un3(Cpu c, Insn i, boolean sg, F3 f) {
        un3K(c, i, i.imm, sg, f);
    }

    /** Vd = f(Vd, Vn, Vm[index]). */
    static void bin3E(Cpu c, Insn i, boolean sg, F3 f) {
        un3K(c, i, elem(c.v, i.rm, i.c, i.a, sg), sg, f);
    }

    /** Pairwise results of the es-bit element pairs of the 128 bits hi:lo, packed in 64 bits. */
    static long pairs(Cpu c, long lo, long hi, int es, boolean sg, F2 f) {
        if (es == 64) return f.ap(c, lo, hi, 64);
        long m = mask(es), r = 0;
        int o = 0;
        for (int s = 0; s < 64; s += 2 * es, o += es) r |= (f.ap(c, ext(lo, s, es, sg), ext(lo, s + es, es, sg), es) & m) << o;
        for (int s = 0; s < 64; s += 2 * es, o += es) r |= (f.ap(c, ext(hi, s, es, sg), ext(hi, s + es, es, sg), es) & m) << o;
        return r;
    }

    /** Pairwise op over the concatenation Vm:Vn (ADDP, SMAXP, ...). */
    static void pairwise(Cpu c, Insn i, boolean sg, F2 f) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn, m = 2 * i.rm;
        long r0, r1;
        if (i.b != 0) {
            r0 = pairs(c, v[n], v[n + 1], es, sg, f);
            r1 = pairs(c, v[m], v[m + 1], es, sg, f);
        } else {
            r0 = pairs(c, v[n], v[m], es, sg, f);
            r1 = 0;
        }
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    }

    // ---------------------------------------------------------------- widening / narrowing

    /**
     * Long op: for each narrow element k of the selected half (part i.b) of Vn and Vm,
     * wide element k of Vd = f(Vd[k], a, b, 2*es). With {@code wideA}, a is the wide element
     * k of Vn (the "W" forms); with {@code fixedB}, b is {@code k} instead of Vm (by-element).
     */
    static void lng(Cpu c, Insn i, boolean sg, boolean wideA, boolean useK, long k, F3 f) {
        long[] v = c.v;
        int es = i.a, w = es * 2, n = i.rn, d = i.rd;
        long an = v[2 * n + i.b], bm = v[2 * i.rm + i.b];
        long wm = mask(w), r0 = 0, r1 = 0;
        int cnt = 64 / es;
        for (int e = 0; e < cnt; e++) {
            long x = wideA ? elem(v, n, e, w, sg) : ext(an, e * es, es, sg);
            long y = useK ? k : ext(bm, e * es, es, sg);
            long r = f.ap(c, elem(v, d, e, w, sg), x, y, w) & wm;
            int bit = e * w;
            if (bit < 64) r0 |= r << bit;
            else r1 |= r << (bit - 64);
        }
        v[2 * d] = r0;
        v[2 * d + 1] = r1;
    }

    /**
     * Narrowing op: each wide (2*es) element of Vn (and Vm when {@code two}, else imm)
     * gives an es-bit element written to the lower half (zeroing the upper) or, for part
     * i.b = 1, to the upper half.
     */
    static void nar(Cpu c, Insn i, boolean sg, boolean two, F2 f) {
        long[] v = c.v;
        int es = i.a, w = es * 2;
        long m = mask(es), r = 0;
        int cnt = 64 / es;
        for (int e = 0; e < cnt; e++) {
            long x = elem(v, i.rn, e, w, sg);
            long y = two ? elem(v, i.rm, e, w, sg) : i.imm;
            r |= (f.ap(c, x, y, es) & m) << (e * es);
        }
        if (i.b == 0) {
            v[2 * i.rd] = r;
            v[2 * i.rd + 1] = 0;
        } else {
            v[2 * i.rd + 1] = r;
        }
    }

    // ---------------------------------------------------------------- scalar forms

    static void setScalar(Cpu c, int rd, long r) {
        c.v[2 * rd] = r;
        c.v[2 * rd + 1] = 0;
    }

    /** Scalar Vd = f(Vn, Vm) on element 0, upper bits zeroed. */
    static void sbin(Cpu c, Insn i, boolean sg, F2 f) {
        int es = i.a;
        long r = f.ap(c, ext(c.v[2 * i.rn], 0, es, sg), ext(c.v[2 * i.rm], 0, es, sg), es);
        setScalar(c, i.rd, r & mask(es));
    }

    /** Scalar Vd = f(Vn, k). */
    static void sunK(Cpu c, Insn i, long k, boolean sg, F2 f) {
        int es = i.a;
        setScalar(c, i.rd, f.ap(c, ext(c.v[2 * i.rn], 0, es, sg), k, es) & mask(es));
    }

    /** Scalar Vd = f(Vd, Vn, k). */
    static void sun3K(Cpu c, Insn i, long k, boolean sg, F3 f) {
        int es = i.a;
        long r = f.ap(c, ext(c.v[2 * i.rd], 0, es, sg), ext(c.v[2 * i.rn], 0, es, sg), k, es);
        setScalar(c, i.rd, r & mask(es));
    }

    /** Scalar narrowing: es-bit result from the 2*es-bit element 0 of Vn. */
    static void snar(Cpu c, Insn i, boolean sg, F2 f) {
        int es = i.a;
        setScalar(c, i.rd, f.ap(c, ext(c.v[2 * i.rn], 0, 2 * es, sg), i.imm, es) & mask(es));
    }

    /** Scalar long op: 2*es-bit Vd = f(Vd, Vn[0], b) with b = Vm[0] or k. */
    static void slng(Cpu c, Insn i, boolean useK, long k, F3 f) {
        int es = i.a, w = 2 * es;
        long y = useK ? k : ext(c.v[2 * i.rm], 0, es, true);
        long r = f.ap(c, ext(c.v[2 * i.rd], 0, w, true), ext(c.v[2 * i.rn], 0, es, true), y, w);
        setScalar(c, i.rd, r & mask(w));
    }
}
