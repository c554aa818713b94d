package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rsp;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.66 "Loads and Stores", the AdvSIMD structure part: load/store multiple
 * structures (LD1-LD4/ST1-ST4, LD1/ST1 with 1-4 registers), single structure to/from one
 * lane (LD1-LD4/ST1-ST4) and load-and-replicate (LD1R-LD4R), each with no offset and with
 * post-index by the transfer size or by a register.
 *
 * <p>Operand fields: {@code rd} = Vt (register numbers wrap modulo 32), {@code rn} = base
 * (SP allowed), {@code a} = element size (log2 bytes), {@code b} = structure elements
 * (selem), {@code c} = register count (LD1/ST1 multiple), element count (LDn/STn multiple)
 * or lane index (single structure), {@code e} = Q. Write-back is branch-free: every op ends
 * with {@code Xn = address + imm + X[rm]}, where the no-offset form has imm 0 and rm = XZR,
 * the immediate post-index form has imm = transfer size and rm = XZR, and the register
 * post-index form has imm 0 and rm = Xm.
 */
public final class SimdLoadStore {
    private SimdLoadStore() {}

    // ---- memory helpers ----------------------------------------------------------------

    /**
     * Reads 8 bytes of vector data at va whose elements are 1 << size bytes: one 64-bit access
     * when that cannot change alignment behaviour, else one access per element.
     */
    private static long read64(Cpu c, long va, int size) {
        if (size == 3 || (va & 7) == 0 || c.translator().alignmentOk(c, va, 8)) return c.read64(va);
        int eb = 1 << size;
        long r = 0;
        for (int k = 0, sh = 0; k < 8; k += eb, sh += 8 * eb) r |= c.read(va + k, eb) << sh;
        return r;
    }

    private static void write64(Cpu c, long va, int size, long val) {
        if (size == 3 || (va & 7) == 0 || c.translator().alignmentOk(c, va, 8)) {
            c.write64(va, val);
            return;
        }
        int eb = 1 << size;
        for (int k = 0, sh = 0; k < 8; k += eb, sh += 8 * eb) c.write(va + k, eb, val >>> sh);
    }

    // ---- operations (each returns nothing; the ops add the write-back) ------------------

    /** LD1 multiple: consecutive bytes fill registers t, t+1, ... (lane order is memory order). */
    private static void ld1m(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a;
        boolean q = i.e != 0;
        for (int r = 0; r < i.c; r++) {
            int reg = (t + r) & 31;
            long lo = read64(c, a, sz);
            long hi = 0;
            if (q) {
                hi = read64(c, a + 8, sz);
                a += 16;
            } else {
                a += 8;
            }
            c.v[2 * reg] = lo;
            c.v[2 * reg + 1] = hi;
        }
    }

    private static void st1m(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a;
        boolean q = i.e != 0;
        for (int r = 0; r < i.c; r++) {
            int reg = (t + r) & 31;
            write64(c, a, sz, c.v[2 * reg]);
            if (q) {
                write64(c, a + 8, sz, c.v[2 * reg + 1]);
                a += 16;
            } else {
                a += 8;
            }
        }
    }

    /** LD2/LD3/LD4 multiple: de-interleaves elements into selem registers. */
    private static void ldnm(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a, selem = i.b, elems = i.c, eb = 1 << sz;
        for (int e = 0; e < elems; e++) {
            for (int s = 0; s < selem; s++) {
                Lanes.setLane(c, (t + s) & 31, sz, e, c.read(a, eb));
                a += eb;
            }
        }
        if (i.e == 0) for (int s = 0; s < selem; s++) c.v[2 * ((t + s) & 31) + 1] = 0;
    }

    private static void stnm(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a, selem = i.b, elems = i.c, eb = 1 << sz;
        for (int e = 0; e < elems; e++) {
            for (int s = 0; s < selem; s++) {
                c.write(a, eb, Lanes.lane(c, (t + s) & 31, sz, e));
                a += eb;
            }
        }
    }

    /** LD1-LD4 single structure: one lane of each register; other lanes are unchanged. */
    private static void ldlane(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a, eb = 1 << sz, idx = i.c;
        for (int s = 0; s < i.b; s++) {
            Lanes.setLane(c, (t + s) & 31, sz, idx, c.read(a, eb));
            a += eb;
        }
    }

    private static void stlane(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a, eb = 1 << sz, idx = i.c;
        for (int s = 0; s < i.b; s++) {
            c.write(a, eb, Lanes.lane(c, (t + s) & 31, sz, idx));
            a += eb;
        }
    }

    /** LD1R-LD4R: each element replicated to all lanes of its register. */
    private static void ldrep(Cpu c, Insn i, long a) {
        int t = i.rd, sz = i.a, eb = 1 << sz;
        boolean q = i.e != 0;
        for (int s = 0; s < i.b; s++) {
            long rep = Lanes.replicate(c.read(a, eb), sz);
            int reg = (t + s) & 31;
            c.v[2 * reg] = rep;
            c.v[2 * reg + 1] = q ? rep : 0;
            a += eb;
        }
    }

    private static final Op LD1M = (c, i) -> {
        long a = c.r[i.rn];
        ld1m(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op ST1M = (c, i) -> {
        long a = c.r[i.rn];
        st1m(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op LDNM = (c, i) -> {
        long a = c.r[i.rn];
        ldnm(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op STNM = (c, i) -> {
        long a = c.r[i.rn];
        stnm(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op LDLANE = (c, i) -> {
        long a = c.r[i.rn];
        ldlane(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op STLANE = (c, i) -> {
        long a = c.r[i.rn];
        stlane(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };
    private static final Op LDREP = (c, i) -> {
        long a = c.r[i.rn];
        ldrep(c, i, a);
        c.r[i.rn] = a + i.imm + c.r[i.rm];
    };

    // ---- decoders ------------------------------------------------------------------------

    /** Sets the write-back fields: post = whether the post-index form, bytes = transfer size. */
    private static void writeback(int w, Insn d, boolean post, long bytes) {
        int m = bits(w, 20, 16);
        if (post && m != 31) {
            d.imm = 0;
            d.rm = m;
        } else {
            d.imm = post ? bytes : 0;
            d.rm = Cpu.ZR;
        }
    }

    private static Op decodeMultiple(int w, Insn d, boolean post) {
        int q = bit(w, 30), load = bit(w, 22), opcode = bits(w, 15, 12), size = bits(w, 11, 10);
        int regs, selem;
        switch (opcode) {
            case 0b0000: regs = 4; selem = 4; break;
            case 0b0010: regs = 4; selem = 1; break;
            case 0b0100: regs = 3; selem = 3; break;
            case 0b0110: regs = 3; selem = 1; break;
            case 0b0111: regs = 1; selem = 1; break;
            case 0b1000: regs = 2; selem = 2; break;
            case 0b1010: regs = 2; selem = 1; break;
            default: return null;
        }
        if (size == 3 && q == 0 && selem != 1) return null;
        d.rd = bits(w, 4, 0);
        d.rn = rsp(bits(w, 9, 5));
        d.a = size;
        d.b = selem;
        d.e = q;
        writeback(w, d, post, (long) regs * (q == 1 ? 16 : 8));
        if (selem == 1) {
            d.c = regs;
            return load == 1 ? LD1M : ST1M;
        }
        d.c = (q == 1 ? 16 : 8) >> size;
        return load == 1 ? LDNM : STNM;
    }

    private static Op decodeSingle(int w, Insn d, boolean post) {
        int q = bit(w, 30), load = bit(w, 22), r = bit(w, 21), opcode = bits(w, 15, 13);
        int s = bit(w, 12), size = bits(w, 11, 10);
        int scale = opcode >>> 1, selem = ((opcode & 1) << 1 | r) + 1, index = 0;
        boolean replicate = false;
        switch (scale) {
            case 3:
                if (load == 0 || s == 1) return null;
                scale = size;
                replicate = true;
                break;
            case 0:
                index = (q << 3) | (s << 2) | size;
                break;
            case 1:
                if ((size & 1) != 0) return null;
                index = (q << 2) | (s << 1) | (size >>> 1);
                break;
            default: // 2
                if ((size & 2) != 0) return null;
                if (size == 0) {
                    index = (q << 1) | s;
                } else {
                    if (s == 1) return null;
                    index = q;
                    scale = 3;
                }
                break;
        }
        d.rd = bits(w, 4, 0);
        d.rn = rsp(bits(w, 9, 5));
        d.a = scale;
        d.b = selem;
        d.c = index;
        d.e = q;
        writeback(w, d, post, (long) selem << scale);
        if (replicate) return LDREP;
        return load == 1 ? LDLANE : STLANE;
    }

    public static void register(DecodeTable t) {
        t.section("C4.1.66 AdvSIMD load/store multiple structures", true);
        t.add("LDn/STn (multiple structures)", "0 q 0011000 l 000000 oooo ss nnnnn ttttt",
                (w, d, m) -> decodeMultiple(w, d, false));
        t.add("LDn/STn (multiple structures, post-index)", "0 q 0011001 l 0 mmmmm oooo ss nnnnn ttttt",
                (w, d, m) -> decodeMultiple(w, d, true));
        t.section("C4.1.66 AdvSIMD load/store single structure", true);
        t.add("LDn/STn (single structure)", "0 q 0011010 l r 00000 ooo s ss nnnnn ttttt",
                (w, d, m) -> decodeSingle(w, d, false));
        t.add("LDn/STn (single structure, post-index)", "0 q 0011011 l r mmmmm ooo s ss nnnnn ttttt",
                (w, d, m) -> decodeSingle(w, d, true));
    }
}
