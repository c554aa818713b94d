package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.ones;
import static org.armach.core.cpu.a64.Bits.rsp;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.87 "Atomic memory operations" and "Compare and swap" (FEAT_LSE, only when
 * {@code model.lse}): LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN with their
 * acquire/release variants and ST* aliases (Rt = XZR), SWP, CAS and CASP, in all sizes.
 * The old memory value is returned zero-extended. Natural alignment is required (the pair
 * size for CASP); the alignment fault reports a write, as QEMU does for atomics.
 * Memory ordering qualifiers have no effect on a single PE.
 *
 * <p>Insn fields: {@code rn} = base, {@code a} = size in bytes, {@code c} = 64 - 8 * size
 * (sign-extension shift); LD&lt;op&gt;/SWP: {@code rm} = Rs (operand), {@code rd} = Rt
 * (destination); CAS: {@code rm} = Rs read, {@code ra} = Rs written, {@code rd} = Rt,
 * {@code imm} = size mask; CASP: {@code rm} = Rs (even, read and written), {@code ra} = Rs+1
 * read, {@code b} = Rs+1 written, {@code rd} = Rt, {@code rt2} = Rt+1.
 */
public final class Atomics {
    private Atomics() {}

    private static long addr(Cpu c, Insn i, int size) {
        long a = c.r[i.rn];
        if ((a & (size - 1)) != 0) throw c.alignmentFault(a, false); // QEMU reports WnR=0
        return a;
    }

    private static final Op LDADD = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        c.write(a, size, old + c.r[i.rm]);
        c.r[i.rd] = old;
    };
    private static final Op LDCLR = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        c.write(a, size, old & ~c.r[i.rm]);
        c.r[i.rd] = old;
    };
    private static final Op LDEOR = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        c.write(a, size, old ^ c.r[i.rm]);
        c.r[i.rd] = old;
    };
    private static final Op LDSET = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        c.write(a, size, old | c.r[i.rm]);
        c.r[i.rd] = old;
    };
    private static final Op LDSMAX = (c, i) -> {
        int size = i.a, sh = i.c;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        long x = (old << sh) >> sh, y = (c.r[i.rm] << sh) >> sh;
        c.write(a, size, Math.max(x, y));
        c.r[i.rd] = old;
    };
    private static final Op LDSMIN = (c, i) -> {
        int size = i.a, sh = i.c;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        long x = (old << sh) >> sh, y = (c.r[i.rm] << sh) >> sh;
        c.write(a, size, Math.min(x, y));
        c.r[i.rd] = old;
    };
    private static final Op LDUMAX = (c, i) -> {
        int size = i.a, sh = i.c;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        long y = (c.r[i.rm] << sh) >>> sh;
        c.write(a, size, Long.compareUnsigned(old, y) >= 0 ? old : y);
        c.r[i.rd] = old;
    };
    private static final Op LDUMIN = (c, i) -> {
        int size = i.a, sh = i.c;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        long y = (c.r[i.rm] << sh) >>> sh;
        c.write(a, size, Long.compareUnsigned(old, y) <= 0 ? old : y);
        c.r[i.rd] = old;
    };
    private static final Op SWP = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        long old = c.read(a, size);
        c.write(a, size, c.r[i.rm]);
        c.r[i.rd] = old;
    };
    private static final Op[] LD_OPS = {LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN};

    private static final Op CAS = (c, i) -> {
        int size = i.a;
        long a = addr(c, i, size);
        c.probeWrite(a, size); // permission faults report a write even if the compare fails, as in QEMU
        long old = c.read(a, size);
        if (old == (c.r[i.rm] & i.imm)) c.write(a, size, c.r[i.rd]);
        c.r[i.ra] = old;
    };
    private static final Op CASP32 = (c, i) -> {
        long a = addr(c, i, 8);
        c.probeWrite(a, 8);
        long old = c.read64(a);
        long expect = (c.r[i.rm] & 0xffffffffL) | (c.r[i.ra] << 32);
        if (old == expect) c.write64(a, (c.r[i.rd] & 0xffffffffL) | (c.r[i.rt2] << 32));
        c.r[i.rm] = old & 0xffffffffL;
        c.r[i.b] = old >>> 32;
    };
    private static final Op CASP64 = (c, i) -> {
        long a = addr(c, i, 16);
        c.probeWrite(a, 16);
        long lo = c.read64(a), hi = c.read64(a + 8);
        if (lo == c.r[i.rm] && hi == c.r[i.ra]) {
            // 16-byte aligned: one page, so the second write cannot fault after the first
            c.write64(a, c.r[i.rd]);
            c.write64(a + 8, c.r[i.rt2]);
        }
        c.r[i.rm] = lo;
        c.r[i.b] = hi;
    };

    public static void register(DecodeTable t) {
        t.section("C4.1.87 Atomic memory operations", false);
        t.add("LD<op>/ST<op>", "ss 111 0 00 A R 1 sssss 0 ooo 00 nnnnn ttttt", (w, d, m) -> {
            if (!m.lse) return null;
            int size = 1 << bits(w, 31, 30);
            d.a = size;
            d.c = 64 - 8 * size;
            d.rm = rz(bits(w, 20, 16));
            d.rd = wz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return LD_OPS[bits(w, 14, 12)];
        });
        t.add("SWP", "ss 111 0 00 A R 1 sssss 1 000 00 nnnnn ttttt", (w, d, m) -> {
            if (!m.lse) return null;
            int size = 1 << bits(w, 31, 30);
            d.a = size;
            d.c = 64 - 8 * size;
            d.rm = rz(bits(w, 20, 16));
            d.rd = wz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return SWP;
        });
        t.section("C4.1.87 Compare and swap", false);
        t.add("CAS", "ss 001000 1 L 1 sssss o 11111 nnnnn ttttt", (w, d, m) -> {
            if (!m.lse) return null;
            int size = 1 << bits(w, 31, 30);
            int rs = bits(w, 20, 16);
            d.a = size;
            d.imm = ones(8 * size);
            d.rm = rz(rs);
            d.ra = wz(rs);
            d.rd = rz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return CAS;
        });
        t.add("CASP", "0z 001000 0 L 1 sssss o 11111 nnnnn ttttt", (w, d, m) -> {
            if (!m.lse) return null;
            int rs = bits(w, 20, 16), rt = bits(w, 4, 0);
            if ((rs & 1) != 0 || (rt & 1) != 0) return null; // odd pairs: UNDEFINED (as QEMU)
            d.rm = rs;
            d.ra = rz(rs + 1);
            d.b = wz(rs + 1);
            d.rd = rt;
            d.rt2 = rz(rt + 1);
            d.rn = rsp(bits(w, 9, 5));
            return bit(w, 30) == 1 ? CASP64 : CASP32;
        });
    }
}
