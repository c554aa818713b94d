package org.armach.core.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import org.armach.core.dev.Psci;
import org.armach.core.load.TestImages;
import org.junit.jupiter.api.Test;

class MachineTest {
    static final long ENTRY = 0x40200000L;

    /** ELF kernels are entered directly, so these run without the boot stub's instructions. */
    static VirtConfig elf(int... words) {
        VirtConfig c = new VirtConfig();
        c.kernel = TestImages.elf(ENTRY, new TestImages.Seg(ENTRY, TestImages.words(words), 4L * words.length));
        c.kernelName = "test.elf";
        return c;
    }

    static final int B_SELF = 0x14000000; // b .
    static final int UDF = 0x00000000;

    static Machine machine(VirtConfig c, OutputStream out, ConsoleInput in, boolean noReboot, long max) {
        return new Machine(o -> {
            VirtBoard b = new VirtBoard(c, o);
            b.boot();
            return b;
        }, out, in, noReboot, max);
    }

    static void psciAt(Machine m, long when, int fn) {
        m.addClockListener(() -> {
            VirtBoard b = m.board();
            if (b.cpu.icount >= when && !b.cpu.stopRequested) {
                b.cpu.r[0] = fn & 0xffffffffL;
                b.psci.call(b.cpu, false, 0);
            }
        });
    }

    @Test
    void maxInsnsStopsWithStatus3() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 12345);
        Machine.Outcome o = m.run();
        assertEquals(3, o.status);
        assertEquals(12345, m.retired());
        assertTrue(o.message.contains("12345"), o.message);
    }

    @Test
    void systemOffEndsWithStatus0() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        psciAt(m, 1000, Psci.SYSTEM_OFF);
        Machine.Outcome o = m.run();
        assertEquals(0, o.status);
        assertEquals(null, o.message);
    }

    @Test
    void systemResetRebootsUnlessNoReboot() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        int[] boots = {0};
        m.addClockListener(() -> {
            VirtBoard b = m.board();
            if (b.cpu.icount >= 1000 && !b.cpu.stopRequested) {
                b.cpu.r[0] = (boots[0]++ == 0 ? Psci.SYSTEM_RESET : Psci.SYSTEM_OFF) & 0xffffffffL;
                b.psci.call(b.cpu, false, 0);
            }
        });
        assertEquals(0, m.run().status);
        assertEquals(1, m.resets());
        assertEquals(ENTRY, m.board().cpu.pc);

        Machine n = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, true, 0);
        psciAt(n, 1000, Psci.SYSTEM_RESET);
        assertEquals(0, n.run().status);
        assertEquals(0, n.resets());
    }

    @Test
    void cpuOffEndsWithANotice() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        psciAt(m, 10, Psci.CPU_OFF);
        Machine.Outcome o = m.run();
        assertEquals(1, o.status);
        assertTrue(o.message.contains("CPU_OFF"), o.message);
    }

    @Test
    void waitingWithNothingToWakeItEndsInsteadOfHanging() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        m.addClockListener(() -> {
            if (m.board().cpu.icount >= 500) m.board().cpu.waiting = true; // as WFI would
        });
        Machine.Outcome o = m.run();
        assertEquals(1, o.status);
        assertTrue(o.message.contains("WFI"), o.message);
        assertTrue(!o.message.contains("\n"));
    }

    @Test
    void waitingFastForwardsToTheNextEventUnderTheVirtualClock() {
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        long[] woke = {-1};
        boolean[] armed = {false};
        m.addClockListener(() -> {
            VirtBoard b = m.board();
            if (!armed[0] && b.cpu.icount >= 500) {
                armed[0] = true;
                b.cpu.waiting = true; // as after WFI
                b.clock.newEvent("test", () -> {
                    woke[0] = b.clock.nanos();
                    b.cpu.waiting = false;
                    b.cpu.r[0] = Psci.SYSTEM_OFF & 0xffffffffL;
                    b.psci.call(b.cpu, false, 0);
                }).at(1_000_000_000L); // one virtual second ahead
            }
        });
        assertEquals(0, m.run().status);
        assertEquals(1_000_000_000L, woke[0]);
        assertTrue(m.retired() < 10_000_000, "skipped time does not count as retired: " + m.retired());
    }

    @Test
    void exceptionLoopWithoutProgressEndsWithANotice() {
        // UDF at the entry; VBAR_EL1 = 0 points into flash, where every fetch aborts
        Machine m = machine(elf(UDF), OutputStream.nullOutputStream(), ConsoleInput.CLOSED, false, 0);
        Machine.Outcome o = m.run();
        assertEquals(1, o.status);
        assertTrue(o.message.contains("stuck"), o.message);
    }

    @Test
    void consoleInputIsFedToTheUart() throws Exception {
        ConsoleInput in = new StreamConsoleInput(new ByteArrayInputStream("hi".getBytes()));
        Machine m = machine(elf(B_SELF), OutputStream.nullOutputStream(), in, false, 0);
        StringBuilder got = new StringBuilder();
        Consumer<VirtBoard> drain = b -> {
            while ((b.uart.read(0x18, 4) & 0x10) == 0) got.append((char) b.uart.read(0, 4));
        };
        m.addClockListener(() -> {
            VirtBoard b = m.board();
            drain.accept(b);
            if (got.length() >= 2 || b.cpu.icount > 50_000_000L) {
                b.cpu.r[0] = Psci.SYSTEM_OFF & 0xffffffffL;
                b.psci.call(b.cpu, false, 0);
            }
        });
        assertEquals(0, m.run().status);
        assertEquals("hi", got.toString());
    }

    @Test
    void consoleOutputIsFlushedAtNewlines() {
        int[] flushes = {0};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void flush() { flushes[0]++; }
        };
        Machine m = machine(elf(B_SELF), sink, ConsoleInput.CLOSED, false, 0);
        m.addClockListener(() -> {
            VirtBoard b = m.board();
            if (b.cpu.icount > 10) {
                for (char ch : "ok\n".toCharArray()) b.cpu.write8(VirtBoard.UART_BASE, ch);
                b.cpu.r[0] = Psci.SYSTEM_OFF & 0xffffffffL;
                b.psci.call(b.cpu, false, 0);
            }
        });
        assertEquals(0, m.run().status);
        assertEquals("ok\n", sink.toString());
        assertTrue(flushes[0] >= 1);
    }
}
