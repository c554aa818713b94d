package org.armach.core.dev;

/**
 * The host side of a console UART as the board's run loop sees it ({@link Pl011},
 * {@link Uart16550}): input is pulled from an {@link RxSource} only while the receiver has
 * room, so console input waits on the host side instead of being dropped.
 */
public interface UartPort {
    /** Where received bytes come from. */
    @FunctionalInterface
    interface RxSource {
        /** The next input byte (0..255), or a negative value if none is available now. Must not block. */
        int poll();
    }

    /** Sets the input the UART pulls from (null: none). */
    void setRxSource(RxSource s);

    /** Moves input from the source into the receiver while it has room; true if any byte was taken. */
    boolean pullRx();

    /** Whether the receiver could take another byte now. */
    boolean canReceive();
}
