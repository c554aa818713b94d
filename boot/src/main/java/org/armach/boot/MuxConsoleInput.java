package org.armach.boot;

import java.io.PrintStream;

import org.armach.core.board.ConsoleInput;

/**
 * QEMU's "mon:" console multiplexer escapes on the input side (used with {@code -nographic}
 * and {@code -serial mon:stdio}): Ctrl-A x quits, Ctrl-A h prints help, Ctrl-A Ctrl-A sends
 * a Ctrl-A to the guest; other escapes are accepted and ignored (there is no monitor yet).
 */
final class MuxConsoleInput implements ConsoleInput {
    static final int ESCAPE = 0x01;
    private static final int SKIP = Integer.MIN_VALUE;
    private final ConsoleInput in;
    private final PrintStream err;
    private boolean escape;

    MuxConsoleInput(ConsoleInput in, PrintStream err) {
        this.in = in;
        this.err = err;
    }

    @Override
    public int poll() {
        while (true) {
            int b = in.poll();
            if (b < 0) return b;
            int r = filter(b);
            if (r != SKIP) return r;
        }
    }

    @Override
    public int take(long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = timeoutNanos < 0 ? -1 : Math.max(0, end - System.nanoTime());
            int b = in.take(left);
            if (b < 0) return b;
            int r = filter(b);
            if (r != SKIP) return r;
            if (timeoutNanos >= 0 && System.nanoTime() >= end) return NONE;
        }
    }

    @Override
    public void unread(int b) {
        in.unread(b);
    }

    private int filter(int b) {
        if (escape) {
            escape = false;
            switch (b) {
                case ESCAPE: return ESCAPE;
                case 'x': return QUIT;
                case 'h':
                case '?':
                    err.print("\r\nC-a h    print this help\r\nC-a x    exit emulator\r\nC-a C-a  sends C-a\r\n");
                    err.flush();
                    return SKIP;
                case 'c':
                    err.print("\r\narmach: the monitor is not available\r\n");
                    err.flush();
                    return SKIP;
                default:
                    return SKIP;
            }
        }
        if (b == ESCAPE) {
            escape = true;
            return SKIP;
        }
        return b;
    }
}
