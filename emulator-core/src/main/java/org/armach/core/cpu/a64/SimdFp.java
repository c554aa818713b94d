package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.FpOps.D;
import static org.armach.core.cpu.a64.FpOps.H;
import static org.armach.core.cpu.a64.FpOps.S;
import static org.armach.core.cpu.a64.FpScalar.vreg;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.90, the Advanced SIMD floating-point parts: vector and scalar three-same FP,
 * two-register miscellaneous FP (including FCVTN/FCVTL/FCVTXN, FRECPE/FRSQRTE, URECPE/URSQRTE),
 * across-lanes FMAXV/FMINV/FMAXNMV/FMINNMV, pairwise (vector and scalar), vector and scalar
 * by-element FMUL/FMLA/FMLS/FMULX, shift-by-immediate fixed-point conversions and FMOV
 * (vector, immediate). Integer-only AdvSIMD encodings are left to {@code SimdInt}; in groups
 * that mix both, only the FP opcodes are registered, with specific patterns.
 *
 * <p>Operands are {@link Cpu#v} indices (2*n). Insn fields: {@code a} operation id,
 * {@code e} element format ({@link FpOps#S}/{@link FpOps#D}), {@code b} Q (1 = 128-bit),
 * {@code c} rounding mode (-1 = FPCR) or element index, {@code imm} fraction bits.
 */
public final class SimdFp {
    private SimdFp() {}

    private static final long M32 = 0xffffffffL;

    // ---- binary operation ids -----------------------------------------------------------
    static final int B_ADD = 0, B_SUB = 1, B_MUL = 2, B_DIV = 3, B_MAX = 4, B_MIN = 5, B_MAXNM = 6,
            B_MINNM = 7, B_MULX = 8, B_ABD = 9, B_RECPS = 10, B_RSQRTS = 11, B_CMEQ = 12, B_CMGE = 13,
            B_CMGT = 14, B_ACGE = 15, B_ACGT = 16, B_FMLA = 17, B_FMLS = 18;

    static long ones(int fmt) { return fmt == D ? -1L : M32; }

    /** One lane of a binary (or accumulating, with {@code acc}) FP operation. */
    static long bin(Cpu c, int op, int f, long a, long b, long acc) {
        switch (op) {
            case B_ADD: return FpOps.add(c, f, a, b);
            case B_SUB: return FpOps.sub(c, f, a, b);
            case B_MUL: return FpOps.mul(c, f, a, b);
            case B_DIV: return FpOps.div(c, f, a, b);
            case B_MAX: return FpOps.minMax(c, f, a, b, false, false);
            case B_MIN: return FpOps.minMax(c, f, a, b, true, false);
            case B_MAXNM: return FpOps.minMax(c, f, a, b, false, true);
            case B_MINNM: return FpOps.minMax(c, f, a, b, true, true);
            case B_MULX: return FpOps.mulx(c, f, a, b);
            case B_ABD: return FpOps.abd(c, f, a, b);
            case B_RECPS: return FpOps.recipStep(c, f, a, b, false);
            case B_RSQRTS: return FpOps.recipStep(c, f, a, b, true);
            case B_CMEQ: return FpOps.cmpEq(c, f, a, b) ? ones(f) : 0;
            case B_CMGE: return FpOps.cmpGe(c, f, a, b, false) ? ones(f) : 0;
            case B_CMGT: return FpOps.cmpGe(c, f, a, b, true) ? ones(f) : 0;
            case B_ACGE: return FpOps.cmpGe(c, f, FpOps.abs(a, f), FpOps.abs(b, f), false) ? ones(f) : 0;
            case B_ACGT: return FpOps.cmpGe(c, f, FpOps.abs(a, f), FpOps.abs(b, f), true) ? ones(f) : 0;
            case B_FMLA: return FpOps.fma(c, f, acc, a, b);
            default: return FpOps.fma(c, f, acc, FpOps.negate(a, f), b); // B_FMLS
        }
    }

    /** Two single-precision lanes packed in a long. */
    private static long bin2(Cpu c, int op, long n, long m, long d) {
        long lo = bin(c, op, S, n & M32, m & M32, d & M32) & M32;
        long hi = bin(c, op, S, n >>> 32, m >>> 32, d >>> 32) & M32;
        return lo | (hi << 32);
    }

    /** Vector three-same (and FMLA/FMLS). */
    private static final Op V3 = (c, i) -> {
        int op = i.a;
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1];
        long d0 = c.v[i.rd], d1 = c.v[i.rd + 1], r0, r1;
        if (i.e == D) {
            r0 = bin(c, op, D, n0, m0, d0);
            r1 = bin(c, op, D, n1, m1, d1);
        } else {
            r0 = bin2(c, op, n0, m0, d0);
            r1 = i.b != 0 ? bin2(c, op, n1, m1, d1) : 0;
        }
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    // Specialised hot vector ops (no per-lane operation switch).
    private static final Op VFADD_S = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1];
        long r0 = FpOps.add32(c, n0 & M32, m0 & M32) | (FpOps.add32(c, n0 >>> 32, m0 >>> 32) << 32);
        long r1 = i.b == 0 ? 0 : FpOps.add32(c, n1 & M32, m1 & M32) | (FpOps.add32(c, n1 >>> 32, m1 >>> 32) << 32);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFSUB_S = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1];
        long r0 = FpOps.sub32(c, n0 & M32, m0 & M32) | (FpOps.sub32(c, n0 >>> 32, m0 >>> 32) << 32);
        long r1 = i.b == 0 ? 0 : FpOps.sub32(c, n1 & M32, m1 & M32) | (FpOps.sub32(c, n1 >>> 32, m1 >>> 32) << 32);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFMUL_S = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1];
        long r0 = FpOps.mul32(c, n0 & M32, m0 & M32) | (FpOps.mul32(c, n0 >>> 32, m0 >>> 32) << 32);
        long r1 = i.b == 0 ? 0 : FpOps.mul32(c, n1 & M32, m1 & M32) | (FpOps.mul32(c, n1 >>> 32, m1 >>> 32) << 32);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFMLA_S = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1], d0 = c.v[i.rd], d1 = c.v[i.rd + 1];
        long r0 = (FpOps.fma(c, S, d0 & M32, n0 & M32, m0 & M32) & M32) | (FpOps.fma(c, S, d0 >>> 32, n0 >>> 32, m0 >>> 32) << 32);
        long r1 = i.b == 0 ? 0 : (FpOps.fma(c, S, d1 & M32, n1 & M32, m1 & M32) & M32)
                | (FpOps.fma(c, S, d1 >>> 32, n1 >>> 32, m1 >>> 32) << 32);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFADD_D = (c, i) -> {
        long r0 = FpOps.add64(c, c.v[i.rn], c.v[i.rm]), r1 = FpOps.add64(c, c.v[i.rn + 1], c.v[i.rm + 1]);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFSUB_D = (c, i) -> {
        long r0 = FpOps.sub64(c, c.v[i.rn], c.v[i.rm]), r1 = FpOps.sub64(c, c.v[i.rn + 1], c.v[i.rm + 1]);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFMUL_D = (c, i) -> {
        long r0 = FpOps.mul64(c, c.v[i.rn], c.v[i.rm]), r1 = FpOps.mul64(c, c.v[i.rn + 1], c.v[i.rm + 1]);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };
    private static final Op VFMLA_D = (c, i) -> {
        long r0 = FpOps.fma(c, D, c.v[i.rd], c.v[i.rn], c.v[i.rm]);
        long r1 = FpOps.fma(c, D, c.v[i.rd + 1], c.v[i.rn + 1], c.v[i.rm + 1]);
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    private static Op v3(int op, int fmt) {
        boolean s = fmt == S;
        switch (op) {
            case B_ADD: return s ? VFADD_S : VFADD_D;
            case B_SUB: return s ? VFSUB_S : VFSUB_D;
            case B_MUL: return s ? VFMUL_S : VFMUL_D;
            case B_FMLA: return s ? VFMLA_S : VFMLA_D;
            default: return V3;
        }
    }

    /** Vector pairwise: result = op over adjacent pairs of Vm:Vn. */
    private static final Op VPAIR = (c, i) -> {
        int op = i.a;
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], m0 = c.v[i.rm], m1 = c.v[i.rm + 1], r0, r1;
        if (i.e == D) {
            r0 = bin(c, op, D, n0, n1, 0);
            r1 = bin(c, op, D, m0, m1, 0);
        } else if (i.b != 0) {
            r0 = pairS(c, op, n0) | (pairS(c, op, n1) << 32);
            r1 = pairS(c, op, m0) | (pairS(c, op, m1) << 32);
        } else {
            r0 = pairS(c, op, n0) | (pairS(c, op, m0) << 32);
            r1 = 0;
        }
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    private static long pairS(Cpu c, int op, long x) {
        return bin(c, op, S, x & M32, x >>> 32, 0) & M32;
    }

    /** Scalar three-same FP. */
    private static final Op S3 = (c, i) -> FpScalar.set(c, i.e, i.rd,
            bin(c, i.a, i.e, FpScalar.get(c, i.e, i.rn), FpScalar.get(c, i.e, i.rm), 0));

    /** Scalar pairwise: op(Vn[0], Vn[1]). */
    private static final Op SPAIR = (c, i) -> {
        long r = i.e == D ? bin(c, i.a, D, c.v[i.rn], c.v[i.rn + 1], 0) : pairS(c, i.a, c.v[i.rn]);
        FpScalar.set(c, i.e, i.rd, r);
    };

    /** Across lanes (4S only): op(op(e0, e1), op(e2, e3)). */
    private static final Op ACROSS = (c, i) -> {
        long x = c.v[i.rn], y = c.v[i.rn + 1];
        long lo = pairS(c, i.a, x), hi = pairS(c, i.a, y);
        FpScalar.setS(c, i.rd, bin(c, i.a, S, lo, hi, 0));
    };

    /** Element of Vm selected by a by-element instruction (i.rm = register index, i.c = index). */
    private static long elem(Cpu c, Insn i) {
        if (i.e == D) return c.v[i.rm + i.c];
        return (c.v[i.rm + (i.c >> 1)] >>> ((i.c & 1) * 32)) & M32;
    }

    /** Vector by element: FMUL, FMULX, FMLA, FMLS. */
    private static final Op VELEM = (c, i) -> {
        int op = i.a;
        long e = elem(c, i);
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], d0 = c.v[i.rd], d1 = c.v[i.rd + 1], r0, r1;
        if (i.e == D) {
            r0 = bin(c, op, D, n0, e, d0);
            r1 = bin(c, op, D, n1, e, d1);
        } else {
            long ee = e | (e << 32);
            r0 = bin2(c, op, n0, ee, d0);
            r1 = i.b != 0 ? bin2(c, op, n1, ee, d1) : 0;
        }
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    /** Scalar by element. */
    private static final Op SELEM = (c, i) -> FpScalar.set(c, i.e, i.rd,
            bin(c, i.a, i.e, FpScalar.get(c, i.e, i.rn), elem(c, i), FpScalar.get(c, i.e, i.rd)));

    // ---- unary operation ids --------------------------------------------------------------
    static final int U_ABS = 0, U_NEG = 1, U_SQRT = 2, U_RINT = 3, U_RINTX = 4, U_CVTS = 5, U_CVTU = 6,
            U_SCVTF = 7, U_UCVTF = 8, U_CMGT0 = 9, U_CMEQ0 = 10, U_CMLT0 = 11, U_CMGE0 = 12, U_CMLE0 = 13,
            U_RECPE = 14, U_RSQRTE = 15, U_URECPE = 16, U_URSQRTE = 17, U_RECPX = 18;

    /** One lane of a unary FP operation; i.c is the rounding mode (-1 = FPCR), i.imm fbits. */
    static long un(Cpu c, Insn i, int f, long a) {
        int rm = i.c < 0 ? FpOps.rmode(c) : i.c;
        int w = f == D ? 64 : 32;
        switch (i.a) {
            case U_ABS: return FpOps.abs(a, f);
            case U_NEG: return FpOps.negate(a, f);
            case U_SQRT: return FpOps.sqrt(c, f, a);
            case U_RINT: return FpOps.roundInt(c, f, a, rm, false);
            case U_RINTX: return FpOps.roundInt(c, f, a, rm, true);
            case U_CVTS: return FpOps.toFixed(c, f, a, (int) i.imm, false, rm, w) & ones(f);
            case U_CVTU: return FpOps.toFixed(c, f, a, (int) i.imm, true, rm, w) & ones(f);
            case U_SCVTF: return FpOps.fromFixed(c, f, f == D ? a : (int) a, (int) i.imm, false, rm);
            case U_UCVTF: return FpOps.fromFixed(c, f, a, (int) i.imm, true, rm);
            case U_CMGT0: return FpOps.cmpGe(c, f, a, 0, true) ? ones(f) : 0;
            case U_CMEQ0: return FpOps.cmpEq(c, f, a, 0) ? ones(f) : 0;
            case U_CMLT0: return FpOps.cmpGe(c, f, 0, a, true) ? ones(f) : 0;
            case U_CMGE0: return FpOps.cmpGe(c, f, a, 0, false) ? ones(f) : 0;
            case U_CMLE0: return FpOps.cmpGe(c, f, 0, a, false) ? ones(f) : 0;
            case U_RECPE: return FpOps.recpe(c, f, a);
            case U_RSQRTE: return FpOps.rsqrte(c, f, a);
            case U_URECPE: return FpOps.urecpe((int) a) & M32;
            case U_URSQRTE: return FpOps.ursqrte((int) a) & M32;
            default: return FpOps.recpx(c, f, a); // U_RECPX
        }
    }

    private static long un2(Cpu c, Insn i, long x) {
        return (un(c, i, S, x & M32) & M32) | ((un(c, i, S, x >>> 32) & M32) << 32);
    }

    /** Vector unary (two-register misc, shift-by-immediate conversions). */
    private static final Op V2 = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], r0, r1;
        if (i.e == D) {
            r0 = un(c, i, D, n0);
            r1 = un(c, i, D, n1);
        } else {
            r0 = un2(c, i, n0);
            r1 = i.b != 0 ? un2(c, i, n1) : 0;
        }
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    /** Scalar unary. */
    private static final Op S2 = (c, i) -> FpScalar.set(c, i.e, i.rd, un(c, i, i.e, FpScalar.get(c, i.e, i.rn)));

    /** FCVTN/FCVTN2 (i.e = destination format S or H), FCVTXN/FCVTXN2 (i.c = RO). */
    private static final Op FCVTN = (c, i) -> {
        long n0 = c.v[i.rn], n1 = c.v[i.rn + 1], r;
        int rm = i.c < 0 ? FpOps.rmode(c) : i.c;
        if (i.e == S) {
            r = FpOps.convert(c, n0, D, S, rm) | (FpOps.convert(c, n1, D, S, rm) << 32);
        } else {
            r = FpOps.convert(c, n0 & M32, S, H, rm) | (FpOps.convert(c, n0 >>> 32, S, H, rm) << 16)
                    | (FpOps.convert(c, n1 & M32, S, H, rm) << 32) | (FpOps.convert(c, n1 >>> 32, S, H, rm) << 48);
        }
        if (i.b != 0) {
            c.v[i.rd + 1] = r;
        } else {
            c.v[i.rd] = r;
            c.v[i.rd + 1] = 0;
        }
    };

    /** Scalar FCVTXN Sd, Dn. */
    private static final Op FCVTXN_SCALAR = (c, i) -> FpScalar.setS(c, i.rd, FpOps.convert(c, c.v[i.rn], D, S, FpOps.RO));

    /** FCVTL/FCVTL2 (i.e = destination format S or D). */
    private static final Op FCVTL = (c, i) -> {
        long x = c.v[i.rn + i.b];
        int rm = FpOps.rmode(c);
        long r0, r1;
        if (i.e == D) {
            r0 = FpOps.convert(c, x & M32, S, D, rm);
            r1 = FpOps.convert(c, x >>> 32, S, D, rm);
        } else {
            r0 = FpOps.convert(c, x & 0xffff, H, S, rm) | (FpOps.convert(c, (x >>> 16) & 0xffff, H, S, rm) << 32);
            r1 = FpOps.convert(c, (x >>> 32) & 0xffff, H, S, rm) | (FpOps.convert(c, x >>> 48, H, S, rm) << 32);
        }
        c.v[i.rd] = r0;
        c.v[i.rd + 1] = r1;
    };

    // ---- decode tables ---------------------------------------------------------------------
    /** Three-same FP by U:a:opcode<2:0> (opcode 11xxx); -1 unallocated; +100 marks pairwise. */
    private static final int[] THREE_SAME = {
        B_MAXNM, B_FMLA, B_ADD, B_MULX, B_CMEQ, -1, B_MAX, B_RECPS,
        B_MINNM, B_FMLS, B_SUB, -1, -1, -1, B_MIN, B_RSQRTS,
        100 + B_MAXNM, -1, 100 + B_ADD, B_MUL, B_CMGE, B_ACGE, 100 + B_MAX, B_DIV,
        100 + B_MINNM, -1, B_ABD, -1, B_CMGT, B_ACGT, 100 + B_MIN, -1,
    };

    /** Two-reg misc opcode 11xxx by U:a:opcode<2:0>: unary op id and rounding mode, -1 unallocated. */
    private static final int[][] MISC = {
        {U_RINT, FpOps.RN}, {U_RINT, FpOps.RM}, {U_CVTS, FpOps.RN}, {U_CVTS, FpOps.RM}, {U_CVTS, FpOps.RA}, {U_SCVTF, -1}, null, null,
        {U_RINT, FpOps.RP}, {U_RINT, FpOps.RZ}, {U_CVTS, FpOps.RP}, {U_CVTS, FpOps.RZ}, {U_URECPE, -1}, {U_RECPE, -1}, null, null,
        {U_RINT, FpOps.RA}, {U_RINTX, -1}, {U_CVTU, FpOps.RN}, {U_CVTU, FpOps.RM}, {U_CVTU, FpOps.RA}, {U_UCVTF, -1}, null, null,
        null, {U_RINT, -1}, {U_CVTU, FpOps.RP}, {U_CVTU, FpOps.RZ}, {U_URSQRTE, -1}, {U_RSQRTE, -1}, null, {U_SQRT, -1},
    };

    private static void vecRegs(int w, Insn d) {
        d.rd = vreg(bits(w, 4, 0));
        d.rn = vreg(bits(w, 9, 5));
        d.rm = vreg(bits(w, 20, 16));
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.90 Data Processing -- Advanced SIMD floating-point", true);

        t.add("AdvSIMD three same (FP)", "0 q u 01110 a z 1 mmmmm 11 ooo 1 nnnnn ddddd", (w, d, m) -> {
            int q = bit(w, 30), z = bit(w, 22);
            int k = THREE_SAME[(bit(w, 29) << 4) | (bit(w, 23) << 3) | bits(w, 13, 11)];
            if (k < 0 || (z == 1 && q == 0)) return null;
            vecRegs(w, d);
            d.e = z == 1 ? D : S;
            d.b = q;
            d.a = k % 100;
            return k >= 100 ? VPAIR : v3(d.a, d.e);
        });

        t.add("AdvSIMD scalar three same (FP)", "01 u 11110 a z 1 mmmmm 11 ooo 1 nnnnn ddddd", (w, d, m) -> {
            int key = (bit(w, 29) << 4) | (bit(w, 23) << 3) | bits(w, 13, 11);
            int k = THREE_SAME[key];
            // scalar forms: FMULX, FCMEQ, FRECPS, FRSQRTS, FCMGE, FACGE, FABD, FCMGT, FACGT
            if (k < 0 || k >= 100 || k == B_MAXNM || k == B_MINNM || k == B_FMLA || k == B_FMLS || k == B_ADD
                    || k == B_SUB || k == B_MAX || k == B_MIN || k == B_MUL || k == B_DIV) return null;
            vecRegs(w, d);
            d.e = bit(w, 22) == 1 ? D : S;
            d.a = k;
            return S3;
        });

        t.add("AdvSIMD two-reg misc (FP compare #0, FABS, FNEG)", "0 q u 01110 1 z 10000 011 oo 10 nnnnn ddddd", (w, d, m) -> {
            int q = bit(w, 30), z = bit(w, 22), u = bit(w, 29), op = bits(w, 13, 12);
            if (z == 1 && q == 0) return null;
            int[] ids = u == 0 ? new int[] {U_CMGT0, U_CMEQ0, U_CMLT0, U_ABS} : new int[] {U_CMGE0, U_CMLE0, -1, U_NEG};
            if (ids[op] < 0) return null;
            vecRegs(w, d);
            d.e = z == 1 ? D : S;
            d.b = q;
            d.a = ids[op];
            return V2;
        });

        t.add("AdvSIMD two-reg misc (FCVTN/FCVTL/FCVTXN)", "0 q u 01110 0 z 10000 1011 o 10 nnnnn ddddd", (w, d, m) -> {
            int q = bit(w, 30), z = bit(w, 22), u = bit(w, 29), o = bit(w, 12);
            vecRegs(w, d);
            d.b = q;
            if (o == 1) { // FCVTL
                if (u == 1) return null;
                d.e = z == 1 ? D : S;
                return FCVTL;
            }
            if (u == 1) { // FCVTXN
                if (z == 0) return null;
                d.e = S;
                d.c = FpOps.RO;
                return FCVTN;
            }
            d.e = z == 1 ? S : H;
            d.c = -1;
            return FCVTN;
        });

        t.add("AdvSIMD two-reg misc (FP 11xxx)", "0 q u 01110 a z 10000 11 ooo 10 nnnnn ddddd", (w, d, m) -> {
            int q = bit(w, 30), z = bit(w, 22);
            int[] k = MISC[(bit(w, 29) << 4) | (bit(w, 23) << 3) | bits(w, 14, 12)];
            if (k == null || (z == 1 && q == 0)) return null;
            if ((k[0] == U_URECPE || k[0] == U_URSQRTE) && z == 1) return null;
            vecRegs(w, d);
            d.e = z == 1 ? D : S;
            d.b = q;
            d.a = k[0];
            d.c = k[1];
            d.imm = 0;
            return V2;
        });

        t.add("AdvSIMD scalar two-reg misc (FP compare #0)", "01 u 11110 1 z 10000 011 oo 10 nnnnn ddddd", (w, d, m) -> {
            int u = bit(w, 29), op = bits(w, 13, 12);
            int[] ids = u == 0 ? new int[] {U_CMGT0, U_CMEQ0, U_CMLT0, -1} : new int[] {U_CMGE0, U_CMLE0, -1, -1};
            if (ids[op] < 0) return null;
            vecRegs(w, d);
            d.e = bit(w, 22) == 1 ? D : S;
            d.a = ids[op];
            return S2;
        });

        t.add("AdvSIMD scalar FCVTXN", "01 1 11110 0 z 10000 10110 10 nnnnn ddddd", (w, d, m) -> {
            if (bit(w, 22) == 0) return null;
            vecRegs(w, d);
            return FCVTXN_SCALAR;
        });

        t.add("AdvSIMD scalar two-reg misc (FP 11xxx)", "01 u 11110 a z 10000 11 ooo 10 nnnnn ddddd", (w, d, m) -> {
            int key = (bit(w, 29) << 4) | (bit(w, 23) << 3) | bits(w, 14, 12);
            int[] k = MISC[key];
            if (key == 0b01111) k = new int[] {U_RECPX, -1};
            if (k == null) return null;
            int id = k[0];
            if (id == U_RINT || id == U_RINTX || id == U_SQRT || id == U_URECPE || id == U_URSQRTE) return null;
            vecRegs(w, d);
            d.e = bit(w, 22) == 1 ? D : S;
            d.a = id;
            d.c = k[1];
            d.imm = 0;
            return S2;
        });

        t.add("AdvSIMD across lanes (FP)", "0 q 1 01110 a z 11000 011 oo 10 nnnnn ddddd", (w, d, m) -> {
            int op = bits(w, 13, 12), a = bit(w, 23);
            if (bit(w, 30) == 0 || bit(w, 22) == 1 || op == 1 || op == 2) return null;
            vecRegs(w, d);
            d.e = S;
            d.a = op == 0 ? (a == 0 ? B_MAXNM : B_MINNM) : (a == 0 ? B_MAX : B_MIN);
            return ACROSS;
        });

        t.add("AdvSIMD scalar pairwise (FP)", "01 1 11110 a z 11000 011 oo 10 nnnnn ddddd", (w, d, m) -> {
            int op = bits(w, 13, 12), a = bit(w, 23);
            int k;
            if (op == 0) k = a == 0 ? B_MAXNM : B_MINNM;
            else if (op == 1) k = a == 0 ? B_ADD : -1;
            else if (op == 3) k = a == 0 ? B_MAX : B_MIN;
            else k = -1;
            if (k < 0) return null;
            vecRegs(w, d);
            d.e = bit(w, 22) == 1 ? D : S;
            d.a = k;
            return SPAIR;
        });

        Decoder3 byElem = (w, d, scalar) -> {
            int u = bit(w, 29), op = bits(w, 15, 12), z = bit(w, 22), q = bit(w, 30);
            int k;
            if (op == 1 && u == 0) k = B_FMLA;
            else if (op == 5 && u == 0) k = B_FMLS;
            else if (op == 9) k = u == 0 ? B_MUL : B_MULX;
            else return null;
            int h = bit(w, 11), l = bit(w, 21);
            if (z == 1) {
                if (l == 1 || (!scalar && q == 0)) return null;
                d.c = h;
            } else {
                d.c = (h << 1) | l;
            }
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            d.e = z == 1 ? D : S;
            d.b = q;
            d.a = k;
            return scalar ? SELEM : VELEM;
        };
        t.add("AdvSIMD vector x indexed element (FP)", "0 q u 01111 1 z l m rrrr oooo h 0 nnnnn ddddd",
                (w, d, m) -> byElem.decode(w, d, false));
        t.add("AdvSIMD scalar x indexed element (FP)", "01 u 11111 1 z l m rrrr oooo h 0 nnnnn ddddd",
                (w, d, m) -> byElem.decode(w, d, true));

        Decoder3 shiftImm = (w, d, scalar) -> {
            int immh = bits(w, 22, 19), q = bit(w, 30), u = bit(w, 29);
            int immhb = bits(w, 22, 16);
            int fmt;
            if ((immh & 8) != 0) {
                if (!scalar && q == 0) return null;
                fmt = D;
                d.imm = 128 - immhb;
            } else if ((immh & 4) != 0) {
                fmt = S;
                d.imm = 64 - immhb;
            } else {
                return null; // immh 0000 is another group; 001x is FP16; 0001 reserved
            }
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.e = fmt;
            d.b = q;
            if (bits(w, 15, 11) == 0b11100) {
                d.a = u == 0 ? U_SCVTF : U_UCVTF;
                d.c = -1;
            } else {
                d.a = u == 0 ? U_CVTS : U_CVTU;
                d.c = FpOps.RZ;
            }
            return scalar ? S2 : V2;
        };
        t.add("AdvSIMD shift by immediate (SCVTF/UCVTF)", "0 q u 011110 hhhh bbb 11100 1 nnnnn ddddd",
                (w, d, m) -> shiftImm.decode(w, d, false));
        t.add("AdvSIMD shift by immediate (FCVTZS/FCVTZU)", "0 q u 011110 hhhh bbb 11111 1 nnnnn ddddd",
                (w, d, m) -> shiftImm.decode(w, d, false));
        t.add("AdvSIMD scalar shift by immediate (SCVTF/UCVTF)", "01 u 111110 hhhh bbb 11100 1 nnnnn ddddd",
                (w, d, m) -> shiftImm.decode(w, d, true));
        t.add("AdvSIMD scalar shift by immediate (FCVTZS/FCVTZU)", "01 u 111110 hhhh bbb 11111 1 nnnnn ddddd",
                (w, d, m) -> shiftImm.decode(w, d, true));
        // FMOV (vector, immediate) is part of the AdvSIMD modified-immediate class in SimdPermute.
    }

    @FunctionalInterface
    private interface Decoder3 {
        Op decode(int w, Insn d, boolean scalar);
    }
}
