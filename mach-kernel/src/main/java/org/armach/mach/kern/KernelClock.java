package org.armach.mach.kern;

/**
 * The kernel's view of the timer hardware: the current time and one programmable
 * interrupt. Implementations: {@link DeadlineClock} (the CPU's event deadline plus an
 * interrupt line; works without a GIC) — a generic-timer + GIC implementation programs
 * CNTV_CVAL_EL0 and enables PPI 27 instead.
 */
public interface KernelClock {
    /** Nanoseconds since power-on. */
    long nowNs();

    /** Requests a timer interrupt at {@code ns} (replacing the previous request); Long.MAX_VALUE cancels. */
    void wakeAt(long ns);

    /** Called on every IRQ: true if the timer interrupt is pending, which it acknowledges. */
    boolean acknowledge();

    /** Called by the machine loop whenever the CPU returns to it (checks the deadline). */
    void poll();
}
