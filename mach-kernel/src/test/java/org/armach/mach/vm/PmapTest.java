package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.*;

import org.armach.core.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The translation tables the pmap writes, checked by an independent walk as the MMU would do it. */
class PmapTest {
    /**
     * Walks the tables per VMSAv8-64 for T0SZ = 16: returns the level-3 descriptor of va, or 0.
     * Level shifts and index widths are written out per granule, not taken from {@link Granule}.
     */
    static long walk(PhysicalMemory ram, long ttbr0, long ps, long va) {
        int[] shifts;
        int[] widths;
        if (ps == 4096) { shifts = new int[] {39, 30, 21, 12}; widths = new int[] {9, 9, 9, 9}; }
        else if (ps == 16384) { shifts = new int[] {47, 36, 25, 14}; widths = new int[] {1, 11, 11, 11}; }
        else { shifts = new int[] {42, 29, 16}; widths = new int[] {6, 13, 13}; }
        long oaMask = 0x0000_ffff_ffff_ffffL & -ps;
        long table = ttbr0 & 0x0000_ffff_ffff_fffeL;
        for (int i = 0; i < shifts.length; i++) {
            long d = ram.read(table + 8 * ((va >>> shifts[i]) & ((1L << widths[i]) - 1)), 8);
            if ((d & 3) != 3) return 0;
            if (i == shifts.length - 1) return d;
            table = d & oaMask;
        }
        return 0;
    }

    private static long ap(long d) { return (d >>> 6) & 3; }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void descriptorsForEachGranule(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long va = 0xFFFF_FFFE_0000L & -ps; // near the top of the 48-bit user range (the boot stack)
        long[] a = {va};
        assertEquals(KERN_SUCCESS, t.allocate(a, 2 * ps, false));
        assertEquals(KERN_SUCCESS, t.fault(va + 8, VmSpace.ACCESS_WRITE));
        long ttbr = t.pmap().ttbr0();
        assertEquals(t.pmap().asid(), ttbr >>> 48);
        assertEquals(0, t.pmap().root() % ps, "root table aligned to the granule");
        long d = walk(f.ram, ttbr, ps, va + 8);
        assertNotEquals(0, d);
        assertEquals(t.pmap().extract(va), d & 0x0000_ffff_ffff_ffffL & -ps, "output address");
        assertEquals(0, (d & 0x0000_ffff_ffff_ffffL & -ps) % ps);
        assertEquals(0, (d >>> 2) & 7, "AttrIndx 0 = Normal WB in MAIR attr0");
        assertEquals(1, ap(d), "AP = 01: EL0 read/write");
        assertEquals(3, (d >>> 8) & 3, "inner shareable");
        assertEquals(1, (d >>> 10) & 1, "AF");
        assertEquals(1, (d >>> 11) & 1, "nG");
        assertEquals(1, (d >>> 53) & 1, "PXN");
        assertEquals(1, (d >>> 54) & 1, "UXN: not executable");
        assertEquals(0, walk(f.ram, ttbr, ps, va + ps), "the second page is not resident yet");

        t.protect(va, ps, false, VmSpace.PROT_READ | VmSpace.PROT_EXECUTE);
        d = walk(f.ram, ttbr, ps, va);
        assertEquals(3, ap(d), "AP = 11: read-only");
        assertEquals(1, (d >>> 54) & 1, "pmap_protect only lowers rights; execute comes with the next fault");
        assertEquals(KERN_SUCCESS, t.fault(va, VmSpace.ACCESS_EXECUTE));
        d = walk(f.ram, ttbr, ps, va);
        assertEquals(0, (d >>> 54) & 1, "executable at EL0");
        t.protect(va, ps, false, VmSpace.PROT_EXECUTE);
        assertEquals(0, ap(walk(f.ram, ttbr, ps, va)), "execute-only: AP = 00, UXN clear");

        t.protect(va, 2 * ps, false, VmSpace.PROT_DEFAULT);
        t.fault(va, VmSpace.ACCESS_WRITE);
        assertEquals(1, ap(walk(f.ram, ttbr, ps, va)));
        t.fork();
        assertEquals(3, ap(walk(f.ram, ttbr, ps, va)), "fork write-protects the parent's copy-on-write pages");
        t.deallocate(va, ps);
        assertEquals(0, walk(f.ram, ttbr, ps, va), "unmapped");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void tcrFields(long ps) {
        Granule g = Granule.of(ps);
        long tcr = Pmap.tcr(g, 2);
        assertEquals(16, tcr & 0x3f, "T0SZ: 48-bit user VA");
        long tg0 = (tcr >>> 14) & 3, tg1 = (tcr >>> 30) & 3;
        assertEquals(ps == 4096 ? 0 : ps == 16384 ? 2 : 1, tg0);
        assertEquals(ps == 4096 ? 2 : ps == 16384 ? 1 : 3, tg1);
        assertEquals(1, (tcr >>> 36) & 1, "16-bit ASIDs");
        assertEquals(1, (tcr >>> 23) & 1, "EPD1");
        assertEquals(2, (tcr >>> 32) & 7, "IPS");
        assertEquals(ps == 65536 ? 1 : 0, g.startLevel);
    }

    @Test
    void asidsAreDistinctAndRecycled() {
        VmFixture f = new VmFixture(4096);
        TaskVm a = f.space(), b = f.space();
        assertNotEquals(a.pmap().asid(), b.pmap().asid());
        assertNotEquals(0, a.pmap().asid());
        int asidA = a.pmap().asid();
        long free = f.vm.phys().freePages();
        a.destroy();
        assertTrue(f.vm.phys().freePages() > free, "tables freed");
        assertEquals(asidA, f.space().pmap().asid(), "recycled");
    }
}
