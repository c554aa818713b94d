package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;
import static org.armach.core.cpu.a64.FpOps.D;
import static org.armach.core.cpu.a64.FpOps.H;
import static org.armach.core.cpu.a64.FpOps.S;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.90 "Data Processing -- Scalar Floating-Point and Advanced SIMD", the scalar
 * floating-point part: FP data-processing (1, 2 and 3 source), compares, conditional compare
 * and select, FMOV (register, immediate, general), and conversions between floating point
 * and integer or fixed point. Arithmetic lives in {@link FpOps}.
 *
 * <p>Decoded FP/SIMD register operands are stored as indices into {@link Cpu#v} (2*n), so
 * {@code c.v[i.rd]} is the low half of Vd and {@code c.v[i.rd + 1]} the high half.
 * General-purpose operands use the usual {@link Bits#rz}/{@link Bits#wz} mapping.
 * Half precision (type 11) is only accepted by FCVT; FP16 arithmetic stays UNDEFINED.
 */
public final class FpScalar {
    private FpScalar() {}

    // ---- register access ---------------------------------------------------------------
    static long getS(Cpu c, int n) { return c.v[n] & 0xffffffffL; }

    static void setS(Cpu c, int n, long x) {
        c.v[n] = x & 0xffffffffL;
        c.v[n + 1] = 0;
    }

    static void setD(Cpu c, int n, long x) {
        c.v[n] = x;
        c.v[n + 1] = 0;
    }

    static void setH(Cpu c, int n, long x) {
        c.v[n] = x & 0xffffL;
        c.v[n + 1] = 0;
    }

    static long get(Cpu c, int fmt, int n) {
        long x = c.v[n];
        return fmt == D ? x : fmt == S ? x & 0xffffffffL : x & 0xffffL;
    }

    static void set(Cpu c, int fmt, int n, long x) {
        c.v[n] = fmt == D ? x : fmt == S ? x & 0xffffffffL : x & 0xffffL;
        c.v[n + 1] = 0;
    }

    /** Decoder helper: index of V register n in {@link Cpu#v}. */
    static int vreg(int n) { return 2 * n; }

    /** Format for the scalar FP "type" field (00 S, 01 D, 11 H), or -1. */
    static int ftype(int type) {
        switch (type) {
            case 0: return S;
            case 1: return D;
            case 3: return H;
            default: return -1;
        }
    }

    // ---- 2-source ---------------------------------------------------------------------
    private static final Op FADD_S = (c, i) -> setS(c, i.rd, FpOps.add32(c, getS(c, i.rn), getS(c, i.rm)));
    private static final Op FADD_D = (c, i) -> setD(c, i.rd, FpOps.add64(c, c.v[i.rn], c.v[i.rm]));
    private static final Op FSUB_S = (c, i) -> setS(c, i.rd, FpOps.sub32(c, getS(c, i.rn), getS(c, i.rm)));
    private static final Op FSUB_D = (c, i) -> setD(c, i.rd, FpOps.sub64(c, c.v[i.rn], c.v[i.rm]));
    private static final Op FMUL_S = (c, i) -> setS(c, i.rd, FpOps.mul32(c, getS(c, i.rn), getS(c, i.rm)));
    private static final Op FMUL_D = (c, i) -> setD(c, i.rd, FpOps.mul64(c, c.v[i.rn], c.v[i.rm]));
    private static final Op FDIV_S = (c, i) -> setS(c, i.rd, FpOps.div32(c, getS(c, i.rn), getS(c, i.rm)));
    private static final Op FDIV_D = (c, i) -> setD(c, i.rd, FpOps.div64(c, c.v[i.rn], c.v[i.rm]));

    /** The remaining 2-source operations by opcode (i.a) for format i.e. */
    private static final Op DP2_OTHER = (c, i) -> {
        int f = i.e;
        long a = get(c, f, i.rn), b = get(c, f, i.rm), r;
        switch (i.a) {
            case 4: r = FpOps.minMax(c, f, a, b, false, false); break;
            case 5: r = FpOps.minMax(c, f, a, b, true, false); break;
            case 6: r = FpOps.minMax(c, f, a, b, false, true); break;
            case 7: r = FpOps.minMax(c, f, a, b, true, true); break;
            default: r = FpOps.negate(FpOps.mul(c, f, a, b), f); break; // 8: FNMUL
        }
        set(c, f, i.rd, r);
    };

    // ---- 3-source ---------------------------------------------------------------------
    private static final Op FMADD_S = (c, i) -> setS(c, i.rd, FpOps.fma(c, S, getS(c, i.ra), getS(c, i.rn), getS(c, i.rm)));
    private static final Op FMADD_D = (c, i) -> setD(c, i.rd, FpOps.fma(c, D, c.v[i.ra], c.v[i.rn], c.v[i.rm]));
    private static final Op FMSUB_S = (c, i) -> setS(c, i.rd, FpOps.fma(c, S, getS(c, i.ra), getS(c, i.rn) ^ 0x80000000L, getS(c, i.rm)));
    private static final Op FMSUB_D = (c, i) -> setD(c, i.rd, FpOps.fma(c, D, c.v[i.ra], c.v[i.rn] ^ Long.MIN_VALUE, c.v[i.rm]));
    private static final Op FNMADD_S = (c, i) -> setS(c, i.rd,
            FpOps.fma(c, S, getS(c, i.ra) ^ 0x80000000L, getS(c, i.rn) ^ 0x80000000L, getS(c, i.rm)));
    private static final Op FNMADD_D = (c, i) -> setD(c, i.rd,
            FpOps.fma(c, D, c.v[i.ra] ^ Long.MIN_VALUE, c.v[i.rn] ^ Long.MIN_VALUE, c.v[i.rm]));
    private static final Op FNMSUB_S = (c, i) -> setS(c, i.rd, FpOps.fma(c, S, getS(c, i.ra) ^ 0x80000000L, getS(c, i.rn), getS(c, i.rm)));
    private static final Op FNMSUB_D = (c, i) -> setD(c, i.rd, FpOps.fma(c, D, c.v[i.ra] ^ Long.MIN_VALUE, c.v[i.rn], c.v[i.rm]));

    // ---- 1-source ---------------------------------------------------------------------
    private static final Op FMOV_S = (c, i) -> setS(c, i.rd, getS(c, i.rn));
    private static final Op FMOV_D = (c, i) -> setD(c, i.rd, c.v[i.rn]);
    private static final Op FABS_S = (c, i) -> setS(c, i.rd, getS(c, i.rn) & 0x7fffffffL);
    private static final Op FABS_D = (c, i) -> setD(c, i.rd, c.v[i.rn] & Long.MAX_VALUE);
    private static final Op FNEG_S = (c, i) -> setS(c, i.rd, getS(c, i.rn) ^ 0x80000000L);
    private static final Op FNEG_D = (c, i) -> setD(c, i.rd, c.v[i.rn] ^ Long.MIN_VALUE);
    private static final Op FSQRT = (c, i) -> set(c, i.e, i.rd, FpOps.sqrt(c, i.e, get(c, i.e, i.rn)));
    private static final Op FCVT_SD = (c, i) -> setD(c, i.rd, FpOps.cvtSD(c, getS(c, i.rn)));
    private static final Op FCVT_DS = (c, i) -> setS(c, i.rd, FpOps.cvtDS(c, c.v[i.rn]));
    /** FCVT between other formats: i.e = from, i.a = to. */
    private static final Op FCVT = (c, i) -> set(c, i.a, i.rd, FpOps.convert(c, get(c, i.e, i.rn), i.e, i.a, FpOps.rmode(c)));
    /** FRINT*: i.a = rounding (-1 = FPCR), i.b = exact. */
    private static final Op FRINT = (c, i) -> set(c, i.e, i.rd, FpOps.roundInt(c, i.e, get(c, i.e, i.rn),
            i.a < 0 ? FpOps.rmode(c) : i.a, i.b != 0));

    // ---- compare, conditional compare, select -----------------------------------------
    private static final Op FCMP = (c, i) -> c.setNzcv(FpOps.compare(c, i.e, get(c, i.e, i.rn),
            i.b != 0 ? 0 : get(c, i.e, i.rm), i.a != 0));
    private static final Op FCCMP = (c, i) -> {
        if (c.cond(i.c)) c.setNzcv(FpOps.compare(c, i.e, get(c, i.e, i.rn), get(c, i.e, i.rm), i.a != 0));
        else c.setNzcv(i.b);
    };
    private static final Op FCSEL_S = (c, i) -> setS(c, i.rd, getS(c, c.cond(i.c) ? i.rn : i.rm));
    private static final Op FCSEL_D = (c, i) -> setD(c, i.rd, c.v[c.cond(i.c) ? i.rn : i.rm]);
    private static final Op FMOV_IMM = (c, i) -> {
        c.v[i.rd] = i.imm;
        c.v[i.rd + 1] = 0;
    };

    // ---- FMOV general ----------------------------------------------------------------
    private static final Op FMOV_WS = (c, i) -> c.r[i.rd] = c.v[i.rn] & 0xffffffffL;
    private static final Op FMOV_SW = (c, i) -> setS(c, i.rd, c.r[i.rn]);
    private static final Op FMOV_XD = (c, i) -> c.r[i.rd] = c.v[i.rn];
    private static final Op FMOV_DX = (c, i) -> setD(c, i.rd, c.r[i.rn]);
    private static final Op FMOV_X_VD1 = (c, i) -> c.r[i.rd] = c.v[i.rn + 1];
    private static final Op FMOV_VD1_X = (c, i) -> c.v[i.rd + 1] = c.r[i.rn];

    // ---- conversions -------------------------------------------------------------------
    private static final Op FCVTZS_W_S = (c, i) -> c.r[i.rd] = FpOps.toIntZ(c, S, getS(c, i.rn), false, 32) & 0xffffffffL;
    private static final Op FCVTZS_W_D = (c, i) -> c.r[i.rd] = FpOps.toIntZ(c, D, c.v[i.rn], false, 32) & 0xffffffffL;
    private static final Op FCVTZS_X_S = (c, i) -> c.r[i.rd] = FpOps.toIntZ(c, S, getS(c, i.rn), false, 64);
    private static final Op FCVTZS_X_D = (c, i) -> c.r[i.rd] = FpOps.toIntZ(c, D, c.v[i.rn], false, 64);
    /** FP to integer/fixed: i.e = format, i.a = fbits, i.b = rounding, i.c = unsigned, i.imm = 32 or 64. */
    private static final Op TO_INT = (c, i) -> {
        long r = FpOps.toFixed(c, i.e, get(c, i.e, i.rn), i.a, i.c != 0, i.b, (int) i.imm);
        c.r[i.rd] = i.imm == 32 ? r & 0xffffffffL : r;
    };
    private static final Op SCVTF_S_W = (c, i) -> setS(c, i.rd, FpOps.fromFixed(c, S, (int) c.r[i.rn], 0, false, FpOps.rmode(c)));
    private static final Op SCVTF_D_W = (c, i) -> setD(c, i.rd, Double.doubleToRawLongBits((int) c.r[i.rn]));
    private static final Op SCVTF_S_X = (c, i) -> setS(c, i.rd, FpOps.fromFixed(c, S, c.r[i.rn], 0, false, FpOps.rmode(c)));
    private static final Op SCVTF_D_X = (c, i) -> setD(c, i.rd, FpOps.fromFixed(c, D, c.r[i.rn], 0, false, FpOps.rmode(c)));
    /** Integer/fixed to FP: i.e = format, i.a = fbits, i.c = unsigned, i.imm = 32 or 64. */
    private static final Op FROM_INT = (c, i) -> {
        long x = c.r[i.rn];
        if (i.imm == 32) x = i.c != 0 ? x & 0xffffffffL : (int) x;
        set(c, i.e, i.rd, FpOps.fromFixed(c, i.e, x, i.a, i.c != 0, FpOps.rmode(c)));
    };

    /** VFPExpandImm for S (fmt S) or D. */
    static long vfpExpandImm(int imm8, int fmt) {
        long sign = (imm8 >>> 7) & 1, b6 = (imm8 >>> 6) & 1, b54 = (imm8 >>> 4) & 3, f4 = imm8 & 0xf;
        if (fmt == S) {
            long exp = ((b6 ^ 1) << 7) | (b6 == 1 ? 0x1fL << 2 : 0) | b54;
            return (sign << 31) | (exp << 23) | (f4 << 19);
        }
        long exp = ((b6 ^ 1) << 10) | (b6 == 1 ? 0xffL << 2 : 0) | b54;
        return (sign << 63) | (exp << 52) | (f4 << 48);
    }

    private static final int[] RINT_MODE = {FpOps.RN, FpOps.RP, FpOps.RM, FpOps.RZ, FpOps.RA, -2, -1, -1};

    public static void register(DecodeTable t) {
        t.section("C4.1.90 Data Processing -- Scalar Floating-Point", true);

        t.add("FP<->fixed", "f 0 0 11110 tt 0 rr ooo ssssss nnnnn ddddd", (w, d, m) -> {
            int fmt = bits(w, 23, 22) == 0 ? S : bits(w, 23, 22) == 1 ? D : -1;
            int sf = bit(w, 31), scale = bits(w, 15, 10), rmode = bits(w, 20, 19), op = bits(w, 18, 16);
            if (fmt < 0 || (sf == 0 && scale < 32)) return null;
            d.a = 64 - scale;
            d.e = fmt;
            d.imm = sf == 1 ? 64 : 32;
            if (rmode == 0 && (op == 2 || op == 3)) {
                d.rd = vreg(bits(w, 4, 0));
                d.rn = rz(bits(w, 9, 5));
                d.c = op & 1;
                return FROM_INT;
            }
            if (rmode == 3 && (op == 0 || op == 1)) {
                d.rd = wz(bits(w, 4, 0));
                d.rn = vreg(bits(w, 9, 5));
                d.c = op & 1;
                d.b = FpOps.RZ;
                return TO_INT;
            }
            return null;
        });

        t.add("FP<->int", "f 0 0 11110 tt 1 rr ooo 000000 nnnnn ddddd", (w, d, m) -> {
            int sf = bit(w, 31), type = bits(w, 23, 22), rmode = bits(w, 20, 19), op = bits(w, 18, 16);
            int rd = bits(w, 4, 0), rn = bits(w, 9, 5);
            if (op >= 6) { // FMOV general
                boolean toFp = op == 7;
                Op r = null;
                if (rmode == 0 && sf == 0 && type == 0) r = toFp ? FMOV_SW : FMOV_WS;
                else if (rmode == 0 && sf == 1 && type == 1) r = toFp ? FMOV_DX : FMOV_XD;
                else if (rmode == 1 && sf == 1 && type == 2) r = toFp ? FMOV_VD1_X : FMOV_X_VD1;
                if (r == null) return null;
                d.rd = toFp ? vreg(rd) : wz(rd);
                d.rn = toFp ? rz(rn) : vreg(rn);
                return r;
            }
            int fmt = type == 0 ? S : type == 1 ? D : -1;
            if (fmt < 0) return null;
            d.e = fmt;
            d.a = 0;
            d.imm = sf == 1 ? 64 : 32;
            if (op == 2 || op == 3) { // SCVTF / UCVTF
                if (rmode != 0) return null;
                d.rd = vreg(rd);
                d.rn = rz(rn);
                d.c = op & 1;
                if (op == 2) {
                    if (fmt == S) return sf == 1 ? SCVTF_S_X : SCVTF_S_W;
                    return sf == 1 ? SCVTF_D_X : SCVTF_D_W;
                }
                return FROM_INT;
            }
            int rm;
            if (op <= 1) rm = rmode; // FCVTN/P/M/Z
            else if (rmode == 0) rm = FpOps.RA; // op 4/5: FCVTAS/FCVTAU
            else return null;
            d.rd = wz(rd);
            d.rn = vreg(rn);
            d.c = op & 1;
            d.b = rm;
            if (rm == FpOps.RZ && d.c == 0) {
                if (fmt == S) return sf == 1 ? FCVTZS_X_S : FCVTZS_W_S;
                return sf == 1 ? FCVTZS_X_D : FCVTZS_W_D;
            }
            return TO_INT;
        });

        t.add("FCMP", "0 0 0 11110 tt 1 mmmmm 00 1000 nnnnn ooooo", (w, d, m) -> {
            int fmt = bits(w, 23, 22) == 0 ? S : bits(w, 23, 22) == 1 ? D : -1;
            int opc = bits(w, 4, 0);
            if (fmt < 0 || (opc & 7) != 0) return null;
            d.e = fmt;
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            d.b = (opc >>> 3) & 1; // compare with zero
            d.a = (opc >>> 4) & 1; // FCMPE
            return FCMP;
        });

        t.add("FMOV (scalar, immediate)", "0 0 0 11110 tt 1 iiiiiiii 100 00000 ddddd", (w, d, m) -> {
            int fmt = bits(w, 23, 22) == 0 ? S : bits(w, 23, 22) == 1 ? D : -1;
            if (fmt < 0) return null;
            d.rd = vreg(bits(w, 4, 0));
            d.imm = vfpExpandImm(bits(w, 20, 13), fmt);
            return FMOV_IMM;
        });

        t.add("FCCMP", "0 0 0 11110 tt 1 mmmmm cccc 01 nnnnn o ffff", (w, d, m) -> {
            int fmt = bits(w, 23, 22) == 0 ? S : bits(w, 23, 22) == 1 ? D : -1;
            if (fmt < 0) return null;
            d.e = fmt;
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            d.c = bits(w, 15, 12);
            d.a = bit(w, 4);
            d.b = bits(w, 3, 0);
            return FCCMP;
        });

        t.add("FP data-processing (2 source)", "0 0 0 11110 tt 1 mmmmm oooo 10 nnnnn ddddd", (w, d, m) -> {
            int fmt = bits(w, 23, 22) == 0 ? S : bits(w, 23, 22) == 1 ? D : -1;
            int op = bits(w, 15, 12);
            if (fmt < 0 || op > 8) return null;
            d.e = fmt;
            d.a = op;
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            boolean s = fmt == S;
            switch (op) {
                case 0: return s ? FMUL_S : FMUL_D;
                case 1: return s ? FDIV_S : FDIV_D;
                case 2: return s ? FADD_S : FADD_D;
                case 3: return s ? FSUB_S : FSUB_D;
                default: return DP2_OTHER;
            }
        });

        t.add("FCSEL", "0 0 0 11110 tt 1 mmmmm cccc 11 nnnnn ddddd", (w, d, m) -> {
            int type = bits(w, 23, 22);
            if (type > 1) return null;
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            d.c = bits(w, 15, 12);
            return type == 0 ? FCSEL_S : FCSEL_D;
        });

        t.add("FP data-processing (1 source)", "0 0 0 11110 tt 1 oooooo 10000 nnnnn ddddd", (w, d, m) -> {
            int fmt = ftype(bits(w, 23, 22));
            int op = bits(w, 20, 15);
            if (fmt < 0) return null;
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.e = fmt;
            if ((op & 0x3c) == 4) { // FCVT
                int to = ftype(op & 3);
                if (to < 0 || to == fmt) return null;
                if (fmt == S && to == D) return FCVT_SD;
                if (fmt == D && to == S) return FCVT_DS;
                d.a = to;
                return FCVT;
            }
            if (fmt == H) return null; // FP16 arithmetic not implemented
            boolean s = fmt == S;
            switch (op) {
                case 0: return s ? FMOV_S : FMOV_D;
                case 1: return s ? FABS_S : FABS_D;
                case 2: return s ? FNEG_S : FNEG_D;
                case 3: return FSQRT;
                default: break;
            }
            if (op < 8 || op > 15 || op == 13) return null;
            int mode = RINT_MODE[op - 8];
            d.a = mode == -2 ? -1 : mode;
            d.b = op == 14 ? 1 : 0; // FRINTX
            return FRINT;
        });

        t.add("FP data-processing (3 source)", "0 0 0 11111 tt o mmmmm p aaaaa nnnnn ddddd", (w, d, m) -> {
            int type = bits(w, 23, 22);
            if (type > 1) return null;
            d.rd = vreg(bits(w, 4, 0));
            d.rn = vreg(bits(w, 9, 5));
            d.rm = vreg(bits(w, 20, 16));
            d.ra = vreg(bits(w, 14, 10));
            boolean s = type == 0;
            switch ((bit(w, 21) << 1) | bit(w, 15)) {
                case 0: return s ? FMADD_S : FMADD_D;
                case 1: return s ? FMSUB_S : FMSUB_D;
                case 2: return s ? FNMADD_S : FNMADD_D;
                default: return s ? FNMSUB_S : FNMSUB_D;
            }
        });
    }
}
