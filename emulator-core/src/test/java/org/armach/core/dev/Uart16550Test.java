package org.armach.core.dev;

import static org.armach.core.dev.Uart16550.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The A64's UART0 as the board builds it: DesignWare APB UART, reg-shift 2, 64-byte FIFOs. */
class Uart16550Test {
    ByteArrayOutputStream tx;
    boolean[] irq;
    Uart16550 u;
    ArrayDeque<Integer> input;

    @BeforeEach
    void setUp() {
        tx = new ByteArrayOutputStream();
        irq = new boolean[1];
        u = new Uart16550(tx, level -> irq[0] = level, 2, 64, true);
        input = new ArrayDeque<>();
        u.setRxSource(() -> input.isEmpty() ? -1 : input.poll());
    }

    int r(int reg) { return (int) u.read((long) reg << 2, 4); }

    void w(int reg, int v) { u.write((long) reg << 2, 4, v); }

    @Test
    void resetValues() {
        assertEquals(IIR_NONE, r(IIR));
        assertEquals(LSR_THRE | LSR_TEMT, r(LSR));
        assertEquals(MSR_CTS | MSR_DSR | MSR_DCD, r(MSR));
        assertEquals(0, r(IER));
        assertEquals(0, r(LCR));
        assertEquals(USR_TFNF | USR_TFE, r(USR));
        assertEquals(0, r(UCV), "no component version: Linux's dw8250 skips the extended probe");
        assertEquals(0, r(CPR));
        assertFalse(irq[0]);
    }

    @Test
    void transmitIsImmediateAndThreInterrupt() {
        w(THR, 'A');
        assertEquals("A", tx.toString());
        assertEquals(LSR_THRE | LSR_TEMT, r(LSR));
        assertFalse(irq[0], "THRE interrupt needs IER.ETBEI");
        w(IER, IER_ETBEI);
        assertTrue(irq[0], "enabling ETBEI with THR empty raises THRE");
        assertEquals(IIR_THRI, r(IIR));
        assertFalse(irq[0], "reading IIR that reports THRE clears it");
        assertEquals(IIR_NONE, r(IIR));
        w(THR, 'B');
        assertTrue(irq[0], "THR empty again after the write");
        w(IER, 0);
        assertFalse(irq[0]);
        w(IER, IER_ETBEI);
        assertEquals(IIR_THRI, r(IIR), "re-enabling ETBEI re-asserts THRE (Linux's UART_BUG_THRE test)");
    }

    @Test
    void iirPriorities() {
        w(FCR, FCR_FIFOE);
        w(MCR, MCR_LOOP);
        w(IER, IER_ERBFI | IER_ETBEI | IER_ELSI | IER_EDSSI);
        // modem status: loopback with RTS changes CTS
        w(MCR, MCR_LOOP | MCR_RTS);
        // THRE from the enable, received data from a loopback byte, line status from a break
        w(THR, 'x');
        assertTrue(u.receiveBreak());
        assertEquals(IIR_FIFO | IIR_RLSI, r(IIR), "line status first");
        int lsr = r(LSR);
        assertEquals(LSR_DR | LSR_BI | LSR_THRE | LSR_TEMT | LSR_RFE, lsr);
        assertEquals(IIR_FIFO | IIR_RDI, r(IIR), "then received data");
        assertEquals('x', r(RBR));
        assertEquals(0, r(RBR), "the break's NUL");
        assertEquals(IIR_FIFO | IIR_THRI, r(IIR), "then THR empty (cleared by this read)");
        assertEquals(IIR_FIFO | IIR_MSI, r(IIR), "then modem status");
        assertEquals(MSR_DCTS | MSR_DDSR | MSR_DDCD | MSR_CTS, r(MSR), "entering loopback dropped DSR/DCD, RTS raised CTS again");
        assertEquals(IIR_FIFO | IIR_NONE, r(IIR));
        assertFalse(irq[0]);
    }

    @Test
    void fifoTriggerLevelAndTimeout() {
        w(FCR, FCR_FIFOE | (2 << 6)); // trigger at half: 32 bytes
        w(IER, IER_ERBFI);
        for (int i = 0; i < 31; i++) input.add('a' + i % 26);
        u.pullRx(); // takes the 31 bytes
        assertEquals(IIR_FIFO | IIR_NONE, r(IIR), "below the trigger level, no timeout yet");
        assertFalse(irq[0]);
        u.pullRx(); // the line stays idle: character timeout
        assertEquals(IIR_FIFO | IIR_CTI, r(IIR));
        assertEquals(31, r(RFL));
        assertTrue(irq[0]);
        assertEquals('a', r(RBR));
        assertEquals(IIR_FIFO | IIR_NONE, r(IIR), "reading RBR clears the timeout");
        for (int i = 0; i < 40; i++) input.add((int) '0');
        u.pullRx();
        assertEquals(64, r(RFL), "the FIFO fills to 64; the rest waits at the source");
        assertEquals(6, input.size(), "30 + 34 fill it");
        assertEquals(USR_BUSY | USR_TFNF | USR_TFE | USR_RFNE | USR_RFF, r(USR));
        assertEquals(IIR_FIFO | IIR_RDI, r(IIR));
        w(FCR, FCR_FIFOE | FCR_RFIFOR);
        assertEquals(0, u.rxCount(), "FCR receive reset discards the FIFO");
        assertEquals(6, r(RFL), "the bytes still at the source come in next");
    }

    @Test
    void nonFifoModeHoldsOneByte() {
        input.add((int) 'p');
        input.add((int) 'q');
        assertEquals(LSR_DR | LSR_THRE | LSR_TEMT, r(LSR));
        assertEquals(1, u.rxCount());
        assertFalse(u.canReceive());
        assertEquals('p', r(RBR));
        assertEquals('q', r(RBR), "the next byte moved in as RBR was read");
        assertEquals(0, r(LSR) & LSR_DR);
    }

    @Test
    void loopbackOverrun() {
        w(FCR, FCR_FIFOE | FCR_RFIFOR);
        w(MCR, MCR_LOOP);
        for (int i = 0; i < 256; i++) w(THR, i);
        assertEquals(LSR_OE, r(LSR) & LSR_OE, "bytes beyond 64 overran");
        assertEquals(0, r(LSR) & LSR_OE, "LSR read clears OE");
        int n = 0;
        while ((r(LSR) & LSR_DR) != 0) {
            assertEquals(n, r(RBR));
            n++;
        }
        assertEquals(64, n, "Linux's size_fifo counts 64: U6_16550A");
        assertEquals("", tx.toString(), "loopback sends nothing out");
        assertEquals(MSR_DCTS | MSR_DDSR | MSR_DDCD, r(MSR) & 0x0f, "entering loopback dropped CTS/DSR/DCD");
        w(MCR, MCR_LOOP | MCR_RTS | MCR_OUT2);
        assertEquals(MSR_CTS | MSR_DCD, r(MSR) & 0xf0, "Linux's loopback test expects 0x90");
    }

    @Test
    void busyDetect() {
        w(LCR, 0x03);
        input.add((int) 'z');
        assertEquals(1, r(RFL));
        assertTrue(u.busy());
        w(LCR, LCR_DLAB | 0x03);
        assertEquals(0x03, r(LCR), "LCR write ignored while busy");
        assertEquals(IIR_BUSY, r(IIR), "busy-detect interrupt, even with IER 0");
        assertTrue(irq[0]);
        assertEquals(USR_BUSY | USR_TFNF | USR_TFE | USR_RFNE | USR_RFF, r(USR), "non-FIFO: RBR full");
        assertEquals(IIR_NONE, r(IIR), "reading USR clears busy detect");
        assertFalse(irq[0]);
        assertEquals('z', r(RBR));
        w(LCR, LCR_DLAB | 0x03);
        assertEquals(LCR_DLAB | 0x03, r(LCR), "idle: LCR accepts the write");
        w(DLL, 13);
        w(DLH, 0);
        assertEquals(13, r(DLL));
        w(LCR, 0x03);
        input.add((int) 'y');
        r(LSR);
        w(HALT, HALT_CHCFG_AT_BUSY);
        w(LCR, 0x1b);
        assertEquals(0x1b, r(LCR), "HALT.CHCFG_AT_BUSY allows changes while busy");
    }

    @Test
    void ierAndScratchAsLinuxProbesThem() {
        w(IER, 0);
        assertEquals(0, r(IER) & 0x0f);
        w(IER, 0x0f);
        assertEquals(0x0f, r(IER) & 0x0f);
        w(IER, 0x40);
        assertEquals(0, r(IER) & 0x40, "no UUE bit (not an XScale)");
        w(SCR, 0xa5);
        assertEquals(0xa5, r(SCR));
        w(FCR, FCR_FIFOE | 0x20);
        assertEquals(0xc0, r(IIR) & 0xe0, "no 64-byte-FIFO bit (not a 16750)");
    }

    @Test
    void narrowAndUpperByteAccesses() {
        w(SCR, 0x5a);
        assertEquals(0x5a, u.read(SCR << 2, 1));
        assertEquals(0, u.read((SCR << 2) + 1, 1), "upper bytes of a 32-bit register read 0");
        u.write((SCR << 2) + 1, 1, 0xff);
        assertEquals(0x5a, r(SCR));
        assertFalse(u.accepts(0, 8, false), "64-bit accesses abort");
    }
}
