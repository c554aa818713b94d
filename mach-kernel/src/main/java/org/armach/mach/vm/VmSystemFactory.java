package org.armach.mach.vm;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.armach.core.cpu.Cpu;
import org.armach.mach.kern.VmFactory;
import org.armach.mig.MigServer;

/**
 * The VM layer as the kernel core's {@link VmFactory} service: one {@link VmSystem} over the
 * RAM the device tree describes (the kernel has copied the device tree and boot modules out
 * of RAM before {@link #attach}, so all of it is usable).
 */
public final class VmSystemFactory implements VmFactory {
    private VmSystem system;
    private PagerLink link;

    @Override
    public void attach(Cpu cpu, long pageSize, long ramBase, long ramSize) {
        system = new VmSystem(cpu.ram, pageSize, List.of(new PhysRange(ramBase, ramSize)), List.of());
        if (link != null) system.setPagerLink(link);
    }

    @Override
    public void installPagers(MigServer mach, Function<Object, VmSpace> spaceOf, PagerLink link) {
        this.link = link;
        if (system != null) system.setPagerLink(link);
        PagerRpc.install(mach, spaceOf, link);
    }

    @Override
    public void installGnumach(MigServer gnumach, Function<Object, VmSpace> spaceOf, Predicate<Object> isHostPriv,
            Function<Object, Pager> pagerOfName) {
        VmGnuRpc.install(gnumach, spaceOf, isHostPriv, pagerOfName);
    }

    @Override
    public long allocKernelPage() {
        return system == null ? -1 : system.phys().allocZeroed();
    }

    @Override
    public VmSpace create() {
        if (system == null) throw new IllegalStateException("VM layer used before attach()");
        return system.createSpace();
    }

    @Override
    public long allocFrame() {
        return system == null ? -1 : system.phys().allocZeroed();
    }

    @Override
    public void freeFrame(long pa) {
        system.phys().free(pa);
    }

    @Override
    public void installRpc(MigServer mach, MigServer machHost, Function<Object, VmSpace> spaceOf, Predicate<Object> isHost,
            Predicate<Object> isNullPort) {
        VmRpc.install(mach, spaceOf, isNullPort);
        VmRpc.installHost(machHost, isHost, spaceOf);
    }
}
