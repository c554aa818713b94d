package org.armach.mach.device;

/** The kernel's console driver: output bytes, polled/interrupt-fed input. */
public interface Console {
    void write(byte[] b, int off, int len);

    /** The next received byte, or -1 if none is waiting. */
    int read();

    /** Turns the receive interrupt on (the kernel drains input on every IRQ). */
    default void enableRxInterrupt() { }
}
