package org.armach.core.board;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scripted access to a machine's serial console (PL011), for integration tests and tools: the
 * machine runs on a background thread while the caller waits for output and types input.
 *
 * <pre>{@code
 * VirtConfig cfg = new VirtConfig();
 * cfg.kernel = Files.readAllBytes(kernel);
 * cfg.kernelName = kernel.toString();
 * try (SerialConsole con = SerialConsole.start(cfg)) {
 *     con.expect("login: ", Duration.ofSeconds(60));       // literal text
 *     con.sendLine("root");
 *     String v = con.expect(Pattern.compile("Linux version \\S+"), Duration.ofSeconds(5));
 *     con.sendLine("poweroff -f");
 *     assertEquals(0, con.awaitExit(Duration.ofSeconds(30)));
 * }
 * }</pre>
 * (From the command line's options: {@code org.armach.boot.Main.startConsole("-M", "virt",
 * "-kernel", ..., "-drive", ...)} in the boot module.)
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li><b>Threads.</b> The machine stays single-threaded: it runs on its own daemon thread
 * ("armach-machine"); this object only exchanges bytes with it through locked buffers. All
 * methods are thread-safe.
 * <li><b>Output</b> is captured completely, byte for byte, from power-on (including reboots).
 * Bytes map 1:1 to chars (ISO-8859-1), so patterns see exactly what the guest wrote (UTF-8
 * output appears as its individual bytes). {@link #output()} returns all of it.
 * <li><b>expect</b> works like pexpect: it searches the output after the end of the previous
 * match (initially from the start), returns the matched text and moves past it. It fails with an
 * {@link ExpectException} after the timeout, or at once if the machine has stopped (or failed to
 * boot) without the pattern in its output; the message names the pattern, the machine's state
 * and the last {@value #TAIL} characters of output. {@link #lastMatch()} gives the groups.
 * <li><b>Input</b> ({@link #send}, {@link #sendLine}) is queued and reaches the UART only as fast
 * as the guest drains its receive FIFO: nothing is ever dropped, however much is sent at once.
 * {@code sendLine} appends '\n' (a Linux tty with ICRNL treats it like Enter's '\r'). Send
 * input once the guest is ready for it (after expecting its prompt): Linux's amba-pl011 driver
 * discards up to 32 characters waiting in the UART when a tty is opened, and a shell that is not
 * reading yet sees typed-ahead input only if its tty buffered it.
 * <li><b>Exit.</b> {@link #awaitExit} returns the machine's exit status: 0 for PSCI SYSTEM_OFF, or
 * for SYSTEM_RESET when started with noReboot (the default here), 1 for a stuck guest, 3 for the
 * instruction limit (see {@link Machine}). {@link #close()} stops a machine that is still running,
 * waits for its thread and closes the config's drives.
 * </ul>
 */
public final class SerialConsole implements AutoCloseable {
    /** Characters of output quoted in failure messages. */
    public static final int TAIL = 2000;

    /** An expected pattern did not appear (timeout, or the machine stopped), or the machine did not exit in time. */
    public static final class ExpectException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String tail;

        ExpectException(String message, String tail, Throwable cause) {
            super(message + "\n---- last " + tail.length() + " characters of console output ----\n" + tail + "\n---- end of console output ----", cause);
            this.tail = tail;
        }

        /** The end of the console output when the failure happened. */
        public String tail() { return tail; }
    }

    private final Object lock = new Object();
    private final StringBuilder out = new StringBuilder();
    private final ScriptInput input = new ScriptInput();
    private final Machine machine;
    private final Thread thread;
    private final AutoCloseable resources;
    private int mark;
    private MatchResult lastMatch;
    private boolean finished;
    private Machine.Outcome outcome;
    private Throwable failure;

    private SerialConsole(Function<OutputStream, VirtBoard> factory, boolean noReboot, long maxInsns, AutoCloseable resources) {
        this.resources = resources;
        this.machine = new Machine(factory, new Capture(), input, noReboot, maxInsns);
        this.thread = new Thread(this::runMachine, "armach-machine");
        thread.setDaemon(true);
    }

    /** Boots {@code config} (with -no-reboot semantics, no instruction limit) on a background thread. */
    public static SerialConsole start(VirtConfig config) {
        return start(config, true, 0);
    }

    /**
     * Boots {@code config} on a background thread.
     *
     * @param noReboot  a guest reset ends the run with status 0 (otherwise the machine reboots)
     * @param maxInsns  stop with status 3 after this many instructions (0 = no limit)
     */
    public static SerialConsole start(VirtConfig config, boolean noReboot, long maxInsns) {
        return start(o -> {
            VirtBoard b = new VirtBoard(config, o);
            b.boot();
            return b;
        }, noReboot, maxInsns, config);
    }

    /**
     * Runs boards built by {@code factory} (called again on reboot, with the console stream) on a
     * background thread; {@code resources} (may be null) is closed when the machine stops.
     */
    public static SerialConsole start(Function<OutputStream, VirtBoard> factory, boolean noReboot, long maxInsns, AutoCloseable resources) {
        SerialConsole c = new SerialConsole(factory, noReboot, maxInsns, resources);
        c.thread.start();
        return c;
    }

    private void runMachine() {
        Machine.Outcome o = null;
        Throwable t = null;
        try {
            o = machine.run();
        } catch (Throwable e) {
            t = e;
        } finally {
            if (resources != null) {
                try {
                    resources.close();
                } catch (Exception e) {
                    if (t == null) t = e;
                }
            }
            synchronized (lock) {
                outcome = o;
                failure = t;
                finished = true;
                lock.notifyAll();
            }
        }
    }

    /** The machine (its board, retired instructions...). Touch its state only after it has stopped. */
    public Machine machine() { return machine; }

    // ---- output ------------------------------------------------------------------------------

    /** Waits for {@code text} to appear; returns it. */
    public String expect(String text, Duration timeout) {
        return expect(Pattern.compile(Pattern.quote(text)), timeout);
    }

    /** Waits for {@code p} to match the output after the previous match; returns the matched text. */
    public String expect(Pattern p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            Matcher m = p.matcher(out);
            while (true) {
                m.reset(out);
                m.region(mark, out.length());
                if (m.find()) {
                    lastMatch = m.toMatchResult();
                    mark = m.end();
                    return m.group();
                }
                if (finished) {
                    throw new ExpectException("the machine stopped (" + describeEnd() + ") before the output matched /" + p + "/", tailLocked(), failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ExpectException("timed out after " + fmt(timeout) + " waiting for /" + p + "/ (the machine is still running)", tailLocked(), null);
                }
                waitLocked(left);
            }
        }
    }

    /** The match of the last successful {@code expect} (for groups), or null. */
    public MatchResult lastMatch() {
        synchronized (lock) {
            return lastMatch;
        }
    }

    /** All console output so far. */
    public String output() {
        synchronized (lock) {
            return out.toString();
        }
    }

    /** Output after the end of the last match (what the next expect searches). */
    public String pendingOutput() {
        synchronized (lock) {
            return out.substring(mark);
        }
    }

    // ---- input -------------------------------------------------------------------------------

    /** Queues the UTF-8 bytes of {@code s} for the guest. */
    public void send(String s) {
        sendBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues {@code line} followed by '\n'. */
    public void sendLine(String line) {
        send(line + "\n");
    }

    /** Queues raw bytes for the guest. */
    public void sendBytes(byte[] b) {
        input.add(b);
    }

    /** Bytes sent but not yet taken by the UART. */
    public int pendingInput() {
        return input.size();
    }

    // ---- exit --------------------------------------------------------------------------------

    /** Waits for the machine to stop; returns its exit status. */
    public int awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new ExpectException("timed out after " + fmt(timeout) + " waiting for the machine to stop", tailLocked(), null);
                waitLocked(left);
            }
            if (outcome == null) throw new ExpectException("the machine failed: " + describeEnd(), tailLocked(), failure);
            return outcome.status;
        }
    }

    /** True once the machine has stopped. */
    public boolean finished() {
        synchronized (lock) {
            return finished;
        }
    }

    /** How the run ended, or null while running (or if it failed with an exception). */
    public Machine.Outcome outcome() {
        synchronized (lock) {
            return outcome;
        }
    }

    /** Stops the machine if it still runs, waits for it (up to 10 s) and releases its resources. */
    @Override
    public void close() {
        machine.requestStop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ---------------------------------------------------------------------------

    private void waitLocked(long nanos) {
        try {
            lock.wait(Math.max(1, Math.min(nanos / 1_000_000, 100)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpectException("interrupted while waiting for console output", tailLocked(), e);
        }
    }

    private String describeEnd() {
        if (failure != null) return "failed: " + failure;
        if (outcome == null) return "running";
        return "exit status " + outcome.status + (outcome.message == null ? "" : ", " + outcome.message);
    }

    private String tailLocked() {
        return out.substring(Math.max(0, out.length() - TAIL));
    }

    private static String fmt(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Console output: appended under the lock; waiters wake at each flush (newlines, idle, slice ends). */
    private final class Capture extends OutputStream {
        @Override
        public void write(int b) {
            synchronized (lock) {
                out.append((char) (b & 0xff));
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (lock) {
                for (int i = 0; i < len; i++) out.append((char) (b[off + i] & 0xff));
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Queued input the machine polls; never ends (the guest may always wait for more). */
    private static final class ScriptInput implements ConsoleInput {
        private byte[] buf = new byte[256];
        private int head, count;
        /** A byte pushed back by the machine loop, or -1. */
        private int pushedBack = -1;

        synchronized void add(byte[] b) {
            if (count + b.length > buf.length) {
                byte[] n = new byte[Math.max(buf.length * 2, count + b.length)];
                for (int i = 0; i < count; i++) n[i] = buf[(head + i) % buf.length];
                buf = n;
                head = 0;
            }
            for (byte x : b) buf[(head + count++) % buf.length] = x;
            notifyAll();
        }

        synchronized int size() { return count + (pushedBack >= 0 ? 1 : 0); }

        @Override
        public synchronized int poll() {
            if (pushedBack >= 0) {
                int b = pushedBack;
                pushedBack = -1;
                return b;
            }
            if (count == 0) return NONE;
            int b = buf[head] & 0xff;
            head = (head + 1) % buf.length;
            count--;
            return b;
        }

        @Override
        public synchronized int take(long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (pushedBack < 0 && count == 0) {
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return NONE;
                    wait(Math.max(1, left / 1_000_000));
                }
            }
            return poll();
        }

        @Override
        public synchronized void unread(int b) {
            if (b >= 0) pushedBack = b;
        }
    }
}
