package org.armach.core.cpu.mmu;

import static org.armach.core.cpu.mmu.MmuFixture.*;
import static org.armach.core.cpu.mmu.PageTables.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.SysRegs;
import org.junit.jupiter.api.Test;

/** Access permissions, PAN/UAO/LDTR, execute-never, WXN, memory types and alignment. */
class MmuPermissionTest {
    static final long KRW = 0x1000_0000L, KRO = 0x1001_0000L, URW = 0x1002_0000L, URO = 0x1003_0000L;

    /** Pages: kernel RW, kernel RO, user RW, user RO (4K granule, 48-bit VA). */
    private static MmuFixture fixture() {
        MmuFixture f = new MmuFixture();
        f.t0.page(KRW, PA_A, 0);
        f.t0.page(KRO, PA_A, AP_RO);
        f.t0.page(URW, PA_A, AP_EL0);
        f.t0.page(URO, PA_A, AP_EL0 | AP_RO);
        f.ram(PA_A + 8, 0x1234);
        return f;
    }

    @Test
    void apBitsForLoadsAndStoresAtEl0AndEl1() {
        MmuFixture f = fixture();
        for (long va : new long[] {KRW, KRO, URW, URO}) {
            f.x(1, va + 8).ok(1, LDR_X0_X1);
            assertEquals(0x1234, f.x(0));
        }
        f.x(0, 5).x(1, KRW + 8).ok(1, STR_X0_X1);
        f.x(0, 6).x(1, URW + 8).ok(1, STR_X0_X1);
        f.x(1, KRO + 8).dabt(1, 0x0f, true, KRO + 8, 0, STR_X0_X1);
        f.x(1, URO + 16).dabt(1, 0x0f, true, URO + 16, 0, STR_X0_X1);
        // EL0
        f.x(1, KRW + 8).dabt(0, 0x0f, false, KRW + 8, 0, LDR_X0_X1);
        f.x(1, KRO + 8).dabt(0, 0x0f, false, KRO + 8, 0, LDR_X0_X1);
        f.x(1, KRW).dabt(0, 0x0f, true, KRW, 0, STR_X0_X1);
        f.x(1, URO + 8).dabt(0, 0x0f, true, URO + 8, 0, STR_X0_X1);
        f.x(1, URO + 8).ok(0, LDR_X0_X1);
        assertEquals(6, f.x(0));
        f.x(0, 7).x(1, URW + 8).ok(0, STR_X0_X1);
        assertEquals(7, f.ram(PA_A + 8));
        // the fault comes from the second instruction: ELR/FAR of that one
        f.x(1, URW + 8).x(2, KRW + 0x10);
        f.dabt(0, 0x0f, false, KRW + 0x10, 1, LDR_X0_X1, 0xf9400040 /* ldr x0, [x2] */);
    }

    @Test
    void softTlbKeepsEl0AndEl1ViewsApart() {
        MmuFixture f = fixture();
        // EL1 fills its read and write entries; EL0 must not hit them
        f.x(1, KRW + 8).ok(1, LDR_X0_X1, STR_X0_X1, LDR_X0_X1);
        f.x(1, KRW + 8).dabt(0, 0x0f, false, KRW + 8, 0, LDR_X0_X1);
        f.x(1, KRW + 8).dabt(0, 0x0f, true, KRW + 8, 0, STR_X0_X1);
        // a read entry does not grant writes
        f.x(1, KRO + 8).ok(1, LDR_X0_X1, LDR_X0_X1);
        f.x(1, KRO + 8).dabt(1, 0x0f, true, KRO + 8, 0, STR_X0_X1);
        // and EL1 still hits after EL0 faulted
        f.x(1, KRW + 8).ok(1, LDR_X0_X1);
    }

    @Test
    void hierarchicalApTable() {
        MmuFixture f = new MmuFixture();
        long noEl0 = 0x20_0000_0000L, ro = 0x30_0000_0000L;
        f.t0.page(noEl0, PA_A, AP_EL0).tableBits(noEl0, 1, AP_TABLE_NO_EL0);
        f.t0.page(ro, PA_A, AP_EL0).tableBits(ro, 2, AP_TABLE_RO);
        f.x(1, noEl0).dabt(0, 0x0f, false, noEl0, 0, LDR_X0_X1);
        f.x(1, noEl0).ok(1, LDR_X0_X1, STR_X0_X1);
        // APTable NO_EL0 also lifts PAN and the EL1-execute restriction for EL0-writable pages
        f.x(1, noEl0).ok(1, MSR_PAN_1, LDR_X0_X1, MSR_PAN_0);
        f.x(1, ro).ok(0, LDR_X0_X1);
        f.x(1, ro).dabt(0, 0x0f, true, ro, 0, STR_X0_X1);
        f.x(1, ro).dabt(1, 0x0f, true, ro, 0, STR_X0_X1);
    }

    @Test
    void panBlocksEl1DataAccessToUserPagesButNotLdtrOrFetch() {
        MmuFixture f = fixture();
        f.x(1, URW + 8).ok(1, LDR_X0_X1, MSR_PAN_1, MSR_PAN_0, LDR_X0_X1);
        f.x(1, URW + 8).dabt(1, 0x0f, false, URW + 8, 1, MSR_PAN_1, LDR_X0_X1);
        assertEquals(true, f.cpu.pan);
        f.x(1, URO + 8).dabt(1, 0x0f, false, URO + 8, 0, LDR_X0_X1);
        f.x(1, URW + 8).dabt(1, 0x0f, true, URW + 8, 0, STR_X0_X1);
        // kernel pages are unaffected
        f.x(1, KRW + 8).ok(1, LDR_X0_X1, STR_X0_X1);
        // LDTR/STTR check EL0 permissions: fine on user pages, not on kernel pages
        f.x(0, 0x77).x(1, URW + 8).ok(1, STTR_X0_X1, LDTR_X0_X1);
        assertEquals(0x77, f.ram(PA_A + 8));
        f.x(1, KRW + 8).dabt(1, 0x0f, false, KRW + 8, 0, LDTR_X0_X1);
        f.x(1, KRW + 8).dabt(1, 0x0f, true, KRW + 8, 0, STTR_X0_X1);
        // with UAO, LDTR/STTR at EL1 are ordinary accesses: PAN applies, kernel pages work
        f.x(1, KRW + 8).ok(1, MSR_UAO_1, LDTR_X0_X1, STTR_X0_X1);
        f.x(1, URW + 8).dabt(1, 0x0f, false, URW + 8, 0, LDTR_X0_X1);
        // instruction fetch is not affected by PAN (user RO page, executable at EL1): the branch
        // lands on the BRK that follows it in the code page
        f.t0.page(0x1004_0000L, CpuHarness.CODE, AP_EL0 | AP_RO);
        f.cpu.uao = false;
        f.x(1, 0x1004_0000L + 4).run(1, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        assertEquals(0x1004_0004L, f.h.lastElr);
        assertEquals(true, f.cpu.pan);
        // PAN off again: EL1 sees user pages
        f.x(1, URW + 8).ok(1, MSR_PAN_0, LDR_X0_X1);
    }

    @Test
    void executeNever() {
        MmuFixture f = new MmuFixture();
        long uxn = 0x5000_0000L, pxn = 0x5001_0000L, userRw = 0x5002_0000L, kernelRw = 0x5003_0000L, execOnly = 0x5004_0000L;
        long code = CpuHarness.CODE;
        f.t0.page(uxn, code, AP_EL0 | AP_RO | UXN);
        f.t0.page(pxn, code, AP_EL0 | AP_RO | PXN);
        f.t0.page(userRw, code, AP_EL0);
        f.t0.page(kernelRw, code, 0);
        f.t0.page(execOnly, code, 0); // AP = 00: EL0 may execute (no read needed in ARMv8.0)
        // program: br x1; brk — the branch target is the BRK at offset 4 of the code page
        f.x(1, uxn + 4).iabt(0, 0x0f, uxn + 4, BR_X1);
        f.x(1, uxn + 4).run(1, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.x(1, pxn + 4).iabt(1, 0x0f, pxn + 4, BR_X1);
        f.x(1, pxn + 4).run(0, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        // EL1 never executes EL0-writable memory
        f.x(1, userRw + 4).iabt(1, 0x0f, userRw + 4, BR_X1);
        f.x(1, userRw + 4).run(0, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.x(1, kernelRw + 4).run(1, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.x(1, execOnly + 4).run(0, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        // reading a page first must not make it executable (read and fetch TLBs are separate)
        f.x(1, pxn + 4).ok(1, LDR_X0_X1);
        f.x(1, pxn + 4).iabt(1, 0x0f, pxn + 4, BR_X1);
        // UXNTable / PXNTable
        long tbl = 0x60_0000_0000L;
        f.t0.page(tbl, code, AP_EL0 | AP_RO).tableBits(tbl, 2, UXN_TABLE);
        f.x(1, tbl + 4).iabt(0, 0x0f, tbl + 4, BR_X1);
        f.x(1, tbl + 4).run(1, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.t0.tableBits(tbl, 1, PXN_TABLE);
        f.tlbiAll();
        f.x(1, tbl + 4).iabt(1, 0x0f, tbl + 4, BR_X1);
    }

    @Test
    void wxn() {
        MmuFixture f = new MmuFixture();
        long kernelRw = 0x5003_0000L, userRw = 0x5002_0000L, userRo = 0x5005_0000L;
        f.t0.page(kernelRw, CpuHarness.CODE, 0);
        f.t0.page(userRw, CpuHarness.CODE, AP_EL0);
        f.t0.page(userRo, CpuHarness.CODE, AP_EL0 | AP_RO);
        f.x(1, userRw + 4).run(0, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.cpu.sctlr[1] |= 1L << 19; // WXN
        f.cpu.flushTlb();
        f.x(1, kernelRw + 4).iabt(1, 0x0f, kernelRw + 4, BR_X1);
        f.x(1, userRw + 4).iabt(0, 0x0f, userRw + 4, BR_X1);
        f.x(1, userRo + 4).run(0, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
        f.x(1, userRo + 4).run(1, BR_X1);
        assertEquals(0x3c, f.h.lastEsr >>> 26);
    }

    @Test
    void deviceMemoryFaultsOnUnalignedAccesses() {
        MmuFixture f = new MmuFixture();
        long dev = 0x7000_0000L, nc = 0x7001_0000L;
        f.t0.page(dev, PA_A, attrIndx(1));
        f.t0.page(nc, PA_A, attrIndx(3));
        f.ram(PA_A, 0x1122_3344_5566_7788L);
        f.ram(PA_A + 8, 0x99aa_bbcc_ddee_ff00L);
        f.x(1, dev).ok(1, LDR_X0_X1, LDR_X0_X1);
        assertEquals(0x1122_3344_5566_7788L, f.x(0));
        // repeated so that a soft-TLB entry would be used if one had been made
        f.x(1, dev).dabt(1, 0x21, false, dev + 1, 1, LDR_X0_X1, LDUR_X0_X1_1);
        f.x(1, dev + 2).dabt(1, 0x21, false, dev + 2, 0, LDR_W0_X1);
        f.x(1, dev + 4).dabt(1, 0x21, true, dev + 4, 0, STR_X0_X1);
        // a permission fault takes priority over the alignment fault from the memory type
        f.x(1, dev + 1).dabt(0, 0x0f, false, dev + 2, 0, LDUR_X0_X1_1);
        // Normal non-cacheable memory allows unaligned accesses
        f.x(1, nc).ok(1, LDUR_X0_X1_1);
        assertEquals(0x0011_2233_4455_6677L, f.x(0));
        // SCTLR.A alignment faults come before translation faults
        f.cpu.sctlr[1] |= 2;
        f.x(1, 0x7777_0001L).dabt(1, 0x21, false, 0x7777_0002L, 0, LDUR_X0_X1_1);
    }

    @Test
    void stackPointerAlignmentCheck() {
        MmuFixture f = new MmuFixture();
        f.t0.page(KRW, PA_A, AP_EL0);
        int[] prog = {LDR_X0_SP};
        f.cpu.spEl[1] = KRW + 8;
        f.ok(1, prog); // SA clear: no check
        // SCTLR_EL1.SA through MSR (which drops decoded code)
        f.x(3, f.cpu.sctlr[1] | 8).ok(1, 0xd5181003 /* msr sctlr_el1, x3 */);
        f.cpu.spEl[1] = KRW + 8;
        assertEquals(0x26, f.run(1, NOP, LDR_X0_SP));
        assertEquals(0x26L << 26 | 1L << 25, f.h.lastEsr);
        assertEquals(CODE_VA + 4, f.h.lastElr);
        // an aligned SP, a misaligned non-SP base, a writeback that ends misaligned
        f.cpu.spEl[1] = KRW + 16;
        f.x(1, KRW + 8).ok(1, LDR_X0_SP, LDR_X0_X1, STP_X0_X1_SP_PRE, 0x910023ff /* add sp, sp, #8 */);
        // at EL0 the check follows SA0
        f.cpu.spEl[0] = KRW + 8;
        f.ok(0, STR_X0_SP8);
        f.x(3, f.cpu.sctlr[1] | 0x10).ok(1, 0xd5181003);
        f.cpu.spEl[0] = KRW + 8;
        assertEquals(0x26, f.run(0, STR_X0_SP8));
        f.cpu.spEl[0] = KRW + 0x10;
        f.ok(0, LDP_X0_X1_SP_POST);
        // the SP check comes before the translation
        f.cpu.spEl[1] = 0x6666_0008L;
        assertEquals(0x26, f.run(1, LDR_X0_SP));
    }
}
