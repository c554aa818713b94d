package org.armach.core.dev.gic;

import org.armach.core.cpu.Cpu;
import org.armach.core.mem.Bus;

/**
 * A GICv3 as on QEMU's {@code virt,gic-version=3} without an ITS: a {@link GicV3Distributor},
 * one {@link GicV3Redistributor} frame pair (RD_base + SGI_base, 128 KiB) per PE, and the
 * ICC_* system-register CPU interface ({@link GicV3CpuInterface}); GICD_CTLR.DS = 1
 * (single security state), affinity routing always enabled, no LPIs, 5 CPU-interface
 * priority bits (QEMU's cortex-a53/a72/max), 288 interrupts by default.
 *
 * <h2>Wiring on the virt board</h2>
 * <pre>{@code
 * GicV3 gic = new GicV3(new Cpu[] {cpu});
 * gic.wire(bus, 0x0800_0000L, 0x080A_0000L);   // GICD 64 KiB; GICR 128 KiB per PE (virt reserves
 *                                              // 0x080A0000..0x09000000); sets cpu.iccRegisters
 * Clock clock = new Clock(cpu, Clock.Source.VIRTUAL);
 * new GenericTimer(cpu, clock, gic.cpuSink(0));
 * // the PL011 interrupt output: level -> gic.setLevel(33, level)
 * }</pre>
 * The device tree should describe no ITS (msi-controller) child, since there are no LPIs.
 */
public final class GicV3 extends Gic {
    public static final long DIST_SIZE = 0x1_0000L, REDIST_STRIDE = 0x2_0000L;

    public final GicV3Distributor distributor;
    public final GicV3Redistributor redistributor;
    public final GicV3CpuInterface cpuInterface;

    public GicV3(Cpu[] cpus) {
        this(cpus, VIRT_NUM_IRQ);
    }

    public GicV3(Cpu[] cpus, int numIrq) {
        super(3, numIrq, cpus, 5, 5);
        distributor = new GicV3Distributor(this);
        redistributor = new GicV3Redistributor(this);
        cpuInterface = new GicV3CpuInterface(this);
    }

    /** Size of the redistributor window for all PEs. */
    public long redistSize() {
        return REDIST_STRIDE * ncpu;
    }

    /** Maps the distributor and redistributors and attaches the ICC interface to every CPU. */
    public void wire(Bus bus, long distBase, long redistBase) {
        bus.map(distBase, DIST_SIZE, distributor);
        bus.map(redistBase, redistSize(), redistributor);
        attachCpuInterface();
    }

    /** Sets {@link Cpu#iccRegisters} of every CPU (ICC_* registers, ID_AA64PFR0_EL1.GIC = 1). */
    public void attachCpuInterface() {
        for (Cpu c : cpus) c.iccRegisters = cpuInterface;
    }
}
