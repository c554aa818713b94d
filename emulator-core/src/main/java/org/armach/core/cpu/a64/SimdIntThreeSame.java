package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.SimdLanes.bin;
import static org.armach.core.cpu.a64.SimdLanes.bin3;
import static org.armach.core.cpu.a64.SimdLanes.highBits;
import static org.armach.core.cpu.a64.SimdLanes.mask;
import static org.armach.core.cpu.a64.SimdLanes.pairwise;
import static org.armach.core.cpu.a64.SimdLanes.qshl;
import static org.armach.core.cpu.a64.SimdLanes.rshr;
import static org.armach.core.cpu.a64.SimdLanes.satS;
import static org.armach.core.cpu.a64.SimdLanes.sbin;
import static org.armach.core.cpu.a64.SimdLanes.shiftOf;
import static org.armach.core.cpu.a64.SimdLanes.shl;
import static org.armach.core.cpu.a64.SimdLanes.shr;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.a64.SimdLanes.F2;
import org.armach.core.cpu.a64.SimdLanes.F3;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.90 "Advanced SIMD three same" (integer opcodes 00000-10111) and
 * "Advanced SIMD scalar three same" (integer opcodes), plus "Advanced SIMD scalar
 * pairwise" ADDP. The FP opcodes (11xxx) belong to {@link SimdFp}.
 */
public final class SimdIntThreeSame {
    private SimdIntThreeSame() {}

    // ---------------------------------------------------------------- element operations

    static final F2 F_SHADD = (c, a, b, es) -> (a >> 1) + (b >> 1) + (a & b & 1);
    static final F2 F_UHADD = (c, a, b, es) -> (a >>> 1) + (b >>> 1) + (a & b & 1);
    static final F2 F_SRHADD = (c, a, b, es) -> (a >> 1) + (b >> 1) + ((a | b) & 1);
    static final F2 F_URHADD = (c, a, b, es) -> (a >>> 1) + (b >>> 1) + ((a | b) & 1);
    static final F2 F_SHSUB = (c, a, b, es) -> (a >> 1) - (b >> 1) - (~a & b & 1);
    static final F2 F_UHSUB = (c, a, b, es) -> (a >>> 1) - (b >>> 1) - (~a & b & 1);
    static final F2 F_SQADD = SimdLanes::sqadd;
    static final F2 F_UQADD = SimdLanes::uqadd;
    static final F2 F_SQSUB = SimdLanes::sqsub;
    static final F2 F_UQSUB = SimdLanes::uqsub;
    static final F2 F_CMGT = (c, a, b, es) -> a > b ? -1L : 0;
    static final F2 F_CMHI = (c, a, b, es) -> Long.compareUnsigned(a, b) > 0 ? -1L : 0;
    static final F2 F_CMGE = (c, a, b, es) -> a >= b ? -1L : 0;
    static final F2 F_CMHS = (c, a, b, es) -> Long.compareUnsigned(a, b) >= 0 ? -1L : 0;
    static final F2 F_SSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? shl(a, s) : shr(a, -s, true);
    };
    static final F2 F_USHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? shl(a, s) : shr(a, -s, false);
    };
    static final F2 F_SQSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? qshl(c, a, s, es, true) : shr(a, -s, true);
    };
    static final F2 F_UQSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? qshl(c, a, s, es, false) : shr(a, -s, false);
    };
    static final F2 F_SRSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? shl(a, s) : rshr(a, -s, true);
    };
    static final F2 F_URSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? shl(a, s) : rshr(a, -s, false);
    };
    static final F2 F_SQRSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? qshl(c, a, s, es, true) : rshr(a, -s, true);
    };
    static final F2 F_UQRSHL = (c, a, b, es) -> {
        int s = shiftOf(b);
        return s >= 0 ? qshl(c, a, s, es, false) : rshr(a, -s, false);
    };
    static final F2 F_SMAX = (c, a, b, es) -> Math.max(a, b);
    static final F2 F_SMIN = (c, a, b, es) -> Math.min(a, b);
    static final F2 F_UMAX = (c, a, b, es) -> Long.compareUnsigned(a, b) >= 0 ? a : b;
    static final F2 F_UMIN = (c, a, b, es) -> Long.compareUnsigned(a, b) <= 0 ? a : b;
    static final F2 F_SABD = (c, a, b, es) -> a > b ? a - b : b - a;
    static final F2 F_UABD = (c, a, b, es) -> Long.compareUnsigned(a, b) > 0 ? a - b : b - a;
    static final F3 F_SABA = (c, d, a, b, es) -> d + (a > b ? a - b : b - a);
    static final F3 F_UABA = (c, d, a, b, es) -> d + (Long.compareUnsigned(a, b) > 0 ? a - b : b - a);
    static final F3 F_MLA = (c, d, a, b, es) -> d + a * b;
    static final F3 F_MLS = (c, d, a, b, es) -> d - a * b;
    static final F2 F_MUL = (c, a, b, es) -> a * b;
    static final F2 F_PMUL = (c, a, b, es) -> pmul8(a, b);
    static final F2 F_ADD = (c, a, b, es) -> a + b;
    static final F2 F_SQDMULH = (c, a, b, es) -> satS(c, (a * b) >> (es - 1), es);
    static final F2 F_SQRDMULH = (c, a, b, es) -> satS(c, (a * b + (1L << (es - 2))) >> (es - 1), es);

    /** Carry-less multiply of two bytes (16-bit result). */
    static long pmul8(long a, long b) {
        long r = 0;
        for (int k = 0; k < 8; k++) if (((b >>> k) & 1) != 0) r ^= a << k;
        return r;
    }

    // ---------------------------------------------------------------- SWAR primitives

    /** Lane-wise add; h = top bit of every lane. */
    static long addw(long a, long b, long h) { return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h); }

    static long subw(long a, long b, long h) { return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h); }

    /** All-ones in every lane of x that is non-zero. */
    static long nonZero(long x, long h, int es) {
        long t = (((x & ~h) + ~h) | x) & h;
        return (t >>> (es - 1)) * mask(es);
    }

    // ---------------------------------------------------------------- ops

    private static final Op ADD = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long h = i.imm2;
        long r0 = addw(v[n], v[m], h), r1 = i.b != 0 ? addw(v[n + 1], v[m + 1], h) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op SUB = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long h = i.imm2;
        long r0 = subw(v[n], v[m], h), r1 = i.b != 0 ? subw(v[n + 1], v[m + 1], h) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op CMEQ = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm, es = i.a;
        long h = i.imm2;
        long r0 = ~nonZero(v[n] ^ v[m], h, es), r1 = i.b != 0 ? ~nonZero(v[n + 1] ^ v[m + 1], h, es) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op CMTST = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm, es = i.a;
        long h = i.imm2;
        long r0 = nonZero(v[n] & v[m], h, es), r1 = i.b != 0 ? nonZero(v[n + 1] & v[m + 1], h, es) : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };

    private static final Op SHADD = (c, i) -> bin(c, i, true, F_SHADD);
    private static final Op UHADD = (c, i) -> bin(c, i, false, F_UHADD);
    private static final Op SRHADD = (c, i) -> bin(c, i, true, F_SRHADD);
    private static final Op URHADD = (c, i) -> bin(c, i, false, F_URHADD);
    private static final Op SHSUB = (c, i) -> bin(c, i, true, F_SHSUB);
    private static final Op UHSUB = (c, i) -> bin(c, i, false, F_UHSUB);
    private static final Op SQADD = (c, i) -> bin(c, i, true, F_SQADD);
    private static final Op UQADD = (c, i) -> bin(c, i, false, F_UQADD);
    private static final Op SQSUB = (c, i) -> bin(c, i, true, F_SQSUB);
    private static final Op UQSUB = (c, i) -> bin(c, i, false, F_UQSUB);
    private static final Op CMGT = (c, i) -> bin(c, i, true, F_CMGT);
    private static final Op CMHI = (c, i) -> bin(c, i, false, F_CMHI);
    private static final Op CMGE = (c, i) -> bin(c, i, true, F_CMGE);
    private static final Op CMHS = (c, i) -> bin(c, i, false, F_CMHS);
    private static final Op SSHL = (c, i) -> bin(c, i, true, F_SSHL);
    private static final Op USHL = (c, i) -> bin(c, i, false, F_USHL);
    private static final Op SQSHL = (c, i) -> bin(c, i, true, F_SQSHL);
    private static final Op UQSHL = (c, i) -> bin(c, i, false, F_UQSHL);
    private static final Op SRSHL = (c, i) -> bin(c, i, true, F_SRSHL);
    private static final Op URSHL = (c, i) -> bin(c, i, false, F_URSHL);
    private static final Op SQRSHL = (c, i) -> bin(c, i, true, F_SQRSHL);
    private static final Op UQRSHL = (c, i) -> bin(c, i, false, F_UQRSHL);
    private static final Op SMAX = (c, i) -> bin(c, i, true, F_SMAX);
    private static final Op UMAX = (c, i) -> bin(c, i, false, F_UMAX);
    private static final Op SMIN = (c, i) -> bin(c, i, true, F_SMIN);
    private static final Op UMIN = (c, i) -> bin(c, i, false, F_UMIN);
    private static final Op SABD = (c, i) -> bin(c, i, true, F_SABD);
    private static final Op UABD = (c, i) -> bin(c, i, false, F_UABD);
    private static final Op SABA = (c, i) -> bin3(c, i, true, F_SABA);
    private static final Op UABA = (c, i) -> bin3(c, i, false, F_UABA);
    private static final Op MLA = (c, i) -> bin3(c, i, false, F_MLA);
    private static final Op MLS = (c, i) -> bin3(c, i, false, F_MLS);
    private static final Op MUL = (c, i) -> bin(c, i, false, F_MUL);
    private static final Op PMUL = (c, i) -> bin(c, i, false, F_PMUL);
    private static final Op SMAXP = (c, i) -> pairwise(c, i, true, F_SMAX);
    private static final Op UMAXP = (c, i) -> pairwise(c, i, false, F_UMAX);
    private static final Op SMINP = (c, i) -> pairwise(c, i, true, F_SMIN);
    private static final Op UMINP = (c, i) -> pairwise(c, i, false, F_UMIN);
    private static final Op ADDP = (c, i) -> pairwise(c, i, false, F_ADD);
    private static final Op SQDMULH = (c, i) -> bin(c, i, true, F_SQDMULH);
    private static final Op SQRDMULH = (c, i) -> bin(c, i, true, F_SQRDMULH);

    // Bitwise ops work on whole halves regardless of the arrangement.
    private static final Op AND = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long r0 = v[n] & v[m], r1 = i.b != 0 ? v[n + 1] & v[m + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op BIC = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long r0 = v[n] & ~v[m], r1 = i.b != 0 ? v[n + 1] & ~v[m + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op ORR = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long r0 = v[n] | v[m], r1 = i.b != 0 ? v[n + 1] | v[m + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op ORN = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long r0 = v[n] | ~v[m], r1 = i.b != 0 ? v[n + 1] | ~v[m + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op EOR = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm;
        long r0 = v[n] ^ v[m], r1 = i.b != 0 ? v[n + 1] ^ v[m + 1] : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    /** BSL: Vd = (Vn AND Vd) OR (Vm AND NOT Vd). */
    private static final Op BSL = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm, d = 2 * i.rd;
        long r0 = v[m] ^ ((v[n] ^ v[m]) & v[d]);
        long r1 = i.b != 0 ? v[m + 1] ^ ((v[n + 1] ^ v[m + 1]) & v[d + 1]) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    };
    /** BIT: insert Vn bits where Vm is 1. */
    private static final Op BIT = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm, d = 2 * i.rd;
        long r0 = v[d] ^ ((v[d] ^ v[n]) & v[m]);
        long r1 = i.b != 0 ? v[d + 1] ^ ((v[d + 1] ^ v[n + 1]) & v[m + 1]) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    };
    /** BIF: insert Vn bits where Vm is 0. */
    private static final Op BIF = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, m = 2 * i.rm, d = 2 * i.rd;
        long r0 = v[d] ^ ((v[d] ^ v[n]) & ~v[m]);
        long r1 = i.b != 0 ? v[d + 1] ^ ((v[d + 1] ^ v[n + 1]) & ~v[m + 1]) : 0;
        v[d] = r0;
        v[d + 1] = r1;
    };

    // scalar forms (element 0, upper bits zeroed); 64-bit-only ones reuse the vector op with Q=0
    private static final Op S_SQADD = (c, i) -> sbin(c, i, true, F_SQADD);
    private static final Op S_UQADD = (c, i) -> sbin(c, i, false, F_UQADD);
    private static final Op S_SQSUB = (c, i) -> sbin(c, i, true, F_SQSUB);
    private static final Op S_UQSUB = (c, i) -> sbin(c, i, false, F_UQSUB);
    private static final Op S_SQSHL = (c, i) -> sbin(c, i, true, F_SQSHL);
    private static final Op S_UQSHL = (c, i) -> sbin(c, i, false, F_UQSHL);
    private static final Op S_SQRSHL = (c, i) -> sbin(c, i, true, F_SQRSHL);
    private static final Op S_UQRSHL = (c, i) -> sbin(c, i, false, F_UQRSHL);
    private static final Op S_SQDMULH = (c, i) -> sbin(c, i, true, F_SQDMULH);
    private static final Op S_SQRDMULH = (c, i) -> sbin(c, i, true, F_SQRDMULH);

    // ---------------------------------------------------------------- decoding

    /** Size rules: which size (and Q) values are allocated. */
    static final int ANY = 0, NO_2D = 1, NO_D = 2, HS = 3, B_ONLY = 4, D_ONLY = 5;

    static boolean sizeOk(int rule, int size, int q) {
        switch (rule) {
            case ANY: return true;
            case NO_2D: return size != 3 || q == 1;
            case NO_D: return size != 3;
            case HS: return size == 1 || size == 2;
            case B_ONLY: return size == 0;
            case D_ONLY: return size == 3;
            default: return false;
        }
    }

    /** Vector three-register decoder: rd rn rm, a = esize, b = Q, imm2 = lane top bits. */
    static Decoder vec(int rule, Op op) {
        return (w, d, m) -> {
            int size = bits(w, 23, 22), q = bit(w, 30);
            if (!sizeOk(rule, size, q)) return null;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.rm = bits(w, 20, 16);
            d.a = 8 << size;
            d.b = q;
            d.imm2 = highBits(d.a);
            return op;
        };
    }

    /** Scalar three-register decoder (Q forced to 0 so 64-bit vector ops compute one lane). */
    static Decoder scalar(int rule, Op op) {
        return (w, d, m) -> {
            int size = bits(w, 23, 22);
            if (!sizeOk(rule, size, 0)) return null;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.rm = bits(w, 20, 16);
            d.a = 8 << size;
            d.b = 0;
            d.imm2 = highBits(d.a);
            return op;
        };
    }

    private static void v(DecodeTable t, String name, int u, String opcode, int rule, Op op) {
        t.add(name, "0q" + u + "01110 ss 1 mmmmm " + opcode + " 1 nnnnn ddddd", vec(rule, op));
    }

    private static void s(DecodeTable t, String name, int u, String opcode, int rule, Op op) {
        t.add(name, "01" + u + "11110 ss 1 mmmmm " + opcode + " 1 nnnnn ddddd", scalar(rule, op));
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.90 Advanced SIMD three same (integer)", true);
        v(t, "SHADD", 0, "00000", NO_D, SHADD);
        v(t, "UHADD", 1, "00000", NO_D, UHADD);
        v(t, "SQADD", 0, "00001", NO_2D, SQADD);
        v(t, "UQADD", 1, "00001", NO_2D, UQADD);
        v(t, "SRHADD", 0, "00010", NO_D, SRHADD);
        v(t, "URHADD", 1, "00010", NO_D, URHADD);
        t.add("AND (vector)", "0q001110 00 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, AND));
        t.add("BIC (vector, register)", "0q001110 01 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, BIC));
        t.add("ORR (vector, register)", "0q001110 10 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, ORR));
        t.add("ORN (vector)", "0q001110 11 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, ORN));
        t.add("EOR (vector)", "0q101110 00 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, EOR));
        t.add("BSL", "0q101110 01 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, BSL));
        t.add("BIT", "0q101110 10 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, BIT));
        t.add("BIF", "0q101110 11 1 mmmmm 00011 1 nnnnn ddddd", vec(ANY, BIF));
        v(t, "SHSUB", 0, "00100", NO_D, SHSUB);
        v(t, "UHSUB", 1, "00100", NO_D, UHSUB);
        v(t, "SQSUB", 0, "00101", NO_2D, SQSUB);
        v(t, "UQSUB", 1, "00101", NO_2D, UQSUB);
        v(t, "CMGT (register)", 0, "00110", NO_2D, CMGT);
        v(t, "CMHI (register)", 1, "00110", NO_2D, CMHI);
        v(t, "CMGE (register)", 0, "00111", NO_2D, CMGE);
        v(t, "CMHS (register)", 1, "00111", NO_2D, CMHS);
        v(t, "SSHL", 0, "01000", NO_2D, SSHL);
        v(t, "USHL", 1, "01000", NO_2D, USHL);
        v(t, "SQSHL (register)", 0, "01001", NO_2D, SQSHL);
        v(t, "UQSHL (register)", 1, "01001", NO_2D, UQSHL);
        v(t, "SRSHL", 0, "01010", NO_2D, SRSHL);
        v(t, "URSHL", 1, "01010", NO_2D, URSHL);
        v(t, "SQRSHL", 0, "01011", NO_2D, SQRSHL);
        v(t, "UQRSHL", 1, "01011", NO_2D, UQRSHL);
        v(t, "SMAX", 0, "01100", NO_D, SMAX);
        v(t, "UMAX", 1, "01100", NO_D, UMAX);
        v(t, "SMIN", 0, "01101", NO_D, SMIN);
        v(t, "UMIN", 1, "01101", NO_D, UMIN);
        v(t, "SABD", 0, "01110", NO_D, SABD);
        v(t, "UABD", 1, "01110", NO_D, UABD);
        v(t, "SABA", 0, "01111", NO_D, SABA);
        v(t, "UABA", 1, "01111", NO_D, UABA);
        v(t, "ADD (vector)", 0, "10000", NO_2D, ADD);
        v(t, "SUB (vector)", 1, "10000", NO_2D, SUB);
        v(t, "CMTST", 0, "10001", NO_2D, CMTST);
        v(t, "CMEQ (register)", 1, "10001", NO_2D, CMEQ);
        v(t, "MLA (vector)", 0, "10010", NO_D, MLA);
        v(t, "MLS (vector)", 1, "10010", NO_D, MLS);
        v(t, "MUL (vector)", 0, "10011", NO_D, MUL);
        v(t, "PMUL", 1, "10011", B_ONLY, PMUL);
        v(t, "SMAXP", 0, "10100", NO_D, SMAXP);
        v(t, "UMAXP", 1, "10100", NO_D, UMAXP);
        v(t, "SMINP", 0, "10101", NO_D, SMINP);
        v(t, "UMINP", 1, "10101", NO_D, UMINP);
        v(t, "SQDMULH (vector)", 0, "10110", HS, SQDMULH);
        v(t, "SQRDMULH (vector)", 1, "10110", HS, SQRDMULH);
        v(t, "ADDP (vector)", 0, "10111", NO_2D, ADDP);

        t.section("C4.1.90 Advanced SIMD scalar three same (integer)", true);
        s(t, "SQADD (scalar)", 0, "00001", ANY, S_SQADD);
        s(t, "UQADD (scalar)", 1, "00001", ANY, S_UQADD);
        s(t, "SQSUB (scalar)", 0, "00101", ANY, S_SQSUB);
        s(t, "UQSUB (scalar)", 1, "00101", ANY, S_UQSUB);
        s(t, "CMGT (register, scalar)", 0, "00110", D_ONLY, CMGT);
        s(t, "CMHI (register, scalar)", 1, "00110", D_ONLY, CMHI);
        s(t, "CMGE (register, scalar)", 0, "00111", D_ONLY, CMGE);
        s(t, "CMHS (register, scalar)", 1, "00111", D_ONLY, CMHS);
        s(t, "SSHL (scalar)", 0, "01000", D_ONLY, SSHL);
        s(t, "USHL (scalar)", 1, "01000", D_ONLY, USHL);
        s(t, "SQSHL (register, scalar)", 0, "01001", ANY, S_SQSHL);
        s(t, "UQSHL (register, scalar)", 1, "01001", ANY, S_UQSHL);
        s(t, "SRSHL (scalar)", 0, "01010", D_ONLY, SRSHL);
        s(t, "URSHL (scalar)", 1, "01010", D_ONLY, URSHL);
        s(t, "SQRSHL (scalar)", 0, "01011", ANY, S_SQRSHL);
        s(t, "UQRSHL (scalar)", 1, "01011", ANY, S_UQRSHL);
        s(t, "ADD (scalar)", 0, "10000", D_ONLY, ADD);
        s(t, "SUB (scalar)", 1, "10000", D_ONLY, SUB);
        s(t, "CMTST (scalar)", 0, "10001", D_ONLY, CMTST);
        s(t, "CMEQ (register, scalar)", 1, "10001", D_ONLY, CMEQ);
        s(t, "SQDMULH (scalar)", 0, "10110", HS, S_SQDMULH);
        s(t, "SQRDMULH (scalar)", 1, "10110", HS, S_SQRDMULH);

        t.section("C4.1.90 Advanced SIMD scalar pairwise (integer)", true);
        // ADDP Dd, Vn.2D: the vector pairwise op with Q=0 over Vn.lo/Vm.lo would be wrong,
        // so it gets its own op.
        t.add("ADDP (scalar)", "01 0 11110 11 11000 11011 10 nnnnn ddddd", (w, d, m) -> {
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            return SCALAR_ADDP;
        });
    }

    private static final Op SCALAR_ADDP = (c, i) -> {
        long[] v = c.v;
        long r = v[2 * i.rn] + v[2 * i.rn + 1];
        v[2 * i.rd] = r;
        v[2 * i.rd + 1] = 0;
    };
}
