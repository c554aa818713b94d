package org.armach.core.cpu.mmu;

import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.SysRegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A tight load/store loop (11 instructions, 6 memory accesses over 16 pages) with the MMU
 * off and with a 4K-page identity map, to show the RAM fast path costs the same either way.
 * Run with {@code -Dtest=MmuBenchTest -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MmuBenchTest {
    private static final int[] LOOP = {
        0xf9400023, // ldr x3, [x1]
        0x91000463, // add x3, x3, #1
        0xf9000423, // str x3, [x1, #8]
        0x914004a5, // add x5, x5, #0x1000
        0x92403ca5, // and x5, x5, #0xffff
        0xf8656826, // ldr x6, [x1, x5]
        0xf8256823, // str x3, [x1, x5]
        0xa9422027, // ldp x7, x8, [x1, #32]
        0xa9032027, // stp x7, x8, [x1, #48]
        0xf1000442, // subs x2, x2, #1
        0x54fffec1, // b.ne loop
    };
    /** Every load misses the soft TLB: 1024 pages walked in order (the TLB has 512 entries). */
    private static final int[] MISS_LOOP = {
        0x914004a5, // add x5, x5, #0x1000
        0x924054a5, // and x5, x5, #0x3fffff
        0xf8656826, // ldr x6, [x1, x5]
        0xf1000442, // subs x2, x2, #1
        0x54ffff81, // b.ne loop
    };
    private static final long ITERATIONS = 10_000_000;

    private static CpuHarness harness(boolean mmu, int[] loop) {
        CpuHarness h = new CpuHarness();
        if (mmu) {
            PageTables t = new PageTables(h.ram, 12, 48, 0, CpuHarness.RAM + 0x300_0000L);
            for (long a = 0; a < 0x80_0000L; a += 0x1000) t.page(CpuHarness.RAM + a, CpuHarness.RAM + a, 0);
            h.cpu.sysStore[SysRegs.TCR_EL1] = 16 | (16L << 16) | (5L << 32) | (2L << 30);
            h.cpu.sysStore[SysRegs.MAIR_EL1] = 0xff;
            h.cpu.sysStore[SysRegs.TTBR0_EL1] = t.root;
            h.cpu.sctlr[1] |= 1;
            h.cpu.flushTlb();
        }
        h.load(loop);
        return h;
    }

    private static double mips(boolean mmu, int[] loop, long iterations) {
        CpuHarness h = harness(mmu, loop);
        h.x(1, CpuHarness.DATA).x(2, iterations).x(5, 0);
        java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = tm.getCurrentThreadCpuTime(); // CPU time: the build machine is shared
        int ec = h.run(Long.MAX_VALUE);
        long dt = tm.getCurrentThreadCpuTime() - t0;
        if (ec != 0x3c || h.x(2) != 0) throw new AssertionError("loop did not finish: EC " + ec);
        return iterations * loop.length / (dt / 1e3);
    }

    @Test
    void mmuOffVersusOn() {
        double bestOff = 0, bestOn = 0;
        for (int round = 0; round < 8; round++) {
            double off = mips(false, LOOP, ITERATIONS), on = mips(true, LOOP, ITERATIONS);
            bestOff = Math.max(bestOff, off);
            bestOn = Math.max(bestOn, on);
            System.out.printf("round %d: MMU off %.1f MIPS, MMU on (4K identity) %.1f MIPS%n", round, off, on);
        }
        System.out.printf("best: MMU off %.1f MIPS, MMU on %.1f MIPS (%.1f%%)%n", bestOff, bestOn, 100 * (bestOn / bestOff - 1));
    }

    @Test
    void softTlbMisses() {
        double bestOff = 0, bestOn = 0;
        for (int round = 0; round < 6; round++) {
            bestOff = Math.max(bestOff, mips(false, MISS_LOOP, 2_000_000));
            bestOn = Math.max(bestOn, mips(true, MISS_LOOP, 2_000_000));
        }
        // one soft-TLB miss per 5 instructions: ns per miss = 5000 / MIPS - the hit cost
        System.out.printf("misses: MMU off %.1f MIPS, MMU on (translation cache hits) %.1f MIPS%n", bestOff, bestOn);
    }
}
