package org.armach.core.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Pl011Test {
    ByteArrayOutputStream tx;
    boolean[] irq;
    Pl011 u;

    @BeforeEach
    void setUp() {
        tx = new ByteArrayOutputStream();
        irq = new boolean[1];
        u = new Pl011(tx, level -> irq[0] = level);
    }

    int r(int off) { return (int) u.read(off, 4); }

    void w(int off, int v) { u.write(off, 4, v); }

    @Test
    void idRegisters() {
        int[] expect = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < 8; i++) assertEquals(expect[i], r(0xfe0 + 4 * i), "ID at 0x" + Integer.toHexString(0xfe0 + 4 * i));
        assertEquals(0x11, u.read(0xfe0, 1));
        assertEquals(0xb1, u.read(0xffc, 2));
    }

    @Test
    void resetValuesAndFlags() {
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, r(Pl011.FR));
        assertEquals(0x300, r(Pl011.CR));
        assertEquals(0x12, r(Pl011.IFLS));
        assertEquals(0, r(Pl011.IMSC));
        assertEquals(0, r(Pl011.RIS));
        assertFalse(irq[0]);
    }

    @Test
    void transmitGoesOutAndRaisesTxInterrupt() {
        w(Pl011.IMSC, Pl011.INT_TX);
        u.write(Pl011.DR, 1, 'h');
        w(Pl011.DR, 'i' | 0x100); // upper bits ignored
        assertEquals("hi", tx.toString());
        assertEquals(Pl011.INT_TX, r(Pl011.RIS) & Pl011.INT_TX);
        assertEquals(Pl011.INT_TX, r(Pl011.MIS));
        assertTrue(irq[0]);
        assertTrue((r(Pl011.FR) & (Pl011.FR_BUSY | Pl011.FR_TXFF)) == 0);
        assertTrue((r(Pl011.FR) & Pl011.FR_TXFE) != 0);
        w(Pl011.ICR, Pl011.INT_TX);
        assertEquals(0, r(Pl011.RIS));
        assertFalse(irq[0]);
    }

    @Test
    void receiveFifoOf16WithFifosEnabled() {
        w(Pl011.LCR_H, 0x70); // 8N1, FEN
        w(Pl011.IMSC, Pl011.INT_RX);
        for (int i = 0; i < 16; i++) assertTrue(u.receive('a' + i));
        assertFalse(u.canReceive());
        assertFalse(u.receive('!'));
        int fr = r(Pl011.FR);
        assertEquals(Pl011.FR_RXFF, fr & (Pl011.FR_RXFF | Pl011.FR_RXFE));
        assertTrue(irq[0]);
        for (int i = 0; i < 16; i++) assertEquals('a' + i, r(Pl011.DR));
        assertEquals(Pl011.FR_RXFE, r(Pl011.FR) & (Pl011.FR_RXFF | Pl011.FR_RXFE));
        assertEquals(0, r(Pl011.RIS) & Pl011.INT_RX);
        assertFalse(irq[0]);
    }

    @Test
    void receiveHoldsOneCharacterWithoutFifo() {
        assertTrue(u.receive('x'));
        assertFalse(u.canReceive());
        assertEquals(Pl011.FR_RXFF, r(Pl011.FR) & (Pl011.FR_RXFF | Pl011.FR_RXFE));
        assertEquals(Pl011.INT_RX, r(Pl011.RIS));
        assertFalse(irq[0]); // masked
        assertEquals('x', u.read(Pl011.DR, 1));
        assertTrue(u.canReceive());
    }

    @Test
    void togglingFenKeepsReceivedInput() {
        w(Pl011.LCR_H, 0x10);
        u.receive('1');
        u.receive('2');
        w(Pl011.LCR_H, 0x60); // FIFOs off: nothing the host handed over is lost
        assertEquals(0, r(Pl011.FR) & Pl011.FR_RXFE);
        assertEquals('1', r(Pl011.DR));
        assertEquals('2', r(Pl011.DR));
        assertEquals(Pl011.FR_RXFE, r(Pl011.FR) & Pl011.FR_RXFE);
    }

    @Test
    void narrowAccessesAndRegisterMasks() {
        w(Pl011.IBRD, 0x12345);
        assertEquals(0x2345, r(Pl011.IBRD));
        w(Pl011.FBRD, 0xff);
        assertEquals(0x3f, r(Pl011.FBRD));
        u.write(Pl011.CR, 2, 0x301);
        assertEquals(0x301, r(Pl011.CR));
        assertEquals(0x03, u.read(Pl011.CR + 1, 1));
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, u.read(Pl011.FR, 1));
        assertTrue(u.accepts(Pl011.FR, 1, false));
        assertTrue(u.accepts(Pl011.FR, 2, false));
        assertFalse(u.accepts(Pl011.FR, 8, false));
        assertFalse(u.accepts(Pl011.FR + 1, 2, false));
    }

    @Test
    void errorStatusClearedByEcr() {
        w(Pl011.RSR, 0);
        assertEquals(0, r(Pl011.RSR));
        w(Pl011.DMACR, 0xff);
        assertEquals(7, r(Pl011.DMACR));
    }

    // ---- interrupt semantics as the amba-pl011 driver uses them ------------------------------

    /** A source of queued bytes, as the machine's console input. */
    static final class Src implements Pl011.RxSource {
        final java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        int polls;

        void add(String s) { for (char c : s.toCharArray()) q.add((int) c); }

        @Override public int poll() {
            polls++;
            Integer b = q.poll();
            return b == null ? -1 : b;
        }
    }

    void linuxStartup() {
        w(Pl011.LCR_H, 0x70); // 8N1 + FIFOs
        w(Pl011.CR, 0x301);
        w(Pl011.IFLS, 0x12); // RX 1/2 (8), TX 1/2
        w(Pl011.ICR, 0x7ff);
        w(Pl011.IMSC, Pl011.INT_RX | Pl011.INT_RT);
    }

    @Test
    void rxInterruptAtTheTriggerLevelAndTimeoutBelowIt() {
        linuxStartup();
        for (int i = 0; i < 7; i++) u.receive('a' + i);
        assertEquals(0, r(Pl011.RIS) & Pl011.INT_RX, "7 < level 8");
        assertFalse(irq[0]);
        u.receive('h');
        assertEquals(Pl011.INT_RX, r(Pl011.MIS));
        assertTrue(irq[0]);
        r(Pl011.DR); // 7 left: below the level again
        assertEquals(0, r(Pl011.RIS) & Pl011.INT_RX);
        assertFalse(irq[0]);
        // the line goes idle with data waiting: receive timeout (through a source that has run dry)
        Src src = new Src();
        u.setRxSource(src);
        u.pullRx();
        assertEquals(Pl011.INT_RT, r(Pl011.MIS));
        assertTrue(irq[0]);
        // reading everything clears RT
        for (int i = 0; i < 7; i++) assertEquals('b' + i, r(Pl011.DR) & 0xff);
        assertEquals(0, r(Pl011.RIS) & (Pl011.INT_RT | Pl011.INT_RX));
        assertFalse(irq[0]);
    }

    @Test
    void levelsFollowIfls() {
        w(Pl011.LCR_H, 0x70);
        int[] levels = {2, 4, 8, 12, 14};
        for (int sel = 0; sel < 5; sel++) {
            u.reset();
            w(Pl011.LCR_H, 0x70);
            w(Pl011.IFLS, sel << 3);
            for (int i = 0; i < levels[sel] - 1; i++) u.receive('x');
            assertEquals(0, r(Pl011.RIS) & Pl011.INT_RX, "IFLS rx " + sel);
            u.receive('x');
            assertEquals(Pl011.INT_RX, r(Pl011.RIS) & Pl011.INT_RX, "IFLS rx " + sel);
        }
        // without FIFOs one character is the level
        u.reset();
        u.receive('y');
        assertEquals(Pl011.INT_RX, r(Pl011.RIS) & Pl011.INT_RX);
    }

    @Test
    void timeoutFiresOncePerPauseAndIcrClearsIt() {
        linuxStartup();
        Src src = new Src();
        u.setRxSource(src);
        src.add("ab");
        u.pullRx();
        assertEquals(2, u.rxCount());
        assertEquals(Pl011.INT_RT, r(Pl011.RIS) & (Pl011.INT_RT | Pl011.INT_RX));
        w(Pl011.ICR, Pl011.INT_RT);
        assertFalse(irq[0]);
        u.pullRx(); // still idle, nothing new: no second timeout
        assertEquals(0, r(Pl011.RIS) & Pl011.INT_RT);
        src.add("c");
        u.pullRx();
        assertEquals(Pl011.INT_RT, r(Pl011.RIS) & Pl011.INT_RT);
    }

    @Test
    void sourceIsPulledOnlyAsFastAsTheGuestDrains() {
        linuxStartup();
        Src src = new Src();
        u.setRxSource(src);
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 1000; i++) sent.append((char) ('!' + i % 90));
        src.add(sent.toString());
        u.pullRx();
        assertEquals(16, u.rxCount());
        assertEquals(1000 - 16, src.q.size(), "the rest waits with the source");
        assertEquals(Pl011.FR_RXFF, r(Pl011.FR) & (Pl011.FR_RXFF | Pl011.FR_RXFE));
        StringBuilder got = new StringBuilder();
        while ((r(Pl011.FR) & Pl011.FR_RXFE) == 0) got.append((char) (r(Pl011.DR) & 0xff));
        assertEquals(sent.toString(), got.toString());
        assertEquals(0, r(Pl011.RSR));
    }

    @Test
    void receiverDisabledTakesNothing() {
        Src src = new Src();
        u.setRxSource(src);
        src.add("xyz");
        w(Pl011.CR, 0x101); // UARTEN | TXE, RXE off (Linux with the port closed)
        assertEquals(Pl011.FR_RXFE, r(Pl011.FR) & Pl011.FR_RXFE);
        assertFalse(u.receive('q'));
        assertEquals(3, src.q.size());
        w(Pl011.CR, 0x301); // enabling the receiver pulls
        assertEquals('x', r(Pl011.DR));
    }

    @Test
    void txInterruptIsRaisedByWritesAndClearedByIcr() {
        w(Pl011.IMSC, Pl011.INT_TX);
        assertFalse(irq[0], "no TX interrupt before anything was sent");
        w(Pl011.DR, 'a');
        assertTrue(irq[0]);
        w(Pl011.ICR, Pl011.INT_TX);
        assertFalse(irq[0]);
        assertEquals(Pl011.FR_TXFE, r(Pl011.FR) & (Pl011.FR_TXFE | Pl011.FR_TXFF | Pl011.FR_BUSY));
        // the amba-pl011 driver sends fifosize/2 characters per TX interrupt without checking TXFF
        for (int i = 0; i < 8; i++) u.write(Pl011.DR, 2, 'b');
        assertTrue(irq[0]);
        assertEquals("abbbbbbbb", tx.toString());
        // masking the interrupt drops the line but keeps the raw status
        w(Pl011.IMSC, 0);
        assertFalse(irq[0]);
        assertEquals(Pl011.INT_TX, r(Pl011.RIS));
        assertEquals(0, r(Pl011.MIS));
    }

    @Test
    void breakAndErrorFlags() {
        w(Pl011.LCR_H, 0x70);
        w(Pl011.IMSC, Pl011.INT_BE);
        assertTrue(u.receiveBreak());
        assertTrue(irq[0]);
        int dr = r(Pl011.DR);
        assertEquals(Pl011.DR_BE, dr, "NUL with the break flag");
        assertEquals(Pl011.DR_BE >> 8, r(Pl011.RSR));
        w(Pl011.RSR, 0); // ECR
        assertEquals(0, r(Pl011.RSR));
        w(Pl011.ICR, Pl011.INT_BE);
        assertFalse(irq[0]);
    }

    @Test
    void loopbackAndOverrun() {
        w(Pl011.CR, 0x381); // LBE
        w(Pl011.IMSC, Pl011.INT_OE);
        w(Pl011.DR, 'L');
        assertEquals("", tx.toString());
        assertEquals('L', r(Pl011.DR));
        w(Pl011.DR, '1');
        w(Pl011.DR, '2'); // no FIFO: the holding register is full
        assertTrue(irq[0]);
        assertEquals(Pl011.INT_OE, r(Pl011.MIS));
        assertEquals('1', r(Pl011.DR) & 0xff);
    }

    @Test
    void imscAndIcrMasksAndReadOnlyRegisters() {
        w(Pl011.IMSC, 0xffffffff);
        assertEquals(0x7ff, r(Pl011.IMSC));
        w(Pl011.RIS, 0xffff);
        w(Pl011.MIS, 0xffff);
        w(Pl011.FR, 0);
        assertEquals(0, r(Pl011.RIS));
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, r(Pl011.FR));
        u.write(Pl011.IMSC, 2, 0x50); // 16-bit accesses as Linux makes them
        assertEquals(0x50, u.read(Pl011.IMSC, 2));
        assertEquals(0, r(0x80), "test registers read as zero");
    }

    @Test
    void emptyDataReadReturnsZero() {
        assertEquals(0, r(Pl011.DR));
        assertEquals(Pl011.FR_RXFE, r(Pl011.FR) & Pl011.FR_RXFE);
    }
}
