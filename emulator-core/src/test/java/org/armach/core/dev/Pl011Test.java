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
    void togglingFenFlushesTheFifo() {
        w(Pl011.LCR_H, 0x10);
        u.receive('1');
        u.receive('2');
        w(Pl011.LCR_H, 0x60);
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
}
