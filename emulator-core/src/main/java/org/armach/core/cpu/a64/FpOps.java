package org.armach.core.cpu.a64;

import org.armach.core.cpu.Cpu;

/**
 * The ARMv8.0 floating-point kernel, following the ARM ARM pseudocode (FPUnpack, FPRound,
 * FPProcessNaNs, FPAdd, FPMulAdd, FPToFixed, FPConvert, FPRoundInt, FPRecipEstimate, ...).
 *
 * <p>Values are raw bit patterns in a {@code long} (single and half in the low bits). Each
 * operation reads FPCR (RMode, FZ, DN, AHP) from the {@link Cpu} and ORs the cumulative
 * exception flags into {@code c.fpsr}; exceptions are never trapped.
 *
 * <p>The common case (round to nearest even, no flush-to-zero, normal operands and result)
 * uses Java's own IEEE arithmetic, which is correctly rounded in that mode, and detects
 * inexactness with an exact error term (TwoSum or an FMA residual) only when IXC is not
 * already set. Everything else goes through an exact software core on integer mantissas:
 * {@link #round} implements FPRound (tininess before rounding, FZ output flush, overflow per
 * rounding mode, round-to-odd), {@link #fmaCore} computes sums and products exactly in 128
 * bits, and division and square root derive the sticky direction from an exact FMA residual.
 */
public final class FpOps {
    private FpOps() {}

    /** Formats. */
    public static final int S = 0, D = 1, H = 2;
    /** FPSR cumulative flags. */
    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;
    /** FPCR control bits. */
    public static final int FPCR_AHP = 1 << 26, FPCR_DN = 1 << 25, FPCR_FZ = 1 << 24;
    /** FPCR.RMode and FZ: zero means the fast path is usable. */
    private static final int SLOW_MODES = FPCR_FZ | (3 << 22);
    /** Rounding modes (the first four are FPCR.RMode encodings). */
    public static final int RN = 0, RP = 1, RM = 2, RZ = 3, RA = 4, RO = 5;

    static final int T_ZERO = 0, T_NUM = 1, T_INF = 2, T_QNAN = 3, T_SNAN = 4;

    private static final int[] FB = {23, 52, 10};
    private static final int[] EB = {8, 11, 5};
    private static final int[] EMIN = {-126, -1022, -14};
    private static final int[] BIAS = {127, 1023, 15};
    private static final long[] SIGN = {1L << 31, 1L << 63, 1L << 15};

    private static final long F_ONE = 0x3f800000L, D_ONE = 0x3ff0000000000000L;

    // =====================================================================================
    // Format helpers
    // =====================================================================================

    public static int rmode(Cpu c) { return (c.fpcr >>> 22) & 3; }

    static long expField(long x, int fmt) { return (x >>> FB[fmt]) & ((1L << EB[fmt]) - 1); }

    static long frac(long x, int fmt) { return x & ((1L << FB[fmt]) - 1); }

    static boolean neg(long x, int fmt) { return (x & SIGN[fmt]) != 0; }

    public static long signBit(int fmt) { return SIGN[fmt]; }

    public static long defaultNaN(int fmt) {
        return (((1L << EB[fmt]) - 1) << FB[fmt]) | (1L << (FB[fmt] - 1));
    }

    static long inf(int fmt, boolean neg) { return (neg ? SIGN[fmt] : 0) | (((1L << EB[fmt]) - 1) << FB[fmt]); }

    static long zero(int fmt, boolean neg) { return neg ? SIGN[fmt] : 0; }

    static long maxNormal(int fmt, boolean neg) {
        return (neg ? SIGN[fmt] : 0) | ((((1L << EB[fmt]) - 1) << FB[fmt]) - 1);
    }

    /** The constant 1.0 * 2^k (k within range) with the given sign. */
    static long pow2(int fmt, boolean neg, int k) {
        return (neg ? SIGN[fmt] : 0) | ((long) (BIAS[fmt] + k) << FB[fmt]);
    }

    static int type(long x, int fmt, int fpcr) {
        long e = expField(x, fmt), f = frac(x, fmt);
        if (e == 0) return f == 0 ? T_ZERO : T_NUM;
        if (e == (1L << EB[fmt]) - 1 && !(fmt == H && (fpcr & FPCR_AHP) != 0)) {
            if (f == 0) return T_INF;
            return (f >>> (FB[fmt] - 1)) != 0 ? T_QNAN : T_SNAN;
        }
        return T_NUM;
    }

    /** FPUnpack's flush-to-zero of denormal single/double inputs: sets IDC, keeps the sign. */
    static long flushIn(Cpu c, long x, int fmt) {
        if (fmt != H && (c.fpcr & FPCR_FZ) != 0 && expField(x, fmt) == 0 && frac(x, fmt) != 0) {
            c.fpsr |= IDC;
            return x & SIGN[fmt];
        }
        return x;
    }

    /** Integer significand of a finite nonzero value. */
    static long mant(long x, int fmt) {
        long e = expField(x, fmt), f = frac(x, fmt);
        return e == 0 ? f : f | (1L << FB[fmt]);
    }

    /** Exponent of the significand's unit bit: value = mant * 2^exp. */
    static int exp(long x, int fmt) {
        long e = expField(x, fmt);
        return (int) (e == 0 ? 1 : e) - BIAS[fmt] - FB[fmt];
    }

    static double toDouble(long x, int fmt) {
        return fmt == D ? Double.longBitsToDouble(x) : (double) Float.intBitsToFloat((int) x);
    }

    public static long abs(long x, int fmt) { return x & ~SIGN[fmt]; }

    public static long negate(long x, int fmt) { return x ^ SIGN[fmt]; }

    // =====================================================================================
    // NaN processing
    // =====================================================================================

    static long processNaN(Cpu c, long x, int fmt, int t) {
        if (t == T_SNAN) {
            c.fpsr |= IOC;
            x |= 1L << (FB[fmt] - 1);
        }
        if ((c.fpcr & FPCR_DN) != 0) return defaultNaN(fmt);
        return x;
    }

    static long nans2(Cpu c, int fmt, long a, int ta, long b, int tb) {
        if (ta == T_SNAN) return processNaN(c, a, fmt, ta);
        if (tb == T_SNAN) return processNaN(c, b, fmt, tb);
        if (ta == T_QNAN) return processNaN(c, a, fmt, ta);
        return processNaN(c, b, fmt, tb);
    }

    static long nans3(Cpu c, int fmt, long a, int ta, long b, int tb, long d, int td) {
        if (ta == T_SNAN) return processNaN(c, a, fmt, ta);
        if (tb == T_SNAN) return processNaN(c, b, fmt, tb);
        if (td == T_SNAN) return processNaN(c, d, fmt, td);
        if (ta == T_QNAN) return processNaN(c, a, fmt, ta);
        if (tb == T_QNAN) return processNaN(c, b, fmt, tb);
        return processNaN(c, d, fmt, td);
    }

    // =====================================================================================
    // FPRound
    // =====================================================================================

    /**
     * FPRound of (-1)^neg * (mant + s) * 2^exp, where s is 0 if !sticky and strictly between 0
     * and 1 otherwise. mant &gt; 0 (as a signed long). With sticky, mant must have at least
     * FB+3 significant bits. Rounding {@code rm} is RN/RP/RM/RZ/RO (RA as FPRoundInt's tie-away).
     */
    static long round(Cpu c, int fmt, boolean neg, long mant, int exp, boolean sticky, int rm) {
        final int fb = FB[fmt], emin = EMIN[fmt];
        final long signBit = neg ? SIGN[fmt] : 0;
        int e = exp + 63 - Long.numberOfLeadingZeros(mant);
        if (e < emin && fmt != H && (c.fpcr & FPCR_FZ) != 0) {
            c.fpsr |= UFC;
            return signBit;
        }
        int sh = Math.max(e, emin) - fb - exp;
        long im;
        int cmp; // rounding error compared with half an ulp
        boolean inexact;
        if (sh <= 0) {
            im = mant << -sh;
            inexact = sticky;
            cmp = sticky ? -1 : 0;
        } else if (sh >= 64) {
            im = 0;
            inexact = true;
            cmp = -1;
        } else {
            im = mant >>> sh;
            long rem = mant & ((1L << sh) - 1), half = 1L << (sh - 1);
            inexact = rem != 0 || sticky;
            cmp = rem > half ? 1 : rem < half ? -1 : (sticky ? 1 : 0);
        }
        if (!inexact) cmp = -1;
        int biased = e >= emin ? e - emin + 1 : 0;
        if (biased == 0 && inexact) c.fpsr |= UFC;
        boolean up, toInf;
        switch (rm) {
            case RN: up = cmp > 0 || (cmp == 0 && (im & 1) != 0); toInf = true; break;
            case RP: up = inexact && !neg; toInf = !neg; break;
            case RM: up = inexact && neg; toInf = neg; break;
            case RA: up = cmp >= 0; toInf = true; break;
            default: up = false; toInf = false; break;
        }
        if (up) im++;
        if (rm == RO && inexact) im |= 1;
        long bits = (biased > 0 ? ((long) (biased - 1) << fb) : 0) + im;
        if (fmt == H && (c.fpcr & FPCR_AHP) != 0) {
            if ((bits >>> fb) >= 32) {
                c.fpsr |= IOC;
                return signBit | 0x7fff;
            }
        } else if ((bits >>> fb) >= (1L << EB[fmt]) - 1) {
            c.fpsr |= OFC | IXC;
            return toInf ? inf(fmt, neg) : maxNormal(fmt, neg);
        }
        if (inexact) c.fpsr |= IXC;
        return signBit | bits;
    }

    // =====================================================================================
    // Exact multiply-add core
    // =====================================================================================

    /**
     * Rounds (-1)^sp * m1*m2*2^ep + (-1)^sc * mc*2^ec, times 2^scale. m1, m2 &gt; 0 and below
     * 2^62 with m1*m2 &lt; 2^120; mc == 0 means no addend. An exact zero sum gets the sign
     * the rounding mode dictates.
     */
    static long fmaCore(Cpu c, int fmt, boolean sp, long m1, long m2, int ep, boolean sc, long mc, int ec,
                        int scale, int rm) {
        long xh = Math.multiplyHigh(m1, m2), xl = m1 * m2;
        // normalise the product so its leading one is at bit 125
        int s = clz128(xh, xl) - 2;
        if (s > 0) {
            if (s < 64) {
                xh = (xh << s) | (xl >>> (64 - s));
                xl <<= s;
            } else {
                xh = xl << (s - 64);
                xl = 0;
            }
        }
        int ex = ep - s;
        long rh, rl;
        int re;
        boolean rneg;
        if (mc == 0) {
            rh = xh;
            rl = xl;
            re = ex;
            rneg = sp;
        } else {
            int ys = 64 + Long.numberOfLeadingZeros(mc) - 2;
            long yh = mc << (ys - 64), yl = 0;
            int ey = ec - ys;
            boolean xBig = ex > ey || (ex == ey && (Long.compareUnsigned(xh, yh) > 0
                    || (xh == yh && Long.compareUnsigned(xl, yl) >= 0)));
            long bh, bl, th, tl;
            int be, d;
            boolean bneg, tneg;
            if (xBig) {
                bh = xh; bl = xl; be = ex; bneg = sp;
                th = yh; tl = yl; tneg = sc; d = ex - ey;
            } else {
                bh = yh; bl = yl; be = ey; bneg = sc;
                th = xh; tl = xl; tneg = sp; d = ey - ex;
            }
            // shift the smaller operand right by d, jamming lost bits into bit 0
            if (d > 0) {
                boolean lost;
                if (d < 64) {
                    lost = (tl << (64 - d)) != 0;
                    tl = (tl >>> d) | (th << (64 - d));
                    th >>>= d;
                } else if (d == 64) {
                    lost = tl != 0;
                    tl = th;
                    th = 0;
                } else if (d < 128) {
                    lost = tl != 0 || (th << (128 - d)) != 0;
                    tl = th >>> (d - 64);
                    th = 0;
                } else {
                    lost = true;
                    tl = 0;
                    th = 0;
                }
                if (lost) tl |= 1;
            }
            if (bneg == tneg) {
                rl = bl + tl;
                rh = bh + th + (Long.compareUnsigned(rl, bl) < 0 ? 1 : 0);
            } else {
                rl = bl - tl;
                rh = bh - th - (Long.compareUnsigned(bl, tl) < 0 ? 1 : 0);
            }
            re = be;
            rneg = bneg;
            if (rh == 0 && rl == 0) return zero(fmt, rm == RM);
        }
        // normalise to a 63-bit significand plus sticky
        int lz = clz128(rh, rl);
        if (lz > 0) {
            if (lz < 64) {
                rh = (rh << lz) | (rl >>> (64 - lz));
                rl <<= lz;
            } else {
                rh = rl << (lz - 64);
                rl = 0;
            }
        }
        long mant = rh >>> 1;
        boolean sticky = (rh & 1) != 0 || rl != 0;
        return round(c, fmt, rneg, mant, re - lz + 65 + scale, sticky, rm);
    }

    private static int clz128(long h, long l) {
        return h != 0 ? Long.numberOfLeadingZeros(h) : 64 + Long.numberOfLeadingZeros(l);
    }

    /** Division of finite nonzero significands, rounded. */
    static long divCore(Cpu c, int fmt, boolean neg, long ma, int ea, long mb, int eb, int rm) {
        int sa = Long.numberOfLeadingZeros(ma) - 11, sb = Long.numberOfLeadingZeros(mb) - 11;
        ma <<= sa;
        ea -= sa;
        mb <<= sb;
        eb -= sb;
        double da = Double.longBitsToDouble((1023L << 52) | (ma & 0xfffffffffffffL));
        double db = Double.longBitsToDouble((1023L << 52) | (mb & 0xfffffffffffffL));
        double q = da / db;
        double r = Math.fma(q, db, -da);
        long qb = Double.doubleToRawLongBits(q);
        int qe = (int) (qb >>> 52) - 1023;
        long qm = (qb & 0xfffffffffffffL) | (1L << 52);
        // a/b = (da/db) * 2^(ea-eb)
        if (r == 0) return round(c, fmt, neg, qm, qe - 52 + ea - eb, false, rm);
        return round(c, fmt, neg, (qm << 2) - (r > 0 ? 1 : 0), qe - 54 + ea - eb, true, rm);
    }

    /** Square root of a positive finite value m * 2^e, rounded. */
    static long sqrtCore(Cpu c, int fmt, long m, int e, int rm) {
        int s = Long.numberOfLeadingZeros(m) - 11;
        m <<= s;
        e -= s; // value = (m * 2^-52) * 2^(e+52)
        int k = e + 52;
        long dexp = 1023;
        if ((k & 1) != 0) {
            dexp = 1024;
            k--;
        }
        double da = Double.longBitsToDouble((dexp << 52) | (m & 0xfffffffffffffL));
        double q = Math.sqrt(da);
        double r = Math.fma(q, q, -da);
        long qb = Double.doubleToRawLongBits(q);
        int qe = (int) (qb >>> 52) - 1023;
        long qm = (qb & 0xfffffffffffffL) | (1L << 52);
        int half = k >> 1;
        if (r == 0) return round(c, fmt, false, qm, qe - 52 + half, false, rm);
        return round(c, fmt, false, (qm << 2) - (r > 0 ? 1 : 0), qe - 54 + half, true, rm);
    }

    private static boolean safe(double v) {
        double a = Math.abs(v);
        return a >= 0x1p-960 && a <= 0x1p960;
    }

    // =====================================================================================
    // Add / subtract
    // =====================================================================================

    public static long add64(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            double r = x + y;
            double ar = Math.abs(r);
            if (ar >= 0x1p-1021 && ar <= Double.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0) {
                    double bv = r - x;
                    if ((x - (r - bv)) + (y - bv) != 0) c.fpsr |= IXC;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return addSlow(c, D, a, b, false);
    }

    public static long sub64(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            double x = Double.longBitsToDouble(a), y = -Double.longBitsToDouble(b);
            double r = x + y;
            double ar = Math.abs(r);
            if (ar >= 0x1p-1021 && ar <= Double.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0) {
                    double bv = r - x;
                    if ((x - (r - bv)) + (y - bv) != 0) c.fpsr |= IXC;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return addSlow(c, D, a, b, true);
    }

    public static long add32(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
            float r = x + y;
            float ar = Math.abs(r);
            if (ar >= 0x1p-125f && ar <= Float.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0) {
                    float bv = r - x;
                    if ((x - (r - bv)) + (y - bv) != 0) c.fpsr |= IXC;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return addSlow(c, S, a, b, false);
    }

    public static long sub32(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            float x = Float.intBitsToFloat((int) a), y = -Float.intBitsToFloat((int) b);
            float r = x + y;
            float ar = Math.abs(r);
            if (ar >= 0x1p-125f && ar <= Float.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0) {
                    float bv = r - x;
                    if ((x - (r - bv)) + (y - bv) != 0) c.fpsr |= IXC;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return addSlow(c, S, a, b, true);
    }

    public static long add(Cpu c, int fmt, long a, long b) { return fmt == D ? add64(c, a, b) : add32(c, a, b); }

    public static long sub(Cpu c, int fmt, long a, long b) { return fmt == D ? sub64(c, a, b) : sub32(c, a, b); }

    /** FPAdd / FPSub. */
    static long addSlow(Cpu c, int fmt, long a, long b, boolean subtract) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) return nans2(c, fmt, a, ta, b, tb);
        boolean sa = neg(a, fmt), sb = neg(b, fmt) ^ subtract;
        if (ta == T_INF || tb == T_INF) {
            if (ta == T_INF && tb == T_INF && sa != sb) {
                c.fpsr |= IOC;
                return defaultNaN(fmt);
            }
            return inf(fmt, ta == T_INF ? sa : sb);
        }
        int rm = rmode(c);
        if (ta == T_ZERO && tb == T_ZERO) return zero(fmt, sa == sb ? sa : rm == RM);
        if (ta == T_ZERO) return zero(fmt, sb) | (b & ~SIGN[fmt]);
        if (tb == T_ZERO) return a;
        return fmaCore(c, fmt, sa, mant(a, fmt), 1, exp(a, fmt), sb, mant(b, fmt), exp(b, fmt), 0, rm);
    }

    // =====================================================================================
    // Multiply, multiply-extended, divide, square root
    // =====================================================================================

    public static long mul64(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            double r = x * y;
            if (safe(r)) {
                if ((c.fpsr & IXC) == 0 && Math.fma(x, y, -r) != 0) c.fpsr |= IXC;
                return Double.doubleToRawLongBits(r);
            }
        }
        return mulSlow(c, D, a, b, false);
    }

    public static long mul32(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
            float r = x * y;
            float ar = Math.abs(r);
            if (ar >= 0x1p-125f && ar <= Float.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0 && (double) r != (double) x * (double) y) c.fpsr |= IXC;
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return mulSlow(c, S, a, b, false);
    }

    public static long mul(Cpu c, int fmt, long a, long b) { return fmt == D ? mul64(c, a, b) : mul32(c, a, b); }

    /** FMULX: as FMUL, but infinity times zero is 2.0 with the product's sign. */
    public static long mulx(Cpu c, int fmt, long a, long b) {
        long ea = expField(a, fmt), eb = expField(b, fmt), max = (1L << EB[fmt]) - 1;
        if (ea != 0 && eb != 0 && ea != max && eb != max) return mul(c, fmt, a, b);
        return mulSlow(c, fmt, a, b, true);
    }

    /** FPMul (and FPMulX when {@code x}). */
    static long mulSlow(Cpu c, int fmt, long a, long b, boolean x) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) return nans2(c, fmt, a, ta, b, tb);
        boolean sn = neg(a, fmt) ^ neg(b, fmt);
        if ((ta == T_INF && tb == T_ZERO) || (ta == T_ZERO && tb == T_INF)) {
            if (x) return pow2(fmt, sn, 1);
            c.fpsr |= IOC;
            return defaultNaN(fmt);
        }
        if (ta == T_INF || tb == T_INF) return inf(fmt, sn);
        if (ta == T_ZERO || tb == T_ZERO) return zero(fmt, sn);
        return fmaCore(c, fmt, sn, mant(a, fmt), mant(b, fmt), exp(a, fmt) + exp(b, fmt), false, 0, 0, 0, rmode(c));
    }

    public static long div64(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            double r = x / y;
            if (safe(r) && safe(x) && safe(y)) {
                if ((c.fpsr & IXC) == 0 && Math.fma(r, y, -x) != 0) c.fpsr |= IXC;
                return Double.doubleToRawLongBits(r);
            }
        }
        return divSlow(c, D, a, b);
    }

    public static long div32(Cpu c, long a, long b) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
            float r = x / y;
            float ar = Math.abs(r);
            if (ar >= 0x1p-125f && ar <= Float.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0 && (double) r * (double) y != (double) x) c.fpsr |= IXC;
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return divSlow(c, S, a, b);
    }

    public static long div(Cpu c, int fmt, long a, long b) { return fmt == D ? div64(c, a, b) : div32(c, a, b); }

    static long divSlow(Cpu c, int fmt, long a, long b) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) return nans2(c, fmt, a, ta, b, tb);
        boolean sn = neg(a, fmt) ^ neg(b, fmt);
        if ((ta == T_INF && tb == T_INF) || (ta == T_ZERO && tb == T_ZERO)) {
            c.fpsr |= IOC;
            return defaultNaN(fmt);
        }
        if (ta == T_INF || tb == T_ZERO) {
            if (ta != T_INF) c.fpsr |= DZC;
            return inf(fmt, sn);
        }
        if (ta == T_ZERO || tb == T_INF) return zero(fmt, sn);
        return divCore(c, fmt, sn, mant(a, fmt), exp(a, fmt), mant(b, fmt), exp(b, fmt), rmode(c));
    }

    public static long sqrt(Cpu c, int fmt, long a) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            if (fmt == D) {
                double x = Double.longBitsToDouble(a);
                if (x >= 0x1p-960 && x <= 0x1p960) {
                    double r = Math.sqrt(x);
                    if ((c.fpsr & IXC) == 0 && Math.fma(r, r, -x) != 0) c.fpsr |= IXC;
                    return Double.doubleToRawLongBits(r);
                }
            } else {
                float x = Float.intBitsToFloat((int) a);
                if (x >= Float.MIN_NORMAL && x <= Float.MAX_VALUE) {
                    float r = (float) Math.sqrt(x);
                    if ((c.fpsr & IXC) == 0 && (double) r * (double) r != (double) x) c.fpsr |= IXC;
                    return Float.floatToRawIntBits(r) & 0xffffffffL;
                }
            }
        }
        a = flushIn(c, a, fmt);
        int t = type(a, fmt, c.fpcr);
        if (t >= T_QNAN) return processNaN(c, a, fmt, t);
        if (t == T_ZERO) return a;
        if (neg(a, fmt)) {
            c.fpsr |= IOC;
            return defaultNaN(fmt);
        }
        if (t == T_INF) return a;
        return sqrtCore(c, fmt, mant(a, fmt), exp(a, fmt), rmode(c));
    }

    // =====================================================================================
    // Fused multiply-add
    // =====================================================================================

    /** FPMulAdd(addend, op1, op2): addend + op1*op2 with a single rounding. */
    public static long fma(Cpu c, int fmt, long addend, long op1, long op2) {
        if ((c.fpcr & SLOW_MODES) == 0 && (c.fpsr & IXC) != 0) {
            if (fmt == D) {
                double r = Math.fma(Double.longBitsToDouble(op1), Double.longBitsToDouble(op2),
                        Double.longBitsToDouble(addend));
                if (safe(r)) return Double.doubleToRawLongBits(r);
            } else {
                float r = Math.fma(Float.intBitsToFloat((int) op1), Float.intBitsToFloat((int) op2),
                        Float.intBitsToFloat((int) addend));
                float ar = Math.abs(r);
                if (ar >= 0x1p-125f && ar <= Float.MAX_VALUE) return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return fmaSlow(c, fmt, addend, op1, op2);
    }

    static long fmaSlow(Cpu c, int fmt, long ad, long a, long b) {
        ad = flushIn(c, ad, fmt);
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int tc = type(ad, fmt, c.fpcr), ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        boolean infZero = (ta == T_INF && tb == T_ZERO) || (ta == T_ZERO && tb == T_INF);
        if (tc >= T_QNAN || ta >= T_QNAN || tb >= T_QNAN) {
            long r = nans3(c, fmt, ad, tc, a, ta, b, tb);
            if (tc == T_QNAN && infZero) {
                c.fpsr |= IOC;
                return defaultNaN(fmt);
            }
            return r;
        }
        boolean sc = neg(ad, fmt), sp = neg(a, fmt) ^ neg(b, fmt);
        boolean infP = ta == T_INF || tb == T_INF, zeroP = ta == T_ZERO || tb == T_ZERO;
        if (infZero || (tc == T_INF && infP && sc != sp)) {
            c.fpsr |= IOC;
            return defaultNaN(fmt);
        }
        if (tc == T_INF) return inf(fmt, sc);
        if (infP) return inf(fmt, sp);
        int rm = rmode(c);
        if (zeroP) {
            if (tc == T_ZERO) return zero(fmt, sc == sp ? sc : rm == RM);
            return ad;
        }
        return fmaCore(c, fmt, sp, mant(a, fmt), mant(b, fmt), exp(a, fmt) + exp(b, fmt), sc,
                tc == T_ZERO ? 0 : mant(ad, fmt), tc == T_ZERO ? 0 : exp(ad, fmt), 0, rm);
    }

    /** FRECPS (rsqrt false): 2 - a*b; FRSQRTS: (3 - a*b) / 2, fused. */
    public static long recipStep(Cpu c, int fmt, long a, long b, boolean rsqrt) {
        a = flushIn(c, a ^ SIGN[fmt], fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) return nans2(c, fmt, a, ta, b, tb);
        if ((ta == T_INF && tb == T_ZERO) || (ta == T_ZERO && tb == T_INF)) {
            return rsqrt ? pow2(fmt, false, 0) | (1L << (FB[fmt] - 1)) : pow2(fmt, false, 1);
        }
        if (ta == T_INF || tb == T_INF) return inf(fmt, neg(a, fmt) ^ neg(b, fmt));
        if (ta == T_ZERO || tb == T_ZERO) {
            return rsqrt ? pow2(fmt, false, 0) | (1L << (FB[fmt] - 1)) : pow2(fmt, false, 1);
        }
        return fmaCore(c, fmt, neg(a, fmt) ^ neg(b, fmt), mant(a, fmt), mant(b, fmt), exp(a, fmt) + exp(b, fmt),
                false, rsqrt ? 3 : 1, rsqrt ? 0 : 1, rsqrt ? -1 : 0, rmode(c));
    }

    // =====================================================================================
    // Min / max
    // =====================================================================================

    /** FPMax / FPMin, and FPMaxNum / FPMinNum when {@code num}. */
    public static long minMax(Cpu c, int fmt, long a, long b, boolean isMin, boolean num) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (num) {
            if (ta == T_QNAN && tb != T_QNAN) {
                a = inf(fmt, !isMin);
                ta = T_INF;
            } else if (ta != T_QNAN && tb == T_QNAN) {
                b = inf(fmt, !isMin);
                tb = T_INF;
            }
        }
        if (ta >= T_QNAN || tb >= T_QNAN) return nans2(c, fmt, a, ta, b, tb);
        double va = toDouble(a, fmt), vb = toDouble(b, fmt);
        boolean pickA = isMin ? va < vb : va > vb;
        int t = pickA ? ta : tb;
        if (t == T_ZERO) {
            boolean na = neg(a, fmt), nb = neg(b, fmt);
            return zero(fmt, isMin ? (na | nb) : (na & nb));
        }
        return pickA ? a : b;
    }

    /** FABD: |a - b|. */
    public static long abd(Cpu c, int fmt, long a, long b) { return abs(sub(c, fmt, a, b), fmt); }

    // =====================================================================================
    // Comparisons
    // =====================================================================================

    /** FPCompare: returns NZCV (bit 3 = N). */
    public static int compare(Cpu c, int fmt, long a, long b, boolean signalNaNs) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) {
            if (ta == T_SNAN || tb == T_SNAN || signalNaNs) c.fpsr |= IOC;
            return 0b0011;
        }
        double va = toDouble(a, fmt), vb = toDouble(b, fmt);
        if (va == vb) return 0b0110;
        return va < vb ? 0b1000 : 0b0010;
    }

    /** FPCompareEQ. */
    public static boolean cmpEq(Cpu c, int fmt, long a, long b) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) {
            if (ta == T_SNAN || tb == T_SNAN) c.fpsr |= IOC;
            return false;
        }
        return toDouble(a, fmt) == toDouble(b, fmt);
    }

    /** FPCompareGE (gt false) / FPCompareGT (gt true). */
    public static boolean cmpGe(Cpu c, int fmt, long a, long b, boolean gt) {
        a = flushIn(c, a, fmt);
        b = flushIn(c, b, fmt);
        int ta = type(a, fmt, c.fpcr), tb = type(b, fmt, c.fpcr);
        if (ta >= T_QNAN || tb >= T_QNAN) {
            c.fpsr |= IOC;
            return false;
        }
        double va = toDouble(a, fmt), vb = toDouble(b, fmt);
        return gt ? va > vb : va >= vb;
    }

    // =====================================================================================
    // Round to integral, conversions
    // =====================================================================================

    /** Rounds magnitude m * 2^-sh (sh &gt; 0) to an integer in mode rm for a value of sign neg. */
    private static long roundMag(long m, int sh, boolean neg, int rm) {
        long ip, rem;
        int cmp;
        if (sh >= 64) {
            ip = 0;
            rem = m;
            cmp = -1;
        } else {
            ip = m >>> sh;
            rem = m & ((1L << sh) - 1);
            long half = 1L << (sh - 1);
            cmp = rem > half ? 1 : rem < half ? -1 : 0;
        }
        boolean up;
        switch (rm) {
            case RN: up = cmp > 0 || (cmp == 0 && (ip & 1) != 0); break;
            case RP: up = rem != 0 && !neg; break;
            case RM: up = rem != 0 && neg; break;
            case RA: up = cmp >= 0; break;
            default: up = false; break;
        }
        return up ? ip + 1 : ip;
    }

    /** FPRoundInt: FRINT{N,P,M,Z,A,X,I}. */
    public static long roundInt(Cpu c, int fmt, long x, int rm, boolean exact) {
        x = flushIn(c, x, fmt);
        int t = type(x, fmt, c.fpcr);
        if (t >= T_QNAN) return processNaN(c, x, fmt, t);
        if (t != T_NUM) return x;
        int e = exp(x, fmt);
        if (e >= 0) return x;
        long m = mant(x, fmt);
        boolean ng = neg(x, fmt);
        int sh = -e;
        long r = roundMag(m, sh, ng, rm);
        boolean inexact = sh >= 64 || (m & ((1L << sh) - 1)) != 0;
        if (inexact && exact) c.fpsr |= IXC;
        if (r == 0) return zero(fmt, ng);
        return round(c, fmt, ng, r, 0, false, RZ);
    }

    /**
     * FPToFixed: converts to a {@code bits}-wide (32 or 64) signed or unsigned integer with
     * {@code fbits} fraction bits, saturating with IOC. Returns the value sign-extended (signed)
     * or zero-extended (unsigned) to 64 bits.
     */
    public static long toFixed(Cpu c, int fmt, long x, int fbits, boolean unsigned, int rm, int bits) {
        x = flushIn(c, x, fmt);
        int t = type(x, fmt, c.fpcr);
        if (t >= T_QNAN) {
            c.fpsr |= IOC;
            return 0;
        }
        if (t == T_ZERO) return 0;
        boolean ng = neg(x, fmt);
        boolean overflow = false, inexact = false;
        long mag = 0;
        if (t == T_INF) {
            overflow = true;
        } else {
            long m = mant(x, fmt);
            int e = exp(x, fmt) + fbits;
            if (e >= 0) {
                if (64 - Long.numberOfLeadingZeros(m) + e > 64) overflow = true;
                else mag = m << e;
            } else {
                mag = roundMag(m, -e, ng, rm);
                inexact = -e >= 64 || (m & ((1L << -e) - 1)) != 0;
            }
        }
        if (!overflow) {
            if (unsigned) {
                overflow = (ng && mag != 0) || (bits == 32 && Long.compareUnsigned(mag, 0xffffffffL) > 0);
            } else {
                long lim = bits == 64 ? Long.MIN_VALUE : 1L << 31; // 2^(bits-1) as unsigned
                overflow = ng ? Long.compareUnsigned(mag, lim) > 0 : Long.compareUnsigned(mag, lim) >= 0;
            }
        }
        if (overflow) {
            c.fpsr |= IOC;
            if (unsigned) return ng ? 0 : (bits == 64 ? -1L : 0xffffffffL);
            if (bits == 64) return ng ? Long.MIN_VALUE : Long.MAX_VALUE;
            return ng ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        if (inexact) c.fpsr |= IXC;
        return ng ? -mag : mag;
    }

    /** FCVTZS to 32/64 bits, rounding toward zero (fast path for the common C cast). */
    public static long toIntZ(Cpu c, int fmt, long x, boolean unsigned, int bits) {
        if (!unsigned && (c.fpcr & FPCR_FZ) == 0) {
            double d = toDouble(x, fmt);
            if (Math.abs(d) < (bits == 64 ? 0x1p62 : 0x1p30)) {
                long r = (long) d;
                if ((c.fpsr & IXC) == 0 && (double) r != d) c.fpsr |= IXC;
                return r;
            }
        }
        return toFixed(c, fmt, x, 0, unsigned, RZ, bits);
    }

    /**
     * FixedToFP: {@code v} is the integer (already sign- or zero-extended from 32 bits) with
     * {@code fbits} fraction bits.
     */
    public static long fromFixed(Cpu c, int fmt, long v, int fbits, boolean unsigned, int rm) {
        if (fbits == 0 && (unsigned ? (v >= 0 && v < (1L << 53)) : (v > -(1L << 53) && v < (1L << 53)))) {
            if (fmt == D) return Double.doubleToRawLongBits((double) v);
            if (v > -(1L << 24) && v < (1L << 24)) return Float.floatToRawIntBits((float) v) & 0xffffffffL;
        }
        boolean ng = !unsigned && v < 0;
        long mag = ng ? -v : v;
        if (mag == 0) return 0;
        int e = -fbits;
        boolean sticky = false;
        if (mag < 0) {
            sticky = (mag & 1) != 0;
            mag >>>= 1;
            e++;
        }
        return round(c, fmt, ng, mag, e, sticky, rm);
    }

    /** FPConvert between formats (S, D, H), rounding per rm. */
    public static long convert(Cpu c, long x, int from, int to, int rm) {
        x = flushIn(c, x, from);
        int t = type(x, from, c.fpcr);
        boolean ng = neg(x, from);
        boolean altTo = to == H && (c.fpcr & FPCR_AHP) != 0;
        if (t >= T_QNAN) {
            long r;
            if (altTo) r = zero(to, ng);
            else if ((c.fpcr & FPCR_DN) != 0) r = defaultNaN(to);
            else {
                long f = frac(x, from);
                int d = FB[to] - FB[from];
                f = d >= 0 ? f << d : f >>> -d;
                r = inf(to, ng) | (1L << (FB[to] - 1)) | f;
            }
            if (t == T_SNAN || altTo) c.fpsr |= IOC;
            return r;
        }
        if (t == T_INF) {
            if (altTo) {
                c.fpsr |= IOC;
                return zero(to, ng) | 0x7fff;
            }
            return inf(to, ng);
        }
        if (t == T_ZERO) return zero(to, ng);
        return round(c, to, ng, mant(x, from), exp(x, from), false, rm);
    }

    /** Fast FCVT single to double (exact except for NaN/denormal handling). */
    public static long cvtSD(Cpu c, long x) {
        float f = Float.intBitsToFloat((int) x);
        if (Math.abs(f) >= Float.MIN_NORMAL && Math.abs(f) <= Float.MAX_VALUE) return Double.doubleToRawLongBits(f);
        return convert(c, x, S, D, rmode(c));
    }

    /** Fast FCVT double to single. */
    public static long cvtDS(Cpu c, long x) {
        if ((c.fpcr & SLOW_MODES) == 0) {
            double d = Double.longBitsToDouble(x);
            float f = (float) d;
            float af = Math.abs(f);
            if (af >= 0x1p-125f && af <= Float.MAX_VALUE) {
                if ((c.fpsr & IXC) == 0 && (double) f != d) c.fpsr |= IXC;
                return Float.floatToRawIntBits(f) & 0xffffffffL;
            }
        }
        return convert(c, x, D, S, rmode(c));
    }

    // =====================================================================================
    // Estimates
    // =====================================================================================

    static int recipEstimate(int a) {
        a = a * 2 + 1;
        int b = (1 << 19) / a;
        return (b + 1) / 2;
    }

    static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        int b = 512;
        while ((long) a * (b + 1) * (b + 1) < (1L << 28)) b++;
        return (b + 1) / 2;
    }

    /** FRECPE. */
    public static long recpe(Cpu c, int fmt, long x) {
        long op = x;
        x = flushIn(c, x, fmt);
        int t = type(x, fmt, c.fpcr);
        boolean ng = neg(x, fmt);
        if (t >= T_QNAN) return processNaN(c, x, fmt, t);
        if (t == T_INF) return zero(fmt, ng);
        if (t == T_ZERO) {
            c.fpsr |= DZC;
            return inf(fmt, ng);
        }
        long fraction;
        int e;
        if (fmt == S) {
            fraction = (op & 0x7fffffL) << 29;
            e = (int) ((op >>> 23) & 0xff);
        } else {
            fraction = op & 0xfffffffffffffL;
            e = (int) ((op >>> 52) & 0x7ff);
        }
        // |value| < 2^-128 (S) or 2^-1024 (D): the reciprocal overflows
        boolean tiny = e == 0 && ((fraction >>> 50) & 3) == 0;
        if (tiny) {
            int rm = rmode(c);
            boolean toInf = rm == RN || (rm == RP && !ng) || (rm == RM && ng);
            c.fpsr |= OFC | IXC;
            return toInf ? inf(fmt, ng) : maxNormal(fmt, ng);
        }
        if ((c.fpcr & FPCR_FZ) != 0 && (fmt == S ? e >= 253 : e >= 2045)) {
            c.fpsr |= UFC;
            return zero(fmt, ng);
        }
        if (e == 0) {
            if (((fraction >>> 51) & 1) == 0) {
                e = -1;
                fraction = (fraction << 2) & 0xfffffffffffffL;
            } else {
                fraction = (fraction << 1) & 0xfffffffffffffL;
            }
        }
        int scaled = (int) (0x100 | (fraction >>> 44));
        int re = (fmt == S ? 253 : 2045) - e;
        int est = recipEstimate(scaled);
        long rf = (long) (est & 0xff) << 44;
        if (re == 0) {
            rf = (1L << 51) | (rf >>> 1);
        } else if (re == -1) {
            rf = (1L << 50) | (rf >>> 2);
            re = 0;
        }
        if (fmt == S) return (ng ? 1L << 31 : 0) | ((long) re << 23) | (rf >>> 29);
        return (ng ? 1L << 63 : 0) | ((long) re << 52) | rf;
    }

    /** FRSQRTE. */
    public static long rsqrte(Cpu c, int fmt, long x) {
        long op = x;
        x = flushIn(c, x, fmt);
        int t = type(x, fmt, c.fpcr);
        if (t >= T_QNAN) return processNaN(c, x, fmt, t);
        if (t == T_ZERO) {
            c.fpsr |= DZC;
            return inf(fmt, neg(x, fmt));
        }
        if (neg(x, fmt)) {
            c.fpsr |= IOC;
            return defaultNaN(fmt);
        }
        if (t == T_INF) return 0;
        long fraction;
        int e;
        if (fmt == S) {
            fraction = (op & 0x7fffffL) << 29;
            e = (int) ((op >>> 23) & 0xff);
        } else {
            fraction = op & 0xfffffffffffffL;
            e = (int) ((op >>> 52) & 0x7ff);
        }
        if (e == 0) {
            while (((fraction >>> 51) & 1) == 0) {
                fraction = (fraction << 1) & 0xfffffffffffffL;
                e--;
            }
            fraction = (fraction << 1) & 0xfffffffffffffL;
        }
        int scaled = (e & 1) == 0 ? (int) (0x100 | (fraction >>> 44)) : (int) (0x80 | (fraction >>> 45));
        int re = Math.floorDiv((fmt == S ? 380 : 3068) - e, 2);
        int est = recipSqrtEstimate(scaled);
        if (fmt == S) return ((long) re << 23) | ((long) (est & 0xff) << 15);
        return ((long) re << 52) | ((long) (est & 0xff) << 44);
    }

    /** FRECPX. */
    public static long recpx(Cpu c, int fmt, long x) {
        long op = x;
        x = flushIn(c, x, fmt);
        int t = type(x, fmt, c.fpcr);
        if (t >= T_QNAN) return processNaN(c, x, fmt, t);
        long e = expField(op, fmt);
        long max = (1L << EB[fmt]) - 1;
        long re = e == 0 ? max - 1 : (~e & max);
        return (op & SIGN[fmt]) | (re << FB[fmt]);
    }

    /** URECPE on one 32-bit lane. */
    public static int urecpe(int x) {
        if (x >= 0) return -1;
        return recipEstimate(x >>> 23 & 0x1ff) << 23;
    }

    /** URSQRTE on one 32-bit lane. */
    public static int ursqrte(int x) {
        if ((x >>> 30) == 0) return -1;
        return recipSqrtEstimate(x >>> 23 & 0x1ff) << 23;
    }
}
