package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.SimdLanes.ext;
import static org.armach.core.cpu.a64.SimdLanes.highBits;
import static org.armach.core.cpu.a64.SimdLanes.lng;
import static org.armach.core.cpu.a64.SimdLanes.mask;
import static org.armach.core.cpu.a64.SimdLanes.maxS;
import static org.armach.core.cpu.a64.SimdLanes.minS;
import static org.armach.core.cpu.a64.SimdLanes.nar;
import static org.armach.core.cpu.a64.SimdLanes.satS;
import static org.armach.core.cpu.a64.SimdLanes.satU;
import static org.armach.core.cpu.a64.SimdLanes.satUU;
import static org.armach.core.cpu.a64.SimdLanes.snar;
import static org.armach.core.cpu.a64.SimdLanes.sun3K;
import static org.armach.core.cpu.a64.SimdLanes.sunK;
import static org.armach.core.cpu.a64.SimdLanes.un;
import static org.armach.core.cpu.a64.SimdLanes.un3;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.a64.SimdLanes.F2;
import org.armach.core.cpu.a64.SimdLanes.F3;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.90 "Advanced SIMD two-register miscellaneous" and "Advanced SIMD scalar
 * two-register miscellaneous": the integer opcodes only (the FP ones belong to
 * {@link SimdFp}). Each encoding fixes its opcode bits so it never shadows an FP one.
 */
public final class SimdIntMisc {
    private SimdIntMisc() {}

    static final F2 F_CLS = (c, a, k, es) -> Long.numberOfLeadingZeros(a ^ (a >> 1)) - (65 - es);
    static final F2 F_CLZ = (c, a, k, es) -> Long.numberOfLeadingZeros(a) - (64 - es);
    static final F2 F_SQABS = (c, a, k, es) -> {
        if (a == minS(es)) {
            c.fpsr |= SimdLanes.QC;
            return maxS(es);
        }
        return Math.abs(a);
    };
    static final F2 F_SQNEG = (c, a, k, es) -> {
        if (a == minS(es)) {
            c.fpsr |= SimdLanes.QC;
            return maxS(es);
        }
        return -a;
    };
    static final F2 F_ABS = (c, a, k, es) -> Math.abs(a);
    static final F2 F_CMGT0 = (c, a, k, es) -> a > 0 ? -1L : 0;
    static final F2 F_CMGE0 = (c, a, k, es) -> a >= 0 ? -1L : 0;
    static final F2 F_CMLE0 = (c, a, k, es) -> a <= 0 ? -1L : 0;
    static final F2 F_CMLT0 = (c, a, k, es) -> a < 0 ? -1L : 0;
    /** SUQADD: signed accumulator d plus the element a taken as unsigned. */
    static final F3 F_SUQADD = (c, d, a, k, es) -> SimdLanes.suqadd(c, d, a & mask(es), es);
    /** USQADD: unsigned accumulator d plus the element a taken as signed. */
    static final F3 F_USQADD = (c, d, a, k, es) -> SimdLanes.usqadd(c, d, ext(a, 0, es, true), es);
    static final F2 F_XTN = (c, a, k, es) -> a;
    static final F2 F_SQXTN = (c, a, k, es) -> satS(c, a, es);
    static final F2 F_UQXTN = (c, a, k, es) -> satUU(c, a, es);
    static final F2 F_SQXTUN = (c, a, k, es) -> satU(c, a, es);
    static final F3 F_SHLL = (c, d, a, k, w) -> a << (w >>> 1);

    // ---------------------------------------------------------------- SWAR helpers

    /** Reverses the byte order inside each cs-bit container. */
    static long revBytes(long x, int cs) {
        switch (cs) {
            case 64: return Long.reverseBytes(x);
            case 32: return Long.rotateLeft(Long.reverseBytes(x), 32);
            case 16: return ((x >>> 8) & 0x00ff00ff00ff00ffL) | ((x & 0x00ff00ff00ff00ffL) << 8);
            default: return x;
        }
    }

    /** Reverses the order of the es-bit elements inside each cs-bit container. */
    static long rev(long x, int cs, int es) { return revBytes(revBytes(x, cs), es); }

    static long popcnt8(long x) {
        x -= (x >>> 1) & 0x5555555555555555L;
        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
        return (x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL;
    }

    static long addlpHalf(long x, long dd, int es, boolean sg, boolean acc) {
        int w = 2 * es;
        long m = mask(w), r = 0;
        for (int s = 0; s < 64; s += w) {
            long e = ext(x, s, es, sg) + ext(x, s + es, es, sg);
            if (acc) e += ext(dd, s, w, false);
            r |= (e & m) << s;
        }
        return r;
    }

    static void addlp(Cpu c, Insn i, boolean sg, boolean acc) {
        long[] v = c.v;
        int es = i.a, n = 2 * i.rn, d = 2 * i.rd;
        long r0 = addlpHalf(v[n], v[d], es, sg, acc);
        long r1 = i.b != 0 ? addlpHalf(v[n + 1], v[d + 1], es, sg, acc) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    }

    // ---------------------------------------------------------------- ops

    private static final Op REV = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, cs = i.c, es = i.a;
        long r0 = rev(v[n], cs, es), r1 = i.b != 0 ? rev(v[n + 1], cs, es) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op CNT = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn;
        long r0 = popcnt8(v[n]), r1 = i.b != 0 ? popcnt8(v[n + 1]) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op NOT = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn;
        long r0 = ~v[n], r1 = i.b != 0 ? ~v[n + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op RBIT = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn;
        long r0 = Long.reverse(Long.reverseBytes(v[n]));
        long r1 = i.b != 0 ? Long.reverse(Long.reverseBytes(v[n + 1])) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op CMEQ0 = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, es = i.a;
        long h = i.imm2;
        long r0 = ~SimdIntThreeSame.nonZero(v[n], h, es);
        long r1 = i.b != 0 ? ~SimdIntThreeSame.nonZero(v[n + 1], h, es) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op NEG = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn;
        long h = i.imm2;
        long r0 = SimdIntThreeSame.subw(0, v[n], h), r1 = i.b != 0 ? SimdIntThreeSame.subw(0, v[n + 1], h) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op SADDLP = (c, i) -> addlp(c, i, true, false);
    private static final Op UADDLP = (c, i) -> addlp(c, i, false, false);
    private static final Op SADALP = (c, i) -> addlp(c, i, true, true);
    private static final Op UADALP = (c, i) -> addlp(c, i, false, true);
    private static final Op SUQADD = (c, i) -> un3(c, i, true, F_SUQADD);
    private static final Op USQADD = (c, i) -> un3(c, i, false, F_USQADD);
    private static final Op CLS = (c, i) -> un(c, i, true, F_CLS);
    private static final Op CLZ = (c, i) -> un(c, i, false, F_CLZ);
    private static final Op SQABS = (c, i) -> un(c, i, true, F_SQABS);
    private static final Op SQNEG = (c, i) -> un(c, i, true, F_SQNEG);
    private static final Op ABS = (c, i) -> un(c, i, true, F_ABS);
    private static final Op CMGT0 = (c, i) -> un(c, i, true, F_CMGT0);
    private static final Op CMGE0 = (c, i) -> un(c, i, true, F_CMGE0);
    private static final Op CMLE0 = (c, i) -> un(c, i, true, F_CMLE0);
    private static final Op CMLT0 = (c, i) -> un(c, i, true, F_CMLT0);
    private static final Op XTN = (c, i) -> nar(c, i, false, false, F_XTN);
    private static final Op SQXTN = (c, i) -> nar(c, i, true, false, F_SQXTN);
    private static final Op UQXTN = (c, i) -> nar(c, i, false, false, F_UQXTN);
    private static final Op SQXTUN = (c, i) -> nar(c, i, true, false, F_SQXTUN);
    private static final Op SHLL = (c, i) -> lng(c, i, false, false, true, 0, F_SHLL);

    private static final Op S_SUQADD = (c, i) -> sun3K(c, i, 0, true, F_SUQADD);
    private static final Op S_USQADD = (c, i) -> sun3K(c, i, 0, false, F_USQADD);
    private static final Op S_SQABS = (c, i) -> sunK(c, i, 0, true, F_SQABS);
    private static final Op S_SQNEG = (c, i) -> sunK(c, i, 0, true, F_SQNEG);
    private static final Op S_SQXTN = (c, i) -> snar(c, i, true, F_SQXTN);
    private static final Op S_UQXTN = (c, i) -> snar(c, i, false, F_UQXTN);
    private static final Op S_SQXTUN = (c, i) -> snar(c, i, true, F_SQXTUN);

    // ---------------------------------------------------------------- decoding

    /** rd rn, a = esize, b = Q, c = REV container size, imm2 = lane top bits, imm = 0. */
    static Decoder dec(int rule, int container, boolean scalar, Op op) {
        return (w, d, m) -> {
            int size = bits(w, 23, 22), q = scalar ? 0 : bit(w, 30);
            if (!SimdIntThreeSame.sizeOk(rule, size, q)) return null;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.a = 8 << size;
            d.b = q;
            d.c = container;
            d.imm = 0;
            d.imm2 = highBits(d.a);
            return op;
        };
    }

    private static void v(DecodeTable t, String name, int u, String opcode, int rule, Op op) {
        t.add(name, "0q" + u + "01110 ss 10000 " + opcode + " 10 nnnnn ddddd", dec(rule, 0, false, op));
    }

    private static void s(DecodeTable t, String name, int u, String opcode, int rule, Op op) {
        t.add(name, "01" + u + "11110 ss 10000 " + opcode + " 10 nnnnn ddddd", dec(rule, 0, true, op));
    }

    public static void register(DecodeTable t) {
        final int any = SimdIntThreeSame.ANY, no2d = SimdIntThreeSame.NO_2D, noD = SimdIntThreeSame.NO_D;
        final int dOnly = SimdIntThreeSame.D_ONLY;
        t.section("C4.1.90 Advanced SIMD two-register miscellaneous (integer)", true);
        t.add("REV64", "0q001110 ss 10000 00000 10 nnnnn ddddd", dec(noD, 64, false, REV));
        t.add("REV32", "0q101110 0s 10000 00000 10 nnnnn ddddd", dec(any, 32, false, REV));
        t.add("REV16", "0q001110 00 10000 00001 10 nnnnn ddddd", dec(any, 16, false, REV));
        v(t, "SADDLP", 0, "00010", noD, SADDLP);
        v(t, "UADDLP", 1, "00010", noD, UADDLP);
        v(t, "SUQADD", 0, "00011", no2d, SUQADD);
        v(t, "USQADD", 1, "00011", no2d, USQADD);
        v(t, "CLS (vector)", 0, "00100", noD, CLS);
        v(t, "CLZ (vector)", 1, "00100", noD, CLZ);
        t.add("CNT", "0q001110 00 10000 00101 10 nnnnn ddddd", dec(any, 0, false, CNT));
        t.add("NOT", "0q101110 00 10000 00101 10 nnnnn ddddd", dec(any, 0, false, NOT));
        t.add("RBIT (vector)", "0q101110 01 10000 00101 10 nnnnn ddddd", dec(any, 0, false, RBIT));
        v(t, "SADALP", 0, "00110", noD, SADALP);
        v(t, "UADALP", 1, "00110", noD, UADALP);
        v(t, "SQABS", 0, "00111", no2d, SQABS);
        v(t, "SQNEG", 1, "00111", no2d, SQNEG);
        v(t, "CMGT (zero)", 0, "01000", no2d, CMGT0);
        v(t, "CMGE (zero)", 1, "01000", no2d, CMGE0);
        v(t, "CMEQ (zero)", 0, "01001", no2d, CMEQ0);
        v(t, "CMLE (zero)", 1, "01001", no2d, CMLE0);
        v(t, "CMLT (zero)", 0, "01010", no2d, CMLT0);
        v(t, "ABS", 0, "01011", no2d, ABS);
        v(t, "NEG (vector)", 1, "01011", no2d, NEG);
        v(t, "XTN", 0, "10010", noD, XTN);
        v(t, "SQXTUN", 1, "10010", noD, SQXTUN);
        v(t, "SHLL", 1, "10011", noD, SHLL);
        v(t, "SQXTN", 0, "10100", noD, SQXTN);
        v(t, "UQXTN", 1, "10100", noD, UQXTN);

        t.section("C4.1.90 Advanced SIMD scalar two-register miscellaneous (integer)", true);
        s(t, "SUQADD (scalar)", 0, "00011", any, S_SUQADD);
        s(t, "USQADD (scalar)", 1, "00011", any, S_USQADD);
        s(t, "SQABS (scalar)", 0, "00111", any, S_SQABS);
        s(t, "SQNEG (scalar)", 1, "00111", any, S_SQNEG);
        // 64-bit only: the vector ops with Q=0 compute exactly the one D lane.
        s(t, "CMGT (zero, scalar)", 0, "01000", dOnly, CMGT0);
        s(t, "CMGE (zero, scalar)", 1, "01000", dOnly, CMGE0);
        s(t, "CMEQ (zero, scalar)", 0, "01001", dOnly, CMEQ0);
        s(t, "CMLE (zero, scalar)", 1, "01001", dOnly, CMLE0);
        s(t, "CMLT (zero, scalar)", 0, "01010", dOnly, CMLT0);
        s(t, "ABS (scalar)", 0, "01011", dOnly, ABS);
        s(t, "NEG (scalar)", 1, "01011", dOnly, NEG);
        s(t, "SQXTUN (scalar)", 1, "10010", noD, S_SQXTUN);
        s(t, "SQXTN (scalar)", 0, "10100", noD, S_SQXTN);
        s(t, "UQXTN (scalar)", 1, "10100", noD, S_UQXTN);
    }
}
