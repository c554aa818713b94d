package org.armach.core.dev;

import java.io.IOException;
import java.io.OutputStream;

/**
 * ARM PrimeCell UART (PL011) as QEMU models it and Linux's amba-pl011 driver and pl011
 * earlycon use it: transmit is immediate (to an {@link OutputStream}), so TXFE is always
 * set and BUSY/TXFF never; receive goes through a 16-entry FIFO (1 entry with LCR_H.FEN
 * clear) fed by {@link #receive}. The RX interrupt asserts as soon as the FIFO is non-empty
 * (QEMU's trigger level of 1); the TX interrupt asserts after every write to DR until
 * cleared through ICR. The interrupt output is level: (RIS & IMSC) != 0.
 */
public final class Pl011 extends WordRegisters {
    public static final int DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
            LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040, ICR = 0x044, DMACR = 0x048;

    public static final int FR_CTS = 1, FR_BUSY = 1 << 3, FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7;
    public static final int INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6;
    public static final int LCR_FEN = 1 << 4;

    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    public static final int FIFO_DEPTH = 16;

    private final OutputStream tx;
    private final IrqLine irq;

    private final int[] fifo = new int[FIFO_DEPTH];
    private int readPos, readCount;
    private int flags, lcr, rsr, cr, ifl, ilpr, ibrd, fbrd, dmacr;
    private int intLevel, intEnabled;
    private boolean irqOut;
    private boolean txBroken;

    public Pl011(OutputStream tx, IrqLine irq) {
        this.tx = tx;
        this.irq = irq == null ? IrqLine.NONE : irq;
        reset();
    }

    public void reset() {
        readPos = readCount = 0;
        flags = FR_RXFE | FR_TXFE;
        lcr = rsr = ifl = ilpr = ibrd = fbrd = dmacr = 0;
        cr = 0x300;
        ifl = 0x12;
        intLevel = intEnabled = 0;
        update();
    }

    private int depth() { return (lcr & LCR_FEN) != 0 ? FIFO_DEPTH : 1; }

    /** Whether the receive FIFO has room for another byte. */
    public boolean canReceive() { return readCount < depth(); }

    /** Puts a byte from the host console into the receive FIFO; returns false if it is full. */
    public boolean receive(int b) {
        if (!canReceive()) return false;
        int slot = (readPos + readCount) & (FIFO_DEPTH - 1);
        fifo[slot] = b & 0xff;
        readCount++;
        flags &= ~FR_RXFE;
        if ((lcr & LCR_FEN) == 0 || readCount == FIFO_DEPTH) flags |= FR_RXFF;
        if (readCount == 1) {
            intLevel |= INT_RX;
            update();
        }
        return true;
    }

    /** Current level of the interrupt output. */
    public boolean irqLevel() { return irqOut; }

    private void update() {
        boolean level = (intLevel & intEnabled) != 0;
        if (level != irqOut) {
            irqOut = level;
            irq.set(level);
        }
    }

    @Override
    protected int readReg(int off) {
        switch (off) {
            case DR: {
                int c = fifo[readPos];
                if (readCount > 0) {
                    readCount--;
                    readPos = (readPos + 1) & (FIFO_DEPTH - 1);
                }
                if (readCount == 0) flags |= FR_RXFE;
                flags &= ~FR_RXFF;
                if (readCount == 0) intLevel &= ~INT_RX;
                rsr = c >>> 8;
                update();
                return c;
            }
            case RSR: return rsr;
            case FR: return flags;
            case ILPR: return ilpr;
            case IBRD: return ibrd;
            case FBRD: return fbrd;
            case LCR_H: return lcr;
            case CR: return cr;
            case IFLS: return ifl;
            case IMSC: return intEnabled;
            case RIS: return intLevel;
            case MIS: return intLevel & intEnabled;
            case DMACR: return dmacr;
            default: {
                int id = primeCellId(off, ID);
                return id >= 0 ? id : 0;
            }
        }
    }

    @Override
    protected void writeReg(int off, int value) {
        switch (off) {
            case DR:
                if (tx != null && !txBroken) {
                    try {
                        tx.write(value & 0xff);
                    } catch (IOException e) {
                        txBroken = true; // the host side went away (closed pipe): drop output, never fail the guest
                    }
                }
                intLevel |= INT_TX;
                update();
                break;
            case RSR: rsr = 0; break; // ECR: any write clears the error flags
            case ILPR: ilpr = value & 0xff; break;
            case IBRD: ibrd = value & 0xffff; break;
            case FBRD: fbrd = value & 0x3f; break;
            case LCR_H:
                if (((lcr ^ value) & LCR_FEN) != 0) {
                    readCount = 0;
                    readPos = 0;
                    flags = (flags | FR_RXFE) & ~FR_RXFF;
                }
                lcr = value & 0xff;
                break;
            case CR: cr = value & 0xffff; break;
            case IFLS: ifl = value & 0x3f; break;
            case IMSC: intEnabled = value & 0x7ff; update(); break;
            case ICR: intLevel &= ~value; update(); break;
            case DMACR: dmacr = value & 7; break;
            default: break; // read-only or reserved: ignored
        }
    }

    @Override
    public String name() { return "pl011"; }
}
