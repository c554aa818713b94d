package org.armach.core.dev.gic;

import org.armach.core.mem.MmioDevice;

/**
 * GICv2 distributor registers (GICD_*, ARM IHI 0048B §4.3), banked for INTIDs 0..31 by
 * {@link Gic#currentCpu}. Every register is byte-accessible, as on QEMU; 8-byte accesses
 * are rejected (external abort). With a single CPU the ITARGETSRs are RAZ/WI (uniprocessor
 * GIC). SGIs are permanently enabled and edge-triggered; PPIs' ICFGR bits are writable.
 */
public final class GicV2Distributor implements MmioDevice {
    public static final int CTLR = 0x000, TYPER = 0x004, IIDR = 0x008, IGROUPR = 0x080, ISENABLER = 0x100,
            ICENABLER = 0x180, ISPENDR = 0x200, ICPENDR = 0x280, ISACTIVER = 0x300, ICACTIVER = 0x380,
            IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xc00, NSACR = 0xe00, SGIR = 0xf00,
            CPENDSGIR = 0xf10, SPENDSGIR = 0xf20;
    /** GICD_IIDR: ARM implementer, as QEMU. */
    public static final int IIDR_VALUE = 0x43b;
    /** Peripheral and component ID registers from 0xFD0 (PIDR4..7, PIDR0..3, CIDR0..3); PIDR2 ArchRev = 2. */
    private static final int[] ID = {0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    private final Gic g;

    GicV2Distributor(Gic g) {
        this.g = g;
    }

    @Override
    public boolean accepts(long offset, int size, boolean write) {
        return size <= 4 && (offset & (size - 1)) == 0;
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        int c = g.cur();
        long v = 0;
        for (int k = 0; k < size; k++) v |= (long) readByte(c, off + k) << (8 * k);
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        int c = g.cur();
        if (off >= SGIR && off < SGIR + 4) {
            if (off == SGIR && size == 4) sgir(c, (int) value);
        } else {
            for (int k = 0; k < size; k++) writeByte(c, off + k, (int) (value >>> (8 * k)) & 0xff);
        }
        g.update();
    }

    /** Eight bits of a bitmap register starting at INTID {@code id}. */
    private int bits8(int[] map, int c, int id) {
        return map[g.wi(c, id >>> 5)] >>> (id & 31) & 0xff;
    }

    private void set8(int[] map, int c, int id, int v) {
        map[g.wi(c, id >>> 5)] |= v << (id & 31);
    }

    private void clear8(int[] map, int c, int id, int v) {
        map[g.wi(c, id >>> 5)] &= ~(v << (id & 31));
    }

    private int readByte(int c, int off) {
        if (off < 0x80) {
            int sh = 8 * (off & 3);
            switch (off & ~3) {
                case CTLR: return g.distCtlr >>> sh & 0xff;
                case TYPER: return ((g.numIrq / 32 - 1) | (g.ncpu - 1) << 5) >>> sh & 0xff;
                case IIDR: return IIDR_VALUE >>> sh & 0xff;
                default: return 0;
            }
        }
        if (off < 0x400) {
            int reg = off & ~0x7f;
            int id = (off & 0x7f) * 8;
            if (reg < IGROUPR || id >= g.numIrq) return 0;
            switch (reg) {
                case IGROUPR: return bits8(g.group, c, id);
                case ISENABLER: case ICENABLER: return bits8(g.enabled, c, id);
                case ISPENDR: case ICPENDR: return g.pendingWord(g.wi(c, id >>> 5)) >>> (id & 31) & 0xff;
                case ISACTIVER: case ICACTIVER: return bits8(g.active, c, id);
                default: return 0;
            }
        }
        if (off < ITARGETSR) {
            int id = off - IPRIORITYR;
            return id < g.numIrq ? g.priority[g.pi(c, id)] : 0;
        }
        if (off < ICFGR) {
            int id = off - ITARGETSR;
            if (g.ncpu == 1 || id >= g.numIrq) return 0; // uniprocessor: RAZ/WI
            return id < 32 ? 1 << c : g.spiTargets[id - 32];
        }
        if (off < 0xd00) {
            int id = (off - ICFGR) * 4;
            if (id >= g.numIrq) return 0;
            int e = bits8(g.edge, c, id) & 0xf, r = 0;
            for (int k = 0; k < 4; k++) if ((e >>> k & 1) != 0) r |= 2 << (2 * k);
            return r;
        }
        if (off >= CPENDSGIR && off < SPENDSGIR + 16) return g.sgiSources[c][off & 15];
        if (off >= 0xfd0 && (off & 3) == 0) return ID[(off - 0xfd0) >>> 2];
        return 0;
    }

    private void writeByte(int c, int off, int v) {
        if (off < 0x80) {
            if (off == CTLR) g.distCtlr = v & 3;
            return;
        }
        if (off < 0x400) {
            int reg = off & ~0x7f;
            int id = (off & 0x7f) * 8;
            if (reg < IGROUPR || id >= g.numIrq) return;
            int ro = id < 16 ? 0xff : 0; // SGI bits that these registers cannot change
            switch (reg) {
                case IGROUPR:
                    clear8(g.group, c, id, 0xff);
                    set8(g.group, c, id, v);
                    break;
                case ISENABLER: set8(g.enabled, c, id, v & ~ro); break;
                case ICENABLER: clear8(g.enabled, c, id, v & ~ro); break;
                case ISPENDR: set8(g.latch, c, id, v & ~ro); break; // SGIs: use SPENDSGIR
                case ICPENDR: clear8(g.latch, c, id, v & ~ro); break;
                case ISACTIVER: set8(g.active, c, id, v); break;
                case ICACTIVER: clear8(g.active, c, id, v); break;
                default: break;
            }
            return;
        }
        if (off < ITARGETSR) {
            int id = off - IPRIORITYR;
            if (id < g.numIrq) g.priority[g.pi(c, id)] = v;
            return;
        }
        if (off < ICFGR) {
            int id = off - ITARGETSR;
            if (g.ncpu > 1 && id >= 32 && id < g.numIrq) g.spiTargets[id - 32] = v & ((1 << g.ncpu) - 1);
            return;
        }
        if (off < 0xd00) {
            int id = (off - ICFGR) * 4;
            if (id < 16 || id >= g.numIrq) return; // SGIs are edge-triggered, read-only
            for (int k = 0; k < 4; k++) g.setBit(g.edge, c, id + k, (v >>> (2 * k + 1) & 1) != 0);
            return;
        }
        if (off >= CPENDSGIR && off < CPENDSGIR + 16) {
            int sgi = off & 15;
            g.sgiSources[c][sgi] &= ~v;
            if (g.sgiSources[c][sgi] == 0) g.setBit(g.latch, c, sgi, false);
        } else if (off >= SPENDSGIR && off < SPENDSGIR + 16) {
            int sgi = off & 15;
            g.sgiSources[c][sgi] |= v & ((1 << g.ncpu) - 1);
            if (g.sgiSources[c][sgi] != 0) g.setBit(g.latch, c, sgi, true);
        }
    }

    /** GICD_SGIR: TargetListFilter [25:24], CPUTargetList [23:16], SGIINTID [3:0]. */
    private void sgir(int c, int v) {
        int sgi = v & 15;
        int list;
        switch (v >>> 24 & 3) {
            case 0: list = v >>> 16 & 0xff; break;
            case 1: list = ((1 << g.ncpu) - 1) & ~(1 << c); break;
            case 2: list = 1 << c; break;
            default: return;
        }
        for (int t = 0; t < g.ncpu; t++) if ((list >>> t & 1) != 0) g.sendSgi(t, sgi, c);
    }

    @Override
    public String name() { return "gicv2-dist"; }
}
