package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.SimdLanes.lng;
import static org.armach.core.cpu.a64.SimdLanes.nar;
import static org.armach.core.cpu.a64.SimdLanes.slng;
import static org.armach.core.cpu.a64.SimdLanes.sqadd;
import static org.armach.core.cpu.a64.SimdLanes.sqdmull;
import static org.armach.core.cpu.a64.SimdLanes.sqsub;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.a64.SimdLanes.F2;
import org.armach.core.cpu.a64.SimdLanes.F3;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.90 "Advanced SIMD three different" and "Advanced SIMD scalar three
 * different". The 64x64 PMULL (size=11) needs FEAT_PMULL (crypto), which no model
 * advertises, so it is UNDEFINED.
 */
public final class SimdIntThreeDiff {
    private SimdIntThreeDiff() {}

    // Long ops: f(c, d, a, b, w) with w the wide element size.
    static final F3 F_ADD = (c, d, a, b, w) -> a + b;
    static final F3 F_SUB = (c, d, a, b, w) -> a - b;
    static final F3 F_ABA = (c, d, a, b, w) -> d + Math.abs(a - b);
    static final F3 F_ABD = (c, d, a, b, w) -> Math.abs(a - b);
    static final F3 F_MLA = (c, d, a, b, w) -> d + a * b;
    static final F3 F_MLS = (c, d, a, b, w) -> d - a * b;
    static final F3 F_MUL = (c, d, a, b, w) -> a * b;
    static final F3 F_PMULL = (c, d, a, b, w) -> SimdIntThreeSame.pmul8(a, b);
    static final F3 F_SQDMLAL = (c, d, a, b, w) -> sqadd(c, d, sqdmull(c, a, b, w), w);
    static final F3 F_SQDMLSL = (c, d, a, b, w) -> sqsub(c, d, sqdmull(c, a, b, w), w);
    static final F3 F_SQDMULL = (c, d, a, b, w) -> sqdmull(c, a, b, w);

    // Narrowing high-half ops: f(c, a, b, es) on the wide elements, es = narrow size.
    static final F2 F_ADDHN = (c, a, b, es) -> (a + b) >>> es;
    static final F2 F_RADDHN = (c, a, b, es) -> (a + b + (1L << (es - 1))) >>> es;
    static final F2 F_SUBHN = (c, a, b, es) -> (a - b) >>> es;
    static final F2 F_RSUBHN = (c, a, b, es) -> (a - b + (1L << (es - 1))) >>> es;

    private static final Op SADDL = (c, i) -> lng(c, i, true, false, false, 0, F_ADD);
    private static final Op UADDL = (c, i) -> lng(c, i, false, false, false, 0, F_ADD);
    private static final Op SADDW = (c, i) -> lng(c, i, true, true, false, 0, F_ADD);
    private static final Op UADDW = (c, i) -> lng(c, i, false, true, false, 0, F_ADD);
    private static final Op SSUBL = (c, i) -> lng(c, i, true, false, false, 0, F_SUB);
    private static final Op USUBL = (c, i) -> lng(c, i, false, false, false, 0, F_SUB);
    private static final Op SSUBW = (c, i) -> lng(c, i, true, true, false, 0, F_SUB);
    private static final Op USUBW = (c, i) -> lng(c, i, false, true, false, 0, F_SUB);
    private static final Op SABAL = (c, i) -> lng(c, i, true, false, false, 0, F_ABA);
    private static final Op UABAL = (c, i) -> lng(c, i, false, false, false, 0, F_ABA);
    private static final Op SABDL = (c, i) -> lng(c, i, true, false, false, 0, F_ABD);
    private static final Op UABDL = (c, i) -> lng(c, i, false, false, false, 0, F_ABD);
    private static final Op SMLAL = (c, i) -> lng(c, i, true, false, false, 0, F_MLA);
    private static final Op UMLAL = (c, i) -> lng(c, i, false, false, false, 0, F_MLA);
    private static final Op SMLSL = (c, i) -> lng(c, i, true, false, false, 0, F_MLS);
    private static final Op UMLSL = (c, i) -> lng(c, i, false, false, false, 0, F_MLS);
    private static final Op SMULL = (c, i) -> lng(c, i, true, false, false, 0, F_MUL);
    private static final Op UMULL = (c, i) -> lng(c, i, false, false, false, 0, F_MUL);
    private static final Op PMULL = (c, i) -> lng(c, i, false, false, false, 0, F_PMULL);
    private static final Op SQDMLAL = (c, i) -> lng(c, i, true, false, false, 0, F_SQDMLAL);
    private static final Op SQDMLSL = (c, i) -> lng(c, i, true, false, false, 0, F_SQDMLSL);
    private static final Op SQDMULL = (c, i) -> lng(c, i, true, false, false, 0, F_SQDMULL);
    private static final Op ADDHN = (c, i) -> nar(c, i, false, true, F_ADDHN);
    private static final Op RADDHN = (c, i) -> nar(c, i, false, true, F_RADDHN);
    private static final Op SUBHN = (c, i) -> nar(c, i, false, true, F_SUBHN);
    private static final Op RSUBHN = (c, i) -> nar(c, i, false, true, F_RSUBHN);

    private static final Op S_SQDMLAL = (c, i) -> slng(c, i, false, 0, F_SQDMLAL);
    private static final Op S_SQDMLSL = (c, i) -> slng(c, i, false, 0, F_SQDMLSL);
    private static final Op S_SQDMULL = (c, i) -> slng(c, i, false, 0, F_SQDMULL);

    /** a = narrow esize, b = Q (selects the upper source half / upper destination half). */
    static Decoder dec(int rule, Op op) {
        return (w, d, m) -> {
            int size = bits(w, 23, 22);
            if (!SimdIntThreeSame.sizeOk(rule, size, 1)) return null;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.rm = bits(w, 20, 16);
            d.a = 8 << size;
            d.b = bit(w, 30);
            return op;
        };
    }

    private static void v(DecodeTable t, String name, int u, String opcode, int rule, Op op) {
        t.add(name, "0q" + u + "01110 ss 1 mmmmm " + opcode + " 00 nnnnn ddddd", dec(rule, op));
    }

    public static void register(DecodeTable t) {
        final int noD = SimdIntThreeSame.NO_D, hs = SimdIntThreeSame.HS, b = SimdIntThreeSame.B_ONLY;
        t.section("C4.1.90 Advanced SIMD three different", true);
        v(t, "SADDL", 0, "0000", noD, SADDL);
        v(t, "UADDL", 1, "0000", noD, UADDL);
        v(t, "SADDW", 0, "0001", noD, SADDW);
        v(t, "UADDW", 1, "0001", noD, UADDW);
        v(t, "SSUBL", 0, "0010", noD, SSUBL);
        v(t, "USUBL", 1, "0010", noD, USUBL);
        v(t, "SSUBW", 0, "0011", noD, SSUBW);
        v(t, "USUBW", 1, "0011", noD, USUBW);
        v(t, "ADDHN", 0, "0100", noD, ADDHN);
        v(t, "RADDHN", 1, "0100", noD, RADDHN);
        v(t, "SABAL", 0, "0101", noD, SABAL);
        v(t, "UABAL", 1, "0101", noD, UABAL);
        v(t, "SUBHN", 0, "0110", noD, SUBHN);
        v(t, "RSUBHN", 1, "0110", noD, RSUBHN);
        v(t, "SABDL", 0, "0111", noD, SABDL);
        v(t, "UABDL", 1, "0111", noD, UABDL);
        v(t, "SMLAL (vector)", 0, "1000", noD, SMLAL);
        v(t, "UMLAL (vector)", 1, "1000", noD, UMLAL);
        v(t, "SQDMLAL (vector)", 0, "1001", hs, SQDMLAL);
        v(t, "SMLSL (vector)", 0, "1010", noD, SMLSL);
        v(t, "UMLSL (vector)", 1, "1010", noD, UMLSL);
        v(t, "SQDMLSL (vector)", 0, "1011", hs, SQDMLSL);
        v(t, "SMULL (vector)", 0, "1100", noD, SMULL);
        v(t, "UMULL (vector)", 1, "1100", noD, UMULL);
        v(t, "SQDMULL (vector)", 0, "1101", hs, SQDMULL);
        v(t, "PMULL", 0, "1110", b, PMULL);

        t.section("C4.1.90 Advanced SIMD scalar three different", true);
        t.add("SQDMLAL (scalar)", "01 0 11110 ss 1 mmmmm 1001 00 nnnnn ddddd", dec(hs, S_SQDMLAL));
        t.add("SQDMLSL (scalar)", "01 0 11110 ss 1 mmmmm 1011 00 nnnnn ddddd", dec(hs, S_SQDMLSL));
        t.add("SQDMULL (scalar)", "01 0 11110 ss 1 mmmmm 1101 00 nnnnn ddddd", dec(hs, S_SQDMULL));
    }
}
