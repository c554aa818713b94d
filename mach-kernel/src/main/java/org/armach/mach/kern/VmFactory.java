package org.armach.mach.kern;

import java.util.function.Function;
import java.util.function.Predicate;

import org.armach.core.cpu.Cpu;
import org.armach.mach.vm.VmSpace;
import org.armach.mig.MigServer;

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

    /**
     * A zero-filled physical frame of the kernel's page size from the VM layer's page allocator
     * (driver memory: virtqueues, DMA buffers), or -1 when there is none.
     */
    default long allocFrame() { return -1; }

    /** Returns a frame from {@link #allocFrame}. */
    default void freeFrame(long pa) { }

    /**
     * Installs the VM layer's MIG handlers (the vm_* routines of mach.defs on {@code mach},
     * vm_wire on {@code machHost}), replacing the core's minimal routing. {@code spaceOf} maps
     * a request port object or a body port right to its task's space (null: not a live task);
     * {@code isHost} tells whether a request port object is a host port; {@code isNullPort}
     * whether a body port argument is MACH_PORT_NULL.
     */
    default void installRpc(MigServer mach, MigServer machHost, Function<Object, VmSpace> spaceOf, Predicate<Object> isHost,
            Predicate<Object> isNullPort) { }

    /**
     * Connects memory objects: {@code link} carries kernel → pager messages and converts port
     * arguments; the VM layer registers the control-port routines and vm_map / vm_region with
     * memory objects on {@code mach} (called after {@link #installRpc}).
     */
    default void installPagers(MigServer mach, Function<Object, VmSpace> spaceOf, org.armach.mach.vm.PagerLink link) { }

    /**
     * Installs the VM routines of gnumach.defs (vm_cache_statistics, vm_wire_all, vm_msync,
     * vm_allocate_contiguous, vm_pages_phys, vm_object_sync); {@code isHostPriv} tells a host_priv
     * request port, {@code pagerOfName} maps a name-port object to its pager (null: none).
     */
    default void installGnumach(MigServer gnumach, Function<Object, VmSpace> spaceOf, Predicate<Object> isHostPriv,
            Function<Object, org.armach.mach.vm.Pager> pagerOfName) { }

    /**
     * A zeroed physical page owned by the caller for good (a device's mapped page, e.g. the
     * time page); -1 if there is none.
     */
    default long allocKernelPage() { return -1; }
}
