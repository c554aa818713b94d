package org.armach.core.dev.gic;

import org.armach.core.mem.MmioDevice;

/**
 * GICv3 redistributors (GICR_*, ARM IHI 0069 §12.10): for each PE a 64 KiB RD_base frame
 * (CTLR, IIDR, TYPER with the Last bit on the final PE, WAKER) followed by a 64 KiB SGI_base
 * frame with that PE's SGI/PPI registers (IGROUPR0, I[SC]ENABLER0, I[SC]PENDR0,
 * I[SC]ACTIVER0, IPRIORITYR0-7, ICFGR0 (SGIs, read-only edge) and ICFGR1 (PPIs, writable)).
 * No LPIs: GICR_TYPER.PLPIS = 0, PROPBASER/PENDBASER and GICR_CTLR.EnableLPIs are RAZ/WI.
 *
 * <p>GICR_WAKER: ProcessorSleep (bit 1) resets to 1 and ChildrenAsleep (bit 2) follows it at
 * once, so software that clears ProcessorSleep and polls ChildrenAsleep proceeds immediately.
 * Like QEMU, interrupt delivery does not depend on ProcessorSleep.
 */
public final class GicV3Redistributor implements MmioDevice {
    public static final int CTLR = 0x0, IIDR = 0x4, TYPER = 0x8, STATUSR = 0x10, WAKER = 0x14, PROPBASER = 0x70,
            PENDBASER = 0x78;
    public static final int SGI_BASE = 0x1_0000;
    public static final int IGROUPR0 = 0x80, ISENABLER0 = 0x100, ICENABLER0 = 0x180, ISPENDR0 = 0x200, ICPENDR0 = 0x280,
            ISACTIVER0 = 0x300, ICACTIVER0 = 0x380, IPRIORITYR = 0x400, ICFGR0 = 0xc00, ICFGR1 = 0xc04,
            IGRPMODR0 = 0xd00, NSACR = 0xe00;
    public static final int WAKER_PROCESSOR_SLEEP = 2, WAKER_CHILDREN_ASLEEP = 4;

    private final Gic g;

    GicV3Redistributor(Gic g) {
        this.g = g;
    }

    /** GICR_TYPER of PE {@code c}: affinity [63:32], CommonLPIAff = 1 (as QEMU), Processor_Number, Last. */
    public long typer(int c) {
        return ((long) g.affinity(c) & 0xffffffffL) << 32 | 1L << 24 | (long) c << 8 | (c == g.ncpu - 1 ? 1L << 4 : 0);
    }

    @Override
    public long read(long offset, int size) {
        int c = (int) (offset / GicV3.REDIST_STRIDE);
        int off = (int) (offset % GicV3.REDIST_STRIDE);
        if (c >= g.ncpu) return 0;
        if (off == TYPER && size == 8) return typer(c);
        if (off >= SGI_BASE + IPRIORITYR && off < SGI_BASE + IPRIORITYR + 32 && (size == 1 || size == 4)) {
            int id = off - SGI_BASE - IPRIORITYR;
            long v = 0;
            for (int k = 0; k < size; k++) v |= (long) g.priority[g.pi(c, id + k)] << (8 * k);
            return v;
        }
        if (size != 4) return 0;
        Gic.CpuInterface ci = g.cif[c];
        int i = g.wi(c, 0);
        switch (off) {
            case IIDR: return GicV3Distributor.IIDR_VALUE;
            case TYPER: return typer(c) & 0xffffffffL;
            case TYPER + 4: return typer(c) >>> 32;
            case WAKER: return ci.sleep ? WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
            case SGI_BASE + IGROUPR0: return g.group[i] & 0xffffffffL;
            case SGI_BASE + ISENABLER0: case SGI_BASE + ICENABLER0: return g.enabled[i] & 0xffffffffL;
            case SGI_BASE + ISPENDR0: case SGI_BASE + ICPENDR0: return g.pendingWord(i) & 0xffffffffL;
            case SGI_BASE + ISACTIVER0: case SGI_BASE + ICACTIVER0: return g.active[i] & 0xffffffffL;
            case SGI_BASE + ICFGR0: return 0xaaaaaaaaL;
            case SGI_BASE + ICFGR1: {
                long r = 0;
                for (int k = 0; k < 16; k++) if ((g.edge[i] >>> (16 + k) & 1) != 0) r |= 2L << (2 * k);
                return r;
            }
            default:
                if (off >= 0xffd0 && off <= 0xfffc) return off == 0xffe0 ? 0x93 : GicV3Distributor.ID[(off - 0xffd0) >>> 2];
                return 0;
        }
    }

    @Override
    public void write(long offset, int size, long value) {
        int c = (int) (offset / GicV3.REDIST_STRIDE);
        int off = (int) (offset % GicV3.REDIST_STRIDE);
        if (c >= g.ncpu) return;
        int v = (int) value;
        int i = g.wi(c, 0);
        if (off >= SGI_BASE + IPRIORITYR && off < SGI_BASE + IPRIORITYR + 32 && (size == 1 || size == 4)) {
            int id = off - SGI_BASE - IPRIORITYR;
            for (int k = 0; k < size; k++) g.priority[g.pi(c, id + k)] = v >>> (8 * k) & 0xff;
        } else if (size == 4) {
            switch (off) {
                case WAKER: g.cif[c].sleep = (v & WAKER_PROCESSOR_SLEEP) != 0; break;
                case SGI_BASE + IGROUPR0: g.group[i] = v; break;
                case SGI_BASE + ISENABLER0: g.enabled[i] |= v; break;
                case SGI_BASE + ICENABLER0: g.enabled[i] &= ~v; break;
                case SGI_BASE + ISPENDR0: g.latch[i] |= v; break;
                case SGI_BASE + ICPENDR0: g.latch[i] &= ~v; break;
                case SGI_BASE + ISACTIVER0: g.active[i] |= v; break;
                case SGI_BASE + ICACTIVER0: g.active[i] &= ~v; break;
                case SGI_BASE + ICFGR1: {
                    int e = 0xffff;
                    for (int k = 0; k < 16; k++) if ((v >>> (2 * k + 1) & 1) != 0) e |= 1 << (16 + k);
                    g.edge[i] = e;
                    break;
                }
                default: break;
            }
        }
        g.update();
    }

    @Override
    public String name() { return "gicv3-redist"; }
}
