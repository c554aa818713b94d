package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.armach.core.board.GuestModule;
import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.dev.Uart16550;
import org.armach.mach.device.Uart16550Console;
import org.junit.jupiter.api.Test;

/**
 * The Java GNU Mach on the a64 board: modules at 0x6000_0000 described in a /chosen with
 * 2-cell reg (as the seed's U-Boot session does), the 16550 console picked from stdout-path,
 * and console input taken from the UART's receive interrupt through the GIC-400 (INTID 32).
 */
class A64BootTest {
    @Test
    void bootsFromTheA64TreeAndTakesConsoleInputByInterrupt() throws IOException {
        VirtConfig cfg = new VirtConfig();
        cfg.board = VirtConfig.BoardType.A64;
        cfg.psciSmc = true;
        cfg.ramSize = 1L << 30;
        cfg.append = "foo=bar";
        cfg.modules.add(new GuestModule(0x6000_0000L, BootTest.module(), "module-hello", true,
                "module-hello ${host-port} ${device-port} ${foo} $(task-create) $(task-resume)"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtBoard board = new VirtBoard(cfg, out);
        TestVm.Factory vm = new TestVm.Factory(board.cpu, VirtBoard.RAM_BASE + (16L << 20), VirtBoard.RAM_BASE + (128L << 20));
        Kernel k = JavaMach.boot(board, 4096, vm);
        assertTrue(k.console() instanceof Uart16550Console, "console driver from stdout-path: " + k.console());
        for (int i = 0; i < 100 && !board.cpu.waiting; i++) {
            board.cpu.run(10_000);
            k.clock().poll();
        }
        String s = out.toString().replace("\r", "");
        assertTrue(s.contains("module-hello|1|2|bar|"), s);

        Uart16550 uart = board.socUart;
        for (char c : "typed".toCharArray()) assertTrue(uart.receive(c));
        assertTrue(uart.irqLevel(), "IER.ERBFI set by the driver: the UART interrupt is asserted");
        for (int i = 0; i < 10 && uart.rxCount() > 0; i++) {
            board.cpu.run(10_000);
            k.clock().poll();
        }
        assertEquals(0, uart.rxCount(), "the kernel's IRQ path drained the UART through the GIC");
        assertTrue(!uart.irqLevel());
    }
}
