package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.SimdLanes.lng;
import static org.armach.core.cpu.a64.SimdLanes.mask;
import static org.armach.core.cpu.a64.SimdLanes.nar;
import static org.armach.core.cpu.a64.SimdLanes.qshl;
import static org.armach.core.cpu.a64.SimdLanes.qshlu;
import static org.armach.core.cpu.a64.SimdLanes.repl;
import static org.armach.core.cpu.a64.SimdLanes.rshr;
import static org.armach.core.cpu.a64.SimdLanes.satS;
import static org.armach.core.cpu.a64.SimdLanes.satU;
import static org.armach.core.cpu.a64.SimdLanes.satUU;
import static org.armach.core.cpu.a64.SimdLanes.shr;
import static org.armach.core.cpu.a64.SimdLanes.snar;
import static org.armach.core.cpu.a64.SimdLanes.sunK;
import static org.armach.core.cpu.a64.SimdLanes.un;
import static org.armach.core.cpu.a64.SimdLanes.un3;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.a64.SimdLanes.F2;
import org.armach.core.cpu.a64.SimdLanes.F3;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.90 "Advanced SIMD shift by immediate" and "Advanced SIMD scalar shift by
 * immediate", integer forms. immh = 0000 is "modified immediate" (MOVI..., another
 * section); the fixed-point conversions (opcodes 11100/11111) belong to {@link SimdFp}.
 *
 * <p>Insn: a = element size (narrow size for the N/L forms), b = Q, imm = shift amount,
 * imm2 = lane mask for the SWAR SHL/USHR.
 */
public final class SimdShiftImm {
    private SimdShiftImm() {}

    static final F2 F_SSHR = (c, a, k, es) -> shr(a, k, true);
    static final F2 F_SRSHR = (c, a, k, es) -> rshr(a, k, true);
    static final F2 F_URSHR = (c, a, k, es) -> rshr(a, k, false);
    static final F3 F_SSRA = (c, d, a, k, es) -> d + shr(a, k, true);
    static final F3 F_USRA = (c, d, a, k, es) -> d + shr(a, k, false);
    static final F3 F_SRSRA = (c, d, a, k, es) -> d + rshr(a, k, true);
    static final F3 F_URSRA = (c, d, a, k, es) -> d + rshr(a, k, false);
    static final F3 F_SRI = (c, d, a, k, es) -> k >= es ? d : (d & ~(mask(es) >>> k)) | (a >>> k);
    static final F3 F_SLI = (c, d, a, k, es) -> (d & ~(mask(es) << k)) | (a << k);
    static final F2 F_SQSHL = (c, a, k, es) -> qshl(c, a, k, es, true);
    static final F2 F_UQSHL = (c, a, k, es) -> qshl(c, a, k, es, false);
    static final F2 F_SQSHLU = (c, a, k, es) -> qshlu(c, a, k, es);
    static final F2 F_SHRN = (c, a, k, es) -> a >>> k;
    static final F2 F_RSHRN = (c, a, k, es) -> rshr(a, k, false);
    static final F2 F_SQSHRN = (c, a, k, es) -> satS(c, a >> k, es);
    static final F2 F_SQRSHRN = (c, a, k, es) -> satS(c, rshr(a, k, true), es);
    static final F2 F_UQSHRN = (c, a, k, es) -> satUU(c, a >>> k, es);
    static final F2 F_UQRSHRN = (c, a, k, es) -> satUU(c, rshr(a, k, false), es);
    static final F2 F_SQSHRUN = (c, a, k, es) -> satU(c, a >> k, es);
    static final F2 F_SQRSHRUN = (c, a, k, es) -> satU(c, rshr(a, k, true), es);
    static final F3 F_SHLL = (c, d, a, k, w) -> a << k;

    /** SHL and USHR act on whole halves: shift, then clear the bits that crossed lanes. */
    private static final Op SHL = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, s = (int) i.imm;
        long m = i.imm2;
        long r0 = (v[n] << s) & m, r1 = i.b != 0 ? (v[n + 1] << s) & m : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op USHR = (c, i) -> {
        long[] v = c.v;
        int n = 2 * i.rn, s = (int) i.imm;
        long m = i.imm2;
        long r0 = (v[n] >>> s) & m, r1 = i.b != 0 ? (v[n + 1] >>> s) & m : 0;
        v[2 * i.rd] = r0;
        v[2 * i.rd + 1] = r1;
    };
    private static final Op SSHR = (c, i) -> un(c, i, true, F_SSHR);
    private static final Op SRSHR = (c, i) -> un(c, i, true, F_SRSHR);
    private static final Op URSHR = (c, i) -> un(c, i, false, F_URSHR);
    private static final Op SSRA = (c, i) -> un3(c, i, true, F_SSRA);
    private static final Op USRA = (c, i) -> un3(c, i, false, F_USRA);
    private static final Op SRSRA = (c, i) -> un3(c, i, true, F_SRSRA);
    private static final Op URSRA = (c, i) -> un3(c, i, false, F_URSRA);
    private static final Op SRI = (c, i) -> un3(c, i, false, F_SRI);
    private static final Op SLI = (c, i) -> un3(c, i, false, F_SLI);
    private static final Op SQSHL = (c, i) -> un(c, i, true, F_SQSHL);
    private static final Op UQSHL = (c, i) -> un(c, i, false, F_UQSHL);
    private static final Op SQSHLU = (c, i) -> un(c, i, true, F_SQSHLU);
    private static final Op SHRN = (c, i) -> nar(c, i, false, false, F_SHRN);
    private static final Op RSHRN = (c, i) -> nar(c, i, false, false, F_RSHRN);
    private static final Op SQSHRN = (c, i) -> nar(c, i, true, false, F_SQSHRN);
    private static final Op SQRSHRN = (c, i) -> nar(c, i, true, false, F_SQRSHRN);
    private static final Op UQSHRN = (c, i) -> nar(c, i, false, false, F_UQSHRN);
    private static final Op UQRSHRN = (c, i) -> nar(c, i, false, false, F_UQRSHRN);
    private static final Op SQSHRUN = (c, i) -> nar(c, i, true, false, F_SQSHRUN);
    private static final Op SQRSHRUN = (c, i) -> nar(c, i, true, false, F_SQRSHRUN);
    private static final Op SSHLL = (c, i) -> lng(c, i, true, false, true, i.imm, F_SHLL);
    private static final Op USHLL = (c, i) -> lng(c, i, false, false, true, i.imm, F_SHLL);

    private static final Op S_SQSHL = (c, i) -> sunK(c, i, i.imm, true, F_SQSHL);
    private static final Op S_UQSHL = (c, i) -> sunK(c, i, i.imm, false, F_UQSHL);
    private static final Op S_SQSHLU = (c, i) -> sunK(c, i, i.imm, true, F_SQSHLU);
    private static final Op S_SQSHRN = (c, i) -> snar(c, i, true, F_SQSHRN);
    private static final Op S_SQRSHRN = (c, i) -> snar(c, i, true, F_SQRSHRN);
    private static final Op S_UQSHRN = (c, i) -> snar(c, i, false, F_UQSHRN);
    private static final Op S_UQRSHRN = (c, i) -> snar(c, i, false, F_UQRSHRN);
    private static final Op S_SQSHRUN = (c, i) -> snar(c, i, true, F_SQSHRUN);
    private static final Op S_SQRSHRUN = (c, i) -> snar(c, i, true, F_SQRSHRUN);

    // ---------------------------------------------------------------- decoding

    /** Shift kinds. */
    static final int RIGHT = 0, LEFT = 1, NARROW = 2, LONG = 3;
    /** Size constraints: vector (2D needs Q=1), D only (scalar), not D (narrow/long), any. */
    static final int VEC = 0, SD = 1, NOT_D = 2, ANY = 3;

    static Decoder dec(int kind, int sizes, boolean scalar, Op op) {
        return (w, d, m) -> {
            int immh = bits(w, 22, 19);
            if (immh == 0) return null;
            int hs = 31 - Integer.numberOfLeadingZeros(immh);
            int es = 8 << hs, q = scalar ? 0 : bit(w, 30), immhb = bits(w, 22, 16);
            switch (sizes) {
                case VEC: if (hs == 3 && q == 0) return null; break;
                case SD: if (hs != 3) return null; break;
                case NOT_D: if (hs == 3) return null; break;
                default: break;
            }
            int sh = (kind == RIGHT || kind == NARROW) ? 2 * es - immhb : immhb - es;
            d.rd = bits(w, 4, 0);
            d.rn = bits(w, 9, 5);
            d.a = es;
            d.b = q;
            d.imm = sh;
            if (kind == LEFT) d.imm2 = repl((mask(es) << sh) & mask(es), es);
            else d.imm2 = sh >= es ? 0 : repl(mask(es) >>> sh, es);
            return op;
        };
    }

    private static void v(DecodeTable t, String name, int u, String opcode, int kind, int sizes, Op op) {
        t.add(name, "0q" + u + "011110 hhhh bbb " + opcode + " 1 nnnnn ddddd", dec(kind, sizes, false, op));
    }

    private static void s(DecodeTable t, String name, int u, String opcode, int kind, int sizes, Op op) {
        t.add(name, "01" + u + "111110 hhhh bbb " + opcode + " 1 nnnnn ddddd", dec(kind, sizes, true, op));
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.90 Advanced SIMD shift by immediate (integer)", true);
        v(t, "SSHR", 0, "00000", RIGHT, VEC, SSHR);
        v(t, "USHR", 1, "00000", RIGHT, VEC, USHR);
        v(t, "SSRA", 0, "00010", RIGHT, VEC, SSRA);
        v(t, "USRA", 1, "00010", RIGHT, VEC, USRA);
        v(t, "SRSHR", 0, "00100", RIGHT, VEC, SRSHR);
        v(t, "URSHR", 1, "00100", RIGHT, VEC, URSHR);
        v(t, "SRSRA", 0, "00110", RIGHT, VEC, SRSRA);
        v(t, "URSRA", 1, "00110", RIGHT, VEC, URSRA);
        v(t, "SRI", 1, "01000", RIGHT, VEC, SRI);
        v(t, "SHL", 0, "01010", LEFT, VEC, SHL);
        v(t, "SLI", 1, "01010", LEFT, VEC, SLI);
        v(t, "SQSHLU", 1, "01100", LEFT, VEC, SQSHLU);
        v(t, "SQSHL (immediate)", 0, "01110", LEFT, VEC, SQSHL);
        v(t, "UQSHL (immediate)", 1, "01110", LEFT, VEC, UQSHL);
        v(t, "SHRN", 0, "10000", NARROW, NOT_D, SHRN);
        v(t, "SQSHRUN", 1, "10000", NARROW, NOT_D, SQSHRUN);
        v(t, "RSHRN", 0, "10001", NARROW, NOT_D, RSHRN);
        v(t, "SQRSHRUN", 1, "10001", NARROW, NOT_D, SQRSHRUN);
        v(t, "SQSHRN", 0, "10010", NARROW, NOT_D, SQSHRN);
        v(t, "UQSHRN", 1, "10010", NARROW, NOT_D, UQSHRN);
        v(t, "SQRSHRN", 0, "10011", NARROW, NOT_D, SQRSHRN);
        v(t, "UQRSHRN", 1, "10011", NARROW, NOT_D, UQRSHRN);
        v(t, "SSHLL", 0, "10100", LONG, NOT_D, SSHLL);
        v(t, "USHLL", 1, "10100", LONG, NOT_D, USHLL);

        t.section("C4.1.90 Advanced SIMD scalar shift by immediate (integer)", true);
        // 64-bit only forms reuse the vector ops (Q=0, one D lane)
        s(t, "SSHR (scalar)", 0, "00000", RIGHT, SD, SSHR);
        s(t, "USHR (scalar)", 1, "00000", RIGHT, SD, USHR);
        s(t, "SSRA (scalar)", 0, "00010", RIGHT, SD, SSRA);
        s(t, "USRA (scalar)", 1, "00010", RIGHT, SD, USRA);
        s(t, "SRSHR (scalar)", 0, "00100", RIGHT, SD, SRSHR);
        s(t, "URSHR (scalar)", 1, "00100", RIGHT, SD, URSHR);
        s(t, "SRSRA (scalar)", 0, "00110", RIGHT, SD, SRSRA);
        s(t, "URSRA (scalar)", 1, "00110", RIGHT, SD, URSRA);
        s(t, "SRI (scalar)", 1, "01000", RIGHT, SD, SRI);
        s(t, "SHL (scalar)", 0, "01010", LEFT, SD, SHL);
        s(t, "SLI (scalar)", 1, "01010", LEFT, SD, SLI);
        s(t, "SQSHLU (scalar)", 1, "01100", LEFT, ANY, S_SQSHLU);
        s(t, "SQSHL (immediate, scalar)", 0, "01110", LEFT, ANY, S_SQSHL);
        s(t, "UQSHL (immediate, scalar)", 1, "01110", LEFT, ANY, S_UQSHL);
        s(t, "SQSHRUN (scalar)", 1, "10000", NARROW, NOT_D, S_SQSHRUN);
        s(t, "SQRSHRUN (scalar)", 1, "10001", NARROW, NOT_D, S_SQRSHRUN);
        s(t, "SQSHRN (scalar)", 0, "10010", NARROW, NOT_D, S_SQSHRN);
        s(t, "UQSHRN (scalar)", 1, "10010", NARROW, NOT_D, S_UQSHRN);
        s(t, "SQRSHRN (scalar)", 0, "10011", NARROW, NOT_D, S_SQRSHRN);
        s(t, "UQRSHRN (scalar)", 1, "10011", NARROW, NOT_D, S_UQRSHRN);
    }
}
