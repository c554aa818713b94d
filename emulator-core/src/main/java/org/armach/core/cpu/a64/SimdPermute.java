package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.69 "Data Processing -- Scalar Floating-Point and Advanced SIMD", the data
 * movement part: AdvSIMD permute (ZIP/UZP/TRN), extract (EXT), table lookup (TBL/TBX),
 * copy (DUP, INS, UMOV, SMOV and scalar DUP), modified immediate (MOVI, MVNI, ORR, BIC,
 * FMOV) and the integer across-lanes reductions (ADDV, SADDLV, UADDLV, SMAXV, UMAXV,
 * SMINV, UMINV).
 *
 * <p>Vector operands: {@code rd rn rm} are V register numbers 0..31 (general registers
 * are mapped with rz/wz where the instruction reads/writes X/W). {@code a} = element size
 * (log2 bytes), {@code e} = Q (1 = 128-bit).
 */
public final class SimdPermute {
    private SimdPermute() {}

    /** Writes a result vector: Q=0 zeroes the upper half. */
    private static void put(Cpu c, int d, long lo, long hi, int q) {
        c.v[2 * d] = lo;
        c.v[2 * d + 1] = q != 0 ? hi : 0;
    }

    /** {@code word} (one 64-bit half of a result) with lane idx (taken modulo the half) set to {@code val}. */
    private static long ins(long word, int size, int idx, long val) {
        int sh = (idx << (size + 3)) & 63;
        if (size == 3) return val;
        long m = Lanes.mask(size) << sh;
        return (word & ~m) | ((val << sh) & m);
    }

    // ---- ZIP / UZP / TRN ------------------------------------------------------------------
    // b = part (0 or 1); elements = (Q ? 16 : 8) >> size stored in c.

    private static final Op ZIP = (c, i) -> {
        int sz = i.a, elems = i.c, pairs = elems >>> 1, base = i.b * pairs;
        long n0 = c.v[2 * i.rn], n1 = c.v[2 * i.rn + 1], m0 = c.v[2 * i.rm], m1 = c.v[2 * i.rm + 1];
        long lo = 0, hi = 0;
        for (int p = 0; p < pairs; p++) {
            long x = Lanes.lane(n0, n1, sz, base + p), y = Lanes.lane(m0, m1, sz, base + p);
            int e0 = 2 * p, e1 = 2 * p + 1;
            if ((e0 << sz) < 8) lo = ins(lo, sz, e0, x); else hi = ins(hi, sz, e0, x);
            if ((e1 << sz) < 8) lo = ins(lo, sz, e1, y); else hi = ins(hi, sz, e1, y);
        }
        put(c, i.rd, lo, hi, i.e);
    };

    private static final Op UZP = (c, i) -> {
        int sz = i.a, elems = i.c, part = i.b;
        long n0 = c.v[2 * i.rn], n1 = c.v[2 * i.rn + 1], m0 = c.v[2 * i.rm], m1 = c.v[2 * i.rm + 1];
        long lo = 0, hi = 0;
        for (int e = 0; e < elems; e++) {
            int src = 2 * e + part;
            long x = src < elems ? Lanes.lane(n0, n1, sz, src) : Lanes.lane(m0, m1, sz, src - elems);
            if ((e << sz) < 8) lo = ins(lo, sz, e, x); else hi = ins(hi, sz, e, x);
        }
        put(c, i.rd, lo, hi, i.e);
    };

    private static final Op TRN = (c, i) -> {
        int sz = i.a, elems = i.c, part = i.b;
        long n0 = c.v[2 * i.rn], n1 = c.v[2 * i.rn + 1], m0 = c.v[2 * i.rm], m1 = c.v[2 * i.rm + 1];
        long lo = 0, hi = 0;
        for (int p = 0; p < elems; p += 2) {
            long x = Lanes.lane(n0, n1, sz, p + part), y = Lanes.lane(m0, m1, sz, p + part);
            if ((p << sz) < 8) lo = ins(lo, sz, p, x); else hi = ins(hi, sz, p, x);
            if (((p + 1) << sz) < 8) lo = ins(lo, sz, p + 1, y); else hi = ins(hi, sz, p + 1, y);
        }
        put(c, i.rd, lo, hi, i.e);
    };

    // ---- EXT: imm = byte position * 8 ---------------------------------------------------------

    private static long extract(long w0, long w1, long w2, long w3, int pos) {
        int idx = pos >>> 6, sh = pos & 63;
        long a = idx == 0 ? w0 : idx == 1 ? w1 : idx == 2 ? w2 : w3;
        if (sh == 0) return a;
        long b = idx == 0 ? w1 : idx == 1 ? w2 : w3;
        return (a >>> sh) | (b << (64 - sh));
    }

    private static final Op EXT128 = (c, i) -> {
        long n0 = c.v[2 * i.rn], n1 = c.v[2 * i.rn + 1], m0 = c.v[2 * i.rm], m1 = c.v[2 * i.rm + 1];
        int pos = (int) i.imm;
        put(c, i.rd, extract(n0, n1, m0, m1, pos), extract(n0, n1, m0, m1, pos + 64), 1);
    };
    private static final Op EXT64 = (c, i) -> {
        long n0 = c.v[2 * i.rn], m0 = c.v[2 * i.rm];
        int pos = (int) i.imm;
        put(c, i.rd, pos == 0 ? n0 : (n0 >>> pos) | (m0 << (64 - pos)), 0, 0);
    };

    // ---- TBL / TBX: b = table registers, e = Q ----------------------------------------------

    private static long tblHalf(Cpu c, long idxWord, long old, int n, int limit) {
        long res = 0;
        for (int k = 0; k < 8; k++) {
            int idx = (int) (idxWord >>> (8 * k)) & 0xff;
            long b;
            if (idx < limit) {
                int reg = (n + (idx >>> 4)) & 31;
                b = (c.v[2 * reg + ((idx >>> 3) & 1)] >>> ((idx & 7) * 8)) & 0xff;
            } else {
                b = (old >>> (8 * k)) & 0xff;
            }
            res |= b << (8 * k);
        }
        return res;
    }

    private static final Op TBL = (c, i) -> {
        long x0 = c.v[2 * i.rm], x1 = c.v[2 * i.rm + 1];
        int limit = 16 * i.b;
        long lo = tblHalf(c, x0, 0, i.rn, limit);
        long hi = i.e != 0 ? tblHalf(c, x1, 0, i.rn, limit) : 0;
        put(c, i.rd, lo, hi, i.e);
    };
    private static final Op TBX = (c, i) -> {
        long x0 = c.v[2 * i.rm], x1 = c.v[2 * i.rm + 1];
        int limit = 16 * i.b;
        long lo = tblHalf(c, x0, c.v[2 * i.rd], i.rn, limit);
        long hi = i.e != 0 ? tblHalf(c, x1, c.v[2 * i.rd + 1], i.rn, limit) : 0;
        put(c, i.rd, lo, hi, i.e);
    };

    // ---- copy: a = size, b = index (element index of Vn / destination index), c = index2 -----

    private static final Op DUP_ELEM = (c, i) -> {
        long rep = Lanes.replicate(Lanes.lane(c, i.rn, i.a, i.b), i.a);
        put(c, i.rd, rep, rep, i.e);
    };
    private static final Op DUP_GEN = (c, i) -> {
        long rep = Lanes.replicate(c.r[i.rn], i.a);
        put(c, i.rd, rep, rep, i.e);
    };
    private static final Op INS_GEN = (c, i) -> Lanes.setLane(c, i.rd, i.a, i.b, c.r[i.rn]);
    private static final Op INS_ELEM = (c, i) -> Lanes.setLane(c, i.rd, i.a, i.b, Lanes.lane(c, i.rn, i.a, i.c));
    private static final Op UMOV = (c, i) -> c.r[i.rd] = Lanes.lane(c, i.rn, i.a, i.b);
    private static final Op SMOV64 = (c, i) -> c.r[i.rd] = Lanes.slane(c, i.rn, i.a, i.b);
    private static final Op SMOV32 = (c, i) -> c.r[i.rd] = Lanes.slane(c, i.rn, i.a, i.b) & 0xffffffffL;
    private static final Op DUP_SCALAR = (c, i) -> put(c, i.rd, Lanes.lane(c, i.rn, i.a, i.b), 0, 0);

    // ---- modified immediate: imm = 64-bit pattern (already inverted for MVNI / BIC) ------------

    private static final Op MOVI = (c, i) -> put(c, i.rd, i.imm, i.imm, i.e);
    private static final Op ORRI = (c, i) -> put(c, i.rd, c.v[2 * i.rd] | i.imm, c.v[2 * i.rd + 1] | i.imm, i.e);
    private static final Op BICI = (c, i) -> put(c, i.rd, c.v[2 * i.rd] & i.imm, c.v[2 * i.rd + 1] & i.imm, i.e);

    /** AdvSIMDExpandImm(op, cmode, imm8). */
    static long expandImm(int op, int cmode, int imm8) {
        long v = imm8 & 0xffL;
        switch (cmode >>> 1) {
            case 0: return Lanes.replicate(v, 2);
            case 1: return Lanes.replicate(v << 8, 2);
            case 2: return Lanes.replicate(v << 16, 2);
            case 3: return Lanes.replicate(v << 24, 2);
            case 4: return Lanes.replicate(v, 1);
            case 5: return Lanes.replicate(v << 8, 1);
            case 6:
                return (cmode & 1) == 0 ? Lanes.replicate((v << 8) | 0xff, 2) : Lanes.replicate((v << 16) | 0xffff, 2);
            default:
                if ((cmode & 1) == 0) {
                    if (op == 0) return Lanes.replicate(v, 0);
                    long r = 0;
                    for (int k = 0; k < 8; k++) if (((imm8 >>> k) & 1) != 0) r |= 0xffL << (8 * k);
                    return r;
                }
                long a = (v >>> 7) & 1, b = (v >>> 6) & 1, cdefgh = v & 0x3f;
                if (op == 0) {
                    long imm32 = (a << 31) | ((b ^ 1) << 30) | ((b == 1 ? 0x1fL : 0) << 25) | (cdefgh << 19);
                    return Lanes.replicate(imm32, 2);
                }
                return (a << 63) | ((b ^ 1) << 62) | ((b == 1 ? 0xffL : 0) << 54) | (cdefgh << 48);
        }
    }

    private static Op decodeModImm(int w, Insn d, CpuModel m) {
        int q = bit(w, 30), op = bit(w, 29), cmode = bits(w, 15, 12), o2 = bit(w, 11);
        int imm8 = (bits(w, 18, 16) << 5) | bits(w, 9, 5);
        d.rd = bits(w, 4, 0);
        d.e = q;
        if (o2 == 1) {
            // FMOV (vector, immediate), half-precision
            if (cmode != 0xf || op != 0 || !m.fp16) return null;
            long a = (imm8 >>> 7) & 1, b = (imm8 >>> 6) & 1, cdefgh = imm8 & 0x3f;
            long imm16 = (a << 15) | ((b ^ 1) << 14) | ((b == 1 ? 3L : 0) << 12) | (cdefgh << 6);
            d.imm = Lanes.replicate(imm16, 1);
            return MOVI;
        }
        if (cmode == 0xf && op == 1 && q == 0) return null;
        long imm = expandImm(op, cmode, imm8);
        boolean shiftedOrr = cmode < 12 && (cmode & 1) == 1; // 0xx1 and 10x1: ORR / BIC
        if (shiftedOrr) {
            d.imm = op == 0 ? imm : ~imm;
            return op == 0 ? ORRI : BICI;
        }
        // MOVI / MVNI / FMOV: MVNI is op=1 with cmode 0xx0, 10x0 or 110x
        boolean mvni = op == 1 && cmode < 14;
        d.imm = mvni ? ~imm : imm;
        return MOVI;
    }

    // ---- across lanes: a = size, c = elements ----------------------------------------------

    private static void scalarOut(Cpu c, int d, long val) {
        c.v[2 * d] = val;
        c.v[2 * d + 1] = 0;
    }

    private static final Op ADDV = (c, i) -> {
        long s = 0;
        for (int e = 0; e < i.c; e++) s += Lanes.lane(c, i.rn, i.a, e);
        scalarOut(c, i.rd, s & Lanes.mask(i.a));
    };
    private static final Op SADDLV = (c, i) -> {
        long s = 0;
        for (int e = 0; e < i.c; e++) s += Lanes.slane(c, i.rn, i.a, e);
        scalarOut(c, i.rd, s & Lanes.mask(i.a + 1));
    };
    private static final Op UADDLV = (c, i) -> {
        long s = 0;
        for (int e = 0; e < i.c; e++) s += Lanes.lane(c, i.rn, i.a, e);
        scalarOut(c, i.rd, s & Lanes.mask(i.a + 1));
    };
    private static final Op SMAXV = (c, i) -> {
        long r = Lanes.slane(c, i.rn, i.a, 0);
        for (int e = 1; e < i.c; e++) r = Math.max(r, Lanes.slane(c, i.rn, i.a, e));
        scalarOut(c, i.rd, r & Lanes.mask(i.a));
    };
    private static final Op SMINV = (c, i) -> {
        long r = Lanes.slane(c, i.rn, i.a, 0);
        for (int e = 1; e < i.c; e++) r = Math.min(r, Lanes.slane(c, i.rn, i.a, e));
        scalarOut(c, i.rd, r & Lanes.mask(i.a));
    };
    private static final Op UMAXV = (c, i) -> {
        long r = Lanes.lane(c, i.rn, i.a, 0);
        for (int e = 1; e < i.c; e++) r = Math.max(r, Lanes.lane(c, i.rn, i.a, e)); // lanes <= 32 bits: signed compare is fine
        scalarOut(c, i.rd, r);
    };
    private static final Op UMINV = (c, i) -> {
        long r = Lanes.lane(c, i.rn, i.a, 0);
        for (int e = 1; e < i.c; e++) r = Math.min(r, Lanes.lane(c, i.rn, i.a, e));
        scalarOut(c, i.rd, r);
    };

    private static void across(DecodeTable t, String name, String pattern, Op op) {
        t.add(name, pattern, (w, d, m) -> {
            int q = bit(w, 30), size = bits(w, 23, 22);
            if (size == 3 || (size == 2 && q == 0)) return null;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.a = size;
            d.c = (q == 1 ? 16 : 8) >> size;
            return op;
        });
    }

    // ---- decoders -------------------------------------------------------------------------

    private static void vec3(int w, Insn d) {
        d.rd = bits(w, 4, 0);
        d.rn = bits(w, 9, 5);
        d.rm = bits(w, 20, 16);
        d.e = bit(w, 30);
    }

    private static void permute(DecodeTable t, String name, String pattern, Op op, int part) {
        t.add(name, pattern, (w, d, m) -> {
            int q = bit(w, 30), size = bits(w, 23, 22);
            if (size == 3 && q == 0) return null;
            vec3(w, d);
            d.a = size;
            d.b = part;
            d.c = (q == 1 ? 16 : 8) >> size;
            return op;
        });
    }

    /** Element size from imm5 (lowest set bit), or -1 when imm5<3:0> is zero. */
    private static int copySize(int imm5) {
        if ((imm5 & 0xf) == 0) return -1;
        return Integer.numberOfTrailingZeros(imm5);
    }

    private static Op decodeCopy(int w, Insn d) {
        int q = bit(w, 30), op = bit(w, 29), imm5 = bits(w, 20, 16), imm4 = bits(w, 14, 11);
        int size = copySize(imm5);
        if (size < 0) return null;
        int n = bits(w, 9, 5), rd = bits(w, 4, 0);
        d.a = size;
        d.b = imm5 >>> (size + 1);
        d.e = q;
        if (op == 1) { // INS (element)
            if (q == 0) return null;
            d.rd = rd;
            d.rn = n;
            d.c = imm4 >>> size;
            return INS_ELEM;
        }
        switch (imm4) {
            case 0b0000: // DUP (element)
                if (size == 3 && q == 0) return null;
                d.rd = rd;
                d.rn = n;
                return DUP_ELEM;
            case 0b0001: // DUP (general)
                if (size == 3 && q == 0) return null;
                d.rd = rd;
                d.rn = rz(n);
                return DUP_GEN;
            case 0b0011: // INS (general)
                if (q == 0) return null;
                d.rd = rd;
                d.rn = rz(n);
                return INS_GEN;
            case 0b0101: // SMOV
                if (q == 0 ? size > 1 : size > 2) return null;
                d.rd = wz(rd);
                d.rn = n;
                return q == 0 ? SMOV32 : SMOV64;
            case 0b0111: // UMOV
                if (q == 0 ? size > 2 : size != 3) return null;
                d.rd = wz(rd);
                d.rn = n;
                return UMOV;
            default:
                return null;
        }
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.69 AdvSIMD permute", true);
        permute(t, "UZP1", "0 q 001110 ss 0 mmmmm 0 001 10 nnnnn ddddd", UZP, 0);
        permute(t, "TRN1", "0 q 001110 ss 0 mmmmm 0 010 10 nnnnn ddddd", TRN, 0);
        permute(t, "ZIP1", "0 q 001110 ss 0 mmmmm 0 011 10 nnnnn ddddd", ZIP, 0);
        permute(t, "UZP2", "0 q 001110 ss 0 mmmmm 0 101 10 nnnnn ddddd", UZP, 1);
        permute(t, "TRN2", "0 q 001110 ss 0 mmmmm 0 110 10 nnnnn ddddd", TRN, 1);
        permute(t, "ZIP2", "0 q 001110 ss 0 mmmmm 0 111 10 nnnnn ddddd", ZIP, 1);

        t.section("C4.1.69 AdvSIMD extract", true);
        t.add("EXT", "0 q 101110 00 0 mmmmm 0 iiii 0 nnnnn ddddd", (w, d, m) -> {
            int q = bit(w, 30), imm4 = bits(w, 14, 11);
            if (q == 0 && imm4 >= 8) return null;
            vec3(w, d);
            d.imm = imm4 * 8L;
            return q == 1 ? EXT128 : EXT64;
        });

        t.section("C4.1.69 AdvSIMD table lookup", true);
        t.add("TBL/TBX", "0 q 001110 000 mmmmm 0 ll o 00 nnnnn ddddd", (w, d, m) -> {
            vec3(w, d);
            d.b = bits(w, 14, 13) + 1;
            return bit(w, 12) == 1 ? TBX : TBL;
        });

        t.section("C4.1.69 AdvSIMD copy", true);
        t.add("DUP/INS/UMOV/SMOV", "0 q o 01110000 iiiii 0 jjjj 1 nnnnn ddddd", (w, d, m) -> decodeCopy(w, d));
        t.add("DUP (element, scalar)", "01 0 11110000 iiiii 0 0000 1 nnnnn ddddd", (w, d, m) -> {
            int imm5 = bits(w, 20, 16), size = copySize(imm5);
            if (size < 0) return null;
            d.a = size;
            d.b = imm5 >>> (size + 1);
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            return DUP_SCALAR;
        });

        t.section("C4.1.69 AdvSIMD modified immediate", true);
        t.add("MOVI/MVNI/ORR/BIC/FMOV (vector, immediate)", "0 q o 0111100000 abc cccc x 1 defgh ddddd", SimdPermute::decodeModImm);

        t.section("C4.1.69 AdvSIMD across lanes (integer)", true);
        across(t, "SADDLV", "0 q 0 01110 ss 11000 00011 10 nnnnn ddddd", SADDLV);
        across(t, "UADDLV", "0 q 1 01110 ss 11000 00011 10 nnnnn ddddd", UADDLV);
        across(t, "SMAXV", "0 q 0 01110 ss 11000 01010 10 nnnnn ddddd", SMAXV);
        across(t, "UMAXV", "0 q 1 01110 ss 11000 01010 10 nnnnn ddddd", UMAXV);
        across(t, "SMINV", "0 q 0 01110 ss 11000 11010 10 nnnnn ddddd", SMINV);
        across(t, "UMINV", "0 q 1 01110 ss 11000 11010 10 nnnnn ddddd", UMINV);
        across(t, "ADDV", "0 q 0 01110 ss 11000 11011 10 nnnnn ddddd", ADDV);
    }
}
