package org.armach.core.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Pl031Test {
    long now = Pl031.VIRTUAL_EPOCH;
    boolean irq;
    final Pl031 rtc = new Pl031(() -> now, level -> irq = level);

    @Test
    void countsSecondsFromTheSource() {
        assertEquals((int) Pl031.VIRTUAL_EPOCH, (int) rtc.read(Pl031.DR, 4));
        now += 5;
        assertEquals((int) Pl031.VIRTUAL_EPOCH + 5, (int) rtc.read(Pl031.DR, 4));
        assertEquals(1, rtc.read(Pl031.CR, 4));
    }

    @Test
    void loadSetsTheCounter() {
        rtc.write(Pl031.LR, 4, 1000);
        assertEquals(1000, rtc.read(Pl031.DR, 4));
        assertEquals(1000, rtc.read(Pl031.LR, 4));
        now += 2;
        assertEquals(1002, rtc.read(Pl031.DR, 4));
    }

    @Test
    void matchRaisesTheAlarmInterrupt() {
        rtc.write(Pl031.LR, 4, 100);
        rtc.write(Pl031.IMSC, 4, 1);
        rtc.write(Pl031.MR, 4, 103);
        rtc.poll();
        assertFalse(irq);
        now += 3;
        rtc.poll();
        assertTrue(irq);
        assertEquals(1, rtc.read(Pl031.RIS, 4));
        assertEquals(1, rtc.read(Pl031.MIS, 4));
        rtc.write(Pl031.ICR, 4, 1);
        assertFalse(irq);
        assertEquals(0, rtc.read(Pl031.RIS, 4));
    }

    @Test
    void idRegisters() {
        int[] expect = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < 8; i++) assertEquals(expect[i], rtc.read(0xfe0 + 4 * i, 4));
    }
}
