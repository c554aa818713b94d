package org.armach.mach.device;

import org.armach.core.dev.Pl011;
import org.armach.core.mem.Bus;
import org.armach.core.mem.MmioDevice;

/** Console on a PL011 programmed through its MMIO registers, as a kernel driver does. */
public final class Pl011Console implements Console {
    private final MmioDevice uart;

    public Pl011Console(Bus bus, long base) {
        Bus.Region r = bus.findRegion(base);
        if (r == null) throw new IllegalArgumentException("no device at 0x" + Long.toHexString(base));
        this.uart = r.device;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (b[off + i] == '\n') uart.write(Pl011.DR, 4, '\r');
            uart.write(Pl011.DR, 4, b[off + i] & 0xff);
        }
    }

    @Override
    public int read() {
        if ((uart.read(Pl011.FR, 4) & Pl011.FR_RXFE) != 0) return -1;
        return (int) uart.read(Pl011.DR, 4) & 0xff;
    }

    @Override
    public void enableRxInterrupt() {
        uart.write(Pl011.CR, 4, 0x301); // UARTEN, TXE, RXE
        uart.write(Pl011.IMSC, 4, Pl011.INT_RX | Pl011.INT_RT);
    }
}
