package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rsp;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.88 "Data Processing -- Register": logical (shifted register), add/subtract
 * (shifted and extended register), add/subtract with carry, rotate right into flags and
 * evaluate into flags (FEAT_FlagM), conditional compare, conditional select, data-processing
 * (1 source, 2 source, 3 source).
 *
 * <p>Decoders pick an operation-and-size specific {@link Op}; operand shifts and extensions
 * go into {@code Insn.a/b/c} so the Op does only ALU work. The register operand of shifted
 * forms with a zero shift amount uses an unshifted Op. Encodings of features no model
 * implements (PAuth, MTE, CSSC, ...) are left UNDEFINED.
 */
public final class DataProcessingReg {
    private DataProcessingReg() {}

    private static final long M32 = 0xffffffffL;

    // =====================================================================================
    // Shift helpers (type: 0 LSL, 1 LSR, 2 ASR, 3 ROR)
    // =====================================================================================

    static long shift64(long x, int type, int amount) {
        switch (type) {
            case 0: return x << amount;
            case 1: return x >>> amount;
            case 2: return x >> amount;
            default: return Long.rotateRight(x, amount);
        }
    }

    /** Shifts the low 32 bits of x; the result has garbage in bits 63:32 only for LSL. */
    static long shift32(long x, int type, int amount) {
        int v = (int) x;
        switch (type) {
            case 0: return v << amount;
            case 1: return v >>> amount;
            case 2: return v >> amount;
            default: return Integer.rotateRight(v, amount);
        }
    }

    // =====================================================================================
    // Logical (shifted register). Op naming: <op><size>[S] where S = shifted operand.
    // =====================================================================================

    private static final Op AND64 = (c, i) -> c.r[i.rd] = c.r[i.rn] & c.r[i.rm];
    private static final Op BIC64 = (c, i) -> c.r[i.rd] = c.r[i.rn] & ~c.r[i.rm];
    private static final Op ORR64 = (c, i) -> c.r[i.rd] = c.r[i.rn] | c.r[i.rm];
    private static final Op ORN64 = (c, i) -> c.r[i.rd] = c.r[i.rn] | ~c.r[i.rm];
    private static final Op EOR64 = (c, i) -> c.r[i.rd] = c.r[i.rn] ^ c.r[i.rm];
    private static final Op EON64 = (c, i) -> c.r[i.rd] = c.r[i.rn] ^ ~c.r[i.rm];
    private static final Op MOV64 = (c, i) -> c.r[i.rd] = c.r[i.rm];
    private static final Op ANDS64 = (c, i) -> {
        long r = c.r[i.rn] & c.r[i.rm];
        c.logicFlags64(r);
        c.r[i.rd] = r;
    };
    private static final Op BICS64 = (c, i) -> {
        long r = c.r[i.rn] & ~c.r[i.rm];
        c.logicFlags64(r);
        c.r[i.rd] = r;
    };
    private static final Op AND64S = (c, i) -> c.r[i.rd] = c.r[i.rn] & shift64(c.r[i.rm], i.a, i.b);
    private static final Op BIC64S = (c, i) -> c.r[i.rd] = c.r[i.rn] & ~shift64(c.r[i.rm], i.a, i.b);
    private static final Op ORR64S = (c, i) -> c.r[i.rd] = c.r[i.rn] | shift64(c.r[i.rm], i.a, i.b);
    private static final Op ORN64S = (c, i) -> c.r[i.rd] = c.r[i.rn] | ~shift64(c.r[i.rm], i.a, i.b);
    private static final Op EOR64S = (c, i) -> c.r[i.rd] = c.r[i.rn] ^ shift64(c.r[i.rm], i.a, i.b);
    private static final Op EON64S = (c, i) -> c.r[i.rd] = c.r[i.rn] ^ ~shift64(c.r[i.rm], i.a, i.b);
    private static final Op ANDS64S = (c, i) -> {
        long r = c.r[i.rn] & shift64(c.r[i.rm], i.a, i.b);
        c.logicFlags64(r);
        c.r[i.rd] = r;
    };
    private static final Op BICS64S = (c, i) -> {
        long r = c.r[i.rn] & ~shift64(c.r[i.rm], i.a, i.b);
        c.logicFlags64(r);
        c.r[i.rd] = r;
    };

    private static final Op AND32 = (c, i) -> c.r[i.rd] = c.r[i.rn] & c.r[i.rm] & M32;
    private static final Op BIC32 = (c, i) -> c.r[i.rd] = c.r[i.rn] & ~c.r[i.rm] & M32;
    private static final Op ORR32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] | c.r[i.rm]) & M32;
    private static final Op ORN32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] | ~c.r[i.rm]) & M32;
    private static final Op EOR32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] ^ c.r[i.rm]) & M32;
    private static final Op EON32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] ^ ~c.r[i.rm]) & M32;
    private static final Op MOV32 = (c, i) -> c.r[i.rd] = c.r[i.rm] & M32;
    private static final Op ANDS32 = (c, i) -> {
        long r = c.r[i.rn] & c.r[i.rm] & M32;
        c.logicFlags32(r);
        c.r[i.rd] = r;
    };
    private static final Op BICS32 = (c, i) -> {
        long r = c.r[i.rn] & ~c.r[i.rm] & M32;
        c.logicFlags32(r);
        c.r[i.rd] = r;
    };
    private static final Op AND32S = (c, i) -> c.r[i.rd] = c.r[i.rn] & shift32(c.r[i.rm], i.a, i.b) & M32;
    private static final Op BIC32S = (c, i) -> c.r[i.rd] = c.r[i.rn] & ~shift32(c.r[i.rm], i.a, i.b) & M32;
    private static final Op ORR32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] | shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op ORN32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] | ~shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op EOR32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] ^ shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op EON32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] ^ ~shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op ANDS32S = (c, i) -> {
        long r = c.r[i.rn] & shift32(c.r[i.rm], i.a, i.b) & M32;
        c.logicFlags32(r);
        c.r[i.rd] = r;
    };
    private static final Op BICS32S = (c, i) -> {
        long r = c.r[i.rn] & ~shift32(c.r[i.rm], i.a, i.b) & M32;
        c.logicFlags32(r);
        c.r[i.rd] = r;
    };

    /** Indexed by opc:N (AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS). */
    private static final Op[] LOGIC64 = {AND64, BIC64, ORR64, ORN64, EOR64, EON64, ANDS64, BICS64};
    private static final Op[] LOGIC64S = {AND64S, BIC64S, ORR64S, ORN64S, EOR64S, EON64S, ANDS64S, BICS64S};
    private static final Op[] LOGIC32 = {AND32, BIC32, ORR32, ORN32, EOR32, EON32, ANDS32, BICS32};
    private static final Op[] LOGIC32S = {AND32S, BIC32S, ORR32S, ORN32S, EOR32S, EON32S, ANDS32S, BICS32S};

    // =====================================================================================
    // Add/subtract (shifted register)
    // =====================================================================================

    private static final Op ADD64 = (c, i) -> c.r[i.rd] = c.r[i.rn] + c.r[i.rm];
    private static final Op SUB64 = (c, i) -> c.r[i.rd] = c.r[i.rn] - c.r[i.rm];
    private static final Op ADDS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], c.r[i.rm], 0);
    private static final Op SUBS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ~c.r[i.rm], 1);
    private static final Op ADD32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] + c.r[i.rm]) & M32;
    private static final Op SUB32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] - c.r[i.rm]) & M32;
    private static final Op ADDS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], c.r[i.rm], 0);
    private static final Op SUBS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ~c.r[i.rm], 1);
    private static final Op ADD64S = (c, i) -> c.r[i.rd] = c.r[i.rn] + shift64(c.r[i.rm], i.a, i.b);
    private static final Op SUB64S = (c, i) -> c.r[i.rd] = c.r[i.rn] - shift64(c.r[i.rm], i.a, i.b);
    private static final Op ADDS64S = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], shift64(c.r[i.rm], i.a, i.b), 0);
    private static final Op SUBS64S = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ~shift64(c.r[i.rm], i.a, i.b), 1);
    private static final Op ADD32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] + shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op SUB32S = (c, i) -> c.r[i.rd] = (c.r[i.rn] - shift32(c.r[i.rm], i.a, i.b)) & M32;
    private static final Op ADDS32S = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], shift32(c.r[i.rm], i.a, i.b), 0);
    private static final Op SUBS32S = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ~shift32(c.r[i.rm], i.a, i.b), 1);

    /** Indexed by op:S (ADD, ADDS, SUB, SUBS). */
    private static final Op[] ADDSUB64 = {ADD64, ADDS64, SUB64, SUBS64};
    private static final Op[] ADDSUB64S = {ADD64S, ADDS64S, SUB64S, SUBS64S};
    private static final Op[] ADDSUB32 = {ADD32, ADDS32, SUB32, SUBS32};
    private static final Op[] ADDSUB32S = {ADD32S, ADDS32S, SUB32S, SUBS32S};

    // =====================================================================================
    // Add/subtract (extended register): operand = ((Rm << a) >>[>] a) << b
    // =====================================================================================

    private static final Op ADDXU = (c, i) -> c.r[i.rd] = c.r[i.rn] + (((c.r[i.rm] << i.a) >>> i.a) << i.b);
    private static final Op ADDXS = (c, i) -> c.r[i.rd] = c.r[i.rn] + (((c.r[i.rm] << i.a) >> i.a) << i.b);
    private static final Op SUBXU = (c, i) -> c.r[i.rd] = c.r[i.rn] - (((c.r[i.rm] << i.a) >>> i.a) << i.b);
    private static final Op SUBXS = (c, i) -> c.r[i.rd] = c.r[i.rn] - (((c.r[i.rm] << i.a) >> i.a) << i.b);
    private static final Op ADDWU = (c, i) -> c.r[i.rd] = (c.r[i.rn] + (((c.r[i.rm] << i.a) >>> i.a) << i.b)) & M32;
    private static final Op ADDWS = (c, i) -> c.r[i.rd] = (c.r[i.rn] + (((c.r[i.rm] << i.a) >> i.a) << i.b)) & M32;
    private static final Op SUBWU = (c, i) -> c.r[i.rd] = (c.r[i.rn] - (((c.r[i.rm] << i.a) >>> i.a) << i.b)) & M32;
    private static final Op SUBWS = (c, i) -> c.r[i.rd] = (c.r[i.rn] - (((c.r[i.rm] << i.a) >> i.a) << i.b)) & M32;
    private static final Op ADDSXU = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ((c.r[i.rm] << i.a) >>> i.a) << i.b, 0);
    private static final Op ADDSXS = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ((c.r[i.rm] << i.a) >> i.a) << i.b, 0);
    private static final Op SUBSXU = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ~(((c.r[i.rm] << i.a) >>> i.a) << i.b), 1);
    private static final Op SUBSXS = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ~(((c.r[i.rm] << i.a) >> i.a) << i.b), 1);
    private static final Op ADDSWU = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ((c.r[i.rm] << i.a) >>> i.a) << i.b, 0);
    private static final Op ADDSWS = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ((c.r[i.rm] << i.a) >> i.a) << i.b, 0);
    private static final Op SUBSWU = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ~(((c.r[i.rm] << i.a) >>> i.a) << i.b), 1);
    private static final Op SUBSWS = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ~(((c.r[i.rm] << i.a) >> i.a) << i.b), 1);

    /** Indexed by sf:op:S:signed. */
    private static final Op[] ADDSUBEXT = {
        ADDWU, ADDWS, ADDSWU, ADDSWS, SUBWU, SUBWS, SUBSWU, SUBSWS,
        ADDXU, ADDXS, ADDSXU, ADDSXS, SUBXU, SUBXS, SUBSXU, SUBSXS,
    };

    // =====================================================================================
    // Add/subtract with carry
    // =====================================================================================

    private static final Op ADC64 = (c, i) -> c.r[i.rd] = c.r[i.rn] + c.r[i.rm] + (c.cf ? 1 : 0);
    private static final Op SBC64 = (c, i) -> c.r[i.rd] = c.r[i.rn] + ~c.r[i.rm] + (c.cf ? 1 : 0);
    private static final Op ADCS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], c.r[i.rm], c.cf ? 1 : 0);
    private static final Op SBCS64 = (c, i) -> c.r[i.rd] = c.adds64(c.r[i.rn], ~c.r[i.rm], c.cf ? 1 : 0);
    private static final Op ADC32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] + c.r[i.rm] + (c.cf ? 1 : 0)) & M32;
    private static final Op SBC32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] + ~c.r[i.rm] + (c.cf ? 1 : 0)) & M32;
    private static final Op ADCS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], c.r[i.rm], c.cf ? 1 : 0);
    private static final Op SBCS32 = (c, i) -> c.r[i.rd] = c.adds32(c.r[i.rn], ~c.r[i.rm], c.cf ? 1 : 0);

    /** Indexed by sf:op:S. */
    private static final Op[] ADDSUBCARRY = {ADC32, ADCS32, SBC32, SBCS32, ADC64, ADCS64, SBC64, SBCS64};

    // =====================================================================================
    // Flag manipulation (FEAT_FlagM): RMIF, SETF8, SETF16
    // =====================================================================================

    /** RMIF: a = rotate amount, b = mask of NZCV to replace. */
    private static final Op RMIF = (c, i) -> {
        int tmp = (int) Long.rotateRight(c.r[i.rn], i.a) & 0xf;
        c.setNzcv((c.nzcv() & ~i.b) | (tmp & i.b));
    };
    /** SETF8 (a = 8) and SETF16 (a = 16): N = Wn<a-1>, Z = Wn<a-1:0> == 0, V = Wn<a> ^ Wn<a-1>. */
    private static final Op SETF = (c, i) -> {
        long x = c.r[i.rn];
        int top = i.a - 1;
        c.nf = ((x >>> top) & 1) != 0;
        c.zf = (x & ((1L << i.a) - 1)) == 0;
        c.vf = (((x >>> i.a) ^ (x >>> top)) & 1) != 0;
    };

    // =====================================================================================
    // Conditional compare (register and immediate: rm = ZR-like index unused for immediate)
    // =====================================================================================

    private static final Op CCMN64R = (c, i) -> {
        if (c.cond(i.a)) c.adds64(c.r[i.rn], c.r[i.rm], 0);
        else c.setNzcv(i.b);
    };
    private static final Op CCMP64R = (c, i) -> {
        if (c.cond(i.a)) c.adds64(c.r[i.rn], ~c.r[i.rm], 1);
        else c.setNzcv(i.b);
    };
    private static final Op CCMN32R = (c, i) -> {
        if (c.cond(i.a)) c.adds32(c.r[i.rn], c.r[i.rm], 0);
        else c.setNzcv(i.b);
    };
    private static final Op CCMP32R = (c, i) -> {
        if (c.cond(i.a)) c.adds32(c.r[i.rn], ~c.r[i.rm], 1);
        else c.setNzcv(i.b);
    };
    /** Immediate forms: imm is the (for CCMP complemented) operand, e the carry-in. */
    private static final Op CCMP64I = (c, i) -> {
        if (c.cond(i.a)) c.adds64(c.r[i.rn], i.imm, i.e);
        else c.setNzcv(i.b);
    };
    private static final Op CCMP32I = (c, i) -> {
        if (c.cond(i.a)) c.adds32(c.r[i.rn], i.imm, i.e);
        else c.setNzcv(i.b);
    };

    // =====================================================================================
    // Conditional select
    // =====================================================================================

    private static final Op CSEL64 = (c, i) -> c.r[i.rd] = c.cond(i.a) ? c.r[i.rn] : c.r[i.rm];
    private static final Op CSINC64 = (c, i) -> c.r[i.rd] = c.cond(i.a) ? c.r[i.rn] : c.r[i.rm] + 1;
    private static final Op CSINV64 = (c, i) -> c.r[i.rd] = c.cond(i.a) ? c.r[i.rn] : ~c.r[i.rm];
    private static final Op CSNEG64 = (c, i) -> c.r[i.rd] = c.cond(i.a) ? c.r[i.rn] : -c.r[i.rm];
    private static final Op CSEL32 = (c, i) -> c.r[i.rd] = (c.cond(i.a) ? c.r[i.rn] : c.r[i.rm]) & M32;
    private static final Op CSINC32 = (c, i) -> c.r[i.rd] = (c.cond(i.a) ? c.r[i.rn] : c.r[i.rm] + 1) & M32;
    private static final Op CSINV32 = (c, i) -> c.r[i.rd] = (c.cond(i.a) ? c.r[i.rn] : ~c.r[i.rm]) & M32;
    private static final Op CSNEG32 = (c, i) -> c.r[i.rd] = (c.cond(i.a) ? c.r[i.rn] : -c.r[i.rm]) & M32;
    /** CSET/CSETM (CSINC/CSINV with both sources XZR): imm is the value when the condition fails. */
    private static final Op CSET = (c, i) -> c.r[i.rd] = c.cond(i.a) ? 0 : i.imm;

    /** Indexed by sf:op:op2<0> (CSEL, CSINC, CSINV, CSNEG). */
    private static final Op[] CONDSEL = {CSEL32, CSINC32, CSINV32, CSNEG32, CSEL64, CSINC64, CSINV64, CSNEG64};

    // =====================================================================================
    // Data-processing (1 source)
    // =====================================================================================

    private static final long BYTES_EVEN = 0x00ff00ff00ff00ffL;

    private static final Op RBIT64 = (c, i) -> c.r[i.rd] = Long.reverse(c.r[i.rn]);
    private static final Op RBIT32 = (c, i) -> c.r[i.rd] = Integer.reverse((int) c.r[i.rn]) & M32;
    private static final Op REV16_64 = (c, i) -> {
        long x = c.r[i.rn];
        c.r[i.rd] = ((x >>> 8) & BYTES_EVEN) | ((x & BYTES_EVEN) << 8);
    };
    private static final Op REV16_32 = (c, i) -> {
        long x = c.r[i.rn];
        c.r[i.rd] = ((x >>> 8) & 0x00ff00ffL) | ((x & 0x00ff00ffL) << 8);
    };
    private static final Op REV32_64 = (c, i) -> {
        long x = Long.reverseBytes(c.r[i.rn]);
        c.r[i.rd] = (x >>> 32) | (x << 32);
    };
    private static final Op REV64 = (c, i) -> c.r[i.rd] = Long.reverseBytes(c.r[i.rn]);
    private static final Op REV32 = (c, i) -> c.r[i.rd] = Integer.reverseBytes((int) c.r[i.rn]) & M32;
    private static final Op CLZ64 = (c, i) -> c.r[i.rd] = Long.numberOfLeadingZeros(c.r[i.rn]);
    private static final Op CLZ32 = (c, i) -> c.r[i.rd] = Integer.numberOfLeadingZeros((int) c.r[i.rn]);
    private static final Op CLS64 = (c, i) -> {
        long x = c.r[i.rn];
        c.r[i.rd] = Long.numberOfLeadingZeros(x ^ (x >> 63)) - 1;
    };
    private static final Op CLS32 = (c, i) -> {
        int x = (int) c.r[i.rn];
        c.r[i.rd] = Integer.numberOfLeadingZeros(x ^ (x >> 31)) - 1;
    };

    // =====================================================================================
    // Data-processing (2 source)
    // =====================================================================================

    private static final Op UDIV64 = (c, i) -> {
        long d = c.r[i.rm];
        c.r[i.rd] = d == 0 ? 0 : Long.divideUnsigned(c.r[i.rn], d);
    };
    private static final Op UDIV32 = (c, i) -> {
        long d = c.r[i.rm] & M32;
        c.r[i.rd] = d == 0 ? 0 : (c.r[i.rn] & M32) / d;
    };
    // Java's overflowing division (MIN / -1) yields MIN, as the architecture requires.
    private static final Op SDIV64 = (c, i) -> {
        long d = c.r[i.rm];
        c.r[i.rd] = d == 0 ? 0 : c.r[i.rn] / d;
    };
    private static final Op SDIV32 = (c, i) -> {
        int d = (int) c.r[i.rm];
        c.r[i.rd] = d == 0 ? 0 : ((int) c.r[i.rn] / d) & M32;
    };
    private static final Op LSLV64 = (c, i) -> c.r[i.rd] = c.r[i.rn] << c.r[i.rm];
    private static final Op LSRV64 = (c, i) -> c.r[i.rd] = c.r[i.rn] >>> c.r[i.rm];
    private static final Op ASRV64 = (c, i) -> c.r[i.rd] = c.r[i.rn] >> c.r[i.rm];
    private static final Op RORV64 = (c, i) -> c.r[i.rd] = Long.rotateRight(c.r[i.rn], (int) c.r[i.rm]);
    private static final Op LSLV32 = (c, i) -> c.r[i.rd] = ((int) c.r[i.rn] << c.r[i.rm]) & M32;
    private static final Op LSRV32 = (c, i) -> c.r[i.rd] = ((int) c.r[i.rn] >>> c.r[i.rm]) & M32;
    private static final Op ASRV32 = (c, i) -> c.r[i.rd] = ((int) c.r[i.rn] >> c.r[i.rm]) & M32;
    private static final Op RORV32 = (c, i) -> c.r[i.rd] = Integer.rotateRight((int) c.r[i.rn], (int) c.r[i.rm]) & M32;

    /** Reflected CRC-32 (0x04C11DB7) and CRC-32C (0x1EDC6F41) byte tables. */
    private static final int[] CRC32_TABLE = crcTable(0xEDB88320);
    private static final int[] CRC32C_TABLE = crcTable(0x82F63B78);

    private static int[] crcTable(int poly) {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int crc = n;
            for (int k = 0; k < 8; k++) crc = (crc >>> 1) ^ (poly & -(crc & 1));
            t[n] = crc;
        }
        return t;
    }

    /** CRC update without pre/post inversion, as the CRC32* instructions define it. */
    static int crc(int[] table, int acc, long value, int bytes) {
        int crc = acc;
        for (int k = 0; k < bytes; k++) {
            crc = table[(crc ^ (int) value) & 0xff] ^ (crc >>> 8);
            value >>>= 8;
        }
        return crc;
    }

    /** a = number of bytes of Rm (1, 2, 4, 8). */
    private static final Op CRC32 = (c, i) -> c.r[i.rd] = crc(CRC32_TABLE, (int) c.r[i.rn], c.r[i.rm], i.a) & M32;
    private static final Op CRC32C = (c, i) -> c.r[i.rd] = crc(CRC32C_TABLE, (int) c.r[i.rn], c.r[i.rm], i.a) & M32;

    // =====================================================================================
    // Data-processing (3 source)
    // =====================================================================================

    private static final Op MADD64 = (c, i) -> c.r[i.rd] = c.r[i.ra] + c.r[i.rn] * c.r[i.rm];
    private static final Op MSUB64 = (c, i) -> c.r[i.rd] = c.r[i.ra] - c.r[i.rn] * c.r[i.rm];
    private static final Op MUL64 = (c, i) -> c.r[i.rd] = c.r[i.rn] * c.r[i.rm];
    private static final Op MADD32 = (c, i) -> c.r[i.rd] = (c.r[i.ra] + c.r[i.rn] * c.r[i.rm]) & M32;
    private static final Op MSUB32 = (c, i) -> c.r[i.rd] = (c.r[i.ra] - c.r[i.rn] * c.r[i.rm]) & M32;
    private static final Op MUL32 = (c, i) -> c.r[i.rd] = (c.r[i.rn] * c.r[i.rm]) & M32;
    private static final Op SMADDL = (c, i) -> c.r[i.rd] = c.r[i.ra] + (long) (int) c.r[i.rn] * (int) c.r[i.rm];
    private static final Op SMSUBL = (c, i) -> c.r[i.rd] = c.r[i.ra] - (long) (int) c.r[i.rn] * (int) c.r[i.rm];
    private static final Op UMADDL = (c, i) -> c.r[i.rd] = c.r[i.ra] + (c.r[i.rn] & M32) * (c.r[i.rm] & M32);
    private static final Op UMSUBL = (c, i) -> c.r[i.rd] = c.r[i.ra] - (c.r[i.rn] & M32) * (c.r[i.rm] & M32);
    private static final Op SMULH = (c, i) -> c.r[i.rd] = Math.multiplyHigh(c.r[i.rn], c.r[i.rm]);
    private static final Op UMULH = (c, i) -> c.r[i.rd] = umulh(c.r[i.rn], c.r[i.rm]);

    /** High 64 bits of the unsigned 128-bit product. */
    public static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    // =====================================================================================
    // Decoders
    // =====================================================================================

    public static void register(DecodeTable t) {
        t.section("C4.1.88 Data Processing -- Register", false);

        t.add("AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register)", "f oo 01010 tt N mmmmm iiiiii nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int amount = bits(w, 15, 10);
            if (!sf && amount >= 32) return null;
            int op = (bits(w, 30, 29) << 1) | bit(w, 21);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.a = bits(w, 23, 22);
            d.b = amount;
            if (amount == 0) {
                if (op == 2 && d.rn == rz(31)) return sf ? MOV64 : MOV32; // MOV (register)
                return sf ? LOGIC64[op] : LOGIC32[op];
            }
            return sf ? LOGIC64S[op] : LOGIC32S[op];
        });

        t.add("ADD/ADDS/SUB/SUBS (shifted register)", "f o s 01011 tt 0 mmmmm iiiiii nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int type = bits(w, 23, 22), amount = bits(w, 15, 10);
            if (type == 3 || (!sf && amount >= 32)) return null;
            int op = bits(w, 30, 29);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.a = type;
            d.b = amount;
            if (amount == 0) return sf ? ADDSUB64[op] : ADDSUB32[op];
            return sf ? ADDSUB64S[op] : ADDSUB32S[op];
        });

        t.add("ADD/ADDS/SUB/SUBS (extended register)", "f o s 01011 00 1 mmmmm xxx iii nnnnn ddddd", (w, d, m) -> {
            int sf = bit(w, 31), op = bit(w, 30), s = bit(w, 29);
            int option = bits(w, 15, 13), amount = bits(w, 12, 10);
            if (amount > 4) return null;
            d.rd = s == 1 ? wz(bits(w, 4, 0)) : rsp(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            int signed = option >>> 2;
            d.a = 64 - (8 << (option & 3)); // left shift isolating the low 8/16/32/64 bits
            d.b = amount;
            return ADDSUBEXT[(sf << 3) | (op << 2) | (s << 1) | signed];
        });

        t.add("ADC/ADCS/SBC/SBCS", "f o s 11010000 mmmmm 000000 nnnnn ddddd", (w, d, m) -> {
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            return ADDSUBCARRY[bits(w, 31, 29)];
        });

        t.add("RMIF", "1 0 1 11010000 iiiiii 00001 nnnnn 0 kkkk", (w, d, m) -> {
            if (!m.flagm) return null;
            d.rn = rz(bits(w, 9, 5));
            d.a = bits(w, 20, 15);
            d.b = bits(w, 3, 0);
            return RMIF;
        });

        t.add("SETF8/SETF16", "0 0 1 11010000 000000 z 0010 nnnnn 0 1101", (w, d, m) -> {
            if (!m.flagm) return null;
            d.rn = rz(bits(w, 9, 5));
            d.a = bit(w, 14) == 1 ? 16 : 8;
            return SETF;
        });

        t.add("CCMN/CCMP (register)", "f o 1 11010010 mmmmm cccc 0 0 nnnnn 0 vvvv", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1, sub = bit(w, 30) == 1;
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.a = bits(w, 15, 12);
            d.b = bits(w, 3, 0);
            if (sf) return sub ? CCMP64R : CCMN64R;
            return sub ? CCMP32R : CCMN32R;
        });

        t.add("CCMN/CCMP (immediate)", "f o 1 11010010 iiiii cccc 1 0 nnnnn 0 vvvv", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1, sub = bit(w, 30) == 1;
            long imm = bits(w, 20, 16);
            d.rn = rz(bits(w, 9, 5));
            d.imm = sub ? ~imm : imm;
            d.e = sub ? 1 : 0;
            d.a = bits(w, 15, 12);
            d.b = bits(w, 3, 0);
            return sf ? CCMP64I : CCMP32I;
        });

        t.add("CSEL/CSINC/CSINV/CSNEG", "f o 0 11010100 mmmmm cccc 0 p nnnnn ddddd", (w, d, m) -> {
            int sf = bit(w, 31), op = bit(w, 30), o2 = bit(w, 10);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.a = bits(w, 15, 12);
            if (d.rn == rz(31) && d.rm == rz(31) && (op ^ o2) == 1) {
                // CSET (CSINC) / CSETM (CSINV): value when the condition fails
                d.imm = o2 == 1 ? 1 : (sf == 1 ? -1L : M32);
                return CSET;
            }
            return CONDSEL[(sf << 2) | (op << 1) | o2];
        });

        t.add("Data-processing (2 source)", "f 0 0 11010110 mmmmm oooooo nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int opcode = bits(w, 15, 10);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            switch (opcode) {
                case 0b000010: return sf ? UDIV64 : UDIV32;
                case 0b000011: return sf ? SDIV64 : SDIV32;
                case 0b001000: return sf ? LSLV64 : LSLV32;
                case 0b001001: return sf ? LSRV64 : LSRV32;
                case 0b001010: return sf ? ASRV64 : ASRV32;
                case 0b001011: return sf ? RORV64 : RORV32;
                default: break;
            }
            if ((opcode & 0b111000) == 0b010000) { // CRC32{,C}{B,H,W,X}
                if (!m.crc32) return null;
                int sz = opcode & 3;
                if (sf != (sz == 3)) return null;
                d.a = 1 << sz;
                return (opcode & 0b100) != 0 ? CRC32C : CRC32;
            }
            return null;
        });

        t.add("Data-processing (1 source)", "f 1 0 11010110 00000 oooooo nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int opcode = bits(w, 15, 10);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            switch (opcode) {
                case 0: return sf ? RBIT64 : RBIT32;
                case 1: return sf ? REV16_64 : REV16_32;
                case 2: return sf ? REV32_64 : REV32;
                case 3: return sf ? REV64 : null;
                case 4: return sf ? CLZ64 : CLZ32;
                case 5: return sf ? CLS64 : CLS32;
                default: return null;
            }
        });

        t.add("Data-processing (3 source)", "f 00 11011 ooo mmmmm p aaaaa nnnnn ddddd", (w, d, m) -> {
            boolean sf = bit(w, 31) == 1;
            int op31 = bits(w, 23, 21), o0 = bit(w, 15);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rz(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.ra = rz(bits(w, 14, 10));
            if (op31 == 0) {
                if (o0 == 0 && d.ra == rz(31)) return sf ? MUL64 : MUL32;
                if (sf) return o0 == 0 ? MADD64 : MSUB64;
                return o0 == 0 ? MADD32 : MSUB32;
            }
            if (!sf) return null;
            switch (op31) {
                case 0b001: return o0 == 0 ? SMADDL : SMSUBL;
                case 0b101: return o0 == 0 ? UMADDL : UMSUBL;
                case 0b010: return o0 == 0 ? SMULH : null;
                case 0b110: return o0 == 0 ? UMULH : null;
                default: return null;
            }
        });
    }
}
