package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

/**
 * The gnumach.defs VM routines that work on a task's map (vm/vm_user.c, vm/vm_map.c of GNU
 * Mach): vm_wire_all, vm_pages_phys, vm_allocate_contiguous, vm_msync, and the lookup behind
 * vm_region_create_proxy. All results are KERN_* codes.
 */
public final class VmExtras {
    public static final int VM_WIRE_CURRENT = 1, VM_WIRE_FUTURE = 2, VM_WIRE_ALL = 3;
    public static final int VM_SYNC_ASYNCHRONOUS = 1, VM_SYNC_SYNCHRONOUS = 2, VM_SYNC_INVALIDATE = 4;

    private VmExtras() {}

    /**
     * vm_map_pageable_all: VM_WIRE_NONE clears the future flag and unwires every wired entry;
     * VM_WIRE_FUTURE wires later mappings; VM_WIRE_CURRENT wires every accessible entry now.
     */
    public static int wireAll(TaskVm vm, int flags) {
        if ((flags & ~VM_WIRE_ALL) != 0) return KERN_INVALID_ARGUMENT;
        if (flags == 0) {
            vm.wiringRequired = false;
            for (VmMapEntry e : entries(vm)) while (e.wired > 0) vm.wire(e.start, e.size(), 0);
            return KERN_SUCCESS;
        }
        boolean before = vm.wiringRequired;
        if ((flags & VM_WIRE_FUTURE) != 0) vm.wiringRequired = true;
        if ((flags & VM_WIRE_CURRENT) == 0) return KERN_SUCCESS;
        for (VmMapEntry e : entries(vm)) {
            if (e.wired > 0 || e.prot == 0) continue;
            int kr = vm.wire(e.start, e.size(), e.prot);
            if (kr != KERN_SUCCESS) {
                vm.wiringRequired = before;
                return kr;
            }
        }
        return KERN_SUCCESS;
    }

    /** Whether the map wires new mappings (tests). */
    public static boolean wiringRequired(TaskVm vm) { return vm.wiringRequired; }

    private static java.util.List<VmMapEntry> entries(TaskVm vm) {
        java.util.List<VmMapEntry> l = new java.util.ArrayList<>();
        vm.map.all().forEach(l::add);
        return l;
    }

    /**
     * vm_pages_phys: the physical address of each page of [addr, addr+size) resident in the
     * entry's own object (0 for a hole or an absent page); address and size page-aligned.
     */
    public static int pagesPhys(TaskVm vm, long addr, long size, long[][] out) {
        long ps = vm.pageSize();
        if ((addr & (ps - 1)) != 0 || (size & (ps - 1)) != 0 || size < 0) return KERN_INVALID_ARGUMENT;
        if (size / ps > (1 << 20)) return KERN_RESOURCE_SHORTAGE;
        long[] pa = new long[(int) (size / ps)];
        for (int i = 0; i < pa.length; i++) {
            long va = addr + i * ps;
            VmMapEntry e = va < 0 ? null : vm.map.lookup(va);
            if (e == null) continue;
            long off = e.offsetOf(va);
            VmObject o = e.object;
            if (o.fixed != null) {
                long f = off < o.fixed.size() ? o.fixed.frameAt(off) : -1;
                pa[i] = Math.max(0, f);
            } else {
                Long p = o.pages.get(off / ps);
                pa[i] = p == null ? 0 : p;
            }
        }
        out[0] = pa;
        return KERN_SUCCESS;
    }

    /**
     * vm_allocate_contiguous: zero-filled, physically contiguous memory entered anywhere (read/write,
     * inheritance copy), its first frame in {@code paddrOut[0]}. As GNU Mach: pmin must be 0
     * and palign 0 or at most a page (else KERN_INVALID_ARGUMENT); size 0 is KERN_INVALID_ARGUMENT;
     * the block ends at or below pmax (0: anywhere), else KERN_RESOURCE_SHORTAGE.
     */
    public static int allocateContiguous(TaskVm vm, long size, long pmin, long pmax, long palign,
            long[] vaddrOut, long[] paddrOut) {
        long ps = vm.pageSize();
        if (pmin != 0) return KERN_INVALID_ARGUMENT;
        if (palign == 0 || palign < ps && ps % palign == 0) palign = ps;
        if (palign != ps) return KERN_INVALID_ARGUMENT;
        long sz = (size + ps - 1) & -ps;
        if (size <= 0 || sz <= 0) return KERN_INVALID_ARGUMENT;
        PhysPages phys = vm.system().phys();
        long first = phys.allocContiguous(sz / ps, pmax);
        if (first < 0) return KERN_RESOURCE_SHORTAGE;
        VmObject o = new VmObject();
        for (long i = 0; i < sz / ps; i++) {
            phys.zero(first + i * ps);
            o.pages.put(i, first + i * ps);
        }
        long at = vm.map.findSpace(vm.map.min, sz, ps - 1);
        if (at < 0) {
            VmObject.release(o, phys);
            return KERN_NO_SPACE;
        }
        vm.map.insert(new VmMapEntry(at, at + sz, o, 0, VmSpace.PROT_DEFAULT, VmSpace.PROT_DEFAULT, VmSpace.INHERIT_COPY));
        vaddrOut[0] = at;
        paddrOut[0] = first;
        return vm.wireNew(at, sz, VmSpace.PROT_DEFAULT);
    }

    /**
     * vm_msync: for the entries of [addr, addr+size) that map a pager's object, the dirty pages
     * are returned to the pager (memory_object_data_return) and, with VM_SYNC_INVALIDATE, flushed,
     * as memory_object_lock_request(RETURN_DIRTY, flush, VM_PROT_NO_CHANGE) does. ASYNCHRONOUS
     * and SYNCHRONOUS together are KERN_INVALID_ARGUMENT; anonymous memory and holes need nothing.
     */
    public static int msync(TaskVm vm, long addr, long size, int flags) {
        if ((flags & (VM_SYNC_ASYNCHRONOUS | VM_SYNC_SYNCHRONOUS)) == (VM_SYNC_ASYNCHRONOUS | VM_SYNC_SYNCHRONOUS)) {
            return KERN_INVALID_ARGUMENT;
        }
        long ps = vm.pageSize();
        long s = addr & -ps, e = (addr + size + ps - 1) & -ps;
        if (size == 0 || Long.compareUnsigned(e, s) <= 0) return KERN_SUCCESS;
        boolean flush = (flags & VM_SYNC_INVALIDATE) != 0;
        for (VmMapEntry en = vm.map.lookupOrNext(s); en != null && en.start < e; en = vm.map.next(en)) {
            Pager p = en.object.pager;
            if (p == null || p.terminated) continue;
            long from = Math.max(s, en.start), to = Math.min(e, en.end);
            p.lockRequest(en.offsetOf(from), to - from, Pager.RETURN_DIRTY, flush, Pager.PROT_NO_CHANGE, null);
        }
        return KERN_SUCCESS;
    }

    /**
     * vm_region_create_proxy's lookup: the memory object of the entry containing (or following)
     * {@code addr} — the pager's port, a {@link KernelPager}, or an {@link InternalObject} for
     * anonymous memory — with the entry's max protection in {@code protInOut[0]} (ANDed) and the
     * object offset of {@code addr} in {@code startOut[0]}; null with the KERN_* code in kr[0].
     */
    public static Object regionObject(TaskVm vm, long addr, long len, int[] protInOut, long[] startOut, int[] kr) {
        VmMapEntry e = addr < 0 ? null : vm.map.lookupOrNext(addr);
        if (e == null) {
            kr[0] = KERN_NO_SPACE;
            return null;
        }
        if (len > e.size()) {
            kr[0] = KERN_INVALID_ARGUMENT;
            return null;
        }
        protInOut[0] &= e.maxProt;
        startOut[0] = Math.max(0, addr - e.start) + e.offset;
        kr[0] = KERN_SUCCESS;
        if (e.object.pager != null) return e.object.pager.memoryObject;
        if (e.object.fixed != null) return e.object.fixed;
        if (e.needsCopy) {
            e.needsCopy = false;
            if (e.object.refs != 1 || e.object.shared) {
                e.object = new VmObject(e.object, e.offset);
                startOut[0] -= e.offset;
                e.offset = 0;
            }
        }
        e.object.addSharer(vm);
        e.shared = true;
        return new InternalObject(e.object, vm.system().phys());
    }

    /** vm_cache_statistics_data_t: cached (external) objects and their pages; the rest is 0, as GNU Mach. */
    public static int[] cacheStatistics(VmSystem sys) {
        int[] w = new int[11];
        w[0] = sys.pagers.externalCount();
        w[1] = (int) Math.min(Integer.MAX_VALUE, sys.pagers.externalPages());
        return w;
    }
}
