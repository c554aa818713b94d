package org.armach.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.armach.boot.Main;
import org.armach.core.board.SerialConsole;
import org.junit.jupiter.api.Test;

/**
 * {@code glibc-shim/prebuilt/a64-uart.elf} on {@code -M a64}: a bare-metal program that drives
 * the A64's UART0 (DesignWare 16550) directly: reset values, the 64-byte receive FIFO counted
 * through loopback (with overrun), the busy-detect interrupt of an LCR write while data waits,
 * modem-status deltas, the THRE interrupt; then a line echoed by polling LSR.DR and lines
 * echoed from the receive interrupt through the GIC-400 (INTID 32). The expected values are
 * those of the DesignWare databook / A64 user manual (QEMU has no A64 to compare with).
 */
class A64UartGuestTest {
    static final Duration T = Duration.ofSeconds(60);

    @Test
    void registersPollingAndInterruptEcho() {
        Path elf = DifferentialGuestTest.root().resolve("glibc-shim/prebuilt/a64-uart.elf");
        try (SerialConsole c = Main.startConsole("-M", "a64", "-nographic", "-no-reboot", "-kernel", elf.toString())) {
            c.expect("poll: type a line\n", T);
            assertEquals("a64-uart: ready\n"
                    + "reset: iir=01 lsr=60 msr=b0 usr=06\n"
                    + "line: lcr=03 dll=13 iir=c1\n"
                    + "loopback: rfl=64 read=64 overrun=1 in-order=1\n"
                    + "busy: lcr=03 iir=c7 usr=0f then iir=c1 rbr=b\n"
                    + "modem: msr=bb then b0\n"
                    + "thre: iir=c2 then c1\n"
                    + "poll: type a line\n", c.output());
            c.sendLine("hello polled");
            c.expect("poll> hello polled\n", T);
            c.expect("irq: gic typer=00000004, type lines, 'quit' ends\n", T);
            for (int i = 0; i < 20; i++) {
                String l = "line " + i + " through the receive interrupt";
                c.sendLine(l);
                c.expect("irq> " + l + "\n", T);
            }
            // a burst longer than the FIFO: the UART takes 64 bytes at a time, nothing is lost
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 10; i++) burst.append("burst ").append(i).append(" ").append("x".repeat(40)).append('\n');
            c.send(burst.toString());
            for (int i = 0; i < 10; i++) c.expect("irq> burst " + i + " " + "x".repeat(40) + "\n", T);
            c.sendLine("quit");
            c.expect("irq: 30 lines, interrupts seen, spurious 0\n", T);
            assertEquals(0, c.awaitExit(T), "PSCI SYSTEM_OFF over smc");
        }
    }
}
