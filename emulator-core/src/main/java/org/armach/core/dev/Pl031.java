package org.armach.core.dev;

import java.util.function.LongSupplier;

/**
 * ARM PrimeCell real-time clock (PL031) as QEMU models it: a free-running seconds counter
 * (DR) that can be loaded (LR), a match register raising the alarm interrupt, and the
 * PrimeCell ID registers. The time source is supplied by the board: under the virtual
 * clock a fixed epoch plus virtual time, so runs are reproducible; under the host clock,
 * wall time.
 */
public final class Pl031 extends WordRegisters {
    public static final int DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18, ICR = 0x1c;
    private static final int[] ID = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    /** 2024-01-01T00:00:00Z: the RTC's time at boot under the virtual clock. */
    public static final long VIRTUAL_EPOCH = 1_704_067_200L;

    private final LongSupplier seconds;
    private final IrqLine irq;
    private long tickOffset;
    private int mr, lr, im, is;
    private boolean alarmArmed;
    /** Source time (seconds) at which the counter will equal MR. */
    private long alarmAt;
    private boolean irqOut;

    /** @param seconds the time source in seconds (since 1970 or any origin; LR sets the offset). */
    public Pl031(LongSupplier seconds, IrqLine irq) {
        this.seconds = seconds;
        this.irq = irq == null ? IrqLine.NONE : irq;
    }

    public int count() { return (int) (tickOffset + seconds.getAsLong()); }

    /** Raises the alarm if the counter has reached the match value (called by the board's loop). */
    public void poll() {
        if (alarmArmed && seconds.getAsLong() >= alarmAt) {
            alarmArmed = false;
            is = 1;
            update();
        }
    }

    /** As QEMU: the alarm fires when the 32-bit counter next equals MR (now, if it already does). */
    private void arm() {
        alarmAt = seconds.getAsLong() + ((mr - count()) & 0xffffffffL);
        alarmArmed = true;
        poll();
    }

    private void update() {
        boolean level = (is & im) != 0;
        if (level != irqOut) {
            irqOut = level;
            irq.set(level);
        }
    }

    @Override
    protected int readReg(int off) {
        poll();
        switch (off) {
            case DR: return count();
            case MR: return mr;
            case LR: return lr;
            case CR: return 1; // always enabled
            case IMSC: return im;
            case RIS: return is;
            case MIS: return is & im;
            default: {
                int id = primeCellId(off, ID);
                return id >= 0 ? id : 0;
            }
        }
    }

    @Override
    protected void writeReg(int off, int value) {
        switch (off) {
            case LR:
                tickOffset += (value & 0xffffffffL) - (count() & 0xffffffffL);
                lr = value;
                arm();
                break;
            case MR:
                mr = value;
                arm();
                break;
            case IMSC: im = value & 1; update(); break;
            case ICR: is &= ~value; update(); break;
            default: break; // CR writes are ignored (the RTC cannot be stopped); others read-only
        }
    }

    @Override
    public String name() { return "pl031"; }
}
