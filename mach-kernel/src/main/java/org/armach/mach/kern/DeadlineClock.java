package org.armach.mach.kern;

import org.armach.core.board.Clock;
import org.armach.core.cpu.Cpu;
import org.armach.core.dev.IrqLine;

/**
 * A {@link KernelClock} over the CPU's counter and event deadline: the CPU loop returns at
 * the deadline, {@link #poll} (a machine clock listener) then raises the interrupt line, and
 * the kernel's IRQ path acknowledges it. Under the virtual clock one instruction is one
 * nanosecond, so deadlines are exact and an idle CPU fast-forwards to them.
 */
public final class DeadlineClock implements KernelClock {
    private final Cpu cpu;
    private final IrqLine line;
    /** The board clock's event, when there is a board: its run loop owns cpu.eventDeadline and idling. */
    private final Clock.Event event;
    private long dueNs = Long.MAX_VALUE;
    private boolean pending;

    public DeadlineClock(Cpu cpu, IrqLine line) {
        this.cpu = cpu;
        this.line = line;
        this.event = null;
    }

    /**
     * A kernel clock on a board: the deadline is an event of the board's {@link Clock}, so the
     * machine loop delivers it (and fast-forwards an idle CPU to it) like any device's timer.
     */
    public DeadlineClock(Cpu cpu, IrqLine line, Clock board) {
        this.cpu = cpu;
        this.line = line;
        this.event = board.newEvent("mach-kernel-timer", this::fire);
    }

    @Override
    public long nowNs() {
        long ticks = cpu.counter.getAsLong();
        long f = cpu.counterFrequency;
        if (f == 62_500_000L) return ticks * 16;
        return (long) (ticks * (1e9 / f));
    }

    @Override
    public void wakeAt(long ns) {
        dueNs = ns;
        if (event != null) {
            if (ns == Long.MAX_VALUE) event.cancel();
            else if (ns - nowNs() <= 0) fire();
            else event.at(ns);
            return;
        }
        if (ns == Long.MAX_VALUE) {
            cpu.eventDeadline = Long.MAX_VALUE;
            return;
        }
        long delta = ns - nowNs();
        if (delta <= 0) {
            fire();
            return;
        }
        long d = cpu.icount + delta;
        cpu.eventDeadline = d < 0 ? Long.MAX_VALUE : d;
    }

    @Override
    public void poll() {
        if (dueNs != Long.MAX_VALUE && nowNs() >= dueNs) fire();
    }

    private void fire() {
        dueNs = Long.MAX_VALUE;
        if (event != null) event.cancel();
        else cpu.eventDeadline = Long.MAX_VALUE;
        pending = true;
        line.set(true);
    }

    @Override
    public boolean acknowledge() {
        if (!pending) return false;
        pending = false;
        line.set(false);
        return true;
    }
}
