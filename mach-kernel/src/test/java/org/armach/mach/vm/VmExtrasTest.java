package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;


import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** vm_wire_all, vm_pages_phys, vm_allocate_contiguous, vm_msync, region proxies, cache statistics. */
class VmExtrasTest {
    private final Object port = new Object();

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void wireAllCurrentAndFuture(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long a = t.allocate(2 * ps);
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.wireAll(t, 4));
        assertEquals(KERN_SUCCESS, VmExtras.wireAll(t, VmExtras.VM_WIRE_CURRENT));
        assertEquals(1, t.entries().get(0).wired);
        assertFalse(VmExtras.wiringRequired(t));
        assertTrue(t.pmap().extract(a + ps) >= 0, "wired pages are resident");
        assertEquals(KERN_SUCCESS, VmExtras.wireAll(t, VmExtras.VM_WIRE_FUTURE));
        assertTrue(VmExtras.wiringRequired(t));
        long b = t.allocate(ps);
        assertTrue(t.pmap().extract(b) >= 0, "a new allocation is wired at once");
        assertEquals(KERN_SUCCESS, VmExtras.wireAll(t, 0));
        assertFalse(VmExtras.wiringRequired(t));
        for (VmMapEntry e : t.entries()) assertEquals(0, e.wired);
        assertEquals(0, f.vm.stats.wiredPages);
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void pagesPhysReportsResidentFrames(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long a = t.allocate(3 * ps);
        assertTrue(t.write(a + ps, new byte[] {1}, 0, 1));
        long[][] out = new long[1][];
        assertEquals(KERN_SUCCESS, VmExtras.pagesPhys(t, a, 3 * ps, out));
        assertEquals(3, out[0].length);
        assertEquals(0, out[0][0]);
        assertEquals(t.pmap().extract(a + ps), out[0][1]);
        assertEquals(0, out[0][2]);
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.pagesPhys(t, a + 1, ps, out));
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.pagesPhys(t, a, ps + 1, out));
        assertEquals(KERN_SUCCESS, VmExtras.pagesPhys(t, 0x7000_0000L, ps, out));
        assertEquals(0, out[0][0], "a hole is 0");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void allocateContiguousIsContiguousZeroedAndBounded(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long[] va = {0}, pa = {0};
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.allocateContiguous(t, ps, 0x1000, 0, 0, va, pa), "pmin != 0");
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.allocateContiguous(t, ps, 0, 0, 3 * ps, va, pa), "palign");
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.allocateContiguous(t, 0, 0, 0, 0, va, pa), "size 0");
        assertEquals(KERN_RESOURCE_SHORTAGE, VmExtras.allocateContiguous(t, ps, 0, 0x1000, 0, va, pa), "below RAM");
        assertEquals(KERN_SUCCESS, VmExtras.allocateContiguous(t, 3 * ps - 5, 0, 0, ps / 2, va, pa));
        long[][] out = new long[1][];
        assertEquals(KERN_SUCCESS, VmExtras.pagesPhys(t, va[0], 3 * ps, out));
        for (int i = 0; i < 3; i++) assertEquals(pa[0] + i * ps, out[0][i]);
        byte[] b = new byte[(int) ps];
        assertTrue(t.read(va[0] + 2 * ps, b, 0, b.length));
        for (byte x : b) assertEquals(0, x);
        Region r = t.region(va[0]);
        assertEquals(3 * ps, r.size());
        assertEquals(VmSpace.PROT_DEFAULT, r.maxProtection());
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void msyncReturnsDirtyPagesAndFlushesOnInvalidate(long ps) {
        VmFixture f = new VmFixture(ps);
        PagerTest.Rec rec = new PagerTest.Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, t.map(a, 2 * ps, 0, true, port, 0, false, 3, 7, VmSpace.INHERIT_COPY));
        Pager p = f.vm.pagerOf(port);
        p.dataSupply(0, new org.armach.mach.ipc.ByteVmCopy(new byte[(int) (2 * ps)]), 0, false, null);
        assertTrue(t.write(a[0] + ps + 3, new byte[] {7}, 0, 1));
        assertEquals(KERN_INVALID_ARGUMENT, VmExtras.msync(t, a[0], 2 * ps, 3));
        assertEquals(KERN_SUCCESS, VmExtras.msync(t, a[0], 2 * ps, VmExtras.VM_SYNC_SYNCHRONOUS));
        assertEquals("return " + ps + " " + ps + " true true", rec.last());
        assertEquals(2, p.residentPages());
        int before = rec.log.size();
        assertEquals(KERN_SUCCESS, VmExtras.msync(t, a[0], 2 * ps, 0));
        assertEquals(before, rec.log.size(), "clean: nothing returned");
        assertTrue(t.write(a[0], new byte[] {9}, 0, 1));
        assertEquals(KERN_SUCCESS, VmExtras.msync(t, a[0], 2 * ps, VmExtras.VM_SYNC_INVALIDATE));
        assertEquals("return 0 " + ps + " true false", rec.last());
        assertEquals(0, p.residentPages(), "flushed");
        int[] cs = VmExtras.cacheStatistics(f.vm);
        assertEquals(11, cs.length);
        assertEquals(1, cs[0]);
        assertEquals(0, cs[1]);
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void regionObjectOfAnonymousMemoryIsSharedWhenMapped(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space(), u = f.space();
        long a = t.allocate(2 * ps);
        assertTrue(t.write(a + ps, new byte[] {5}, 0, 1));
        int[] prot = {7}, kr = {0};
        long[] start = {0};
        Object o = VmExtras.regionObject(t, a + ps, ps, prot, start, kr);
        assertEquals(KERN_SUCCESS, kr[0]);
        assertEquals(7, prot[0]);
        assertEquals(ps, start[0]);
        assertNull(VmExtras.regionObject(t, a, 3 * ps, prot, start, kr));
        assertEquals(KERN_INVALID_ARGUMENT, kr[0]);
        long[] b = {0};
        assertEquals(KERN_SUCCESS, u.map(b, ps, 0, true, o, ps, false, 3, 3, VmSpace.INHERIT_SHARE));
        byte[] x = new byte[1];
        assertTrue(u.read(b[0], x, 0, 1));
        assertEquals(5, x[0]);
        assertTrue(u.write(b[0] + 1, new byte[] {6}, 0, 1));
        assertTrue(t.read(a + ps + 1, x, 0, 1));
        assertEquals(6, x[0], "both maps see the same object");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void mappingAnAnonymousProxyWithCopyIsATrueCopy(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space(), u = f.space();
        long a = t.allocate(2 * ps);
        assertTrue(t.write(a + ps, new byte[] {5}, 0, 1));
        int[] prot = {7}, kr = {0};
        long[] start = {0};
        Object o = VmExtras.regionObject(t, a, 2 * ps, prot, start, kr);
        long[] shared = {0}, copy = {0};
        assertEquals(KERN_SUCCESS, u.map(shared, 2 * ps, 0, true, o, start[0], false, 3, 3, VmSpace.INHERIT_SHARE));
        assertEquals(KERN_SUCCESS, u.map(copy, 2 * ps, 0, true, o, start[0], true, 3, 3, VmSpace.INHERIT_COPY));
        assertEquals(5, VmFixture.read(u, copy[0] + ps, 1)[0], "the copy has the data");
        assertTrue(t.write(a + ps, new byte[] {9}, 0, 1));
        assertTrue(t.write(a, new byte[] {8}, 0, 1));
        assertEquals(5, VmFixture.read(u, copy[0] + ps, 1)[0], "a later write by the owner does not show");
        assertEquals(0, VmFixture.read(u, copy[0], 1)[0], "nor in a page absent when copied");
        assertEquals(9, VmFixture.read(u, shared[0] + ps, 1)[0], "the shared mapping sees it");
        assertTrue(u.write(copy[0] + ps, new byte[] {7}, 0, 1));
        assertEquals(9, VmFixture.read(t, a + ps, 1)[0], "writes to the copy stay private");
        assertTrue(u.write(shared[0], new byte[] {6}, 0, 1));
        assertEquals(0, VmFixture.read(u, copy[0], 1)[0]);
        assertEquals(6, VmFixture.read(t, a, 1)[0]);
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void aReleasedProxyHandleFreesTheObject(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long a = t.allocate(2 * ps);
        assertTrue(t.write(a, new byte[] {1}, 0, 1));
        assertTrue(t.write(a + ps, new byte[] {2}, 0, 1));
        long used = f.vm.phys().usedPages();
        int[] prot = {7}, kr = {0};
        long[] start = {0};
        InternalObject o = (InternalObject) VmExtras.regionObject(t, a, 2 * ps, prot, start, kr);
        assertEquals(KERN_SUCCESS, t.deallocate(a, 2 * ps));
        assertEquals(used, f.vm.phys().usedPages(), "the proxy's handle keeps the pages");
        o.release();
        assertEquals(used - 2, f.vm.phys().usedPages(), "released with the proxy");
    }
}
