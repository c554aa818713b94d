package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rsp;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.sext;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Esr;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Decoder;

/**
 * ARM ARM C4.1.87 "Loads and Stores", single registers and pairs of general-purpose and
 * scalar FP/SIMD registers: load register (literal), load/store register with unscaled
 * immediate, immediate post-/pre-index, unprivileged, register offset and unsigned
 * immediate, and load/store pair (no-allocate offset, post-index, offset, pre-index).
 * Exclusives and ordered accesses are in {@link LoadStoreExclusive}, LSE atomics in
 * {@link Atomics}, AdvSIMD structure loads in {@link SimdLoadStore}.
 *
 * <p>Insn fields: {@code rd} = Rt (load: {@link Bits#wz}, store: {@link Bits#rz}; the plain
 * register number for FP/SIMD), {@code rt2} = Rt2, {@code rn} = base ({@link Bits#rsp}),
 * {@code rm} = index register, {@code a} = access kind (K_*), {@code b} = index extension
 * (0 = 64-bit, 1 = UXTW, 2 = SXTW), {@code c} = index shift, {@code imm} = offset added
 * before the access, {@code imm2} = offset of the base written back (pre: imm, post: imm2).
 *
 * <p>Behaviour in the CONSTRAINED UNPREDICTABLE cases follows QEMU: a load with writeback
 * and Rn == Rt leaves the written-back address in Rn; a store with writeback and Rn == Rt
 * stores the original value; LDP (general registers) with Rt == Rt2 leaves the value of the
 * first element, LDP of FP/SIMD registers the second.
 */
public final class LoadStore {
    private LoadStore() {}

    // ---- access kinds of single-register accesses ---------------------------------------
    static final int K_STRB = 0, K_STRH = 1, K_STRW = 2, K_STRX = 3;
    static final int K_LDRB = 4, K_LDRH = 5, K_LDRW = 6, K_LDRX = 7;
    static final int K_LDRSB_X = 8, K_LDRSH_X = 9, K_LDRSW = 10, K_LDRSB_W = 11, K_LDRSH_W = 12;
    static final int K_PRFM = 13;
    static final int K_STR_B = 14, K_STR_H = 15, K_STR_S = 16, K_STR_D = 17, K_STR_Q = 18;
    static final int K_LDR_B = 19, K_LDR_H = 20, K_LDR_S = 21, K_LDR_D = 22, K_LDR_Q = 23;

    // ---- access kinds of pairs ----------------------------------------------------------
    static final int P_STW = 0, P_STX = 1, P_LDW = 2, P_LDX = 3, P_LDSW = 4;
    static final int P_STS = 5, P_STD = 6, P_STQ = 7, P_LDS = 8, P_LDD = 9, P_LDQ = 10;

    private static final Op NOP = (c, i) -> {};

    // =====================================================================================
    // Run-time helpers
    // =====================================================================================

    /** Index register after extension: 0 = 64-bit (LSL/SXTX), 1 = UXTW, 2 = SXTW. */
    private static long index(Cpu c, Insn i) {
        long m = c.r[i.rm];
        if (i.b == 1) m &= 0xffffffffL;
        else if (i.b == 2) m = (int) m;
        return m << i.c;
    }

    /**
     * Before a multi-part store of {@code len} bytes at {@code a}, checks that the parts after
     * the first can be written when the range crosses a page, so that a fault on a later
     * part leaves memory untouched. The first part faults by itself before anything is written.
     */
    static void probeStore(Cpu c, long a, int len, int part) {
        if (((a ^ (a + len - 1)) >>> 12) == 0) return;
        for (long p = a; p < a + len; p += part) {
            probeOne(c, p);
            probeOne(c, p + part - 1);
        }
    }

    private static void probeOne(Cpu c, long va) {
        long pa = c.probeWrite(va, 1);
        if (!c.ram.contains(pa) && c.bus.findRegion(pa) == null) throw c.dataAbort(va, Esr.FSC_SYNC_EXTERNAL, true);
    }

    /** 16-byte accesses are made of two 8-byte ones; with alignment checking on they need 16-byte alignment. */
    static void checkQAlign(Cpu c, long a, boolean write) {
        if ((a & 15) != 0 && (a & 7) == 0 && !c.translator().alignmentOk(c, a, 16)) throw c.alignmentFault(a, write);
    }

    static void setVZero(Cpu c, int n, long lo) {
        c.v[2 * n] = lo;
        c.v[2 * n + 1] = 0;
    }

    /** Performs the single-register access {@code i.a} at {@code a}. */
    static void access(Cpu c, Insn i, long a) {
        int t = i.rd;
        switch (i.a) {
            case K_STRB: c.write8(a, (int) c.r[t]); break;
            case K_STRH: c.write16(a, (int) c.r[t]); break;
            case K_STRW: c.write32(a, c.r[t]); break;
            case K_STRX: c.write64(a, c.r[t]); break;
            case K_LDRB: c.r[t] = c.read8(a); break;
            case K_LDRH: c.r[t] = c.read16(a); break;
            case K_LDRW: c.r[t] = c.read32(a); break;
            case K_LDRX: c.r[t] = c.read64(a); break;
            case K_LDRSB_X: c.r[t] = (byte) c.read8(a); break;
            case K_LDRSH_X: c.r[t] = (short) c.read16(a); break;
            case K_LDRSW: c.r[t] = (int) c.read32(a); break;
            case K_LDRSB_W: c.r[t] = ((byte) c.read8(a)) & 0xffffffffL; break;
            case K_LDRSH_W: c.r[t] = ((short) c.read16(a)) & 0xffffffffL; break;
            case K_PRFM: break;
            case K_STR_B: c.write8(a, (int) c.v[2 * t]); break;
            case K_STR_H: c.write16(a, (int) c.v[2 * t]); break;
            case K_STR_S: c.write32(a, c.v[2 * t]); break;
            case K_STR_D: c.write64(a, c.v[2 * t]); break;
            case K_STR_Q: storeQ(c, t, a); break;
            case K_LDR_B: setVZero(c, t, c.read8(a)); break;
            case K_LDR_H: setVZero(c, t, c.read16(a)); break;
            case K_LDR_S: setVZero(c, t, c.read32(a)); break;
            case K_LDR_D: setVZero(c, t, c.read64(a)); break;
            case K_LDR_Q: loadQ(c, t, a); break;
            default: throw c.undefined();
        }
    }

    /** Unprivileged access (LDTR/STTR family): general registers only. */
    private static void accessUnpriv(Cpu c, Insn i, long a) {
        int t = i.rd;
        switch (i.a) {
            case K_STRB: c.writeUnpriv(a, 1, c.r[t]); break;
            case K_STRH: c.writeUnpriv(a, 2, c.r[t]); break;
            case K_STRW: c.writeUnpriv(a, 4, c.r[t]); break;
            case K_STRX: c.writeUnpriv(a, 8, c.r[t]); break;
            case K_LDRB: c.r[t] = c.readUnpriv(a, 1); break;
            case K_LDRH: c.r[t] = c.readUnpriv(a, 2); break;
            case K_LDRW: c.r[t] = c.readUnpriv(a, 4); break;
            case K_LDRX: c.r[t] = c.readUnpriv(a, 8); break;
            case K_LDRSB_X: c.r[t] = (byte) c.readUnpriv(a, 1); break;
            case K_LDRSH_X: c.r[t] = (short) c.readUnpriv(a, 2); break;
            case K_LDRSW: c.r[t] = (int) c.readUnpriv(a, 4); break;
            case K_LDRSB_W: c.r[t] = ((byte) c.readUnpriv(a, 1)) & 0xffffffffL; break;
            case K_LDRSH_W: c.r[t] = ((short) c.readUnpriv(a, 2)) & 0xffffffffL; break;
            default: throw c.undefined();
        }
    }

    static void loadQ(Cpu c, int n, long a) {
        checkQAlign(c, a, false);
        long lo = c.read64(a);
        long hi = c.read64(a + 8);
        c.v[2 * n] = lo;
        c.v[2 * n + 1] = hi;
    }

    static void storeQ(Cpu c, int n, long a) {
        checkQAlign(c, a, true);
        probeStore(c, a, 16, 8);
        c.write64(a, c.v[2 * n]);
        c.write64(a + 8, c.v[2 * n + 1]);
    }

    // =====================================================================================
    // Ops: base + immediate offset (unsigned scaled and unscaled), specialised per kind
    // =====================================================================================

    private static final Op STRB = (c, i) -> c.write8(c.r[i.rn] + i.imm, (int) c.r[i.rd]);
    private static final Op STRH = (c, i) -> c.write16(c.r[i.rn] + i.imm, (int) c.r[i.rd]);
    private static final Op STRW = (c, i) -> c.write32(c.r[i.rn] + i.imm, c.r[i.rd]);
    private static final Op STRX = (c, i) -> c.write64(c.r[i.rn] + i.imm, c.r[i.rd]);
    private static final Op LDRB = (c, i) -> c.r[i.rd] = c.read8(c.r[i.rn] + i.imm);
    private static final Op LDRH = (c, i) -> c.r[i.rd] = c.read16(c.r[i.rn] + i.imm);
    private static final Op LDRW = (c, i) -> c.r[i.rd] = c.read32(c.r[i.rn] + i.imm);
    private static final Op LDRX = (c, i) -> c.r[i.rd] = c.read64(c.r[i.rn] + i.imm);
    private static final Op LDRSBX = (c, i) -> c.r[i.rd] = (byte) c.read8(c.r[i.rn] + i.imm);
    private static final Op LDRSHX = (c, i) -> c.r[i.rd] = (short) c.read16(c.r[i.rn] + i.imm);
    private static final Op LDRSW = (c, i) -> c.r[i.rd] = (int) c.read32(c.r[i.rn] + i.imm);
    private static final Op LDRSBW = (c, i) -> c.r[i.rd] = ((byte) c.read8(c.r[i.rn] + i.imm)) & 0xffffffffL;
    private static final Op LDRSHW = (c, i) -> c.r[i.rd] = ((short) c.read16(c.r[i.rn] + i.imm)) & 0xffffffffL;
    private static final Op STR_B = (c, i) -> c.write8(c.r[i.rn] + i.imm, (int) c.v[2 * i.rd]);
    private static final Op STR_H = (c, i) -> c.write16(c.r[i.rn] + i.imm, (int) c.v[2 * i.rd]);
    private static final Op STR_S = (c, i) -> c.write32(c.r[i.rn] + i.imm, c.v[2 * i.rd]);
    private static final Op STR_D = (c, i) -> c.write64(c.r[i.rn] + i.imm, c.v[2 * i.rd]);
    private static final Op STR_Q = (c, i) -> storeQ(c, i.rd, c.r[i.rn] + i.imm);
    private static final Op LDR_B = (c, i) -> setVZero(c, i.rd, c.read8(c.r[i.rn] + i.imm));
    private static final Op LDR_H = (c, i) -> setVZero(c, i.rd, c.read16(c.r[i.rn] + i.imm));
    private static final Op LDR_S = (c, i) -> setVZero(c, i.rd, c.read32(c.r[i.rn] + i.imm));
    private static final Op LDR_D = (c, i) -> setVZero(c, i.rd, c.read64(c.r[i.rn] + i.imm));
    private static final Op LDR_Q = (c, i) -> loadQ(c, i.rd, c.r[i.rn] + i.imm);

    /** Immediate-offset op by kind. */
    private static final Op[] OFFSET_OPS = {
        STRB, STRH, STRW, STRX, LDRB, LDRH, LDRW, LDRX, LDRSBX, LDRSHX, LDRSW, LDRSBW, LDRSHW, NOP,
        STR_B, STR_H, STR_S, STR_D, STR_Q, LDR_B, LDR_H, LDR_S, LDR_D, LDR_Q,
    };

    /** Pre-/post-index: access at base + imm, then base = base + imm2. */
    private static final Op WRITEBACK = (c, i) -> {
        long base = c.r[i.rn];
        access(c, i, base + i.imm);
        c.r[i.rn] = base + i.imm2;
    };
    private static final Op REGISTER = (c, i) -> access(c, i, c.r[i.rn] + index(c, i));
    private static final Op UNPRIV = (c, i) -> accessUnpriv(c, i, c.r[i.rn] + i.imm);
    /** Literal: the address is PC-relative. */
    private static final Op LITERAL = (c, i) -> access(c, i, c.pc + i.imm);

    // =====================================================================================
    // Ops: pairs
    // =====================================================================================

    private static final Op LDPX = (c, i) -> {
        long a = c.r[i.rn] + i.imm;
        long v1 = c.read64(a), v2 = c.read64(a + 8);
        c.r[i.rt2] = v2;
        c.r[i.rd] = v1;
    };
    private static final Op LDPX_WB = (c, i) -> {
        long base = c.r[i.rn];
        long a = base + i.imm;
        long v1 = c.read64(a), v2 = c.read64(a + 8);
        c.r[i.rt2] = v2;
        c.r[i.rd] = v1;
        c.r[i.rn] = base + i.imm2;
    };
    private static final Op STPX = (c, i) -> {
        long a = c.r[i.rn] + i.imm;
        if (((a ^ (a + 15)) >>> 12) != 0) probeStore(c, a, 16, 8);
        c.write64(a, c.r[i.rd]);
        c.write64(a + 8, c.r[i.rt2]);
    };
    private static final Op STPX_WB = (c, i) -> {
        long base = c.r[i.rn];
        long a = base + i.imm;
        if (((a ^ (a + 15)) >>> 12) != 0) probeStore(c, a, 16, 8);
        c.write64(a, c.r[i.rd]);
        c.write64(a + 8, c.r[i.rt2]);
        c.r[i.rn] = base + i.imm2;
    };
    private static final Op PAIR = (c, i) -> accessPair(c, i, c.r[i.rn] + i.imm);
    private static final Op PAIR_WB = (c, i) -> {
        long base = c.r[i.rn];
        accessPair(c, i, base + i.imm);
        c.r[i.rn] = base + i.imm2;
    };

    /** Pair access {@code i.a} at {@code a}: all memory accesses happen before any register changes. */
    private static void accessPair(Cpu c, Insn i, long a) {
        int t = i.rd, t2 = i.rt2;
        switch (i.a) {
            case P_STW:
                probeStore(c, a, 8, 4);
                c.write32(a, c.r[t]);
                c.write32(a + 4, c.r[t2]);
                break;
            case P_STX:
                probeStore(c, a, 16, 8);
                c.write64(a, c.r[t]);
                c.write64(a + 8, c.r[t2]);
                break;
            case P_LDW: {
                long v1 = c.read32(a), v2 = c.read32(a + 4);
                c.r[t2] = v2;
                c.r[t] = v1;
                break;
            }
            case P_LDX: {
                long v1 = c.read64(a), v2 = c.read64(a + 8);
                c.r[t2] = v2;
                c.r[t] = v1;
                break;
            }
            case P_LDSW: {
                long v1 = (int) c.read32(a), v2 = (int) c.read32(a + 4);
                c.r[t2] = v2;
                c.r[t] = v1;
                break;
            }
            case P_STS:
                probeStore(c, a, 8, 4);
                c.write32(a, c.v[2 * t]);
                c.write32(a + 4, c.v[2 * t2]);
                break;
            case P_STD:
                probeStore(c, a, 16, 8);
                c.write64(a, c.v[2 * t]);
                c.write64(a + 8, c.v[2 * t2]);
                break;
            case P_STQ:
                checkQAlign(c, a, true);
                probeStore(c, a, 32, 8);
                c.write64(a, c.v[2 * t]);
                c.write64(a + 8, c.v[2 * t + 1]);
                c.write64(a + 16, c.v[2 * t2]);
                c.write64(a + 24, c.v[2 * t2 + 1]);
                break;
            case P_LDS: {
                long v1 = c.read32(a), v2 = c.read32(a + 4);
                setVZero(c, t, v1);
                setVZero(c, t2, v2);
                break;
            }
            case P_LDD: {
                long v1 = c.read64(a), v2 = c.read64(a + 8);
                setVZero(c, t, v1);
                setVZero(c, t2, v2);
                break;
            }
            case P_LDQ: {
                checkQAlign(c, a, false);
                long l1 = c.read64(a), h1 = c.read64(a + 8), l2 = c.read64(a + 16), h2 = c.read64(a + 24);
                c.setV(t, l1, h1);
                c.setV(t2, l2, h2);
                break;
            }
            default: throw c.undefined();
        }
    }

    // =====================================================================================
    // Decoding
    // =====================================================================================

    /** Kind of a general-register access from size:opc, or -1 if unallocated. */
    private static int gprKind(int size, int opc, boolean prfmAllowed) {
        switch (opc) {
            case 0: return size; // STRB/STRH/STR W/STR X
            case 1: return K_LDRB + size;
            case 2:
                if (size == 3) return prfmAllowed ? K_PRFM : -1;
                return K_LDRSB_X + size; // LDRSB/LDRSH/LDRSW to X
            default:
                if (size >= 2) return -1;
                return K_LDRSB_W + size;
        }
    }

    /** Kind of an FP/SIMD access from size:opc, or -1 if unallocated. */
    private static int fpKind(int size, int opc) {
        if (opc >= 2) {
            if (size != 0) return -1;
            return opc == 2 ? K_STR_Q : K_LDR_Q;
        }
        return (opc == 0 ? K_STR_B : K_LDR_B) + size;
    }

    /** Access size log2 of a kind. */
    private static int scale(int kind) {
        if (kind <= K_STRX) return kind;
        if (kind <= K_LDRX) return kind - K_LDRB;
        switch (kind) {
            case K_LDRSB_X: case K_LDRSB_W: return 0;
            case K_LDRSH_X: case K_LDRSH_W: return 1;
            case K_LDRSW: return 2;
            case K_PRFM: return 3;
            case K_STR_Q: case K_LDR_Q: return 4;
            default: return kind >= K_LDR_B ? kind - K_LDR_B : kind - K_STR_B;
        }
    }

    private static boolean isLoad(int kind) {
        return (kind >= K_LDRB && kind <= K_LDRSH_W) || kind >= K_LDR_B;
    }

    private static boolean isFp(int kind) {
        return kind >= K_STR_B;
    }

    /** Fills Rt for the kind: FP register number, or the GPR index for a load/store. */
    private static void setRt(Insn d, int kind, int rt) {
        if (isFp(kind)) d.rd = rt;
        else d.rd = isLoad(kind) ? wz(rt) : rz(rt);
    }

    private static int kind(int w, boolean fp, boolean prfmAllowed) {
        int size = bits(w, 31, 30), opc = bits(w, 23, 22);
        return fp ? fpKind(size, opc) : gprKind(size, opc, prfmAllowed);
    }

    private static void registerSingle(DecodeTable t, boolean fp) {
        String v = fp ? "1" : "0";
        String sfx = fp ? " (FP/SIMD)" : "";

        t.add("LDR (literal)" + sfx, "oo 011 " + v + " 00 iiiiiiiiiiiiiiiiiii ttttt", (w, d, m) -> {
            int opc = bits(w, 31, 30);
            int kind;
            if (fp) {
                if (opc == 3) return null;
                kind = opc == 2 ? K_LDR_Q : K_LDR_S + opc;
            } else {
                kind = opc == 0 ? K_LDRW : opc == 1 ? K_LDRX : opc == 2 ? K_LDRSW : K_PRFM;
            }
            if (kind == K_PRFM) return NOP;
            d.a = kind;
            setRt(d, kind, bits(w, 4, 0));
            d.imm = sext(bits(w, 23, 5), 19) << 2;
            return LITERAL;
        });

        t.add("LDR/STR (unsigned immediate)" + sfx, "ss 111 " + v + " 01 oo iiiiiiiiiiii nnnnn ttttt", (w, d, m) -> {
            int kind = kind(w, fp, true);
            if (kind < 0) return null;
            if (kind == K_PRFM) return NOP;
            d.a = kind;
            setRt(d, kind, bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            d.imm = (long) bits(w, 21, 10) << scale(kind);
            return OFFSET_OPS[kind];
        });

        t.add("LDUR/STUR (unscaled immediate)" + sfx, "ss 111 " + v + " 00 oo 0 iiiiiiiii 00 nnnnn ttttt", (w, d, m) -> {
            int kind = kind(w, fp, true);
            if (kind < 0) return null;
            if (kind == K_PRFM) return NOP; // PRFUM
            d.a = kind;
            setRt(d, kind, bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            d.imm = sext(bits(w, 20, 12), 9);
            return OFFSET_OPS[kind];
        });

        Decoder wb = (w, d, m) -> {
            int kind = kind(w, fp, false);
            if (kind < 0) return null;
            d.a = kind;
            setRt(d, kind, bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            long off = sext(bits(w, 20, 12), 9);
            boolean pre = bit(w, 11) == 1;
            d.imm = pre ? off : 0;
            d.imm2 = off;
            return WRITEBACK;
        };
        t.add("LDR/STR (immediate post-index)" + sfx, "ss 111 " + v + " 00 oo 0 iiiiiiiii 01 nnnnn ttttt", wb);
        t.add("LDR/STR (immediate pre-index)" + sfx, "ss 111 " + v + " 00 oo 0 iiiiiiiii 11 nnnnn ttttt", wb);

        t.add("LDR/STR (register offset)" + sfx, "ss 111 " + v + " 00 oo 1 mmmmm xxx S 10 nnnnn ttttt", (w, d, m) -> {
            int kind = kind(w, fp, true);
            if (kind < 0) return null;
            int option = bits(w, 15, 13);
            if ((option & 2) == 0) return null; // UXTB/UXTH/SXTB/SXTH: reserved
            if (kind == K_PRFM) return NOP;
            d.a = kind;
            setRt(d, kind, bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            d.rm = rz(bits(w, 20, 16));
            d.b = (option & 1) == 1 ? 0 : option == 2 ? 1 : 2;
            d.c = bit(w, 12) == 1 ? scale(kind) : 0;
            return REGISTER;
        });

        if (!fp) {
            t.add("LDTR/STTR (unprivileged)", "ss 111 0 00 oo 0 iiiiiiiii 10 nnnnn ttttt", (w, d, m) -> {
                int kind = kind(w, false, false);
                if (kind < 0) return null;
                d.a = kind;
                setRt(d, kind, bits(w, 4, 0));
                d.rn = rsp(bits(w, 9, 5));
                d.imm = sext(bits(w, 20, 12), 9);
                return UNPRIV;
            });
        }
    }

    /** Load/store pair: mode 0 = no-allocate offset, 1 = post-index, 2 = offset, 3 = pre-index. */
    private static Op decodePair(int w, Insn d, boolean fp) {
        int opc = bits(w, 31, 30), mode = bits(w, 24, 23);
        boolean load = bit(w, 22) == 1;
        int kind, scale;
        if (fp) {
            if (opc == 3) return null;
            scale = 2 + opc;
            kind = (load ? P_LDS : P_STS) + opc;
        } else {
            switch (opc) {
                case 0: kind = load ? P_LDW : P_STW; scale = 2; break;
                case 1:
                    if (!load || mode == 0) return null; // STGP (MTE) / unallocated
                    kind = P_LDSW;
                    scale = 2;
                    break;
                case 2: kind = load ? P_LDX : P_STX; scale = 3; break;
                default: return null;
            }
        }
        int rt = bits(w, 4, 0), rt2 = bits(w, 14, 10);
        if (fp) {
            d.rd = rt;
            d.rt2 = rt2;
        } else if (load) {
            d.rd = wz(rt);
            d.rt2 = wz(rt2);
        } else {
            d.rd = rz(rt);
            d.rt2 = rz(rt2);
        }
        d.rn = rsp(bits(w, 9, 5));
        d.a = kind;
        long off = sext(bits(w, 21, 15), 7) << scale;
        boolean wback = mode == 1 || mode == 3;
        d.imm = mode == 1 ? 0 : off;
        d.imm2 = off;
        if (kind == P_LDX) return wback ? LDPX_WB : LDPX;
        if (kind == P_STX) return wback ? STPX_WB : STPX;
        return wback ? PAIR_WB : PAIR;
    }

    private static void registerPairs(DecodeTable t, boolean fp) {
        String v = fp ? "1" : "0";
        String sfx = fp ? " (FP/SIMD)" : "";
        t.add("STNP/LDNP" + sfx, "oo 101 " + v + " 000 L iiiiiii uuuuu nnnnn ttttt", (w, d, m) -> decodePair(w, d, fp));
        t.add("STP/LDP (post-index)" + sfx, "oo 101 " + v + " 001 L iiiiiii uuuuu nnnnn ttttt", (w, d, m) -> decodePair(w, d, fp));
        t.add("STP/LDP (signed offset)" + sfx, "oo 101 " + v + " 010 L iiiiiii uuuuu nnnnn ttttt", (w, d, m) -> decodePair(w, d, fp));
        t.add("STP/LDP (pre-index)" + sfx, "oo 101 " + v + " 011 L iiiiiii uuuuu nnnnn ttttt", (w, d, m) -> decodePair(w, d, fp));
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.87 Loads and Stores", false);
        registerSingle(t, false);
        registerPairs(t, false);
        t.section("C4.1.87 Loads and Stores (FP/SIMD registers)", true);
        registerSingle(t, true);
        registerPairs(t, true);
    }
}
