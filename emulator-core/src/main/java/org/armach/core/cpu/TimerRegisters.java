package org.armach.core.cpu;

/**
 * Listener for the EL1 physical and virtual generic-timer registers (CNTP_CTL/CVAL/TVAL_EL0,
 * CNTV_CTL/CVAL/TVAL_EL0). The CPU stores the registers itself ({@link SysRegs#timerCtl},
 * {@link SysRegs#timerCval}); a timer device implements this to reschedule its interrupt
 * (for instance by lowering {@link Cpu#eventDeadline}) when the guest programs a timer.
 */
public interface TimerRegisters {
    /** Physical EL1 timer (CNTP_*). */
    int PHYS = 0;
    /** Virtual timer (CNTV_*). */
    int VIRT = 1;

    /** Called after the guest wrote the control or compare value of {@code timer}. */
    void timerWritten(Cpu cpu, int timer);
}
