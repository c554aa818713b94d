package org.armach.core.cpu.mmu;

import static org.armach.core.cpu.mmu.MmuFixture.*;
import static org.armach.core.cpu.mmu.PageTables.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.SysRegs;
import org.junit.jupiter.api.Test;

/**
 * ASIDs and global entries, every TLBI variant, and AT/PAR_EL1. "Stale" reads after a
 * descriptor change without TLBI are what the architecture permits a TLB to return; the
 * tests use them to observe what is cached and what each TLBI removes.
 */
class MmuTlbTest {
    static final long V = 0x2000_0000L, G = 0x3000_0000L;

    private static long ttbr(PageTables t, int asid) {
        return t.root | ((long) asid << 48);
    }

    /** Reads V through TTBR0 = {@code ttbr0} (set by MSR in the same program) into x0. */
    private static long readAfterSwitch(MmuFixture f, long ttbr0, long va) {
        f.x(3, ttbr0).x(1, va).ok(1, MSR_TTBR0_X3, ISB, LDR_X0_X1);
        return f.x(0);
    }

    private static long read(MmuFixture f, long va) {
        f.x(1, va).ok(1, LDR_X0_X1);
        return f.x(0);
    }

    private static MmuFixture asidFixture(PageTables[] b) {
        MmuFixture f = new MmuFixture();
        f.t0.page(V, PA_A, NG);
        f.t0.page(G, PA_C, 0);
        b[0] = new PageTables(f.h.ram, 12, 48, 0, POOL + 0x40_0000L);
        f.mapCode(b[0]);
        b[0].page(V, PA_B, NG);
        f.ram(PA_A, 0xa);
        f.ram(PA_B, 0xb);
        f.ram(PA_C, 0xc);
        return f;
    }

    @Test
    void asidsSeparateNonGlobalEntriesAndGlobalOnesSurvive() {
        PageTables[] b = new PageTables[1];
        MmuFixture f = asidFixture(b);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 1), V));
        assertEquals(0xc, read(f, G));
        // ASID 2 with other tables: V is not a hit of ASID 1's entry
        assertEquals(0xb, readAfterSwitch(f, ttbr(b[0], 2), V));
        // G is global: the cached entry survives the switch (tables B do not even map it)
        assertEquals(0xc, read(f, G));
        // back to ASID 1: its entry for V is still cached, so a descriptor change is not seen...
        f.t0.page(V, PA_C, NG);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 1), V));
        // ...until that ASID is invalidated (TLBI ASIDE1 of another ASID does nothing)
        f.x(2, 2L << 48).x(1, V).ok(1, TLBI_ASIDE1, LDR_X0_X1);
        assertEquals(0xa, f.x(0));
        f.x(2, 1L << 48).x(1, V).ok(1, TLBI_ASIDE1IS, LDR_X0_X1);
        assertEquals(0xc, f.x(0));
        // the TLBI ASIDE1 of ASID 2 above did remove ASID 2's entry
        b[0].page(V, PA_A, NG);
        assertEquals(0xa, readAfterSwitch(f, ttbr(b[0], 2), V));
    }

    @Test
    void tlbiOfAnAsidThatIsNotCurrentReachesItsKeptEntries() {
        // the CPU keeps soft-TLB entries per ASID across switches; a TLBI VAE1 issued while
        // another ASID runs must still drop them
        PageTables[] b = new PageTables[1];
        MmuFixture f = asidFixture(b);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 1), V));
        assertEquals(0xb, readAfterSwitch(f, ttbr(b[0], 2), V));
        f.t0.page(V, PA_C, NG);
        f.x(2, op(1, V)).ok(1, TLBI_VAE1);
        assertEquals(0xb, read(f, V), "ASID 2's entry untouched");
        assertEquals(0xc, readAfterSwitch(f, ttbr(f.t0, 1), V));
        // and a TLBI by VA of all ASIDs reaches both
        f.t0.page(V, PA_A, NG);
        b[0].page(V, PA_C, NG);
        f.x(2, op(0, V)).ok(1, TLBI_VAAE1);
        assertEquals(0xa, read(f, V));
        assertEquals(0xc, readAfterSwitch(f, ttbr(b[0], 2), V));
    }

    @Test
    void asidWidthFollowsTcrAs() {
        PageTables[] b = new PageTables[1];
        MmuFixture f = asidFixture(b);
        long tcr = f.cpu.sysStore[SysRegs.TCR_EL1];
        // 8-bit ASIDs: 0x101 and 0x001 are the same ASID, so B's tables are not walked
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 0x001), V));
        assertEquals(0xa, readAfterSwitch(f, ttbr(b[0], 0x101), V));
        // 16-bit ASIDs: they differ
        f.tcr(tcr | AS);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 0x001), V));
        assertEquals(0xb, readAfterSwitch(f, ttbr(b[0], 0x101), V));
        // TCR.A1: the ASID comes from TTBR1
        f.tcr(tcr | AS | A1);
        f.cpu.sysStore[SysRegs.TTBR1_EL1] = f.t1.root | (5L << 48);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 0), V));
        f.x(3, f.t1.root | (6L << 48)).ok(1, MSR_TTBR1_X3);
        assertEquals(0xb, readAfterSwitch(f, ttbr(b[0], 0), V));
        f.x(3, f.t1.root | (5L << 48)).ok(1, MSR_TTBR1_X3);
        assertEquals(0xa, readAfterSwitch(f, ttbr(f.t0, 0), V));
    }

    /**
     * Maps {@code va} (non-global unless {@code global}) to PA_A under ASID 1, reads it, remaps
     * it to PA_B without TLBI, then runs {@code tlbi} with x2 = {@code xt} and reads again.
     * Returns 0xa if the stale translation survived, 0xb if the TLBI removed it.
     */
    private static long afterTlbi(int tlbi, long va, long xt, boolean global) {
        MmuFixture f = new MmuFixture();
        f.cpu.sysStore[SysRegs.TTBR0_EL1] = ttbr(f.t0, 1);
        f.cpu.sysStore[SysRegs.TTBR1_EL1] = ttbr(f.t1, 0);
        PageTables t = va < 0 ? f.t1 : f.t0;
        t.page(va, PA_A, global ? 0 : NG);
        f.ram(PA_A + 8, 0xa);
        f.ram(PA_B + 8, 0xb);
        assertEquals(0xa, read(f, va + 8));
        t.page(va, PA_B, global ? 0 : NG);
        assertEquals(0xa, read(f, va + 8), "stale before TLBI");
        f.x(2, xt).x(1, va + 8).ok(1, tlbi, LDR_X0_X1);
        return f.x(0);
    }

    private static long op(int asid, long va) {
        return ((long) asid << 48) | ((va >>> 12) & ((1L << 44) - 1));
    }

    @Test
    void everyTlbiVariant() {
        for (int t : new int[] {TLBI_VMALLE1, TLBI_VMALLE1IS}) {
            assertEquals(0xb, afterTlbi(t, V, 0, false));
            assertEquals(0xb, afterTlbi(t, V, 0, true));
        }
        for (int t : new int[] {TLBI_VAE1, TLBI_VAE1IS, TLBI_VALE1, TLBI_VALE1IS}) {
            assertEquals(0xb, afterTlbi(t, V, op(1, V), false));
            assertEquals(0xa, afterTlbi(t, V, op(2, V), false), "other ASID");
            assertEquals(0xb, afterTlbi(t, V, op(2, V), true), "global entries match any ASID");
            assertEquals(0xa, afterTlbi(t, V, op(1, V + 0x1000), false), "other page");
            assertEquals(0xb, afterTlbi(t, -0x20_0000L, op(1, -0x20_0000L), false), "TTBR1 VA");
        }
        for (int t : new int[] {TLBI_ASIDE1, TLBI_ASIDE1IS}) {
            assertEquals(0xb, afterTlbi(t, V, op(1, 0), false));
            assertEquals(0xa, afterTlbi(t, V, op(2, 0), false));
            assertEquals(0xa, afterTlbi(t, V, op(1, 0), true), "global entries stay");
        }
        for (int t : new int[] {TLBI_VAAE1, TLBI_VAAE1IS, TLBI_VAALE1, TLBI_VAALE1IS}) {
            assertEquals(0xb, afterTlbi(t, V, op(2, V), false));
            assertEquals(0xb, afterTlbi(t, V, op(0, V), true));
            assertEquals(0xa, afterTlbi(t, V, op(0, V + 0x1000), false));
        }
    }

    @Test
    void tlbiByVaDropsWholeBlocksAndLargePages() {
        // a 2 MiB block read through two 4K pieces; TLBI of the block's first page drops both
        MmuFixture f = new MmuFixture();
        long blk = 0x8000_0000L, pa1 = CpuHarness.RAM + 0x20_0000L, pa2 = CpuHarness.RAM + 0x40_0000L;
        f.t0.map(blk, pa1, 2, AF);
        f.ram(pa1 + 0x1000, 1);
        f.ram(pa1 + 0x5000, 2);
        f.ram(pa2 + 0x1000, 3);
        f.ram(pa2 + 0x5000, 4);
        assertEquals(1, read(f, blk + 0x1000));
        assertEquals(2, read(f, blk + 0x5000));
        f.t0.map(blk, pa2, 2, AF);
        assertEquals(1, read(f, blk + 0x1000));
        f.x(2, op(0, blk + 0x1f_f000)).x(1, blk + 0x5000).ok(1, TLBI_VAAE1, LDR_X0_X1);
        assertEquals(4, f.x(0));
        assertEquals(3, read(f, blk + 0x1000));
        // a 1 GiB block
        long gb = 0x80_4000_0000L;
        f.t0.map(gb, 0x4000_0000L, 1, AF);
        assertEquals(1, read(f, gb + 0x20_1000L));
        f.t0.map(gb, 0x4000_0000L + 0, 1, AF | AP_RO);
        f.x(1, gb + 0x20_1000L).ok(1, STR_X0_X1); // stale RW entry
        f.x(2, op(0, gb)).ok(1, TLBI_VAE1);
        f.x(1, gb + 0x20_1000L).dabt(1, 0x0d, true, gb + 0x20_1000L, 0, STR_X0_X1);
        // a 64K page read through two 4K pieces
        f = new MmuFixture(16, 48, 48);
        long p = 0x5_0000_0000L;
        f.t0.page(p, PA_A, NG);
        f.ram(PA_A + 0x1000, 5);
        f.ram(PA_A + 0xf000, 6);
        f.ram(PA_B + 0x1000, 7);
        f.ram(PA_B + 0xf000, 8);
        assertEquals(5, read(f, p + 0x1000));
        assertEquals(6, read(f, p + 0xf000));
        f.t0.page(p, PA_B, NG);
        f.x(2, op(0, p)).x(1, p + 0xf000).ok(1, TLBI_VALE1IS, LDR_X0_X1);
        assertEquals(8, f.x(0));
        assertEquals(7, read(f, p + 0x1000));
    }

    @Test
    void innerShareableTlbiReachesTheDomain() {
        MmuFixture other = new MmuFixture(), self = new MmuFixture();
        other.t0.page(V, PA_A, 0);
        other.ram(PA_A, 0xa);
        other.ram(PA_B, 0xb);
        assertEquals(0xa, read(other, V));
        other.t0.page(V, PA_B, 0);
        ((Mmu) self.cpu.translator()).setInnerShareableDomain(self.cpu, other.cpu);
        self.ok(1, TLBI_VMALLE1); // local only
        assertEquals(0xa, read(other, V));
        self.x(2, op(0, V)).ok(1, TLBI_VAAE1IS);
        assertEquals(0xb, read(other, V));
    }

    @Test
    void tlbiIsUndefinedAtEl0() {
        MmuFixture f = new MmuFixture();
        assertEquals(0, f.run(0, TLBI_VMALLE1));
        assertEquals(CODE_VA, f.h.lastElr);
    }

    @Test
    void mairChangeIsSeenWithoutTlbi() {
        MmuFixture f = new MmuFixture();
        f.t0.page(V, PA_A, 0);
        f.x(1, V).ok(1, LDUR_X0_X1_1, LDUR_X0_X1_1);
        f.x(3, MAIR & ~0xffL).ok(1, 0xd518a203 /* msr mair_el1, x3 */);
        f.x(1, V).dabt(1, 0x21, false, V + 1, 0, LDUR_X0_X1_1);
    }

    // ---- AT ------------------------------------------------------------------------------

    private static long at(MmuFixture f, int el, int atInsn, long va) {
        f.x(1, va).ok(el, atInsn, MRS_X0_PAR);
        return f.x(0);
    }

    private static final long PAR_RES1 = 1L << 11, NS = 1L << 9;

    private static long parFault(int fst) {
        return 1 | (fst << 1) | PAR_RES1;
    }

    @Test
    void atWritesParEl1() {
        MmuFixture f = new MmuFixture();
        long krw = 0x1000_0000L, kro = 0x1001_0000L, urw = 0x1002_0000L, uro = 0x1003_0000L, dev = 0x1004_0000L,
                nc = 0x1005_0000L, noAf = 0x1006_0000L, outer = 0x1007_0000L;
        f.t0.page(krw, PA_A, SH_INNER);
        f.t0.page(kro, PA_A, AP_RO | SH_INNER);
        f.t0.page(urw, PA_B, AP_EL0 | SH_INNER);
        f.t0.page(uro, PA_B, AP_EL0 | AP_RO | SH_INNER);
        f.t0.page(dev, PA_C, attrIndx(2));
        f.t0.page(nc, PA_C, attrIndx(3) | SH_INNER);
        f.t0.map(noAf, PA_C, 3, 0);
        f.t0.page(outer, PA_C, SH_OUTER);
        long normal = (0xffL << 56) | (3L << 7) | NS | PAR_RES1;
        assertEquals(normal | PA_A, at(f, 1, AT_S1E1R, krw + 0x123));
        assertEquals(normal | PA_A, at(f, 1, AT_S1E1W, krw + 0xfff));
        assertEquals(parFault(0x0f), at(f, 1, AT_S1E1W, kro));
        assertEquals(normal | PA_A, at(f, 1, AT_S1E1R, kro));
        assertEquals(parFault(0x0f), at(f, 1, AT_S1E0R, krw));
        assertEquals(normal | PA_B, at(f, 1, AT_S1E0W, urw));
        assertEquals(normal | PA_B, at(f, 1, AT_S1E0R, uro));
        assertEquals(parFault(0x0f), at(f, 1, AT_S1E0W, uro));
        assertEquals((0x04L << 56) | (2L << 7) | NS | PAR_RES1 | PA_C, at(f, 1, AT_S1E1R, dev), "Device: Outer Shareable");
        assertEquals((0x44L << 56) | (2L << 7) | NS | PAR_RES1 | PA_C, at(f, 1, AT_S1E1R, nc), "Normal NC: Outer Shareable");
        assertEquals((0xffL << 56) | (2L << 7) | NS | PAR_RES1 | PA_C, at(f, 1, AT_S1E1R, outer));
        assertEquals(parFault(0x0b), at(f, 1, AT_S1E1R, noAf));
        assertEquals(parFault(0x07), at(f, 1, AT_S1E1R, 0x1008_0000L));
        assertEquals(parFault(0x04), at(f, 1, AT_S1E1R, 0x0100_0000_0000_0000L));
        // a block: the PA of the 4K page holding the VA
        f.t0.map(0x4000_0000L, CpuHarness.RAM, 2, AF);
        assertEquals((0xffL << 56) | NS | PAR_RES1 | (CpuHarness.RAM + 0x1f_f000L), at(f, 1, AT_S1E1R, 0x401f_f008L));
        // PAN: AT S1E1R/W ignore it, S1E1RP/WP honour it
        f.ok(1, MSR_PAN_1);
        assertEquals(normal | PA_B, at(f, 1, AT_S1E1R, urw));
        assertEquals(normal | PA_B, at(f, 1, AT_S1E1W, urw));
        assertEquals(parFault(0x0f), at(f, 1, AT_S1E1RP, urw));
        assertEquals(parFault(0x0f), at(f, 1, AT_S1E1WP, uro));
        assertEquals(normal | PA_A, at(f, 1, AT_S1E1RP, krw));
        assertEquals(normal | PA_A, at(f, 1, AT_S1E1WP, krw));
        f.ok(1, MSR_PAN_0);
        assertEquals(normal | PA_B, at(f, 1, AT_S1E1RP, urw));
        // AT is UNDEFINED at EL0
        assertEquals(0, f.run(0, AT_S1E1R));
        // MMU off: flat, Device-nGnRnE, Outer Shareable
        f.cpu.sctlr[1] &= ~1L;
        f.cpu.el = 1;
        f.cpu.spsel = true;
        f.cpu.flushTlb();
        f.x(1, CpuHarness.DATA + 0x123);
        f.h.load(AT_S1E1R, MRS_X0_PAR);
        f.cpu.pc = CpuHarness.CODE;
        f.h.run(10);
        assertEquals(CpuHarness.DATA | (2L << 7) | NS | PAR_RES1, f.x(0));
    }
}
