package org.armach.core.dev.gic;

import org.armach.core.mem.MmioDevice;

/**
 * GICv3 distributor registers (GICD_*, ARM IHI 0069 §12.9) with GICD_CTLR.DS = 1 and
 * ARE = 1: INTIDs 0..31 are handled by the redistributors, so their fields here are RAZ/WI,
 * as are ITARGETSR, SGIR, CPENDSGIR/SPENDSGIR, IGRPMODR and NSACR. SPIs are routed by
 * GICD_IROUTER (64-bit, or as two 32-bit halves). Reserved registers and unsupported access
 * sizes are RAZ/WI (QEMU does not abort them either). GICD_TYPER reports what QEMU 7.2
 * reports for 288 interrupts (ITLinesNumber = 7, IDbits = 15, A3V, No1N) minus LPIS.
 */
public final class GicV3Distributor implements MmioDevice {
    public static final int CTLR = 0x0, TYPER = 0x4, IIDR = 0x8, TYPER2 = 0xc, STATUSR = 0x10, IGROUPR = 0x080,
            ISENABLER = 0x100, ICENABLER = 0x180, ISPENDR = 0x200, ICPENDR = 0x280, ISACTIVER = 0x300,
            ICACTIVER = 0x380, IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xc00, IGRPMODR = 0xd00,
            NSACR = 0xe00, IROUTER = 0x6000;
    public static final int CTLR_ARE = 1 << 4, CTLR_DS = 1 << 6;
    public static final int IIDR_VALUE = 0x43b;
    /** ID registers from 0xFFD0: PIDR4..7, PIDR0..3, CIDR0..3 (PIDR2.ArchRev = 3). */
    static final int[] ID = {0x44, 0x00, 0x00, 0x00, 0x92, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    private final Gic g;

    GicV3Distributor(Gic g) {
        this.g = g;
    }

    public int typer() {
        return (1 << 25) | (1 << 24) | (0xf << 19) | ((g.numIrq - 32) / 32 - 1);
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off >= IROUTER && off < IROUTER + 8 * 1024) return irouter(off, size);
        if (size == 1) {
            if (off >= IPRIORITYR && off < ITARGETSR) return prio(off - IPRIORITYR);
            return 0;
        }
        if (size != 4) return 0;
        switch (off) {
            case CTLR: return g.distCtlr | CTLR_ARE | CTLR_DS;
            case TYPER: return typer() & 0xffffffffL;
            case IIDR: return IIDR_VALUE;
            default: break;
        }
        if (off >= IGROUPR && off < IPRIORITYR) {
            int reg = off & ~0x7f;
            int w = (off & 0x7f) >>> 2;
            if (w == 0 || w >= g.numWords) return 0;
            int i = g.wi(0, w);
            switch (reg) {
                case IGROUPR: return g.group[i] & 0xffffffffL;
                case ISENABLER: case ICENABLER: return g.enabled[i] & 0xffffffffL;
                case ISPENDR: case ICPENDR: return g.pendingWord(i) & 0xffffffffL;
                case ISACTIVER: case ICACTIVER: return g.active[i] & 0xffffffffL;
                default: return 0;
            }
        }
        if (off >= IPRIORITYR && off < ITARGETSR) {
            long v = 0;
            for (int k = 0; k < 4; k++) v |= (long) prio(off - IPRIORITYR + k) << (8 * k);
            return v;
        }
        if (off >= ICFGR && off < IGRPMODR) {
            int id = (off - ICFGR) * 4;
            if (id < 32 || id >= g.numIrq) return 0;
            int e = g.edge[g.wi(0, id >>> 5)] >>> (id & 31) & 0xffff;
            long r = 0;
            for (int k = 0; k < 16; k++) if ((e >>> k & 1) != 0) r |= 2L << (2 * k);
            return r;
        }
        if (off >= 0xffd0 && off <= 0xfffc) return ID[(off - 0xffd0) >>> 2];
        return 0;
    }

    private int prio(int id) {
        return id < 32 || id >= g.numIrq ? 0 : g.priority[g.pi(0, id)];
    }

    private long irouter(int off, int size) {
        int id = (off - IROUTER) >>> 3;
        if (id < 32 || id >= g.numIrq) return 0;
        long r = g.spiRoute[id - 32];
        if (size == 8 && (off & 7) == 0) return r;
        if (size == 4) return (off & 4) == 0 ? r & 0xffffffffL : r >>> 32;
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (off >= IROUTER && off < IROUTER + 8 * 1024) {
            writeIrouter(off, size, value);
        } else if (size == 1) {
            if (off >= IPRIORITYR && off < ITARGETSR) setPrio(off - IPRIORITYR, (int) value & 0xff);
        } else if (size == 4) {
            write32(off, (int) value);
        }
        g.update();
    }

    private void write32(int off, int v) {
        if (off == CTLR) {
            g.distCtlr = v & 3; // EnableGrp0, EnableGrp1; ARE and DS are RAO/WI
            return;
        }
        if (off >= IGROUPR && off < IPRIORITYR) {
            int reg = off & ~0x7f;
            int w = (off & 0x7f) >>> 2;
            if (w == 0 || w >= g.numWords) return;
            int i = g.wi(0, w);
            switch (reg) {
                case IGROUPR: g.group[i] = v; break;
                case ISENABLER: g.enabled[i] |= v; break;
                case ICENABLER: g.enabled[i] &= ~v; break;
                case ISPENDR: g.latch[i] |= v; break;
                case ICPENDR: g.latch[i] &= ~v; break;
                case ISACTIVER: g.active[i] |= v; break;
                case ICACTIVER: g.active[i] &= ~v; break;
                default: break;
            }
            return;
        }
        if (off >= IPRIORITYR && off < ITARGETSR) {
            for (int k = 0; k < 4; k++) setPrio(off - IPRIORITYR + k, v >>> (8 * k) & 0xff);
            return;
        }
        if (off >= ICFGR && off < IGRPMODR) {
            int id = (off - ICFGR) * 4;
            if (id < 32 || id >= g.numIrq) return;
            for (int k = 0; k < 16; k++) g.setBit(g.edge, 0, id + k, (v >>> (2 * k + 1) & 1) != 0);
        }
    }

    private void setPrio(int id, int v) {
        if (id >= 32 && id < g.numIrq) g.priority[g.pi(0, id)] = v;
    }

    /** IROUTER: Aff0..Aff2 [23:0], IRM [31], Aff3 [39:32]. */
    private void writeIrouter(int off, int size, long value) {
        int id = (off - IROUTER) >>> 3;
        if (id < 32 || id >= g.numIrq) return;
        long r = g.spiRoute[id - 32];
        if (size == 8 && (off & 7) == 0) r = value;
        else if (size == 4 && (off & 4) == 0) r = (r & ~0xffffffffL) | (value & 0xffffffffL);
        else if (size == 4) r = (r & 0xffffffffL) | (value << 32);
        else return;
        r &= 0xff_80ff_ffffL;
        g.spiRoute[id - 32] = r;
        g.spiTargets[id - 32] = g.routeMask(r);
    }

    @Override
    public String name() { return "gicv3-dist"; }
}
