package org.armach.core.dev.gic;

import org.armach.core.cpu.Cpu;
import org.armach.core.mem.Bus;

/**
 * A GICv2 (GIC-400 class, no Security or Virtualization Extensions) as on QEMU's
 * {@code virt,gic-version=2}: a {@link GicV2Distributor} and a banked
 * {@link GicV2CpuInterface}, 8 priority bits, 288 interrupts by default.
 *
 * <h2>Wiring on the virt board</h2>
 * <pre>{@code
 * GicV2 gic = new GicV2(new Cpu[] {cpu});            // Gic.VIRT_NUM_IRQ interrupts
 * gic.wire(bus, 0x0800_0000L, 0x0801_0000L);         // GICD 64 KiB, GICC 64 KiB
 * Clock clock = new Clock(cpu, Clock.Source.VIRTUAL); // or HOST for --clock host
 * new GenericTimer(cpu, clock, gic.cpuSink(0));      // installs cpu.timerRegisters; PPIs 30/27
 * // the PL011 interrupt output (SPI 1, level-sensitive): level -> gic.setLevel(33, level)
 * ...
 * clock.runCpu(budget);                              // or: cpu.run(); clock.service(); clock.idle()
 * }</pre>
 * With several CPUs, set {@link #currentCpu} to return the index of the accessing CPU.
 */
public final class GicV2 extends Gic {
    public static final long DIST_SIZE = 0x1_0000L, CPU_SIZE = 0x1_0000L;

    public final GicV2Distributor distributor;
    public final GicV2CpuInterface cpuInterface;

    public GicV2(Cpu[] cpus) {
        this(cpus, VIRT_NUM_IRQ);
    }

    public GicV2(Cpu[] cpus, int numIrq) {
        super(2, numIrq, cpus, 8, 7);
        distributor = new GicV2Distributor(this);
        cpuInterface = new GicV2CpuInterface(this);
    }

    /** Maps the distributor and the CPU interface windows on {@code bus}. */
    public void wire(Bus bus, long distBase, long cpuBase) {
        wire(bus, distBase, DIST_SIZE, cpuBase, CPU_SIZE);
    }

    /** Maps the windows with explicit sizes (a GIC-400 in an SoC: GICD 4 KiB, GICC 8 KiB). */
    public void wire(Bus bus, long distBase, long distSize, long cpuBase, long cpuSize) {
        bus.map(distBase, distSize, distributor);
        bus.map(cpuBase, cpuSize, cpuInterface);
    }
}
