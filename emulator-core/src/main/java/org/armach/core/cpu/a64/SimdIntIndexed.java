package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.SimdLanes.bin3E;
import static org.armach.core.cpu.a64.SimdLanes.binE;
import static org.armach.core.cpu.a64.SimdLanes.elem;
import static org.armach.core.cpu.a64.SimdLanes.lng;
import static org.armach.core.cpu.a64.SimdLanes.slng;
import static org.armach.core.cpu.a64.SimdLanes.sunK;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.90 "Advanced SIMD vector x indexed element" and "Advanced SIMD scalar x
 * indexed element", integer forms. The FP forms (FMLA/FMLS/FMUL/FMULX by element) belong
 * to {@link SimdFp}; SQRDMLAH/SQRDMLSH need FEAT_RDM and SDOT/UDOT FEAT_DotProd, which
 * no model advertises, so they stay UNDEFINED.
 *
 * <p>Insn: a = element size (narrow size for the long forms), b = Q, c = element index, rm
 * = the indexed register (V0-V15 for 16-bit elements).
 */
public final class SimdIntIndexed {
    private SimdIntIndexed() {}

    /** The indexed element Vm[index]. */
    private static long k(Cpu c, Insn i, boolean sg) {
        return elem(c.v, i.rm, i.c, i.a, sg);
    }

    private static final Op MUL = (c, i) -> binE(c, i, false, SimdIntThreeSame.F_MUL);
    private static final Op MLA = (c, i) -> bin3E(c, i, false, SimdIntThreeSame.F_MLA);
    private static final Op MLS = (c, i) -> bin3E(c, i, false, SimdIntThreeSame.F_MLS);
    private static final Op SQDMULH = (c, i) -> binE(c, i, true, SimdIntThreeSame.F_SQDMULH);
    private static final Op SQRDMULH = (c, i) -> binE(c, i, true, SimdIntThreeSame.F_SQRDMULH);
    private static final Op SMULL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_MUL);
    private static final Op UMULL = (c, i) -> lng(c, i, false, false, true, k(c, i, false), SimdIntThreeDiff.F_MUL);
    private static final Op SMLAL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_MLA);
    private static final Op UMLAL = (c, i) -> lng(c, i, false, false, true, k(c, i, false), SimdIntThreeDiff.F_MLA);
    private static final Op SMLSL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_MLS);
    private static final Op UMLSL = (c, i) -> lng(c, i, false, false, true, k(c, i, false), SimdIntThreeDiff.F_MLS);
    private static final Op SQDMULL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_SQDMULL);
    private static final Op SQDMLAL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_SQDMLAL);
    private static final Op SQDMLSL = (c, i) -> lng(c, i, true, false, true, k(c, i, true), SimdIntThreeDiff.F_SQDMLSL);

    private static final Op S_SQDMULH = (c, i) -> sunK(c, i, k(c, i, true), true, SimdIntThreeSame.F_SQDMULH);
    private static final Op S_SQRDMULH = (c, i) -> sunK(c, i, k(c, i, true), true, SimdIntThreeSame.F_SQRDMULH);
    private static final Op S_SQDMULL = (c, i) -> slng(c, i, true, k(c, i, true), SimdIntThreeDiff.F_SQDMULL);
    private static final Op S_SQDMLAL = (c, i) -> slng(c, i, true, k(c, i, true), SimdIntThreeDiff.F_SQDMLAL);
    private static final Op S_SQDMLSL = (c, i) -> slng(c, i, true, k(c, i, true), SimdIntThreeDiff.F_SQDMLSL);

    static Decoder dec(boolean scalar, Op op) {
        return (w, d, m) -> {
            int size = bits(w, 23, 22), h = bit(w, 11), l = bit(w, 21), mm = bit(w, 20);
            if (size == 1) {
                d.c = (h << 2) | (l << 1) | mm;
                d.rm = bits(w, 19, 16);
            } else if (size == 2) {
                d.c = (h << 1) | l;
                d.rm = bits(w, 20, 16);
            } else {
                return null;
            }
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.a = 8 << size;
            d.b = scalar ? 0 : bit(w, 30);
            return op;
        };
    }

    private static void v(DecodeTable t, String name, int u, String opcode, Op op) {
        t.add(name, "0q" + u + "01111 ss l m rrrr " + opcode + " h 0 nnnnn ddddd", dec(false, op));
    }

    private static void s(DecodeTable t, String name, int u, String opcode, Op op) {
        t.add(name, "01" + u + "11111 ss l m rrrr " + opcode + " h 0 nnnnn ddddd", dec(true, op));
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.90 Advanced SIMD vector x indexed element (integer)", true);
        v(t, "MLA (by element)", 1, "0000", MLA);
        v(t, "SMLAL (by element)", 0, "0010", SMLAL);
        v(t, "UMLAL (by element)", 1, "0010", UMLAL);
        v(t, "SQDMLAL (by element)", 0, "0011", SQDMLAL);
        v(t, "MLS (by element)", 1, "0100", MLS);
        v(t, "SMLSL (by element)", 0, "0110", SMLSL);
        v(t, "UMLSL (by element)", 1, "0110", UMLSL);
        v(t, "SQDMLSL (by element)", 0, "0111", SQDMLSL);
        v(t, "MUL (by element)", 0, "1000", MUL);
        v(t, "SMULL (by element)", 0, "1010", SMULL);
        v(t, "UMULL (by element)", 1, "1010", UMULL);
        v(t, "SQDMULL (by element)", 0, "1011", SQDMULL);
        v(t, "SQDMULH (by element)", 0, "1100", SQDMULH);
        v(t, "SQRDMULH (by element)", 0, "1101", SQRDMULH);

        t.section("C4.1.90 Advanced SIMD scalar x indexed element (integer)", true);
        s(t, "SQDMLAL (by element, scalar)", 0, "0011", S_SQDMLAL);
        s(t, "SQDMLSL (by element, scalar)", 0, "0111", S_SQDMLSL);
        s(t, "SQDMULL (by element, scalar)", 0, "1011", S_SQDMULL);
        s(t, "SQDMULH (by element, scalar)", 0, "1100", S_SQDMULH);
        s(t, "SQRDMULH (by element, scalar)", 0, "1101", S_SQRDMULH);
    }
}
