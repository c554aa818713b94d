package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.IccRegisters;
import org.armach.core.mem.Bus;

/**
 * GICv3 driver (ARM IHI 0069) with affinity routing: the distributor (SPIs) and this PE's
 * redistributor (SGIs/PPIs) through MMIO, the CPU interface through the ICC_*_EL1 system
 * registers. Everything is Group 1 (IRQ).
 */
public final class GicV3Driver implements IrqController {
    private static final int GICD_CTLR = 0x0, GICD_IGROUPR = 0x080, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
            GICD_IPRIORITYR = 0x400, GICD_ICFGR = 0xc00, GICD_IROUTER = 0x6000;
    private static final int CTLR_ENABLE_GRP1 = 2, CTLR_ARE = 1 << 4;
    private static final int GICR_WAKER = 0x14, SGI_BASE = 0x1_0000, GICR_IGROUPR0 = SGI_BASE + 0x80,
            GICR_ISENABLER0 = SGI_BASE + 0x100, GICR_ICENABLER0 = SGI_BASE + 0x180, GICR_IPRIORITYR = SGI_BASE + 0x400;
    private static final int WAKER_PROCESSOR_SLEEP = 2, WAKER_CHILDREN_ASLEEP = 4;

    private final Cpu pe;
    private final IccRegisters icc;
    private final MmioRegs dist, redist;

    public GicV3Driver(Cpu pe, Bus bus, long distBase, long redistBase) {
        this.pe = pe;
        this.icc = pe.iccRegisters;
        if (icc == null) throw new IllegalStateException("GICv3 without a CPU interface");
        this.dist = new MmioRegs(bus, distBase);
        this.redist = new MmioRegs(bus, redistBase);
        init();
    }

    private void init() {
        dist.write(GICD_CTLR, 0);
        for (int w = 1; w < 32; w++) dist.write(GICD_ICENABLER + 4L * w, -1);
        dist.write(GICD_CTLR, CTLR_ARE | CTLR_ENABLE_GRP1);
        redist.write(GICR_WAKER, redist.read(GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP);
        for (int i = 0; i < 1000 && (redist.read(GICR_WAKER) & WAKER_CHILDREN_ASLEEP) != 0; i++) {
            // the model wakes at once; a bounded wait as a real driver's
        }
        redist.write(GICR_ICENABLER0, -1);
        icc.write(pe, IccRegisters.PMR, GicV2Driver.PMR_ALL);
        icc.write(pe, IccRegisters.BPR1, 0);
        icc.write(pe, IccRegisters.CTLR, 0); // EOImode 0: EOIR also deactivates
        icc.write(pe, IccRegisters.IGRPEN1, 1);
    }

    @Override
    public void enable(int intid) {
        int bit = 1 << (intid % 32);
        if (intid < 32) {
            redist.write(GICR_IGROUPR0, redist.read(GICR_IGROUPR0) | bit);
            redist.writeByte(GICR_IPRIORITYR + intid, GicV2Driver.PRIORITY);
            redist.write(GICR_ISENABLER0, bit);
            return;
        }
        long grp = GICD_IGROUPR + 4L * (intid / 32);
        dist.write(grp, dist.read(grp) | bit);
        dist.writeByte(GICD_IPRIORITYR + intid, GicV2Driver.PRIORITY);
        long cfg = GICD_ICFGR + 4L * (intid / 16);
        dist.write(cfg, dist.read(cfg) & ~(2 << 2 * (intid % 16))); // level-sensitive
        dist.write64(GICD_IROUTER + 8L * intid, 0); // affinity 0.0.0.0 (this PE)
        dist.write(GICD_ISENABLER + 4L * (intid / 32), bit);
    }

    @Override
    public int acknowledge() {
        return (int) (icc.read(pe, IccRegisters.IAR1) & 0xffffff);
    }

    @Override
    public void endOfInterrupt(int intid) {
        icc.write(pe, IccRegisters.EOIR1, intid);
    }
}
