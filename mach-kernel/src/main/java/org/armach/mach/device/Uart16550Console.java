package org.armach.mach.device;

import org.armach.core.mem.Bus;
import org.armach.core.mem.MmioDevice;

/**
 * Console on a 16550-compatible UART (the A64's DesignWare APB UART, {@code ns16550a}, ...)
 * programmed through its MMIO registers as a kernel driver does: registers {@code n << regShift}
 * apart, accessed {@code ioWidth} bytes wide (the DT's reg-shift and reg-io-width). Keeps the
 * line settings and divisor the firmware left (as GNU Mach does after U-Boot); turns the FIFOs
 * on with a one-byte receive trigger. Output waits for LSR.THRE; input is read while LSR.DR.
 */
public final class Uart16550Console implements Console {
    static final int THR = 0, RBR = 0, IER = 1, FCR = 2, LCR = 3, LSR = 5;
    static final int LSR_DR = 1, LSR_THRE = 1 << 5, LCR_DLAB = 1 << 7, IER_ERBFI = 1;
    /** FIFO enable, clear both FIFOs, receive trigger 1 byte. */
    static final int FCR_INIT = 0x07;
    /** Bound on the wait for THRE (a UART that never drains must not hang the kernel). */
    static final int THRE_SPINS = 100_000;

    private final MmioDevice uart;
    private final long base;
    private final int shift, width;

    public Uart16550Console(Bus bus, long base, int regShift, int ioWidth) {
        Bus.Region r = bus.findRegion(base);
        if (r == null) throw new IllegalArgumentException("no device at 0x" + Long.toHexString(base));
        this.uart = r.device;
        this.base = base - r.base;
        this.shift = regShift;
        this.width = ioWidth == 4 || ioWidth == 2 ? ioWidth : 1;
        int lcr = in(LCR);
        if ((lcr & LCR_DLAB) != 0) out(LCR, lcr & ~LCR_DLAB);
        out(FCR, FCR_INIT);
    }

    private int in(int reg) { return (int) uart.read(base + ((long) reg << shift), width) & 0xff; }

    private void out(int reg, int v) { uart.write(base + ((long) reg << shift), width, v & 0xff); }

    private void putc(int c) {
        for (int i = 0; i < THRE_SPINS && (in(LSR) & LSR_THRE) == 0; i++) { }
        out(THR, c);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '\n') putc('\r');
            putc(b[off + i] & 0xff);
        }
    }

    @Override
    public int read() {
        if ((in(LSR) & LSR_DR) == 0) return -1;
        return in(RBR);
    }

    @Override
    public void enableRxInterrupt() { rxInterrupt(true); }

    @Override
    public void rxInterrupt(boolean on) { out(IER, on ? IER_ERBFI : 0); }
}
