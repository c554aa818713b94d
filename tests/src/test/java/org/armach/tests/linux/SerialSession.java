package org.armach.tests.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted serial console on a machine that runs in a thread and talks through streams (here
 * a QEMU process; armach has its own API, {@code org.armach.core.board.SerialConsole}):
 * {@link #expect} waits for a pattern in the console output, {@link #sendLine} types a line.
 * The machine is anything that takes (stdin, stdout, stderr) and returns an exit status.
 */
final class SerialSession implements AutoCloseable {
    /** The machine: runs until the guest powers off, reading {@code in}, writing {@code out}/{@code err}. */
    interface Machine {
        int run(InputStream in, PrintStream out, PrintStream err) throws Exception;
    }

    private final StringBuilder console = new StringBuilder();
    private final StringBuilder errors = new StringBuilder();
    private int consumed;
    private final PipedOutputStream keys;
    private final Thread thread;
    private volatile Integer status;
    private volatile Throwable failure;

    SerialSession(String name, Machine machine) throws IOException {
        PipedInputStream in = new PipedInputStream(4096);
        keys = new PipedOutputStream(in);
        PrintStream out = new PrintStream(new Sink(console), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new Sink(errors), true, StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            try {
                status = machine.run(in, out, err);
            } catch (Throwable t) {
                failure = t;
                status = -1;
            } finally {
                out.flush();
                err.flush();
                synchronized (console) { console.notifyAll(); }
            }
        }, "linux-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Appends bytes (ISO-8859-1, so that no byte is lost to decoding) and wakes waiters. */
    private final class Sink extends OutputStream {
        private final StringBuilder sb;
        Sink(StringBuilder sb) { this.sb = sb; }
        @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }
        @Override public void write(byte[] b, int off, int len) {
            synchronized (console) {
                sb.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
                console.notifyAll();
            }
        }
    }

    /**
     * Waits until {@code regex} matches the output not consumed yet; returns the output up to
     * the end of the match (and consumes it). Fails with the console tail on timeout or if the
     * machine stops first.
     */
    String expect(String regex, long timeoutSeconds) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (console) {
            while (true) {
                Matcher m = p.matcher(console);
                if (m.find(consumed)) {
                    String s = console.substring(consumed, m.end());
                    consumed = m.end();
                    return s;
                }
                if (status != null) throw new AssertionError("machine stopped (status " + status + ") while waiting for /" + regex + "/" + describe());
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("timeout after " + timeoutSeconds + " s waiting for /" + regex + "/" + describe());
                TimeUnit.NANOSECONDS.timedWait(console, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        }
    }

    /** Types {@code line} and a carriage return (what a terminal sends for Enter). */
    void sendLine(String line) throws IOException {
        keys.write((line + "\r").getBytes(StandardCharsets.ISO_8859_1));
        keys.flush();
    }

    /** Waits for the machine to stop; returns its exit status. */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        if (thread.isAlive()) throw new AssertionError("machine still running after " + timeoutSeconds + " s" + describe());
        if (failure != null) throw new AssertionError("machine failed: " + failure + describe(), failure);
        return status;
    }

    boolean running() { return status == null; }

    String console() { synchronized (console) { return console.toString(); } }

    String errors() { synchronized (console) { return errors.toString(); } }

    private String describe() {
        String c = console();
        return "\n--- stderr ---\n" + errors() + "\n--- console tail ---\n" + c.substring(Math.max(0, c.length() - 3000));
    }

    /** Stops a machine that is still running (Ctrl-A x on a mon:stdio console), then ends input. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (running()) {
                keys.write(new byte[] {1, 'x'});
                keys.flush();
                thread.join(30_000);
            }
        } catch (IOException e) {
            // the machine has stopped reading
        } finally {
            keys.close();
        }
    }

    static Function<String, String> clean = s -> s.replace("\r", "").replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
}
