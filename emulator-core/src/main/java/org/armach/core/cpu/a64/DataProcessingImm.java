package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.ones;
import static org.armach.core.cpu.a64.Bits.rsp;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.sext;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.86 "Data Processing -- Immediate": PC-relative addressing, add/subtract
 * (immediate), logical (immediate), move wide, bitfield and extract.
 *
 * <p>Every immediate is expanded at decode time (DecodeBitMasks, shifts, bitfield masks), and
 * each encoding is split into an operation-and-size specific {@link Op}, so an Op is one or
 * two ALU operations. 32-bit forms write the zero-extended result. Add/subtract
 * (immediate, with tags) and min/max (immediate) belong to MTE and CSSC, which no model
 * implements: they stay UNDEFINED.
 */
public final class DataProcessingImm {
    private DataProcessingImm() {}

    private static final long M32 = 0xffffffffL;

    // ---- PC-relative -------------------------------------------------------------------
    private static final Op ADR = (c, i) -> c.r[i.rd] = c.pc + i.imm;
    private static final Op ADRP = (c, i) -> c.r[i.rd] = (c.pc & ~0xfffL) + i.imm;

    // ---- add/subtract immediate (SUB stores the negated immediate, SUBS its complement) -
    private static final Op ADD64 = (c, i) -> c.r[i.rd] = c.r[i.rn] + i.imm;
    private static final Op ADD32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] + i.imm) & M32;
    private static final Op ADDS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], i.imm, 0);
    private static final Op ADDS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], i.imm, 0);
    private static final Op SUBS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], i.imm, 1);
    private static final Op SUBS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], i.imm, 1);

    // ---- logical immediate (imm already DecodeBitMasks-expanded to the datasize) -------
    private static final Op AND_I = (c, i) -> c.r[i.rd] = c.r[i.rn] & i.imm; // both sizes
    private static final Op ORR_I64 = (c, i) -> c.r[i.rd] = c.r[i.rn] | i.imm;
    private static final Op ORR_I32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] | i.imm) & M32;
    private static final Op EOR_I64 = (c, i) -> c.r[i.rd] = c.r[i.rn] ^ i.imm;
    private static final Op EOR_I32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] ^ i.imm) & M32;
    private static final Op ANDS_I64 = (c, i) -> {
        long r = c.r[i.rn] & i.imm;
        c.logicFlags64(r);
        c.r[i.rd] = r;
    };
    private static final Op ANDS_I32 = (c, i) -> {
        long r = c.r[i.rn] & i.imm;
        c.logicFlags32(r);
        c.r[i.rd] = r;
    };

    // ---- move wide ---------------------------------------------------------------------
    private static final Op MOVI = (c, i) -> c.r[i.rd] = i.imm;
    /** MOVK: imm2 is the keep-mask (already limited to 32 bits for the W form). */
    private static final Op MOVK = (c, i) -> c.r[i.rd] = (c.r[i.rd] & i.imm2) | i.imm;

    // ---- bitfield: UBFM/SBFM as two shifts (a = left, b = right), BFM as rotate+merge --
    private static final Op UBFM64 = (c, i) -> c.r[i.rd] = (c.r[i.rn] << i.a) >>> i.b;
    private static final Op UBFM32 = (c, i) -> c.r[i.rd] = (((int) c.r[i.rn] << i.a) >>> i.b) & M32;
    private static final Op SBFM64 = (c, i) -> c.r[i.rd] = (c.r[i.rn] << i.a) >> i.b;
    private static final Op SBFM32 = (c, i) -> c.r[i.rd] = (((int) c.r[i.rn] << i.a) >> i.b) & M32;
    private static final Op BFM64 = (c, i) ->
            c.r[i.rd] = (c.r[i.rd] & ~i.imm) | (Long.rotateRight(c.r[i.rn], i.a) & i.imm);
    private static final Op BFM32 = (c, i) ->
            c.r[i.rd] = ((c.r[i.rd] & ~i.imm) | (Integer.rotateRight((int) c.r[i.rn], i.a) & i.imm)) & M32;

    // ---- extract -----------------------------------------------------------------------
    private static final Op EXTR64 = (c, i) ->
            c.r[i.rd] = (c.r[i.rm] >>> i.a) | (c.r[i.rn] << (64 - i.a));
    private static final Op EXTR64_0 = (c, i) -> c.r[i.rd] = c.r[i.rm];
    private static final Op ROR64 = (c, i) -> c.r[i.rd] = Long.rotateRight(c.r[i.rn], i.a);
    private static final Op EXTR32 = (c, i) ->
            c.r[i.rd] = (((c.r[i.rn] << 32) | (c.r[i.rm] & M32)) >>> i.a) & M32;

    /**
     * DecodeBitMasks (ARM ARM J1 shared pseudocode). Returns {wmask, tmask} limited to
     * {@code datasize} bits, or null for a reserved encoding.
     */
    public static long[] decodeBitMasks(int immN, int imms, int immr, boolean immediate, int datasize) {
        int combined = (immN << 6) | (~imms & 0x3f);
        if (combined == 0) return null;
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) return null;
        int esize = 1 << len;
        if (esize > datasize) return null;
        int levels = (1 << len) - 1;
        if (immediate && (imms & levels) == levels) return null;
        int s = imms & levels, r = immr & levels;
        int d = (s - r) & levels;
        long emask = ones(esize);
        long welem = ones(s + 1);
        long telem = ones(d + 1);
        long wrot = r == 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & emask;
        long wmask = 0, tmask = 0;
        for (int k = 0; k < datasize; k += esize) {
            wmask |= wrot << k;
            tmask |= telem << k;
        }
        return new long[] {wmask, tmask};
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.86 Data Processing -- Immediate", false);

        t.add("ADR/ADRP", "p ii 10000 iiiiiiiiiiiiiiiiiii ddddd", (w, d, m) -> {
            long imm = sext(((long) bits(w, 23, 5) << 2) | bits(w, 30, 29), 21);
            d.rd = wz(bits(w, 4, 0));
            if (bit(w, 31) == 0) {
                d.imm = imm;
                return ADR;
            }
            d.imm = imm << 12;
            return ADRP;
        });

        t.add("ADD/ADDS/SUB/SUBS (immediate)", "f o s 100010 h iiiiiiiiiiii nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1, sub = bit(w, 30) == 1, setFlags = bit(w, 29) == 1;
            long imm = (long) bits(w, 21, 10) << (bit(w, 22) == 1 ? 12 : 0);
            d.rn = rsp(bits(w, 9, 5));
            if (!setFlags) {
                d.rd = rsp(bits(w, 4, 0));
                d.imm = sub ? -imm : imm;
                return sf ? ADD64 : ADD32;
            }
            d.rd = wz(bits(w, 4, 0));
            if (sub) {
                d.imm = ~imm;
                return sf ? SUBS64 : SUBS32;
            }
            d.imm = imm;
            return sf ? ADDS64 : ADDS32;
        });

        t.add("AND/ORR/EOR/ANDS (immediate)", "f oo 100100 N rrrrrr ssssss nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int n = bit(w, 22);
            if (!sf && n == 1) return null;
            long[] masks = decodeBitMasks(n, bits(w, 15, 10), bits(w, 21, 16), true, sf ? 64 : 32);
            if (masks == null) return null;
            d.imm = masks[0];
            d.rn = rz(bits(w, 9, 5));
            int opc = bits(w, 30, 29);
            d.rd = opc == 3 ? wz(bits(w, 4, 0)) : rsp(bits(w, 4, 0));
            switch (opc) {
                case 0: return AND_I;
                case 1: return sf ? ORR_I64 : ORR_I32;
                case 2: return sf ? EOR_I64 : EOR_I32;
                default: return sf ? ANDS_I64 : ANDS_I32;
            }
        });

        t.add("MOVN/MOVZ/MOVK", "f oo 100101 hh iiiiiiiiiiiiiiii ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int opc = bits(w, 30, 29), hw = bits(w, 22, 21);
            if (opc == 1 || (!sf && hw >= 2)) return null;
            int pos = hw << 4;
            long imm = (long) bits(w, 20, 5) << pos;
            long mask = sf ? -1L : M32;
            d.rd = wz(bits(w, 4, 0));
            switch (opc) {
                case 0: // MOVN
                    d.imm = ~imm & mask;
                    return MOVI;
                case 2: // MOVZ
                    d.imm = imm;
                    return MOVI;
                default: // MOVK
                    d.imm = imm;
                    d.imm2 = ~(0xffffL << pos) & mask;
                    return MOVK;
            }
        });

        t.add("SBFM/BFM/UBFM", "f oo 100110 N rrrrrr ssssss nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int opc = bits(w, 30, 29), n = bit(w, 22), immr = bits(w, 21, 16), imms = bits(w, 15, 10);
            if (opc == 3) return null;
            if (sf ? n != 1 : (n != 0 || immr >= 32 || imms >= 32)) return null;
            int size = sf ? 64 : 32;
            d.rn = rz(bits(w, 9, 5));
            d.rd = wz(bits(w, 4, 0));
            if (opc == 1) { // BFM: dst = dst & ~(wmask & tmask) | ROR(src, R) & (wmask & tmask)
                long[] masks = decodeBitMasks(n, imms, immr, false, size);
                if (masks == null) return null;
                d.imm = masks[0] & masks[1];
                d.a = immr;
                return sf ? BFM64 : BFM32;
            }
            // imms >= immr: extract field imms:immr to bit 0 => << (size-1-imms), >> (size-1-imms+immr)
            // imms <  immr: field imms:0 placed at size-immr => << (size-1-imms), >> (immr-imms-1)
            d.a = size - 1 - imms;
            d.b = imms >= immr ? size - 1 - imms + immr : immr - imms - 1;
            if (opc == 0) return sf ? SBFM64 : SBFM32;
            return sf ? UBFM64 : UBFM32;
        });

        t.add("EXTR", "f 00 100111 N 0 mmmmm ssssss nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int n = bit(w, 22), imms = bits(w, 15, 10);
            if (sf ? n != 1 : (n != 0 || imms >= 32)) return null;
            d.rm = rz(bits(w, 20, 16));
            d.rn = rz(bits(w, 9, 5));
            d.rd = wz(bits(w, 4, 0));
            d.a = imms;
            if (!sf) return EXTR32;
            if (imms == 0) return EXTR64_0;
            return d.rm == d.rn ? ROR64 : EXTR64;
        });
    }
}
