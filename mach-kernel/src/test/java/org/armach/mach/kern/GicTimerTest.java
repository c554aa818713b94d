package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;

import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.cpu.CpuModel;
import org.junit.jupiter.api.Test;

/** The kernel's GIC drivers and the virtual-timer clock on the virt board's real devices. */
class GicTimerTest {
    static final int TIMER = TimerClock.PPI_VIRTUAL_TIMER, UART = 32 + VirtBoard.UART_SPI;

    @Test
    void gicV2() {
        check(2);
    }

    @Test
    void gicV3() {
        check(3);
    }

    private static void check(int version) {
        VirtConfig cfg = new VirtConfig();
        cfg.cpuModel = CpuModel.byName("max");
        cfg.ramSize = 64L << 20;
        cfg.gicVersion = version;
        VirtBoard b = new VirtBoard(cfg, OutputStream.nullOutputStream());
        IrqController gic = version == 3
                ? new GicV3Driver(b.cpu, b.bus, VirtBoard.GIC_DIST, VirtBoard.GIC_REDIST)
                : new GicV2Driver(b.bus, VirtBoard.GIC_DIST, VirtBoard.GIC_CPU);
        TimerClock clock = new TimerClock(b.cpu);
        gic.enable(TIMER);
        gic.enable(UART);
        assertFalse(b.cpu.irqLine, "nothing pending after init");
        assertTrue(gic.acknowledge() >= IrqController.FIRST_SPECIAL, "spurious when idle");

        // A deadline in the future: nothing yet, but the board clock knows when.
        long due = clock.nowNs() + 1_000_000;
        clock.wakeAt(due);
        assertFalse(b.cpu.irqLine);
        assertEquals(due, b.clock.nextDeadline(), "the timer is an event of the board clock");

        // Due now: the PPI is pending and reaches the CPU; acknowledge, turn off, EOI.
        clock.wakeAt(clock.nowNs());
        assertTrue(b.cpu.irqLine, "timer interrupt asserted");
        assertEquals(TIMER, gic.acknowledge());
        assertTrue(clock.acknowledge());
        gic.endOfInterrupt(TIMER);
        assertFalse(b.cpu.irqLine, "timer interrupt lowered");
        assertTrue(gic.acknowledge() >= IrqController.FIRST_SPECIAL);

        // The UART's SPI.
        b.spi(VirtBoard.UART_SPI).set(true);
        assertTrue(b.cpu.irqLine);
        assertEquals(UART, gic.acknowledge());
        b.spi(VirtBoard.UART_SPI).set(false);
        gic.endOfInterrupt(UART);
        assertFalse(b.cpu.irqLine);

        // Cancelled: no event.
        clock.wakeAt(Long.MAX_VALUE);
        assertFalse(clock.acknowledge());
    }
}
