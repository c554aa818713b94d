package org.armach.mach.kern;

/**
 * The kernel's interrupt-controller driver: enables interrupt sources, acknowledges the
 * highest-priority pending one and signals its end, as a kernel's GIC driver does through
 * the controller's registers. Implementations: {@link GicV2Driver}, {@link GicV3Driver}.
 */
public interface IrqController {
    /** INTIDs at or above this value are special (1020..1023: spurious). */
    int FIRST_SPECIAL = 1020;

    /** Enables (and routes to this CPU, level-sensitive, at the kernel's priority) one INTID. */
    void enable(int intid);

    /** Acknowledges the highest-priority pending interrupt: its INTID, or ≥ {@link #FIRST_SPECIAL} if none. */
    int acknowledge();

    /** Ends (drops the priority of and deactivates) an acknowledged interrupt. */
    void endOfInterrupt(int intid);
}
