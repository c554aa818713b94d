package org.armach.core.dev.gic;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.IccRegisters;

/**
 * The GICv3 CPU interface system registers (ICC_*_EL1, ARM IHI 0069 §12.2) for every PE of
 * a {@link GicV3}, with GICD_CTLR.DS = 1 and no EL2/EL3: ICC_SRE_EL1 reads 0x7 (SRE, DFB,
 * DIB) and ignores writes; ICC_CTLR_EL1 has PRIbits = 4 (5 bits), IDbits = 1, A3V = 1 and
 * writable CBPR and EOImode (reset 0x8c00, as QEMU 7.2); ICC_PMR_EL1 keeps the top 5 bits;
 * ICC_BPR0_EL1 ≥ 2 and ICC_BPR1_EL1 ≥ 3; only ICC_AP0R0/AP1R0 exist (32 preemption levels).
 * SGIs from ICC_SGI1R_EL1 reach targets where the SGI is Group 1, ICC_SGI0R_EL1 where it is
 * Group 0.
 */
public final class GicV3CpuInterface implements IccRegisters {
    /** ICC_SRE_EL1: SRE | DFB | DIB, all RAO/WI. */
    public static final long SRE_VALUE = 7;

    private final Gic g;

    GicV3CpuInterface(Gic g) {
        this.g = g;
    }

    private long ctlr(Gic.CpuInterface ci) {
        return (ci.cbpr ? 1 : 0) | (ci.eoiMode ? 2 : 0) | (long) (g.priBits - 1) << 8 | 1L << 11 | 1L << 15;
    }

    @Override
    public long read(Cpu cpu, int reg) {
        int c = g.cpuIndex(cpu);
        Gic.CpuInterface ci = g.cif[c];
        switch (reg) {
            case PMR: return ci.pmr;
            case IAR0: return g.acknowledge(c, 1);
            case IAR1: return g.acknowledge(c, 2);
            case HPPIR0: return ci.hppi != Gic.SPURIOUS && ci.hppiGroup == 0 ? ci.hppi : Gic.SPURIOUS;
            case HPPIR1: return ci.hppi != Gic.SPURIOUS && ci.hppiGroup == 1 ? ci.hppi : Gic.SPURIOUS;
            case BPR0: return ci.bpr0;
            case BPR1: return ci.cbpr ? Math.min(ci.bpr0 + 1, 7) : ci.bpr1;
            case RPR: return g.rpr(ci);
            case CTLR: return ctlr(ci);
            case SRE: return SRE_VALUE;
            case IGRPEN0: return ci.en0 ? 1 : 0;
            case IGRPEN1: return ci.en1 ? 1 : 0;
            default:
                if (reg >= AP0R0 && reg <= AP0R3) return apr(cpu, ci.apr0, reg - AP0R0);
                if (reg >= AP1R0 && reg <= AP1R3) return apr(cpu, ci.apr1, reg - AP1R0);
                throw cpu.undefined();
        }
    }

    private long apr(Cpu cpu, int[] apr, int n) {
        if (n >= g.aprCount()) throw cpu.undefined();
        return apr[n] & 0xffffffffL;
    }

    @Override
    public void write(Cpu cpu, int reg, long v) {
        int c = g.cpuIndex(cpu);
        Gic.CpuInterface ci = g.cif[c];
        switch (reg) {
            case PMR: g.setPmr(ci, v); break;
            case EOIR0: eoi(c, ci, v, 0); break;
            case EOIR1: eoi(c, ci, v, 1); break;
            case DIR: {
                int id = (int) (v & 0xffffff);
                if (ci.eoiMode && id < g.numIrq) g.deactivate(c, id);
                break;
            }
            case BPR0: g.setBpr0(ci, v); break;
            case BPR1: if (!ci.cbpr) g.setBpr1(ci, v); break;
            case CTLR:
                ci.cbpr = (v & 1) != 0;
                ci.eoiMode = (v & 2) != 0;
                break;
            case SRE: break;
            case IGRPEN0: ci.en0 = (v & 1) != 0; break;
            case IGRPEN1: ci.en1 = (v & 1) != 0; break;
            case SGI0R: sgi(c, v, 0); break;
            case SGI1R: sgi(c, v, 1); break;
            case ASGI1R: sgi(c, v, 0); break; // Secure Group 1 from a Non-secure PE: only Group 0 SGIs qualify
            default:
                if (reg >= AP0R0 && reg <= AP0R3) {
                    if (reg - AP0R0 >= g.aprCount()) throw cpu.undefined();
                    ci.apr0[reg - AP0R0] = (int) v;
                } else if (reg >= AP1R0 && reg <= AP1R3) {
                    if (reg - AP1R0 >= g.aprCount()) throw cpu.undefined();
                    ci.apr1[reg - AP1R0] = (int) v;
                } else {
                    throw cpu.undefined();
                }
                break;
        }
        g.update();
    }

    /**
     * ICC_EOIR0/1_EL1: priority drop of the running priority if it belongs to {@code grp}
     * (otherwise the write is ignored, as QEMU), then deactivation unless EOImode = 1.
     * Special INTIDs (1020..1023) are ignored.
     */
    private void eoi(int c, Gic.CpuInterface ci, long v, int grp) {
        int id = (int) (v & 0xffffff);
        if (id >= 1020) return;
        if (g.runningGroup(ci) != grp) return;
        g.dropPriority(ci, grp);
        if (!ci.eoiMode && id < g.numIrq) g.deactivate(c, id);
    }

    /**
     * ICC_SGI0R/SGI1R/ASGI1R_EL1: TargetList [15:0], Aff1 [23:16], INTID [27:24], Aff2 [39:32],
     * IRM [40] (all PEs but self), RS [47:44], Aff3 [55:48].
     */
    private void sgi(int self, long v, int grp) {
        int sgi = (int) (v >>> 24) & 15;
        boolean irm = (v >>> 40 & 1) != 0;
        int aff321 = (int) (v >>> 16 & 0xff) << 8 | (int) (v >>> 32 & 0xff) << 16 | (int) (v >>> 48 & 0xff) << 24;
        int rs = (int) (v >>> 44) & 15;
        int list = (int) v & 0xffff;
        for (int t = 0; t < g.ncpu; t++) {
            int aff = g.affinity(t);
            boolean hit;
            if (irm) {
                hit = t != self;
            } else {
                int aff0 = aff & 0xff;
                hit = (aff & ~0xff) == aff321 && aff0 >>> 4 == rs && (list >>> (aff0 & 15) & 1) != 0;
            }
            if (hit && (g.bit(g.group, t, sgi) ? 1 : 0) == grp) g.sendSgi(t, sgi, self);
        }
    }
}
