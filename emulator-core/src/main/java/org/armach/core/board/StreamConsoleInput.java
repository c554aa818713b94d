package org.armach.core.board;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Console input from an {@link InputStream}, read by a daemon thread into a queue so the
 * machine loop never blocks on the host except when the guest waits for input. Read
 * errors count as end of input.
 */
public final class StreamConsoleInput implements ConsoleInput {
    private final LinkedBlockingDeque<Integer> queue = new LinkedBlockingDeque<>();
    private volatile boolean ended;

    public StreamConsoleInput(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) queue.add(buf[i] & 0xff);
                }
            } catch (IOException e) {
                // treated as end of input
            } finally {
                queue.add(EOF);
            }
        }, "armach-console-input");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public int poll() {
        if (ended) return EOF;
        Integer v = queue.poll();
        return v == null ? NONE : check(v);
    }

    @Override
    public int take(long timeoutNanos) throws InterruptedException {
        if (ended) return EOF;
        Integer v = timeoutNanos < 0 ? queue.take() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        return v == null ? NONE : check(v);
    }

    private int check(int v) {
        if (v == EOF) ended = true;
        return v;
    }

    @Override
    public void unread(int b) {
        queue.addFirst(b);
        if (b == EOF) ended = false;
    }
}
