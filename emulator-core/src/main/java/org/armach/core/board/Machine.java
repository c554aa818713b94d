package org.armach.core.board;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.armach.core.cpu.Cpu;
import org.armach.core.dev.UartPort;
import org.armach.core.dev.Psci;

/**
 * The run loop of a {@link VirtBoard}: runs the CPU in slices, feeds console input to the
 * UART, flushes console output, fast-forwards the virtual clock while the CPU waits for a
 * scheduled event, and ends on PSCI SYSTEM_OFF (status 0), SYSTEM_RESET (reboot, or status
 * 0 with no-reboot as QEMU), an instruction limit (status 3), a quit request from the
 * console or {@link #requestStop()} (status 0), or a guest that waits for an interrupt nothing
 * can raise any more (status 1, instead of hanging).
 *
 * <p>Console input reaches the guest without loss: the UART pulls bytes from the
 * {@link ConsoleInput} only while its receive FIFO has room (when the guest reads the UART and
 * once per slice), so input waits on the host side until the guest drains the FIFO.
 */
public final class Machine {
    /** Exit status when the instruction limit is reached. */
    public static final int EXIT_MAX_INSNS = 3;
    /** Exit status when the guest can never run again (WFI with nothing to wake it, CPU_OFF). */
    public static final int EXIT_STUCK = 1;

    /** How the run ended. */
    public static final class Outcome {
        public final int status;
        /** A one-line notice for the user, or null. */
        public final String message;

        Outcome(int status, String message) {
            this.status = status;
            this.message = message;
        }

        @Override
        public String toString() { return status + (message == null ? "" : ": " + message); }
    }

    private final Supplier<VirtBoard> boardFactory;
    private final ConsoleOutput out;
    private final ConsoleInput in;
    private final boolean noReboot;
    private final long maxInsns;
    private final List<Runnable> clockListeners = new ArrayList<>();
    private VirtBoard board;
    private long retiredBefore;
    private int resets;
    /** The console asked to quit (seen by the UART's input source). */
    private volatile boolean quitRequested;
    /** Another thread asked the machine to stop. */
    private volatile boolean stopRequested;
    /** The UART's view of the console: bytes only, QUIT noted on the side. */
    private final UartPort.RxSource rxSource = this::pollInput;

    private int pollInput() {
        if (quitRequested) return -1;
        int b = in.poll();
        if (b == ConsoleInput.QUIT) {
            quitRequested = true;
            return -1;
        }
        return b < 0 ? -1 : b;
    }
    /** Instructions per slice between host-side checks (input, output flush). */
    private long slice = 1 << 20;

    /**
     * @param boardFactory builds and boots a fresh board (called again on reboot); receives console output through {@link #consoleStream()}
     * @param out          guest console output
     * @param in           console input
     * @param noReboot     QEMU's -no-reboot: a guest reset ends the run with status 0
     * @param maxInsns     stop after this many instructions (0 = no limit)
     */
    public Machine(java.util.function.Function<OutputStream, VirtBoard> boardFactory, OutputStream out, ConsoleInput in, boolean noReboot, long maxInsns) {
        this.out = new ConsoleOutput(out);
        this.boardFactory = () -> boardFactory.apply(this.out);
        this.in = in == null ? ConsoleInput.CLOSED : in;
        this.noReboot = noReboot;
        this.maxInsns = maxInsns;
    }

    private RunControl control;

    /** Puts a debugger in charge of running and stepping (null: none). */
    public void setRunControl(RunControl c) { this.control = c; }

    /** Called whenever the CPU returns to the loop (timers check their deadlines here). */
    public void addClockListener(Runnable r) { clockListeners.add(r); }

    private boolean paceIdle;

    /**
     * With a person at the console, an idle guest under the virtual clock should not spin the
     * host: virtual time then advances no faster than real time while the CPU waits (as QEMU's
     * {@code -icount sleep=on}), and typed input wakes it at once. Scripted runs keep jumping
     * straight to the next event, which keeps them fast and reproducible.
     */
    public void setPaceIdle(boolean pace) { this.paceIdle = pace; }

    public VirtBoard board() { return board; }

    /** Instructions retired by the guest over all boots (time skipped while idle is not counted). */
    public long retired() {
        return retiredBefore + (board == null ? 0 : board.cpu.icount);
    }

    public int resets() { return resets; }

    /**
     * Asks the run loop to stop (from any thread); {@link #run()} then returns status 0 with the
     * message "stopped". Seen within one slice, or within 100 ms while the guest waits.
     */
    public void requestStop() { stopRequested = true; }

    /** Builds and boots the board (done by {@link #run()} if not called before). */
    public VirtBoard boot() {
        if (board == null) {
            board = boardFactory.get();
            board.serial.setRxSource(rxSource);
        }
        return board;
    }

    /** Runs until the machine stops; returns the outcome. */
    public Outcome run() {
        boot();
        try {
            Outcome o = loop();
            if (control != null) control.exited(o);
            return o;
        } finally {
            out.flushQuietly();
        }
    }

    private Outcome loop() {
        while (true) {
            Cpu cpu = board.cpu;
            board.serial.pullRx();
            if (quitRequested) return new Outcome(0, "terminated");
            if (stopRequested) return new Outcome(0, "stopped");
            long budget = slice;
            if (maxInsns > 0) {
                long left = maxInsns - retired();
                if (left <= 0) return new Outcome(EXIT_MAX_INSNS, "stopped after " + retired() + " instructions (--max-insns)");
                budget = Math.min(budget, left);
            }
            boolean step = false;
            if (control != null) {
                int mode = control.beforeRun(this);
                if (mode == RunControl.KILL) return new Outcome(0, "terminated via the gdb stub");
                step = mode == RunControl.STEP;
                cpu = board.cpu;
            }
            long before = cpu.icount;
            if (step) cpu.debugStep();
            else cpu.run(budget);
            boolean debugStop = step || (cpu.debug() != null && cpu.debug().stopReason != org.armach.core.cpu.CpuDebug.STOP_NONE);
            if (cpu.icount == before && !debugStop && !cpu.waiting && !cpu.stopRequested && cpu.icount < cpu.eventDeadline) {
                out.flushIfDirty();
                return new Outcome(EXIT_STUCK, String.format(
                        "the guest is stuck: exceptions recur without any instruction completing (PC 0x%x, ESR_EL1 0x%x, VBAR_EL1 0x%x)",
                        cpu.pc, cpu.esr[1], cpu.vbar[1]));
            }
            board.clock.service();
            if (board.rtc != null) board.rtc.poll();
            for (Runnable r : clockListeners) r.run();
            out.flushIfDirty();
            if (cpu.stopRequested) {
                Psci.StopReason why = board.psci.stopReason();
                switch (why) {
                    case SYSTEM_OFF:
                        return new Outcome(0, null);
                    case SYSTEM_RESET:
                        if (noReboot) return new Outcome(0, null);
                        reboot();
                        continue;
                    case CPU_OFF:
                        return new Outcome(EXIT_STUCK, "the only CPU turned itself off (PSCI CPU_OFF); nothing can restart it");
                    default:
                        return new Outcome(0, null);
                }
            }
            if (cpu.waiting && !cpu.irqLine && !cpu.fiqLine) {
                Outcome o = idle(cpu);
                if (o != null) return o;
            }
        }
    }

    /**
     * The CPU waits for an interrupt. Under the virtual clock, time jumps to the next event
     * (the board's {@link Clock} keeps the skipped time apart from the instruction count).
     * Otherwise the loop waits for console input, at most until the next event is due.
     */
    private Outcome idle(Cpu cpu) {
        Clock clock = board.clock;
        long next = clock.nextDeadline();
        boolean scheduled = next != Clock.NEVER;
        if (scheduled && clock.source() == Clock.Source.VIRTUAL) {
            if (paceIdle) {
                out.flushIfDirty();
                long t0 = System.nanoTime();
                try {
                    long wait = Math.min(50_000_000L, Math.max(0, next - clock.nanos()));
                    if (board.serial.canReceive()) {
                        int b = in.take(wait);
                        if (b == ConsoleInput.QUIT) return new Outcome(0, "terminated");
                        if (b >= 0) in.unread(b); // input arrived: the guest sees it after this step
                    } else {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(0, "interrupted");
                }
                clock.idleFor(System.nanoTime() - t0); // virtual time advances as real time did
                return null;
            }
            clock.idle();
            return null;
        }
        out.flushIfDirty();
        try {
            if (!board.serial.canReceive()) {
                // input could not reach the guest now (FIFO full or receiver off): just wait
                Thread.sleep(scheduled ? 1 : 100);
                if (scheduled) clock.service();
                return null;
            }
            // bounded waits (at most until the next event), so that requestStop() is seen while the guest sleeps
            long wait = scheduled ? Math.min(100_000_000L, Math.max(0, next - clock.nanos())) : 100_000_000L;
            int b = in.take(wait);
            if (b == ConsoleInput.QUIT) return new Outcome(0, "terminated");
            if (b == ConsoleInput.EOF) {
                if (scheduled) {
                    clock.idle();
                    return null;
                }
                return new Outcome(EXIT_STUCK, String.format("the guest waits for an interrupt (WFI at 0x%x) and nothing can raise one: no event is scheduled and console input has ended", cpu.pc));
            }
            if (b >= 0) in.unread(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
        clock.service();
        return null;
    }

    private void reboot() {
        retiredBefore += board.cpu.icount;
        resets++;
        board = boardFactory.get();
        board.serial.setRxSource(rxSource);
    }

    /** The stream guest console output goes to (flushed at newlines, when the guest idles, and at exit). */
    public OutputStream consoleStream() { return out; }

    /** Console output that flushes at newlines and on demand, never throws into the guest path. */
    static final class ConsoleOutput extends OutputStream {
        private final OutputStream out;
        private boolean dirty, broken;

        ConsoleOutput(OutputStream out) { this.out = out; }

        @Override
        public void write(int b) throws IOException {
            if (broken) return;
            out.write(b);
            dirty = true;
            if (b == '\n') flushQuietly();
        }

        void flushIfDirty() {
            if (dirty) flushQuietly();
        }

        void flushQuietly() {
            dirty = false;
            try {
                out.flush();
            } catch (IOException e) {
                broken = true;
            }
        }

        @Override
        public void flush() { flushQuietly(); }
    }
}
