package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.function.Function;
import java.util.function.Predicate;

import org.armach.mig.MigCall;
import org.armach.mig.MigServer;

/**
 * MIG handlers of the VM routines of gnumach.defs: vm_cache_statistics, vm_wire_all, vm_msync,
 * vm_allocate_contiguous, vm_pages_phys (host_priv: KERN_INVALID_HOST otherwise; a target that is
 * not a task: KERN_INVALID_TASK) and vm_object_sync on a memory object's name port (vm_region's
 * object_name): memory_object_lock_request(RETURN_ALL if should_return, should_flush, NO_CHANGE).
 */
public final class VmGnuRpc {
    static final int KERN_INVALID_HOST = 22;

    private VmGnuRpc() {}

    public static MigServer install(MigServer gnumach, Function<Object, VmSpace> spaceOf, Predicate<Object> isHostPriv,
            Function<Object, Pager> pagerOfName) {
        return gnumach
            .on("vm_cache_statistics", c -> {
                TaskVm vm = task(spaceOf.apply(c.requestPort()));
                if (vm == null) return KERN_INVALID_ARGUMENT;
                c.set("vm_cache_stats", VmExtras.cacheStatistics(vm.system()));
                return KERN_SUCCESS;
            })
            .on("vm_wire_all", c -> privileged(c, isHostPriv, spaceOf, "task", vm -> VmExtras.wireAll(vm, c.getInt("flags"))))
            .on("vm_msync", c -> {
                TaskVm vm = task(spaceOf.apply(c.requestPort()));
                if (vm == null) return KERN_INVALID_ARGUMENT;
                return VmExtras.msync(vm, c.getLong("address"), c.getLong("size"), c.getInt("sync_flags"));
            })
            .on("vm_allocate_contiguous", c -> privileged(c, isHostPriv, spaceOf, "target_task", vm -> {
                long[] va = {0}, pa = {0};
                int kr = VmExtras.allocateContiguous(vm, c.getLong("size"), c.getLong("pmin"), c.getLong("pmax"),
                        c.getLong("palign"), va, pa);
                c.set("vaddr", va[0]).set("paddr", pa[0]);
                return kr;
            }))
            .on("vm_pages_phys", c -> privileged(c, isHostPriv, spaceOf, "target_task", vm -> {
                long[][] out = new long[1][];
                int kr = VmExtras.pagesPhys(vm, c.getLong("vaddr"), c.getLong("size"), out);
                if (kr == KERN_SUCCESS) c.set("pages", out[0]);
                return kr;
            }))
            .on("vm_object_sync", c -> {
                Pager p = pagerOfName.apply(c.requestPort());
                if (p == null || p.terminated) return KERN_INVALID_ARGUMENT;
                long off = c.getLong("offset"), size = c.getLong("size"), ps = p.ps();
                long start = off & -ps, end = (off + size + ps - 1) & -ps;
                p.lockRequest(start, end - start, c.getBoolean("should_return") ? Pager.RETURN_ALL : Pager.RETURN_NONE,
                        c.getBoolean("should_flush"), Pager.PROT_NO_CHANGE, null);
                return KERN_SUCCESS;
            });
    }

    private interface VmOp {
        int run(TaskVm vm);
    }

    private static TaskVm task(VmSpace s) {
        return s instanceof TaskVm t ? t : null;
    }

    private static int privileged(MigCall c, Predicate<Object> isHostPriv, Function<Object, VmSpace> spaceOf, String arg, VmOp op) {
        if (!isHostPriv.test(c.requestPort())) return KERN_INVALID_HOST;
        TaskVm vm = task(spaceOf.apply(c.get(arg)));
        return vm == null ? KERN_INVALID_TASK : op.run(vm);
    }
}
