package org.armach.core.cpu.mmu;

import static org.armach.core.cpu.mmu.MmuFixture.*;
import static org.armach.core.cpu.mmu.PageTables.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.SysRegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table walks for every granule and start level, blocks, and the walk's fault reporting. */
class MmuWalkTest {
    private static final long PATTERN = 0x0000_a5a5_a5a5_a5a5L;

    /** A page-aligned VA inside an input range of {@code in} bits, with index bits set at every level. */
    private static long dataVa(int g, int in) {
        return PATTERN & ((1L << (in - 1)) - 1) & -(1L << g); // top input bit clear, as for the code
    }

    @ParameterizedTest(name = "granule 2^{0}, {1}-bit VA, start level {2}")
    @CsvSource({
        "12, 48, 0", "12, 42, 0", "12, 39, 1", "12, 33, 1", "12, 30, 2", "12, 25, 2",
        "14, 48, 0", "14, 47, 1", "14, 40, 1", "14, 36, 2", "14, 30, 2", "14, 25, 3",
        "16, 48, 1", "16, 43, 1", "16, 42, 2", "16, 35, 2", "16, 29, 3", "16, 25, 3",
    })
    void walksEveryGranuleAndStartLevel(int g, int in, int expectedStart) {
        assertEquals(expectedStart, MmuFixture.startLevel(g, in));
        MmuFixture f = new MmuFixture(g, in, in);
        long va = dataVa(g, in), off = 0x238 + (1L << g) - 0x1000 + 0x200;
        long va1 = -(1L << in) | va; // TTBR1 half: top bits all ones
        f.t0.page(va, PA_A, SH_INNER);
        f.t1.page(va1, PA_B, SH_INNER);
        f.t0.page(va + (2L << g), PA_C, AP_EL0 | SH_INNER); // user RW
        f.ram(PA_A + off, 0x1111_2222_3333_4444L);
        f.ram(PA_B + off, 0x5555_6666_7777_8888L);
        f.ram(PA_C + 8, 0x9999L);

        f.x(1, va + off).ok(1, LDR_X0_X1);
        assertEquals(0x1111_2222_3333_4444L, f.x(0));
        f.x(1, va1 + off).ok(1, LDR_X0_X1);
        assertEquals(0x5555_6666_7777_8888L, f.x(0));
        f.x(0, 0xabcdL).x(1, va1 + off + 8).ok(1, STR_X0_X1);
        assertEquals(0xabcdL, f.ram(PA_B + off + 8));
        // EL0: its own page works, the kernel page is a level-3 permission fault
        f.x(1, va + (2L << g) + 8).ok(0, LDR_X0_X1);
        assertEquals(0x9999L, f.x(0));
        f.x(1, va + off).dabt(0, 0x0f, false, va + off, 0, LDR_X0_X1);
        // the next page is unmapped: level-3 translation fault (loads, stores, fetches)
        long next = va + (1L << g) + 0x10;
        f.x(1, next).dabt(1, 0x07, false, next, 0, LDR_X0_X1);
        f.x(1, next).dabt(0, 0x07, true, next, 0, STR_X0_X1);
        f.x(1, next).iabt(1, 0x07, next, BR_X1);
        // a VA whose start-level entry is empty: translation fault at the start level
        PageTables t = f.t0;
        long hole = va | (1L << (in - 1));
        int sh = t.shift(expectedStart);
        assertNotEquals(hole >>> sh, va >>> sh);
        assertNotEquals(hole >>> sh, CODE_VA >>> sh);
        f.x(1, hole).dabt(1, 0x04 + expectedStart, false, hole, 0, LDR_X0_X1);
        f.x(1, hole).iabt(0, 0x04 + expectedStart, hole, BR_X1);
        // just outside either input range: level-0 translation fault
        if (in < 48) {
            long out = 1L << in;
            f.x(1, out).dabt(1, 0x04, false, out, 0, LDR_X0_X1);
            long out1 = -(1L << in) - 0x1000;
            f.x(1, out1).dabt(1, 0x04, true, out1, 0, STR_X0_X1);
        }
        // access flag clear at the page: access flag fault at level 3
        f.t0.raw(va, 3, PA_A | PAGE);
        f.cpu.flushTlb();
        f.tlbiAll();
        f.x(1, va + off).dabt(1, 0x0b, false, va + off, 0, LDR_X0_X1);
    }

    @Test
    void blocksAtEveryLegalLevel() {
        // 4K: 1 GiB at level 1, 2 MiB at level 2
        MmuFixture f = new MmuFixture(12, 48, 48);
        f.t0.map(0x40_0000_0000L, 0x4000_0000L, 1, AF);
        f.t0.map(0x1_0020_0000L, 0x4020_0000L, 2, AF);
        f.ram(0x4010_2340L, 0x42L);
        f.ram(0x4021_2348L, 0x43L);
        f.x(1, 0x40_0010_2340L).ok(1, LDR_X0_X1);
        assertEquals(0x42, f.x(0));
        f.x(1, 0x1_0021_2348L).ok(1, LDR_X0_X1);
        assertEquals(0x43, f.x(0));
        // a write through the block reaches the right 4K piece; another piece still reads right
        f.x(0, 0x77).x(1, 0x40_0020_0008L).ok(1, STR_X0_X1);
        assertEquals(0x77, f.ram(0x4020_0008L));
        f.x(1, 0x40_0021_2348L).ok(1, LDR_X0_X1);
        assertEquals(0x43, f.x(0));

        // 16K: 32 MiB at level 2
        f = new MmuFixture(14, 48, 48);
        f.t0.map(0x2_0000_0000L, 0x4200_0000L, 2, AF);
        f.ram(0x4212_3458L, 0x44L);
        f.x(1, 0x2_0012_3458L).ok(1, LDR_X0_X1);
        assertEquals(0x44, f.x(0));

        // 64K: 512 MiB at level 2
        f = new MmuFixture(16, 48, 48);
        f.t0.map(0x20_0000_0000L, 0x4000_0000L, 2, AF);
        f.ram(0x4210_0008L, 0x45L);
        f.x(1, 0x20_0210_0008L).ok(1, LDR_X0_X1);
        assertEquals(0x45, f.x(0));
        // 64K pages: the whole 64K page maps contiguously
        f.t0.page(0x30_0000_0000L, PA_A, 0);
        f.ram(PA_A + 0xfff8, 0x46L);
        f.x(1, 0x30_0000_fff8L).ok(1, LDR_X0_X1);
        assertEquals(0x46, f.x(0));
    }

    @Test
    void blocksAtIllegalLevelsAreTranslationFaults() {
        // 4K level 0
        MmuFixture f = new MmuFixture(12, 48, 48);
        f.t0.map(0x80_0000_0000L, 0, 0, AF);
        f.x(1, 0x80_0000_0000L).dabt(1, 0x04, false, 0x80_0000_0000L, 0, LDR_X0_X1);
        // 4K level 3 with type bits 01 (reserved)
        f.t0.raw(0x1234_5000L, 3, PA_A | AF | 1);
        f.x(1, 0x1234_5000L).dabt(1, 0x07, false, 0x1234_5000L, 0, LDR_X0_X1);
        // 16K level 0 and level 1
        f = new MmuFixture(14, 48, 48);
        f.t0.map(0x8000_0000_0000L, 0, 0, AF);
        f.x(1, 0x8000_0000_0000L).dabt(1, 0x04, false, 0x8000_0000_0000L, 0, LDR_X0_X1);
        f.t0.map(0x10_0000_0000L, 0x40_0000_0000L, 1, AF);
        f.x(1, 0x10_0000_0000L).dabt(1, 0x05, false, 0x10_0000_0000L, 0, LDR_X0_X1);
        // 64K level 1
        f = new MmuFixture(16, 48, 48);
        f.t0.map(0x400_0000_0000L, 0, 1, AF);
        f.x(1, 0x400_0000_0000L).dabt(1, 0x05, false, 0x400_0000_0000L, 0, LDR_X0_X1);
    }

    @Test
    void addressSizeFaults() {
        MmuFixture f = new MmuFixture();
        long tcr32 = (f.cpu.sysStore[SysRegs.TCR_EL1] & ~(7L << 32)) | ips(0); // 32-bit PAs
        f.tcr(tcr32);
        // a page above 4 GiB
        f.t0.page(0x5000_0000L, 0x1_0000_0000L, 0);
        f.x(1, 0x5000_0123L).dabt(1, 0x03, false, 0x5000_0123L, 0, LDR_X0_X1);
        f.x(1, 0x5000_0120L).iabt(0, 0x03, 0x5000_0120L, BR_X1);
        // a level-1 table descriptor pointing above 4 GiB: fault at level 1
        f.t0.raw(0x7_0000_0000L, 1, 0x2_0000_0000L | TABLE);
        f.x(1, 0x7_0000_0000L).dabt(1, 0x01, true, 0x7_0000_0000L, 0, STR_X0_X1);
        // a block above the PA size
        f.t0.map(0x8_0000_0000L, 0x1_4000_0000L, 1, AF);
        f.x(1, 0x8_0000_0010L).dabt(1, 0x01, false, 0x8_0000_0010L, 0, LDR_X0_X1);
        // TTBR1 base above the PA size: level 0
        f.cpu.sysStore[SysRegs.TTBR1_EL1] = 0x1_0000_0000L;
        f.x(1, -0x1000L).dabt(1, 0x00, false, -0x1000L, 0, LDR_X0_X1);
    }

    @Test
    void cortexA53LimitsPaSizeAndGranules() {
        // PARange = 40 bits: IPS = 48 bits is limited to 40
        MmuFixture f = new MmuFixture(CpuModel.CORTEX_A53, 12, 48, 48);
        f.t0.page(0x5000_0000L, 0x100_0000_0000L, 0);
        f.x(1, 0x5000_0000L).dabt(1, 0x03, false, 0x5000_0000L, 0, LDR_X0_X1);
        f.t0.page(0x6000_0000L, 0x80_0000_0000L, 0); // just below 2^40: no address size fault
        f.x(1, 0x6000_0000L).dabt(1, 0x10, false, 0x6000_0000L, 0, LDR_X0_X1);
        // no 16K granule: TG0 = 16K walks as 4K
        f.t0.page(0x7000_0000L, PA_A, 0);
        f.ram(PA_A, 0x61);
        long tcr = f.cpu.sysStore[SysRegs.TCR_EL1];
        f.tcr((tcr & ~(3L << 14)) | tg0(14));
        f.x(1, 0x7000_0000L).ok(1, LDR_X0_X1);
        assertEquals(0x61, f.x(0));
        // and MMU off checks against 40 bits
        f.cpu.sctlr[1] &= ~1L;
        f.cpu.flushTlb();
        f.x(1, 1L << 40);
        f.h.load(LDR_X0_X1);
        f.cpu.pc = CpuHarness.CODE;
        assertEquals(0x25, f.h.run(10));
        assertEquals((1L << 25) | 0x00, f.h.lastEsr & 0x3ffffff);
    }

    @Test
    void externalAbortOnWalk() {
        MmuFixture f = new MmuFixture();
        // a level-1 table pointing outside RAM: the level-2 read aborts
        f.t0.raw(0x9_0000_0000L, 1, 0x1000_0000L | TABLE);
        f.x(1, 0x9_0000_0000L).dabt(1, 0x16, false, 0x9_0000_0000L, 0, LDR_X0_X1);
        f.x(1, 0x9_0000_0000L).iabt(1, 0x16, 0x9_0000_0000L, BR_X1);
        // TTBR0 outside RAM: the start-level read aborts
        f.cpu.sysStore[SysRegs.TTBR1_EL1] = 0x2000_0000L;
        f.x(1, -8L).dabt(1, 0x14, false, -8L, 0, LDR_X0_X1);
    }

    @Test
    void rangeChecksEpdAndTbi() {
        MmuFixture f = new MmuFixture(12, 39, 39);
        long tcr = f.cpu.sysStore[SysRegs.TCR_EL1];
        f.t0.page(0x12_3456_7000L, PA_A, 0);
        f.t1.page(-0x1000L, PA_B, 0);
        f.ram(PA_A + 0x10, 0x51L);
        f.ram(PA_B + 0x10, 0x52L);
        // a tagged pointer: translation fault at level 0 without TBI
        long tagged = 0x5a00_0012_3456_7010L;
        f.x(1, tagged).dabt(1, 0x04, false, tagged, 0, LDR_X0_X1);
        // with TBI0 the tag is ignored, and the FAR keeps it
        f.tcr(tcr | TBI0);
        f.x(1, tagged).ok(1, LDR_X0_X1);
        assertEquals(0x51, f.x(0));
        f.x(1, 0xa500_0012_3456_7010L).ok(1, LDR_X0_X1); // bit 55 = 0 selects TTBR0 whatever the tag
        assertEquals(0x51, f.x(0));
        f.x(1, 0xa580_0012_3456_7010L).dabt(1, 0x04, false, 0xa580_0012_3456_7010L, 0, LDR_X0_X1);
        // TBI1 for the upper half
        long tagged1 = 0x12ff_ffff_ffff_f010L;
        f.x(1, tagged1).dabt(1, 0x04, false, tagged1, 0, LDR_X0_X1);
        f.tcr(tcr | TBI1);
        f.x(1, tagged1).ok(1, LDR_X0_X1);
        assertEquals(0x52, f.x(0));
        // EPD1: the upper half faults at level 0; EPD0 likewise (code is in the lower half, so
        // the fetch of the first instruction faults)
        f.tcr(tcr | EPD1);
        f.x(1, -0xff0L).dabt(1, 0x04, false, -0xff0L, 0, LDR_X0_X1);
        f.tcr(tcr | EPD0);
        f.iabt(1, 0x04, CODE_VA, NOP);
        // TxSZ out of range (T0SZ = 10, T0SZ = 45): level-0 translation fault
        f.tcr((tcr & ~63L) | 10);
        f.iabt(1, 0x04, CODE_VA, NOP);
        f.tcr((tcr & ~63L) | 45);
        f.iabt(0, 0x04, CODE_VA, NOP);
    }

    @Test
    void mmuOffIsFlatWithPaRangeCheck() {
        CpuHarness h = new CpuHarness();
        h.ram.write(CpuHarness.DATA, 8, 0x99);
        h.x(1, CpuHarness.DATA).exec(LDR_X0_X1);
        assertEquals(0x99, h.x(0));
        // bits above PARange (48 bits on MAX): level-0 address size fault
        h.x(1, 1L << 48);
        h.load(LDR_X0_X1);
        assertEquals(0x25, h.run(10));
        assertEquals((1L << 25) | 0x00, h.lastEsr & 0x3ffffff);
        assertEquals(1L << 48, h.lastFar);
        // with TBI0 the tag byte is dropped
        h.cpu.sysStore[SysRegs.TCR_EL1] = TBI0;
        h.x(1, 0x7700_0000_0000_0000L | CpuHarness.DATA).exec(LDR_X0_X1);
        assertEquals(0x99, h.x(0));
    }
}
