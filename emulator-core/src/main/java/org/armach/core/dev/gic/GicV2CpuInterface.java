package org.armach.core.dev.gic;

import org.armach.core.mem.MmioDevice;

/**
 * GICv2 CPU interface registers (GICC_*, ARM IHI 0048B §4.4) of the CPU given by
 * {@link Gic#currentCpu}; 32-bit accesses only. No Security Extensions: the registers have
 * their Secure layout (GICC_CTLR EnableGrp0/EnableGrp1/AckCtl/FIQEn/CBPR/EOImode, as QEMU
 * stores bits 0-4 and 9); GICC_ABPR and GICC_NSAPRn hold the Group 1 binary point and
 * active priorities; the aliased GICC_AIAR/AEOIR/AHPPIR are RAZ/WI as on QEMU 7.2 (Group 1
 * interrupts are acknowledged through GICC_IAR with AckCtl = 1). GICC_EOIR drops the running priority in the interrupt's group and, unless
 * EOImode = 1, deactivates it; with EOImode = 1 GICC_DIR deactivates.
 */
public final class GicV2CpuInterface implements MmioDevice {
    public static final int CTLR = 0x00, PMR = 0x04, BPR = 0x08, IAR = 0x0c, EOIR = 0x10, RPR = 0x14, HPPIR = 0x18,
            ABPR = 0x1c, AIAR = 0x20, AEOIR = 0x24, AHPPIR = 0x28, APR = 0xd0, NSAPR = 0xe0, IIDR = 0xfc, DIR = 0x1000;
    /** GICC_IIDR: GICv2, ARM implementer (QEMU 7.2). */
    public static final int IIDR_VALUE = 0x0002043b;
    private static final int CTLR_STORED = 0x21f;

    private final Gic g;

    GicV2CpuInterface(Gic g) {
        this.g = g;
    }

    @Override
    public boolean accepts(long offset, int size, boolean write) {
        return size == 4 && (offset & 3) == 0;
    }

    private static int ctlr(Gic.CpuInterface ci) {
        return (ci.en0 ? 1 : 0) | (ci.en1 ? 2 : 0) | (ci.ackCtl ? 4 : 0) | (ci.fiqEn ? 8 : 0) | (ci.cbpr ? 16 : 0)
                | (ci.eoiMode ? 1 << 9 : 0);
    }

    @Override
    public long read(long offset, int size) {
        int c = g.cur();
        Gic.CpuInterface ci = g.cif[c];
        int off = (int) offset;
        switch (off) {
            case CTLR: return ctlr(ci);
            case PMR: return ci.pmr;
            case BPR: return ci.bpr0;
            case IAR: {
                if (g.canSignal(ci) && ci.hppiGroup == 1 && !ci.ackCtl) return Gic.SPURIOUS_GROUP1;
                return g.acknowledge(c, 3);
            }
            case RPR: return g.rpr(ci);
            case HPPIR: return hppir(c, ci);
            case ABPR: return ci.cbpr ? Math.min(ci.bpr0 + 1, 7) : ci.bpr1;
            case IIDR: return IIDR_VALUE;
            default:
                if (off >= APR && off < APR + 16) return ci.apr0[(off - APR) >>> 2];
                if (off >= NSAPR && off < NSAPR + 16) return ci.apr1[(off - NSAPR) >>> 2];
                return 0;
        }
    }

    /** GICC_HPPIR: the highest pending interrupt that passes the group enable and priority mask. */
    private int hppir(int c, Gic.CpuInterface ci) {
        if (ci.hppi == Gic.SPURIOUS || ci.hppiPrio >= ci.pmr || !(ci.hppiGroup == 0 ? ci.en0 : ci.en1)) return Gic.SPURIOUS;
        if (ci.hppiGroup == 1 && !ci.ackCtl) return Gic.SPURIOUS_GROUP1;
        return idWithSource(c, ci.hppi);
    }

    private int idWithSource(int c, int id) {
        if (id >= 16) return id;
        int src = g.sgiSources[c][id];
        return id | (Integer.numberOfTrailingZeros(src) & 7) << 10;
    }

    @Override
    public void write(long offset, int size, long value) {
        int c = g.cur();
        Gic.CpuInterface ci = g.cif[c];
        int off = (int) offset;
        int v = (int) value;
        switch (off) {
            case CTLR:
                v &= CTLR_STORED;
                ci.en0 = (v & 1) != 0;
                ci.en1 = (v & 2) != 0;
                ci.ackCtl = (v & 4) != 0;
                ci.fiqEn = (v & 8) != 0;
                ci.cbpr = (v & 16) != 0;
                ci.eoiMode = (v & (1 << 9)) != 0;
                break;
            case PMR: g.setPmr(ci, v); break;
            case BPR: g.setBpr0(ci, v); break;
            case ABPR: if (!ci.cbpr) g.setBpr1(ci, v); break;
            case EOIR: eoi(c, ci, v & 0x3ff, 3); break;
            case DIR: if (ci.eoiMode) g.deactivate(c, v & 0x3ff); break;
            default:
                if (off >= APR && off < APR + 16) ci.apr0[(off - APR) >>> 2] = v;
                else if (off >= NSAPR && off < NSAPR + 16) ci.apr1[(off - NSAPR) >>> 2] = v;
                break;
        }
        g.update();
    }

    /** End of interrupt for an interrupt of an accepted group; spurious or inactive IDs are ignored. */
    private void eoi(int c, Gic.CpuInterface ci, int id, int groups) {
        if (id >= g.numIrq || !g.isActive(c, id)) return;
        int grp = g.bit(g.group, c, id) ? 1 : 0;
        if ((groups >>> grp & 1) == 0) return;
        g.dropPriority(ci, grp);
        if (!ci.eoiMode) g.deactivate(c, id);
    }

    @Override
    public String name() { return "gicv2-cpu"; }
}
