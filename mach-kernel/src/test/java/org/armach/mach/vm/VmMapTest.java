package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;

import org.armach.mach.vm.VmSpace;
import org.junit.jupiter.api.Test;

/** Map operations and their GNU Mach error codes. */
class VmMapTest {
    private final VmFixture f = new VmFixture(4096);
    private final TaskVm t = f.space();

    private long alloc(long size) {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, t.allocate(a, size, true));
        return a[0];
    }

    @Test
    void allocateAnywhereStartsAtMapMinAndCoalesces() {
        long a = alloc(0x1000), b = alloc(0x2000);
        assertEquals(0, a);
        assertEquals(0x1000, b);
        Region r = t.region(0);
        assertEquals(0x3000, r.size(), "adjacent anonymous allocations coalesce like vm_object_coalesce");
        assertEquals(VmSpace.PROT_DEFAULT, r.protection());
        assertEquals(VmSpace.PROT_ALL, r.maxProtection());
        assertEquals(VmSpace.INHERIT_COPY, r.inheritance());
        assertFalse(r.shared());
        assertEquals(1, t.entryCount());
    }

    @Test
    void allocateFixedErrors() {
        long[] a = {0x10_0123};
        assertEquals(KERN_SUCCESS, t.allocate(a, 0x1800, false));
        assertEquals(0x10_0000, a[0], "address truncated to the page");
        assertEquals(0x2000, t.region(0x10_0000).size(), "size rounded");
        a[0] = 0x10_1000;
        assertEquals(KERN_NO_SPACE, t.allocate(a, 0x1000, false));
        a[0] = VmSystem.VM_MAX_ADDRESS - 0x1000;
        assertEquals(KERN_INVALID_ADDRESS, t.allocate(a, 0x2000, false));
        a[0] = VmSystem.VM_MAX_ADDRESS - 0x1000;
        assertEquals(KERN_SUCCESS, t.allocate(a, 0x1000, false));
        a[0] = 77;
        assertEquals(KERN_SUCCESS, t.allocate(a, 0, true));
        assertEquals(0, a[0], "size 0 succeeds with address 0");
        a[0] = 0;
        assertEquals(KERN_NO_SPACE, t.allocate(a, VmSystem.VM_MAX_ADDRESS, true));
        assertEquals(KERN_NO_SPACE, t.allocate(a, -4096, true));
    }

    @Test
    void deallocateSplitsAndIgnoresHoles() {
        long[] a = {0x20_0000};
        t.allocate(a, 0x4000, false);
        assertEquals(0, t.deallocate(0x20_1000, 0x1000));
        assertEquals(0x1000, t.region(0x20_0000).size());
        assertEquals(0x20_2000, t.region(0x20_1000).start(), "the next region after the hole");
        assertEquals(0, t.deallocate(0x5000_0000, 0x1000), "holes are fine");
        assertEquals(0, t.deallocate(0x20_0000, 0), "size 0");
        assertEquals(0, t.deallocate(-0x1000, 0x2000), "wrapping range is empty");
        assertEquals(0, t.deallocate(0, VmSystem.VM_MAX_ADDRESS));
        assertNull(t.region(0), "KERN_NO_SPACE");
    }

    @Test
    void protectChecksMaximumAndClips() {
        long[] a = {0x30_0000};
        t.allocate(a, 0x3000, false);
        assertEquals(KERN_SUCCESS, t.protect(0x30_1000, 0x1000, false, VmSpace.PROT_READ));
        assertEquals(VmSpace.PROT_READ, t.region(0x30_1000).protection());
        assertEquals(0x1000, t.region(0x30_1000).size());
        assertEquals(KERN_SUCCESS, t.protect(0x30_0000, 0x3000, true, VmSpace.PROT_READ));
        assertEquals(VmSpace.PROT_READ, t.region(0x30_0000).maxProtection());
        assertEquals(KERN_PROTECTION_FAILURE, t.protect(0x30_0000, 0x1000, false, VmSpace.PROT_ALL));
        assertEquals(KERN_INVALID_ARGUMENT, t.protect(0x30_0000, 0x1000, false, 0x8));
        assertEquals(KERN_SUCCESS, t.protect(0x30_0000, 0x1000, false, VmSpace.PROT_READ | TaskVm.PROT_NOTIFY));
        assertEquals(KERN_SUCCESS, t.protect(0x7000_0000, 0x1000, false, VmSpace.PROT_ALL), "holes are fine");
    }

    @Test
    void inheritValidatesAndClips() {
        long[] a = {0x40_0000};
        t.allocate(a, 0x2000, false);
        assertEquals(KERN_INVALID_ARGUMENT, t.inherit(0x40_0000, 0x1000, 3));
        assertEquals(KERN_SUCCESS, t.inherit(0x40_0000, 0x1000, VmSpace.INHERIT_SHARE));
        assertEquals(VmSpace.INHERIT_SHARE, t.region(0x40_0000).inheritance());
        assertEquals(VmSpace.INHERIT_COPY, t.region(0x40_1000).inheritance());
    }

    @Test
    void faultsZeroFillAndProtection() {
        long[] a = {0x50_0000};
        t.allocate(a, 0x2000, false);
        assertEquals(KERN_INVALID_ADDRESS, t.fault(0x60_0000, VmSpace.ACCESS_READ));
        assertEquals(KERN_INVALID_ADDRESS, t.fault(-8, VmSpace.ACCESS_READ));
        assertEquals(KERN_SUCCESS, t.fault(0x50_0008, VmSpace.ACCESS_READ));
        long pa = t.pmap().extract(0x50_0008);
        assertTrue(pa >= VmFixture.RAM_BASE + 0x10000, "never hands out reserved memory");
        assertEquals(0, f.ram.read(pa, 8));
        assertEquals(KERN_PROTECTION_FAILURE, t.fault(0x50_1000, VmSpace.ACCESS_EXECUTE), "default protection has no execute");
        t.protect(0x50_1000, 0x1000, false, VmSpace.PROT_READ);
        assertEquals(KERN_PROTECTION_FAILURE, t.fault(0x50_1000, VmSpace.ACCESS_WRITE));
        assertFalse(t.write(0x50_1000, new byte[4], 0, 4));
        int[] st = t.statistics();
        assertTrue(st[5] >= 1, "zero_fill_count");
        assertTrue(st[9] >= 1, "faults");
    }

    @Test
    void kernelAccessorReadsWritesAndNeverThrows() {
        long[] a = {0x60_0ff0};
        t.allocate(a, 0x2000, false);
        byte[] data = VmFixture.bytes(64, 3);
        assertTrue(t.write(0x60_0ff0, data, 0, 64), "across a page boundary");
        assertArrayEquals(data, VmFixture.read(t, 0x60_0ff0, 64));
        assertArrayEquals(new byte[16], VmFixture.read(t, 0x60_1800, 16), "untouched memory reads zero");
        assertFalse(t.read(0x60_1ff8, new byte[16], 0, 16), "runs past the end");
        assertFalse(t.read(-1, new byte[1], 0, 1));
        assertFalse(t.write(Long.MAX_VALUE, new byte[1], 0, 1));
        assertFalse(t.read(0x60_0000, new byte[4], 2, 4), "bad Java bounds");
        assertEquals(0xdeadL, t.read64(0x9_0000_0000L, 0xdeadL));
        assertTrue(t.write64(0x60_0100, 0x1122334455667788L));
        assertEquals(0x1122334455667788L, t.read64(0x60_0100, 0));
    }

    @Test
    void vmMapAnonymousOnly() {
        long[] a = {0x1234_5678};
        assertEquals(KERN_SUCCESS, t.map(a, 0x3000, 0xffff, true, null, 0, false, 1, 7, 1));
        assertEquals(0, a[0] & 0xffff, "mask alignment");
        assertTrue(a[0] >= 0x1234_0000L, "the address is the search start");
        assertEquals(1, t.region(a[0]).protection());
        assertEquals(KERN_INVALID_ARGUMENT, t.map(a, 0x1000, 0, true, new Object(), 0, false, 1, 7, 1));
        assertEquals(KERN_INVALID_ARGUMENT, t.map(a, 0x1000, 0, true, null, 0, false, 8, 7, 1));
        assertEquals(KERN_INVALID_ARGUMENT, t.map(a, 0x1000, 0, true, null, 0, false, 1, 7, 5));
        a[0] = 0;
        assertEquals(KERN_SUCCESS, t.map(a, 0x1000, 0, false, null, 0, false, 0, 0, 1), "glibc's page-zero guard");
        assertEquals(0, t.region(0).protection());
        assertEquals(KERN_PROTECTION_FAILURE, t.fault(0, VmSpace.ACCESS_READ));
    }

    @Test
    void wireAndStatistics() {
        long[] a = {0x70_0000};
        t.allocate(a, 0x3000, false);
        int[] before = t.statistics();
        assertEquals(4096, before[0], "pagesize");
        assertEquals(KERN_INVALID_ARGUMENT, t.wire(0x70_0000, 0x1000, 0), "unwiring unwired memory");
        assertEquals(KERN_INVALID_ADDRESS, t.wire(0x80_0000, 0x1000, 3));
        assertEquals(KERN_INVALID_ARGUMENT, t.wire(0x70_0000, 0x4000, 3), "hole");
        assertEquals(KERN_INVALID_ARGUMENT, t.wire(0x70_0000, 0x1000, 8));
        assertEquals(KERN_SUCCESS, t.wire(0x70_0000, 0x2000, VmSpace.PROT_READ | VmSpace.PROT_WRITE));
        int[] after = t.statistics();
        assertEquals(before[4] + 2, after[4], "wire_count");
        assertTrue(t.pmap().extract(0x70_1000) >= 0, "wired pages are resident and mapped");
        assertTrue(after[1] <= before[1] - 2, "free_count: two pages and their tables");
        assertEquals(KERN_SUCCESS, t.wire(0x70_0000, 0x2000, 0));
        assertEquals(before[4], t.statistics()[4]);
    }

    @Test
    void machineAttribute() {
        int[] v = {TaskVm.MATTR_VAL_ICACHE_FLUSH};
        assertEquals(KERN_SUCCESS, t.machineAttribute(0x1000, 0x1000, TaskVm.MATTR_CACHE, v));
        v[0] = TaskVm.MATTR_VAL_GET;
        assertEquals(KERN_SUCCESS, t.machineAttribute(0x1000, 0x1000, TaskVm.MATTR_CACHE, v));
        assertEquals(TaskVm.MATTR_VAL_ON, v[0]);
        assertEquals(KERN_INVALID_ARGUMENT, t.machineAttribute(0x1000, 0x1000, 2, v));
        assertEquals(KERN_INVALID_ARGUMENT, t.machineAttribute(VmSystem.VM_MAX_ADDRESS, 0x1000, 1, v));
    }

    @Test
    void destroyReturnsEveryPage() {
        long free0 = f.vm.phys().freePages();
        TaskVm u = f.space();
        long[] a = {0};
        u.allocate(a, 0x10000, true);
        for (long va = 0; va < 0x10000; va += 0x1000) u.fault(va, VmSpace.ACCESS_WRITE);
        TaskVm child = (TaskVm) u.fork();
        child.write(0x2000, new byte[] {1}, 0, 1);
        u.copyout(u.copyin(0x1000, 0x3000, false));
        assertTrue(f.vm.phys().freePages() < free0);
        child.destroy();
        u.destroy();
        assertEquals(free0, f.vm.phys().freePages());
        assertEquals(KERN_INVALID_ADDRESS, u.fault(0, VmSpace.ACCESS_READ), "a destroyed space refuses everything");
    }
}
