package org.armach.core.board;

import org.armach.core.cpu.Cpu;

/**
 * Machine time and the event scheduler of one CPU's machine.
 *
 * <p>Time is kept in nanoseconds. The system counter (CNTPCT/CNTVCT) runs at
 * {@link #FREQUENCY} = 62.5 MHz, i.e. one tick every {@link #NANOS_PER_TICK} = 16 ns, as on
 * QEMU's {@code virt}. Two sources:
 * <ul>
 * <li>{@link Source#VIRTUAL} (default): time is derived from the retired-instruction count,
 * one instruction = 1 ns, plus the time skipped while the CPU idled in WFI. A run is
 * reproducible bit for bit. An event at time {@code t} is delivered exactly when the
 * instruction count reaches it: {@link Cpu#eventDeadline} is set so {@link Cpu#run} returns
 * there.</li>
 * <li>{@link Source#HOST} ({@code --clock host}): wall time from {@link System#nanoTime()}.
 * The CPU is asked to come back every {@link #HOST_QUANTUM} instructions while events are
 * pending; idling sleeps until the next event.</li>
 * </ul>
 * {@link Cpu#icount} stays an honest retired-instruction count in both modes: idle time is
 * accounted separately ({@link #idleNanos()}).
 *
 * <p>Devices create {@link Event}s and arm them at absolute times; the board's run loop calls
 * {@link #service()} whenever {@link Cpu#run} returns, and {@link #idle()} when the CPU waits
 * for an interrupt. {@link #runCpu(long)} is that loop. Not thread-safe except {@link #wakeup()}:
 * device models run on the emulation thread.
 */
public final class Clock {
    /** Counter frequency reported in CNTFRQ_EL0 (QEMU virt). */
    public static final long FREQUENCY = 62_500_000L;
    public static final long NANOS_PER_TICK = 1_000_000_000L / FREQUENCY;
    /** Host mode: instructions between checks of the wall clock while events are armed. */
    public static final long HOST_QUANTUM = 1L << 16;
    /** Longest single host sleep while idle, so stop requests and host input are seen. */
    private static final long MAX_SLEEP_NANOS = 20_000_000L;
    public static final long NEVER = Long.MAX_VALUE;

    public enum Source { VIRTUAL, HOST }

    private final Cpu cpu;
    private final Source source;
    private final long hostStart;
    private long skipped;
    private Event[] events = new Event[0];
    private final Object sleepLock = new Object();
    private boolean wakeRequested;

    /** A one-shot deadline owned by a device. Re-arm it from its own action to make it periodic. */
    public final class Event {
        private final String name;
        private final Runnable action;
        private long deadline = NEVER;

        private Event(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        /** Arms (or re-arms) the event at absolute time {@code nanos}; {@link #NEVER} cancels it. */
        public void at(long nanos) {
            deadline = nanos;
            reprogram();
        }

        public void cancel() { at(NEVER); }

        public boolean armed() { return deadline != NEVER; }

        public long deadline() { return deadline; }

        @Override
        public String toString() { return name + (armed() ? "@" + deadline : ""); }
    }

    /** Installs the counter of this clock into {@code cpu} ({@link Cpu#counter}, CNTFRQ). */
    public Clock(Cpu cpu, Source source) {
        this.cpu = cpu;
        this.source = source;
        this.hostStart = System.nanoTime();
        cpu.counterFrequency = FREQUENCY;
        cpu.counter = source == Source.VIRTUAL ? () -> (cpu.icount + skipped) >>> 4 : () -> nanos() / NANOS_PER_TICK;
    }

    public Source source() { return source; }

    public Cpu cpu() { return cpu; }

    /** Current time in nanoseconds since reset. */
    public long nanos() {
        return source == Source.VIRTUAL ? cpu.icount + skipped : System.nanoTime() - hostStart;
    }

    /** Current value of the system counter (CNTPCT_EL0). */
    public long ticks() { return nanos() / NANOS_PER_TICK; }

    /** Time at which the counter reaches {@code ticks} (unsigned), or {@link #NEVER} if it never does. */
    public static long ticksToNanos(long ticks) {
        if (Long.compareUnsigned(ticks, NEVER / NANOS_PER_TICK) > 0) return NEVER;
        return ticks * NANOS_PER_TICK;
    }

    /** Nanoseconds the CPU spent idle (skipped in virtual mode, slept in host mode). */
    public long idleNanos() { return skipped; }

    public Event newEvent(String name, Runnable action) {
        Event e = new Event(name, action);
        Event[] n = java.util.Arrays.copyOf(events, events.length + 1);
        n[events.length] = e;
        events = n;
        return e;
    }

    /** Earliest armed deadline, or {@link #NEVER}. */
    public long nextDeadline() {
        long d = NEVER;
        for (Event e : events) if (e.deadline < d) d = e.deadline;
        return d;
    }

    /** Recomputes {@link Cpu#eventDeadline} after an event changed. */
    private void reprogram() {
        long d = nextDeadline();
        if (d == NEVER) {
            cpu.eventDeadline = Long.MAX_VALUE;
        } else if (source == Source.VIRTUAL) {
            cpu.eventDeadline = d - skipped; // may be <= icount: run() returns at once
        } else {
            cpu.eventDeadline = cpu.icount + HOST_QUANTUM;
        }
        cpu.exitLoop = true;
    }

    /**
     * Runs every event whose time has come, earliest first (ties in creation order), and
     * reprograms the CPU's deadline. Call whenever {@link Cpu#run} returns.
     */
    public void service() {
        for (;;) {
            long now = nanos();
            Event due = null;
            for (Event e : events) {
                if (e.deadline <= now && (due == null || e.deadline < due.deadline)) due = e;
            }
            if (due == null) break;
            due.deadline = NEVER;
            due.action.run();
        }
        reprogram();
    }

    /**
     * The CPU waits for an interrupt: lets time pass until the next event and runs it.
     * Virtual mode jumps straight there; host mode sleeps (at most {@value #MAX_SLEEP_NANOS} ns
     * at a time, and until {@link #wakeup()}). Returns false when no event is armed, so only
     * an external input (or a stop request) can wake the CPU; in host mode it then still
     * sleeps a short while, so a caller may simply loop.
     */
    public boolean idle() {
        long d = nextDeadline();
        if (source == Source.VIRTUAL) {
            if (d == NEVER) return false;
            long now = nanos();
            if (d > now) skipped += d - now;
            service();
            return true;
        }
        long now = nanos();
        long wait = d == NEVER ? MAX_SLEEP_NANOS : Math.min(MAX_SLEEP_NANOS, d - now);
        if (wait > 0) {
            synchronized (sleepLock) {
                if (!wakeRequested) {
                    try {
                        sleepLock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
                wakeRequested = false;
            }
            skipped += Math.max(0, nanos() - now);
        }
        service();
        return d != NEVER;
    }

    /**
     * Virtual mode: lets at most {@code nanos} of idle time pass (never beyond the next event)
     * and runs what is due. Used to pace an idle interactive guest to real time.
     */
    public void idleFor(long nanos) {
        long d = nextDeadline();
        long now = nanos();
        long step = d == NEVER ? nanos : Math.min(nanos, Math.max(0, d - now));
        if (step > 0) skipped += step;
        service();
    }

    /** Wakes an {@link #idle()} sleeping in host mode (callable from any thread). */
    public void wakeup() {
        synchronized (sleepLock) {
            wakeRequested = true;
            sleepLock.notifyAll();
        }
    }

    /**
     * The board's run loop: runs the CPU for up to {@code budget} instructions, servicing
     * events and idling through WFI. Returns when the budget is spent, a stop is requested,
     * or (virtual mode) the CPU waits with no event that could ever wake it. Returns the
     * number of instructions retired.
     */
    public long runCpu(long budget) {
        long start = cpu.icount;
        while (!cpu.stopRequested) {
            long left = budget - (cpu.icount - start);
            if (left <= 0) break;
            cpu.run(left);
            service();
            if (cpu.waiting && !cpu.irqLine && !cpu.fiqLine) {
                if (!idle() && source == Source.VIRTUAL) break;
            }
        }
        return cpu.icount - start;
    }
}
