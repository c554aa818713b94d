package org.armach.core.dev;

/**
 * An interrupt output of a device: the device drives the line level; the board connects
 * it to the interrupt controller (or, before there is one, straight to the CPU).
 */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);

    IrqLine NONE = level -> {};
}
