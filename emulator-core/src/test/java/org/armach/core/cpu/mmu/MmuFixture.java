package org.armach.core.cpu.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.SysRegs;

/**
 * A {@link CpuHarness} with the MMU on: code runs at {@link #CODE_VA} (mapped read-only and
 * executable at EL0 and EL1 to the harness code page), tables come from {@link PageTables}.
 */
final class MmuFixture {
    static final long CODE_VA = 0x10000;
    static final long POOL = CpuHarness.RAM + 0x300_0000L; // translation tables
    static final long PA_A = CpuHarness.RAM + 0x140_0000L, PA_B = CpuHarness.RAM + 0x150_0000L, PA_C = CpuHarness.RAM + 0x160_0000L;
    /** MAIR: 0 Normal WB, 1 Device-nGnRnE, 2 Device-nGnRE, 3 Normal non-cacheable. */
    static final long MAIR = 0x44_04_00_ffL;

    // TCR fields
    static final long EPD0 = 1L << 7, EPD1 = 1L << 23, A1 = 1L << 22, AS = 1L << 36, TBI0 = 1L << 37, TBI1 = 1L << 38;

    static long tg0(int g) { return (g == 12 ? 0L : g == 16 ? 1L : 2L) << 14; }

    static long tg1(int g) { return (g == 12 ? 2L : g == 16 ? 3L : 1L) << 30; }

    static long ips(int v) { return (long) v << 32; }

    /** TCR with both halves using granule g, the given input sizes, IPS 48 bits. */
    static long tcr(int g, int in0, int in1) {
        return (64 - in0) | tg0(g) | ((long) (64 - in1) << 16) | tg1(g) | ips(5) | (3L << 12) | (3L << 28) | (1L << 8) | (1L << 10);
    }

    static int startLevel(int g, int inputSize) {
        // independent of the Mmu: count the levels a walk needs
        int stride = g - 3, levels = 0;
        for (int bits = inputSize - g; bits > 0; bits -= stride) levels++;
        return 4 - levels;
    }

    final CpuHarness h;
    final Cpu cpu;
    final int g;
    PageTables t0, t1;

    MmuFixture(int g, int in0, int in1) {
        this(CpuModel.MAX, g, in0, in1);
    }

    MmuFixture(CpuModel model, int g, int in0, int in1) {
        this.h = new CpuHarness(model);
        this.cpu = h.cpu;
        this.g = g;
        t0 = new PageTables(h.ram, g, in0, startLevel(g, in0), POOL);
        t1 = new PageTables(h.ram, g, in1, startLevel(g, in1), POOL + 0x80_0000L);
        mapCode(t0);
        cpu.sysStore[SysRegs.TCR_EL1] = tcr(g, in0, in1);
        cpu.sysStore[SysRegs.MAIR_EL1] = MAIR;
        cpu.sysStore[SysRegs.TTBR0_EL1] = t0.root;
        cpu.sysStore[SysRegs.TTBR1_EL1] = t1.root;
        cpu.sctlr[1] |= 1;
        cpu.flushTlb();
    }

    /** 4K granule, 48-bit VAs in both halves. */
    MmuFixture() {
        this(12, 48, 48);
    }

    void mapCode(PageTables t) {
        t.page(CODE_VA, CpuHarness.CODE, PageTables.AP_EL0 | PageTables.AP_RO | PageTables.SH_INNER);
    }

    MmuFixture tcr(long v) {
        cpu.sysStore[SysRegs.TCR_EL1] = v;
        cpu.flushTlb();
        return this;
    }

    /** TLBI VMALLE1 from Java. */
    void tlbiAll() {
        cpu.translator().tlbi(cpu, 0, 0);
    }

    MmuFixture x(int n, long v) {
        cpu.r[n] = v;
        return this;
    }

    long x(int n) { return cpu.r[n]; }

    /** Runs {@code words} + BRK at CODE_VA at {@code el}; returns the EC of the exception that ended it. */
    int run(int el, int... words) {
        h.load(words);
        cpu.el = el; // the stack pointers are taken from cpu.spEl
        cpu.spsel = el != 0;
        cpu.loadSp();
        cpu.pc = CODE_VA;
        cpu.onContextChange();
        return h.run(100_000);
    }

    /** Runs and asserts the program reached its BRK. */
    MmuFixture ok(int el, int... words) {
        int ec = run(el, words);
        if (ec != 0x3c || h.lastElr != CODE_VA + 4L * words.length)
            throw new AssertionError(String.format("no BRK: EC=0x%x ESR=0x%x ELR=0x%x FAR=0x%x", ec, h.lastEsr, h.lastElr, h.lastFar));
        return this;
    }

    /** Runs and asserts a data abort with exactly this DFSC/WnR and FAR at instruction index {@code at}. */
    void dabt(int el, int fsc, boolean wnr, long far, int at, int... words) {
        int ec = run(el, words);
        String what = String.format("ESR=0x%x FAR=0x%x ELR=0x%x", h.lastEsr, h.lastFar, h.lastElr);
        assertEquals(el == 0 ? 0x24 : 0x25, ec, "EC " + what);
        assertEquals((1L << 25) | fsc | (wnr ? 0x40 : 0), h.lastEsr & 0x3ffffff, "IL/ISS " + what);
        assertEquals(far, h.lastFar, "FAR " + what);
        assertEquals(CODE_VA + 4L * at, h.lastElr, "ELR " + what);
    }

    /** Runs and asserts an instruction abort with this IFSC at {@code va} (FAR = ELR = va). */
    void iabt(int el, int fsc, long va, int... words) {
        int ec = run(el, words);
        String what = String.format("ESR=0x%x FAR=0x%x ELR=0x%x", h.lastEsr, h.lastFar, h.lastElr);
        assertEquals(el == 0 ? 0x20 : 0x21, ec, "EC " + what);
        assertEquals((1L << 25) | fsc, h.lastEsr & 0x3ffffff, "IL/ISS " + what);
        assertEquals(va, h.lastFar, "FAR " + what);
        assertEquals(va, h.lastElr, "ELR " + what);
    }

    long ram(long pa) { return h.ram.read(pa, 8); }

    void ram(long pa, long v) { h.ram.write(pa, 8, v); }

    // ---- instruction words --------------------------------------------------------------
    static final int LDR_X0_X1 = 0xf9400020, STR_X0_X1 = 0xf9000020, LDTR_X0_X1 = 0xf8400820, STTR_X0_X1 = 0xf8000820;
    static final int LDR_X3_X1 = 0xf9400023;
    static final int LDR_X0_SP = 0xf94003e0, STR_X0_SP8 = 0xf90007e0, LDP_X0_X1_SP_POST = 0xa8c107e0, STP_X0_X1_SP_PRE = 0xa9bf07e0;
    static final int LDUR_X0_X1_1 = 0xf8401020, LDR_W0_X1 = 0xb9400020;
    static final int BR_X1 = 0xd61f0020;
    static final int TLBI_VMALLE1 = 0xd508871f, TLBI_VMALLE1IS = 0xd508831f;
    static final int TLBI_VAE1 = 0xd5088722, TLBI_VAE1IS = 0xd5088322, TLBI_VALE1 = 0xd50887a2, TLBI_VALE1IS = 0xd50883a2;
    static final int TLBI_ASIDE1 = 0xd5088742, TLBI_ASIDE1IS = 0xd5088342, TLBI_VAAE1 = 0xd5088762, TLBI_VAAE1IS = 0xd5088362;
    static final int TLBI_VAALE1 = 0xd50887e2, TLBI_VAALE1IS = 0xd50883e2;
    static final int AT_S1E1R = 0xd5087801, AT_S1E1W = 0xd5087821, AT_S1E0R = 0xd5087841, AT_S1E0W = 0xd5087861;
    static final int AT_S1E1RP = 0xd5087901, AT_S1E1WP = 0xd5087921, MRS_X0_PAR = 0xd5387400;
    static final int MSR_PAN_1 = 0xd500419f, MSR_PAN_0 = 0xd500409f, MSR_UAO_1 = 0xd500417f;
    static final int MSR_TTBR0_X3 = 0xd5182003, MSR_TTBR1_X3 = 0xd5182023, ISB = 0xd5033fdf, NOP = 0xd503201f;
}
