package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rsp;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.87 "Load/store exclusive" and "Load/store ordered": LDXR/LDAXR, STXR/STLXR,
 * LDXP/LDAXP, STXP/STLXP, LDAR/STLR, LDLAR/STLLR (FEAT_LOR, treated as LDAR/STLR, with
 * {@code model.lse}), and LDAPR (FEAT_LRCPC, in the atomic memory operations space).
 *
 * <p>The local exclusive monitor is {@link Cpu#exclusiveAddr}/{@link Cpu#exclusiveSize}:
 * a load-exclusive arms it; a store-exclusive succeeds only if its address and size match,
 * and always clears it. With one PE and no other bus masters writing RAM behind its back,
 * a global monitor is unnecessary. All these accesses need natural alignment (of the whole
 * pair for the pair forms) and raise an alignment fault otherwise.
 *
 * <p>Insn fields: {@code rd} = Rt, {@code rt2} = Rt2, {@code ra} = Ws (status),
 * {@code rn} = base, {@code a} = access size in bytes.
 */
public final class LoadStoreExclusive {
    private LoadStoreExclusive() {}

    /** The base address of {@code i}, checked for {@code size}-byte alignment. */
    static long aligned(Cpu c, Insn i, int size, boolean write) {
        long a = c.r[i.rn];
        if ((a & (size - 1)) != 0) throw c.alignmentFault(a, write);
        return a;
    }

    /*
     * The local monitor holds the address and the value the load-exclusive read. A
     * store-exclusive passes when its address is the monitored one and memory still holds
     * that value: a store by this PE to the monitored location that changed it clears the
     * monitor, one that did not leaves it set (the architecture makes this IMPLEMENTATION
     * DEFINED; QEMU behaves the same way, so differential tests agree). The monitor is
     * checked before the address, so a store-exclusive to an address the monitor does not
     * hold fails without touching memory and raises no alignment fault (also an
     * IMPLEMENTATION DEFINED ordering the architecture allows).
     */
    private static final Op LDXR = (c, i) -> {
        int size = i.a;
        long a = aligned(c, i, size, false);
        long v = c.read(a, size);
        c.exclusiveAddr = a;
        c.exclusiveSize = size;
        c.exclusiveValue = v;
        c.r[i.rd] = v;
    };
    private static final Op STXR = (c, i) -> {
        int size = i.a;
        long a = c.r[i.rn];
        boolean ok = false;
        if (c.exclusiveAddr == a) {
            long expect = c.exclusiveValue;
            c.exclusiveAddr = -1;
            aligned(c, i, size, true);
            c.probeWrite(a, size);
            // as QEMU's compare-and-swap: the store happens when memory matches the monitored
            // value truncated to this access's size; success needs the untruncated match
            long old = c.read(a, size);
            if (old == (size == 8 ? expect : expect & ((1L << (8 * size)) - 1))) c.write(a, size, c.r[i.rd]);
            ok = old == expect;
        }
        c.exclusiveAddr = -1;
        c.r[i.ra] = ok ? 0 : 1;
    };
    private static final Op LDXP32 = (c, i) -> {
        long a = aligned(c, i, 8, false);
        long v = c.read64(a);
        c.exclusiveAddr = a;
        c.exclusiveSize = 8;
        c.exclusiveValue = v;
        c.r[i.rd] = v & 0xffffffffL;
        c.r[i.rt2] = v >>> 32;
    };
    private static final Op LDXP64 = (c, i) -> {
        long a = aligned(c, i, 16, false);
        long lo = c.read64(a), hi = c.read64(a + 8);
        c.exclusiveAddr = a;
        c.exclusiveSize = 16;
        c.exclusiveValue = lo;
        c.exclusiveHigh = hi;
        c.r[i.rd] = lo;
        c.r[i.rt2] = hi;
    };
    private static final Op STXP32 = (c, i) -> {
        long a = c.r[i.rn];
        boolean ok = false;
        if (c.exclusiveAddr == a) {
            long expect = c.exclusiveValue;
            c.exclusiveAddr = -1;
            aligned(c, i, 8, true);
            c.probeWrite(a, 8);
            if (c.read64(a) == expect) {
                c.write64(a, (c.r[i.rd] & 0xffffffffL) | (c.r[i.rt2] << 32));
                ok = true;
            }
        }
        c.exclusiveAddr = -1;
        c.r[i.ra] = ok ? 0 : 1;
    };
    private static final Op STXP64 = (c, i) -> {
        long a = c.r[i.rn];
        boolean ok = false;
        if (c.exclusiveAddr == a && c.exclusiveSize == 16) {
            long lo = c.exclusiveValue, hi = c.exclusiveHigh;
            c.exclusiveAddr = -1;
            aligned(c, i, 16, true);
            c.probeWrite(a, 16);
            // 16-byte aligned: both halves are in the same page
            if (c.read64(a) == lo && c.read64(a + 8) == hi) {
                c.write64(a, c.r[i.rd]);
                c.write64(a + 8, c.r[i.rt2]);
                ok = true;
            }
        }
        c.exclusiveAddr = -1;
        c.r[i.ra] = ok ? 0 : 1;
    };
    /** LDAR, LDLAR, LDAPR: one PE, so acquire ordering needs nothing beyond program order. */
    private static final Op LDAR = (c, i) -> {
        int size = i.a;
        c.r[i.rd] = c.read(aligned(c, i, size, false), size);
    };
    private static final Op STLR = (c, i) -> {
        int size = i.a;
        c.write(aligned(c, i, size, true), size, c.r[i.rd]);
    };

    public static void register(DecodeTable t) {
        t.section("C4.1.87 Load/store exclusive and ordered", false);
        t.add("STXR/STLXR", "ss 001000 0 0 0 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            d.a = 1 << bits(w, 31, 30);
            d.rd = rz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            d.ra = wz(bits(w, 20, 16));
            return STXR;
        });
        t.add("LDXR/LDAXR", "ss 001000 0 1 0 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            d.a = 1 << bits(w, 31, 30);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return LDXR;
        });
        t.add("STXP/STLXP", "1z 001000 0 0 1 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            d.rd = rz(bits(w, 4, 0));
            d.rt2 = rz(bits(w, 14, 10));
            d.rn = rsp(bits(w, 9, 5));
            d.ra = wz(bits(w, 20, 16));
            return bit(w, 30) == 1 ? STXP64 : STXP32;
        });
        t.add("LDXP/LDAXP", "1z 001000 0 1 1 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            d.rd = wz(bits(w, 4, 0));
            d.rt2 = wz(bits(w, 14, 10));
            d.rn = rsp(bits(w, 9, 5));
            return bit(w, 30) == 1 ? LDXP64 : LDXP32;
        });
        t.add("STLR/STLLR", "ss 001000 1 0 0 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            if (bit(w, 15) == 0 && !m.lse) return null; // STLLR: FEAT_LOR
            d.a = 1 << bits(w, 31, 30);
            d.rd = rz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return STLR;
        });
        t.add("LDAR/LDLAR", "ss 001000 1 1 0 sssss o uuuuu nnnnn ttttt", (w, d, m) -> {
            if (bit(w, 15) == 0 && !m.lse) return null; // LDLAR: FEAT_LOR
            d.a = 1 << bits(w, 31, 30);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return LDAR;
        });
        t.add("LDAPR", "ss 111 0 00 1 0 1 11111 1 100 00 nnnnn ttttt", (w, d, m) -> {
            if (!m.rcpc) return null;
            d.a = 1 << bits(w, 31, 30);
            d.rd = wz(bits(w, 4, 0));
            d.rn = rsp(bits(w, 9, 5));
            return LDAR;
        });
    }
}
