package org.armach.core.dev.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.armach.core.board.Clock;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.TimerRegisters;
import org.armach.core.cpu.a64.A64;
import org.armach.core.dev.GenericTimer;
import org.armach.core.mem.Bus;
import org.armach.core.mem.MmioDevice;
import org.armach.core.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/**
 * Runs the bare-metal GIC/timer guests (src/test/guest/gic, prebuilt into resources) on a
 * minimal virt-like machine (RAM, GIC, generic timer, a UART that only captures output,
 * PSCI over HVC) and compares their console output with QEMU 7.2's
 * ({@code -M virt,gic-version=N -cpu cortex-a53}). With the virtual clock every timer
 * interrupt must arrive exactly when the counter reaches the compare value: each IRQ/FIQ
 * vector issues a PSCI_VERSION call two instructions after entry, where the firmware below
 * records the virtual time.
 */
class GicGuestTest {
    static final long RAM = 0x4000_0000L, LOAD = 0x4008_0000L;

    /** A UART that records what the guest writes to its data register. */
    static final class Capture implements MmioDevice {
        final StringBuilder out = new StringBuilder();

        @Override
        public long read(long offset, int size) { return 0; } // FR: never busy

        @Override
        public void write(long offset, int size, long value) {
            if (offset == 0) out.append((char) (value & 0xff));
        }
    }

    /** What the firmware saw at one time marker (IRQ/FIQ entry + 2 instructions). */
    record Marker(long nanos, long elr, boolean virtOut, boolean physOut, long cvalV, long cvalP) {}

    static final class Machine {
        final PhysicalMemory ram = new PhysicalMemory(RAM, 16L << 20);
        final Bus bus = new Bus(ram);
        final Cpu cpu = new Cpu(CpuModel.CORTEX_A53, bus, A64.table());
        final Clock clock = new Clock(cpu, Clock.Source.VIRTUAL);
        final Capture uart = new Capture();
        final List<Marker> markers = new ArrayList<>();
        final GenericTimer timer;
        final Gic gic;

        Machine(int version) throws IOException {
            if (version == 2) {
                GicV2 g = new GicV2(new Cpu[] {cpu});
                g.wire(bus, 0x0800_0000L, 0x0801_0000L);
                gic = g;
            } else {
                GicV3 g = new GicV3(new Cpu[] {cpu});
                g.wire(bus, 0x0800_0000L, 0x080A_0000L);
                gic = g;
            }
            bus.map(0x0900_0000L, 0x1000, uart);
            timer = new GenericTimer(cpu, clock, gic.cpuSink(0));
            cpu.firmware = (c, smc, imm) -> {
                long fn = c.r[0] & 0xffffffffL;
                if (fn == 0x84000008L) {
                    c.stopRequested = true;
                } else if (fn == 0x84000000L) {
                    markers.add(new Marker(clock.nanos(), c.elr[1], timer.output(TimerRegisters.VIRT),
                            timer.output(TimerRegisters.PHYS), SysRegs.timerCval(c, TimerRegisters.VIRT),
                            SysRegs.timerCval(c, TimerRegisters.PHYS)));
                    c.r[0] = 0x10001; // PSCI 1.1
                } else {
                    c.r[0] = -1; // NOT_SUPPORTED
                }
                return true;
            };
            byte[] image;
            try (InputStream in = GicGuestTest.class.getResourceAsStream("gicv" + version + ".bin")) {
                image = in.readAllBytes();
            }
            ram.load(LOAD, image, 0, image.length);
            cpu.pc = LOAD;
        }

        String run() {
            clock.runCpu(200_000_000L);
            assertTrue(cpu.stopRequested, "guest did not power off; output so far:\n" + uart.out);
            return uart.out.toString();
        }
    }

    static String golden(int version) throws IOException {
        try (InputStream in = GicGuestTest.class.getResourceAsStream("gicv" + version + ".golden")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    void runAndCompare(int version) throws IOException {
        Machine m = new Machine(version);
        String out = m.run();
        assertEquals(golden(version), out);
        // Timer interrupts arrive exactly at CVAL (16 ns per tick), two instructions before the marker.
        // Markers: vtimer WFI, ptimer WFI, vtimer busy loop (all exactly at CVAL), the vtimer held
        // back by the PMR (taken when the mask opens, later), then FIQ(s) with no timer output.
        // The WFI waits run with IRQs masked (race-free): the wake-up at CVAL retires the
        // following MSR DAIFClr before the IRQ is taken, hence one more instruction.
        List<Marker> k = m.markers;
        assertTrue(k.size() >= 5, k.toString());
        assertTrue(k.get(0).virtOut());
        assertEquals(k.get(0).cvalV() * Clock.NANOS_PER_TICK + 3, k.get(0).nanos(), "virtual timer, WFI");
        assertTrue(k.get(1).physOut());
        assertEquals(k.get(1).cvalP() * Clock.NANOS_PER_TICK + 3, k.get(1).nanos(), "physical timer, WFI");
        assertTrue(k.get(2).virtOut());
        assertEquals(k.get(2).cvalV() * Clock.NANOS_PER_TICK + 2, k.get(2).nanos(), "virtual timer, running");
        assertTrue(k.get(3).virtOut());
        assertTrue(k.get(3).nanos() > k.get(3).cvalV() * Clock.NANOS_PER_TICK + 2, "PMR held the interrupt back");
        for (int i = 4; i < k.size(); i++) assertTrue(!k.get(i).virtOut() && !k.get(i).physOut());
        // Deterministic: a second run retires the same instructions and sees the same markers.
        Machine m2 = new Machine(version);
        assertEquals(out, m2.run());
        assertEquals(m.markers, m2.markers);
        assertEquals(m.cpu.icount, m2.cpu.icount);
    }

    @Test
    void gicv2GuestMatchesQemu() throws IOException {
        runAndCompare(2);
    }

    @Test
    void gicv3GuestMatchesQemu() throws IOException {
        runAndCompare(3);
    }
}
