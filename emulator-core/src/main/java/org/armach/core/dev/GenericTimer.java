package org.armach.core.dev;

import org.armach.core.board.Clock;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.TimerRegisters;

/**
 * The ARMv8 generic timer of one PE: the EL1 physical timer (CNTP_*, PPI INTID 30) and the
 * virtual timer (CNTV_*, PPI INTID 27, CNTVOFF = 0). The CPU keeps the CTL/CVAL registers
 * ({@link SysRegs#timerCtl}, {@link SysRegs#timerCval}) and calls {@link #timerWritten}
 * after every write; this device turns them into interrupt levels: a timer's output is high
 * while it is enabled, unmasked and CNTxCT &gt;= CVAL, and a {@link Clock.Event} is armed for
 * the moment the condition will become true. The hypervisor (26) and secure physical (29)
 * timer PPIs are described in the device tree but never driven (no EL2/EL3).
 *
 * <p>Wiring: {@code cpu.timerRegisters = new GenericTimer(cpu, clock, gic::setLevel);}
 */
public final class GenericTimer implements TimerRegisters {
    public static final int PPI_HYP = 26, PPI_VIRT = 27, PPI_SEC_PHYS = 29, PPI_PHYS = 30;

    private final Cpu cpu;
    private final Clock clock;
    private final IrqSink irq;
    private final Clock.Event[] events = new Clock.Event[2];
    private final boolean[] output = new boolean[2];

    public GenericTimer(Cpu cpu, Clock clock, IrqSink irq) {
        this.cpu = cpu;
        this.clock = clock;
        this.irq = irq;
        for (int t = 0; t < 2; t++) {
            final int timer = t;
            events[t] = clock.newEvent(t == PHYS ? "cntp" : "cntv", () -> update(timer));
        }
        cpu.timerRegisters = this;
    }

    @Override
    public void timerWritten(Cpu c, int timer) {
        update(timer);
    }

    /** The INTID a timer drives. */
    public static int intid(int timer) {
        return timer == PHYS ? PPI_PHYS : PPI_VIRT;
    }

    /** Whether the timer's interrupt output is asserted. */
    public boolean output(int timer) { return output[timer]; }

    /** Recomputes the output of {@code timer} and the event for its next change. */
    public void update(int timer) {
        boolean level = SysRegs.timerInterrupt(cpu, timer);
        long ctl = SysRegs.timerCtl(cpu, timer);
        if (!level && (ctl & 3) == 1) {
            // enabled, unmasked, not yet due: fire when the counter reaches CVAL
            events[timer].at(Clock.ticksToNanos(SysRegs.timerCval(cpu, timer)));
        } else {
            events[timer].cancel();
        }
        if (level != output[timer]) {
            output[timer] = level;
            irq.setLevel(intid(timer), level);
        }
    }

    /** Re-evaluates both timers (after a counter discontinuity such as a reset). */
    public void updateAll() {
        update(PHYS);
        update(VIRT);
    }
}
