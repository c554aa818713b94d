package org.armach.core.dev;

/**
 * An interrupt controller input as seen by a device: the level of the wire carrying
 * interrupt {@code intid} (a GIC INTID: PPIs 16..31 of the attached CPU, SPIs from 32).
 * Edge-triggered inputs latch on the rising edge. Call on the emulation thread.
 */
@FunctionalInterface
public interface IrqSink {
    void setLevel(int intid, boolean level);
}
