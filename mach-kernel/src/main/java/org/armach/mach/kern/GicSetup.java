package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.IccRegisters;
import org.armach.core.mem.Bus;
import org.armach.core.mem.MmioDevice;

/**
 * Programs the board's GIC (v2 or v3) for the kernel's interrupts, through its registers as a
 * kernel driver does: the given SPIs enabled, priority 0xa0, routed to CPU 0, the distributor
 * and the CPU interface on (GICv3: Group 1, affinity routing, redistributor awake). The kernel
 * never acknowledges through IAR: all its sources are level-triggered and lowered by the IRQ
 * handler (timer acknowledge, UART drained), and the GIC follows the line.
 */
final class GicSetup {
    static final int PRIORITY = 0xa0, PMR = 0xf0;

    private GicSetup() {}

    static void enable(Bus bus, Cpu cpu, int version, long dist, long cpuIf, long redist, int... spis) {
        MmioDevice d = device(bus, dist);
        if (d == null) return;
        for (int spi : spis) {
            int id = 32 + spi;
            if (version == 3) d.write(0x080 + 4 * (id / 32), 4, d.read(0x080 + 4 * (id / 32), 4) | 1L << (id % 32));
            setByte(d, 0x400 + id, PRIORITY);
            if (version == 3) { d.write(0x6000 + 8L * id, 4, 0); d.write(0x6004 + 8L * id, 4, 0); }
            else setByte(d, 0x800 + id, 1);
            d.write(0x100 + 4 * (id / 32), 4, 1L << (id % 32));
        }
        if (version == 3) {
            d.write(0, 4, 0x13); // EnableGrp0 | EnableGrp1 | ARE
            MmioDevice r = device(bus, redist);
            if (r != null) r.write(0x14, 4, 0); // GICR_WAKER: ProcessorSleep = 0
            if (cpu.iccRegisters != null) {
                cpu.iccRegisters.write(cpu, IccRegisters.PMR, PMR);
                cpu.iccRegisters.write(cpu, IccRegisters.IGRPEN1, 1);
            }
        } else {
            d.write(0, 4, 1);
            MmioDevice c = device(bus, cpuIf);
            if (c != null) {
                c.write(0x004, 4, PMR);
                c.write(0x000, 4, 1);
            }
        }
    }

    private static void setByte(MmioDevice d, long off, int v) {
        long word = off & ~3L;
        int shift = (int) (off & 3) * 8;
        long old = d.read(word, 4);
        d.write(word, 4, (old & ~(0xffL << shift)) | (long) v << shift);
    }

    private static MmioDevice device(Bus bus, long base) {
        Bus.Region r = bus.findRegion(base);
        return r == null ? null : r.device;
    }
}
