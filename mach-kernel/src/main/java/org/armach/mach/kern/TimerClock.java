package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.TimerRegisters;

/**
 * A {@link KernelClock} over the generic timer's EL1 virtual timer: the time is CNTVCT_EL0
 * (CNTVOFF = 0), a wake-up request programs CNTV_CVAL_EL0 and enables CNTV_CTL_EL0, and the
 * timer's PPI (INTID 27) reaches the kernel through the interrupt controller. Acknowledging
 * disables the timer, which lowers its level output, until the next request.
 */
public final class TimerClock implements KernelClock {
    public static final int PPI_VIRTUAL_TIMER = 27;
    private static final long CTL_ENABLE = 1;

    private final Cpu cpu;

    public TimerClock(Cpu cpu) {
        this.cpu = cpu;
        writeCtl(0);
    }

    @Override
    public long nowNs() {
        return ticksToNs(cpu.counter.getAsLong());
    }

    @Override
    public void wakeAt(long ns) {
        if (ns == Long.MAX_VALUE) {
            writeCtl(0);
            return;
        }
        cpu.sysStore[SysRegs.CNTV_CVAL] = nsToTicks(ns);
        writeCtl(CTL_ENABLE);
    }

    /** The timer's condition holds (counter ≥ CVAL while enabled): it raised the PPI; turn it off. */
    @Override
    public boolean acknowledge() {
        boolean due = SysRegs.timerCondition(cpu, TimerRegisters.VIRT);
        writeCtl(0);
        return due;
    }

    @Override
    public void poll() {
        // the timer device schedules its own interrupt
    }

    /** As an MSR CNTV_CTL_EL0 would: store, then let the timer device re-evaluate its output. */
    private void writeCtl(long v) {
        cpu.sysStore[SysRegs.CNTV_CTL] = v;
        TimerRegisters t = cpu.timerRegisters;
        if (t != null) t.timerWritten(cpu, TimerRegisters.VIRT);
    }

    private long ticksToNs(long ticks) {
        long f = cpu.counterFrequency;
        if (1_000_000_000L % f == 0) return ticks * (1_000_000_000L / f);
        return (long) (ticks * (1e9 / f));
    }

    /** The first counter value at or after {@code ns}. */
    private long nsToTicks(long ns) {
        long f = cpu.counterFrequency;
        if (1_000_000_000L % f == 0) {
            long per = 1_000_000_000L / f;
            return ns <= 0 ? 0 : (ns + per - 1) / per;
        }
        return (long) Math.ceil(ns * (f / 1e9));
    }
}
