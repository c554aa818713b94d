package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.vm.VmSpace;

/** Task memory calls the kernel core routes to a task's {@link VmSpace} (no memory objects). */
final class VmCalls {
    private VmCalls() {}

    /** vm_map of anonymous memory: allocate at the (masked) hint, then protections and inheritance. */
    static int map(VmSpace caller, VmSpace target, UserMem mem, long addrPtr, long size, long mask, boolean anywhere,
                   int curProt, int maxProt, int inherit) {
        long[] a = {0};
        if (!mem.readLong(caller, addrPtr, a, 0)) return KERN_INVALID_ADDRESS;
        int kr = map(target, a, size, mask, anywhere, curProt, maxProt, inherit);
        if (kr == KERN_SUCCESS && !mem.writeLong(caller, addrPtr, a[0])) return KERN_INVALID_ADDRESS;
        return kr;
    }

    static int map(VmSpace target, long[] a, long size, long mask, boolean anywhere, int curProt, int maxProt, int inherit) {
        if ((curProt & ~7) != 0 || (maxProt & ~7) != 0 || (curProt & ~maxProt) != 0) return KERN_INVALID_ARGUMENT;
        if (inherit < 0 || inherit > 2) return KERN_INVALID_ARGUMENT;
        if (anywhere && mask != 0) a[0] = (a[0] + mask) & ~mask;
        int kr = target.allocate(a, size, anywhere);
        if (kr != KERN_SUCCESS) return kr;
        long ps = target.pageSize();
        long len = (size + ps - 1) & -ps;
        if (maxProt != 7) target.protect(a[0], len, true, maxProt);
        if (curProt != VmSpace.PROT_READ + VmSpace.PROT_WRITE + VmSpace.PROT_EXECUTE) target.protect(a[0], len, false, curProt);
        if (inherit != VmSpace.INHERIT_COPY) target.inherit(a[0], len, inherit);
        return KERN_SUCCESS;
    }
}
