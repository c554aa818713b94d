package org.armach.mach.kern;

import org.armach.core.mem.Bus;

/**
 * GICv2 driver (ARM IHI 0048): distributor and CPU interface programmed through their MMIO
 * windows. Everything is Group 0, which a GIC without Security Extensions signals as IRQ
 * (GICC_CTLR.FIQEn clear).
 */
public final class GicV2Driver implements IrqController {
    // distributor
    private static final int GICD_CTLR = 0x000, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
            GICD_ICPENDR = 0x280, GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800, GICD_ICFGR = 0xc00;
    // CPU interface
    private static final int GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c, GICC_EOIR = 0x10;
    static final int PRIORITY = 0xa0, PMR_ALL = 0xf0;

    private final MmioRegs dist, cpu;

    public GicV2Driver(Bus bus, long distBase, long cpuBase) {
        this.dist = new MmioRegs(bus, distBase);
        this.cpu = new MmioRegs(bus, cpuBase);
        init();
    }

    private void init() {
        dist.write(GICD_CTLR, 0);
        for (int w = 0; w < 32; w++) {
            // 1024 INTIDs at most; the GIC ignores words past its ITLinesNumber
            dist.write(GICD_ICENABLER + 4L * w, -1);
            dist.write(GICD_ICPENDR + 4L * w, -1);
        }
        cpu.write(GICC_PMR, PMR_ALL);
        cpu.write(GICC_BPR, 0);
        cpu.write(GICC_CTLR, 1); // EnableGrp0
        dist.write(GICD_CTLR, 1);
    }

    @Override
    public void enable(int intid) {
        dist.writeByte(GICD_IPRIORITYR + intid, PRIORITY);
        if (intid >= 32) {
            dist.writeByte(GICD_ITARGETSR + intid, 1); // CPU 0
            long cfg = GICD_ICFGR + 4L * (intid / 16);
            dist.write(cfg, dist.read(cfg) & ~(2 << 2 * (intid % 16))); // level-sensitive
        }
        dist.write(GICD_ISENABLER + 4L * (intid / 32), 1 << (intid % 32));
    }

    @Override
    public int acknowledge() {
        return cpu.read(GICC_IAR) & 0x3ff;
    }

    @Override
    public void endOfInterrupt(int intid) {
        cpu.write(GICC_EOIR, intid);
    }
}
