package org.armach.core.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The scripted console's contract with small hand-assembled guests (the echo guest is in the tests module). */
class SerialConsoleTest {
    /** Prints "hi\n" on the PL011 and powers off through PSCI SYSTEM_OFF (hvc). */
    static final int[] HI = {0xd2a12001, 0x52800d02, 0xb9000022, 0x52800d22, 0xb9000022, 0x52800142, 0xb9000022,
            0xd2800100, 0xf2b08000, 0xd4000002, 0x14000000};
    static final int B_SELF = 0x14000000;

    @Test
    void expectOutputAndExitStatus() {
        try (SerialConsole c = SerialConsole.start(MachineTest.elf(HI))) {
            assertEquals("hi", c.expect("hi", Duration.ofSeconds(30)));
            assertEquals(0, c.awaitExit(Duration.ofSeconds(30)));
            assertEquals("hi\n", c.output());
            assertEquals("\n", c.pendingOutput());
            assertTrue(c.finished());
            assertEquals(0, c.outcome().status);
        }
    }

    @Test
    void expectAfterTheMachineStoppedFailsAtOnce() {
        try (SerialConsole c = SerialConsole.start(MachineTest.elf(HI))) {
            c.awaitExit(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            SerialConsole.ExpectException e = assertThrows(SerialConsole.ExpectException.class,
                    () -> c.expect(Pattern.compile("login:"), Duration.ofSeconds(60)));
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            assertTrue(e.getMessage().contains("the machine stopped (exit status 0)"), e.getMessage());
            assertTrue(e.getMessage().contains("/login:/"), e.getMessage());
            assertEquals("hi\n", e.tail());
        }
    }

    @Test
    void timeoutNamesThePatternAndQuotesTheOutput() {
        try (SerialConsole c = SerialConsole.start(MachineTest.elf(B_SELF))) {
            SerialConsole.ExpectException e = assertThrows(SerialConsole.ExpectException.class,
                    () -> c.expect("never printed", Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("timed out after 300 ms waiting for /"), e.getMessage());
            assertTrue(e.getMessage().contains("still running"), e.getMessage());
            assertThrows(SerialConsole.ExpectException.class, () -> c.awaitExit(Duration.ofMillis(100)));
            c.close(); // stops the spinning guest
            assertEquals(0, c.awaitExit(Duration.ofSeconds(10)));
            assertEquals("stopped", c.outcome().message);
        }
    }

    @Test
    void bootFailureIsReported() {
        VirtConfig cfg = new VirtConfig(); // no kernel
        try (SerialConsole c = SerialConsole.start(cfg)) {
            SerialConsole.ExpectException e = assertThrows(SerialConsole.ExpectException.class, () -> c.expect("x", Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("no kernel given"), e.getMessage());
            assertThrows(SerialConsole.ExpectException.class, () -> c.awaitExit(Duration.ofSeconds(5)));
        }
    }

    @Test
    void inputWaitsUntilTheGuestReads() throws Exception {
        // the guest never reads the UART: input stays queued (nothing dropped, FIFO never overruns)
        try (SerialConsole c = SerialConsole.start(MachineTest.elf(B_SELF))) {
            c.sendLine("0123456789012345678901234567890123456789");
            Thread.sleep(300);
            // one byte fits in the receive holding register (FIFOs off); the rest waits
            assertEquals(41 - 1, c.pendingInput());
        }
    }
}
