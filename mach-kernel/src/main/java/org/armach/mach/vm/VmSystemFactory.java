package org.armach.mach.vm;

import java.util.List;

import org.armach.core.cpu.Cpu;
import org.armach.mach.kern.VmFactory;

/**
 * The VM layer as the kernel core's {@link VmFactory} service: one {@link VmSystem} over the
 * RAM the device tree describes (the kernel has copied the device tree and boot modules out
 * of RAM before {@link #attach}, so all of it is usable).
 */
public final class VmSystemFactory implements VmFactory {
    private VmSystem system;

    @Override
    public void attach(Cpu cpu, long pageSize, long ramBase, long ramSize) {
        system = new VmSystem(cpu.ram, pageSize, List.of(new PhysRange(ramBase, ramSize)), List.of());
    }

    @Override
    public VmSpace create() {
        if (system == null) throw new IllegalStateException("VM layer used before attach()");
        return system.createSpace();
    }
}
