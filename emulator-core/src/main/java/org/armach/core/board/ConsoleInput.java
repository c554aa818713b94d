package org.armach.core.board;

/**
 * Host console input as the machine loop consumes it: bytes for the guest's UART, the end
 * of input, or a request from the host side to quit (e.g. the Ctrl-A x escape).
 */
public interface ConsoleInput {
    /** No byte available right now. */
    int NONE = -1;
    /** Input has ended (stdin closed); no byte will ever come. */
    int EOF = -2;
    /** The user asked the emulator to quit. */
    int QUIT = -3;

    /** Returns the next byte (0..255), or {@link #NONE}, {@link #EOF} or {@link #QUIT}, without blocking. */
    int poll();

    /**
     * Waits up to {@code timeoutNanos} (forever if negative) for the next item; returns as
     * {@link #poll()} does ({@link #NONE} on timeout).
     */
    int take(long timeoutNanos) throws InterruptedException;

    /** Pushes back one byte so that the next poll/take returns it first. */
    void unread(int b);

    /** A console with no input at all (already at end of input). */
    ConsoleInput CLOSED = new ConsoleInput() {
        @Override public int poll() { return EOF; }
        @Override public int take(long t) { return EOF; }
        @Override public void unread(int b) {}
    };
}
