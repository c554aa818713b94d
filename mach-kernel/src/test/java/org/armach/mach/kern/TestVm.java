package org.armach.mach.kern;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Esr;
import org.armach.core.cpu.Translator;
import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.ipc.VmCopy;
import org.armach.mach.vm.VmSpace;

/**
 * Test double of the VM layer: eager zero-filled 4 KiB frames from a bump allocator, a
 * per-space page table in a Java map, and a software {@link Translator} for the CPU.
 * No copy-on-write, no pmap in guest RAM: the real VM is on another branch.
 */
final class TestVm implements VmSpace {
    /** The CPU-side translator: looks pages up in the active space. */
    static final class Mmu implements Translator {
        TestVm current;

        @Override
        public long translate(Cpu cpu, long va, int access, boolean asEl0) {
            long[] e = current == null ? null : current.pages.get(va >>> 12);
            int fsc = e == null ? Esr.FSC_TRANSLATION | 3 : Esr.FSC_PERMISSION | 3;
            if (e != null) {
                int prot = (int) e[1];
                boolean ok = access == FETCH ? (prot & PROT_EXECUTE) != 0 : access == WRITE ? (prot & PROT_WRITE) != 0 : (prot & PROT_READ) != 0;
                if (ok) return e[0] | (va & 0xfff);
            }
            if (access == FETCH) throw cpu.instructionAbort(va, fsc);
            throw cpu.dataAbort(va, fsc, access == WRITE);
        }
    }

    /** Factory over a shared frame allocator. */
    static final class Factory implements VmFactory {
        final Mmu mmu = new Mmu();
        Cpu cpu;
        long next, end, pageSize = 4096;

        Factory(Cpu cpu, long from, long to) {
            this.cpu = cpu;
            this.next = from;
            this.end = to;
            cpu.setTranslator(mmu);
        }

        @Override public void attach(Cpu c, long ps, long base, long size) { pageSize = ps; }

        @Override public VmSpace create() { return new TestVm(this); }

        long frame() {
            if (next >= end) return -1;
            long pa = next;
            next += 4096;
            byte[] p = cpu.ram.page(cpu.ram.pageIndex(pa));
            java.util.Arrays.fill(p, (byte) 0);
            return pa;
        }
    }

    final Factory f;
    final Map<Long, long[]> pages = new HashMap<>();
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    boolean destroyed;

    TestVm(Factory f) {
        this.f = f;
    }

    @Override public long pageSize() { return f.pageSize; }

    private long round(long v) { return (v + f.pageSize - 1) & -f.pageSize; }

    private boolean free(long a, long len) {
        for (long p = a; p < a + len; p += 4096) if (pages.containsKey(p >>> 12)) return false;
        return a >= 0 && a + len <= 0x1_0000_0000_0000L;
    }

    @Override
    public int allocate(long[] addr, long size, boolean anywhere) {
        if (size <= 0) return KernReturn.KERN_INVALID_ARGUMENT;
        long len = round(size);
        long a = addr[0] & -f.pageSize;
        if (anywhere) {
            if (a == 0) a = 0x1000_0000L;
            while (!free(a, len)) a += f.pageSize;
        } else if ((addr[0] & (f.pageSize - 1)) != 0 || !free(a, len)) {
            return KernReturn.KERN_NO_SPACE;
        }
        for (long p = a; p < a + len; p += 4096) {
            long pa = f.frame();
            if (pa < 0) return KernReturn.KERN_RESOURCE_SHORTAGE;
            pages.put(p >>> 12, new long[] {pa, 7});
        }
        regions.put(a, len);
        addr[0] = a;
        f.cpu.flushTlb();
        return KernReturn.KERN_SUCCESS;
    }

    @Override
    public int deallocate(long addr, long size) {
        for (long p = addr & -4096L; p < addr + size; p += 4096) pages.remove(p >>> 12);
        f.cpu.flushTlb();
        return KernReturn.KERN_SUCCESS;
    }

    @Override
    public int protect(long addr, long size, boolean setMaximum, int prot) {
        if (setMaximum) return KernReturn.KERN_SUCCESS;
        for (long p = addr & -4096L; p < addr + size; p += 4096) {
            long[] e = pages.get(p >>> 12);
            if (e != null) e[1] = prot;
        }
        f.cpu.flushTlb();
        return KernReturn.KERN_SUCCESS;
    }

    @Override public int inherit(long addr, long size, int inheritance) { return KernReturn.KERN_SUCCESS; }

    @Override
    public int fault(long va, int access) {
        long[] e = pages.get(va >>> 12);
        if (e == null) return KernReturn.KERN_INVALID_ADDRESS;
        return (e[1] & access) == access ? KernReturn.KERN_SUCCESS : KernReturn.KERN_PROTECTION_FAILURE;
    }

    @Override
    public VmSpace fork() {
        TestVm c = new TestVm(f);
        byte[] buf = new byte[4096];
        for (Map.Entry<Long, long[]> e : pages.entrySet()) {
            long pa = f.frame();
            f.cpu.ram.copyOut(e.getValue()[0], buf, 0, 4096);
            f.cpu.ram.load(pa, buf, 0, 4096);
            c.pages.put(e.getKey(), new long[] {pa, e.getValue()[1]});
        }
        return c;
    }

    @Override
    public void activate(Cpu cpu) {
        f.mmu.current = this;
        cpu.flushTlb();
    }

    @Override
    public void destroy() {
        destroyed = true;
        pages.clear();
        if (f.mmu.current == this) f.mmu.current = null;
        f.cpu.flushTlb();
    }

    // ---- TaskMemory ----

    @Override
    public boolean read(long addr, byte[] dst, int off, int len) {
        for (int i = 0; i < len; ) {
            long[] e = pages.get((addr + i) >>> 12);
            if (e == null || (e[1] & PROT_READ) == 0) return false;
            int po = (int) ((addr + i) & 0xfff), n = Math.min(len - i, 4096 - po);
            f.cpu.ram.copyOut(e[0] + po, dst, off + i, n);
            i += n;
        }
        return true;
    }

    @Override
    public boolean write(long addr, byte[] src, int off, int len) {
        for (int i = 0; i < len; ) {
            long[] e = pages.get((addr + i) >>> 12);
            if (e == null) return false;
            int po = (int) ((addr + i) & 0xfff), n = Math.min(len - i, 4096 - po);
            f.cpu.ram.load(e[0] + po, src, off + i, n);
            f.cpu.invalidateCode(e[0] + po, n);
            i += n;
        }
        return true;
    }

    /** Kernel-side write ignoring protections (ELF loading into read-only text). */
    boolean poke(long addr, byte[] src) {
        return write(addr, src, 0, src.length);
    }

    @Override
    public VmCopy copyin(long addr, long size, boolean deallocate) {
        byte[] b = new byte[(int) size];
        if (!read(addr, b, 0, b.length)) return null;
        if (deallocate) deallocate(addr, size);
        return new ByteVmCopy(b);
    }

    @Override
    public long copyout(VmCopy copy) {
        byte[] b = copy.bytes();
        long a = allocate(Math.max(1, b.length));
        if (a < 0) return -1;
        write(a, b, 0, b.length);
        copy.discard();
        return a;
    }

    @Override
    public long allocate(long size) {
        long[] a = {0};
        return allocate(a, size, true) == KernReturn.KERN_SUCCESS ? a[0] : -1;
    }
}
