package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;
import org.armach.mach.vm.VmSpace;

/**
 * Creates empty address spaces for new tasks. The VM layer provides the real one (a
 * {@link java.util.ServiceLoader} service of this type is picked up by the boot code);
 * tests supply doubles.
 */
public interface VmFactory {
    /**
     * Prepares the factory for a machine; called once, after the kernel has copied what it
     * needs out of RAM (device tree, boot modules), so all of [ramBase, ramBase+ramSize) is free.
     */
    default void attach(Cpu cpu, long pageSize, long ramBase, long ramSize) { }

    VmSpace create();
}
