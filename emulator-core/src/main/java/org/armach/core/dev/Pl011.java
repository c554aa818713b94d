package org.armach.core.dev;

import java.io.IOException;
import java.io.OutputStream;

/**
 * ARM PrimeCell UART (PL011, r1p5) with the register set Linux's amba-pl011 driver and the
 * pl011 earlycon use.
 *
 * <h2>Transmit</h2>
 * Transmission takes no time: a byte written to DR goes straight to the {@link OutputStream},
 * so the transmit FIFO is always empty (FR.TXFE = 1, TXFF = BUSY = 0). The FIFO still passes
 * through its trigger level as it drains, so every DR write raises TXRIS, which stays set until
 * cleared through ICR (the hardware's edge behaviour; QEMU does the same). Like QEMU, bytes are
 * sent whatever UARTCR.UARTEN/TXE say (bare-metal programs write DR without enabling the UART).
 * With UARTCR.LBE set, written bytes loop back into the receive FIFO instead.
 *
 * <h2>Receive</h2>
 * A 16-entry FIFO of 12-bit entries (data + FE/PE/BE/OE), one entry deep with LCR_H.FEN clear.
 * Input comes from an {@link RxSource} the UART pulls from whenever it has room and UARTCR.RXE
 * is set: when the guest reads DR or FR and when the board calls {@link #pullRx()}. Input is
 * therefore never dropped: bytes stay with the source until the guest drains the FIFO
 * (backpressure), and a guest with RXE clear (Linux with the port closed) receives nothing.
 * {@link #receive(int)} pushes a byte directly (tests).
 * <ul>
 * <li>RXRIS is set when the FIFO fill reaches the receive trigger level from IFLS
 * (2/4/8/12/14 of 16; 1 without FIFOs) and cleared when reads take it below the level, or by ICR.
 * <li>RTRIS (receive timeout) is set when the FIFO holds data and the line has gone idle: the
 * source has no further byte right now (the emulated counterpart of "no character for 32 bit
 * periods"). It is armed by each received or read character, so it fires once per pause, and is
 * cleared when the FIFO empties or by ICR.
 * <li>A break from the host ({@link #receiveBreak()}) enters a NUL with the BE flag and sets BERIS.
 * Overruns (only possible through loopback) set OERIS and the OE flag in RSR.
 * </ul>
 * Changing LCR_H.FEN keeps the FIFO contents (hardware and QEMU 7.2 discard them); discarding
 * would lose input the host already handed over. DMACR is stored and otherwise ignored (no DMA).
 *
 * <p>The interrupt output is a level: {@code (RIS & IMSC) != 0}. Registers accept 8-, 16- and
 * 32-bit accesses; the PrimeCell IDs at 0xFE0..0xFFC read 0x11 0x10 0x14 0x00 0x0d 0xf0 0x05 0xb1.
 * Reset values are QEMU's: FR 0x90, CR 0x300, IFLS 0x12.
 */
public final class Pl011 extends WordRegisters implements UartPort {
    public static final int DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
            LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040, ICR = 0x044, DMACR = 0x048;

    public static final int FR_CTS = 1, FR_DSR = 1 << 1, FR_DCD = 1 << 2, FR_BUSY = 1 << 3, FR_RXFE = 1 << 4,
            FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7, FR_RI = 1 << 8;
    public static final int INT_RI = 1, INT_CTS = 1 << 1, INT_DCD = 1 << 2, INT_DSR = 1 << 3, INT_RX = 1 << 4,
            INT_TX = 1 << 5, INT_RT = 1 << 6, INT_FE = 1 << 7, INT_PE = 1 << 8, INT_BE = 1 << 9, INT_OE = 1 << 10;
    public static final int INT_ALL = 0x7ff;
    /** Error flags in DR reads (bits 8..11) and RSR (bits 0..3). */
    public static final int DR_FE = 1 << 8, DR_PE = 1 << 9, DR_BE = 1 << 10, DR_OE = 1 << 11;
    public static final int LCR_BRK = 1, LCR_FEN = 1 << 4;
    public static final int CR_UARTEN = 1, CR_LBE = 1 << 7, CR_TXE = 1 << 8, CR_RXE = 1 << 9;

    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    public static final int FIFO_DEPTH = 16;
    /** Trigger levels (entries) for IFLS values 0..4 (1/8, 1/4, 1/2, 3/4, 7/8); reserved values act as 7/8. */
    private static final int[] LEVELS = {2, 4, 8, 12, 14, 14, 14, 14};

    private final OutputStream tx;
    private final IrqLine irq;
    private RxSource source;

    private final int[] fifo = new int[FIFO_DEPTH];
    private int readPos, readCount;
    private int lcr, rsr, cr, ifl, ilpr, ibrd, fbrd, dmacr;
    private int intLevel, intEnabled;
    private boolean rtArmed;
    private boolean irqOut;
    private boolean txBroken;

    public Pl011(OutputStream tx, IrqLine irq) {
        this.tx = tx;
        this.irq = irq == null ? IrqLine.NONE : irq;
        reset();
    }

    public void reset() {
        readPos = readCount = 0;
        lcr = rsr = ilpr = ibrd = fbrd = dmacr = 0;
        cr = CR_TXE | CR_RXE;
        ifl = 0x12;
        intLevel = intEnabled = 0;
        rtArmed = false;
        update();
    }

    @Override
    public void setRxSource(RxSource s) { this.source = s; }

    private int depth() { return (lcr & LCR_FEN) != 0 ? FIFO_DEPTH : 1; }

    private int rxLevel() { return (lcr & LCR_FEN) != 0 ? LEVELS[(ifl >> 3) & 7] : 1; }

    /** Whether the receiver is enabled and the receive FIFO has room for another byte. */
    @Override
    public boolean canReceive() { return (cr & CR_RXE) != 0 && readCount < depth(); }

    /** Number of entries in the receive FIFO. */
    public int rxCount() { return readCount; }

    /** Puts a byte from the host into the receive FIFO; returns false (and drops nothing) if it cannot take it. */
    public boolean receive(int b) {
        if (!canReceive()) return false;
        push(b & 0xff);
        update();
        return true;
    }

    /** A break condition on the line: a NUL entry with the BE flag (if there is room), and BERIS. */
    public boolean receiveBreak() {
        if (!canReceive()) return false;
        push(DR_BE);
        intLevel |= INT_BE;
        update();
        return true;
    }

    private void push(int entry) {
        fifo[(readPos + readCount) % FIFO_DEPTH] = entry;
        readCount++;
        rtArmed = true;
        if (readCount >= rxLevel()) intLevel |= INT_RX;
    }

    /**
     * Moves input from the source into the FIFO while there is room; when the source has run dry
     * and data waits in the FIFO, the receive timeout fires. Returns true if any byte was taken.
     */
    @Override
    public boolean pullRx() {
        boolean took = false;
        if (source != null) {
            while (canReceive()) {
                int b = source.poll();
                if (b < 0) {
                    lineIdle();
                    break;
                }
                push(b & 0xff);
                took = true;
            }
        }
        update();
        return took;
    }

    /** The line is idle (no further input now): receive timeout if data waits. */
    private void lineIdle() {
        if (rtArmed && readCount > 0) {
            intLevel |= INT_RT;
            rtArmed = false;
        }
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

    private int flags() {
        int f = FR_TXFE;
        if (readCount == 0) f |= FR_RXFE;
        if (readCount >= depth()) f |= FR_RXFF;
        return f;
    }

    private int readData() {
        if (readCount == 0) {
            pullRx();
            if (readCount == 0) return 0;
        }
        int c = fifo[readPos];
        readPos = (readPos + 1) % FIFO_DEPTH;
        readCount--;
        rsr = c >>> 8;
        if (readCount < rxLevel()) intLevel &= ~INT_RX;
        if (readCount == 0) intLevel &= ~INT_RT;
        else rtArmed = true;
        pullRx();
        return c;
    }

    @Override
    protected int readReg(int off) {
        switch (off) {
            case DR: return readData();
            case RSR: return rsr;
            case FR:
                if (readCount < depth()) pullRx();
                return flags();
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

    private void transmit(int c) {
        if ((cr & CR_LBE) != 0) {
            if (readCount < depth()) {
                push(c);
            } else {
                rsr |= DR_OE >>> 8;
                intLevel |= INT_OE;
            }
        } else if (tx != null && !txBroken) {
            try {
                tx.write(c);
            } catch (IOException e) {
                txBroken = true; // the host side went away (closed pipe): drop output, never fail the guest
            }
        }
        intLevel |= INT_TX;
    }

    @Override
    protected void writeReg(int off, int value) {
        switch (off) {
            case DR: transmit(value & 0xff); break;
            case RSR: rsr = 0; break; // ECR: any write clears the error flags
            case ILPR: ilpr = value & 0xff; break;
            case IBRD: ibrd = value & 0xffff; break;
            case FBRD: fbrd = value & 0x3f; break;
            case LCR_H: {
                boolean fenChanged = ((lcr ^ value) & LCR_FEN) != 0;
                lcr = value & 0xff;
                if (fenChanged) {
                    if (readCount < rxLevel()) intLevel &= ~INT_RX;
                    else intLevel |= INT_RX;
                    pullRx();
                }
                break;
            }
            case CR: {
                boolean rxWasOff = (cr & CR_RXE) == 0;
                cr = value & 0xffff;
                if (rxWasOff && (cr & CR_RXE) != 0) pullRx();
                break;
            }
            case IFLS:
                ifl = value & 0x3f;
                if (readCount >= rxLevel()) intLevel |= INT_RX;
                else intLevel &= ~INT_RX;
                break;
            case IMSC: intEnabled = value & INT_ALL; break;
            case ICR: intLevel &= ~value; break;
            case DMACR: dmacr = value & 7; break;
            default: break; // read-only or reserved: ignored
        }
        update();
    }

    @Override
    public String name() { return "pl011"; }
}
