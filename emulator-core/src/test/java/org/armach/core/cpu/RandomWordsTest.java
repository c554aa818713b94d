package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Robustness: random 32-bit words executed as instructions at EL1 and EL0 must either retire
 * or take an architectural exception, never throw a host exception out of the CPU. Every
 * word runs from a fresh reset with all registers pointing into valid RAM and the harness's
 * exception hook installed. Fixed seeds keep failures reproducible.
 */
class RandomWordsTest {
    private static final long CODE = CpuHarness.CODE + 0x8000;

    private final CpuHarness h = new CpuHarness();
    private boolean excepted;

    RandomWordsTest() {
        h.cpu.setEl1Hook((c, vec) -> {
            excepted = true;
            h.lastEsr = c.esr[1];
            c.stopRequested = true;
        });
        // Firmware answering every other call so HVC/SMC exercise both paths.
        h.cpu.firmware = (c, smc, imm) -> (imm & 1) == 0;
    }

    @Test
    void uniformRandomWordsNeverEscape() {
        runWords(1_000_000, 0x5eed_a64L, 0, 0);
    }

    @Test
    void systemAndExceptionSpaceWordsNeverEscape() {
        // 1101010100 xxxxxxxxxxxxxxxxxxxxxx: hints, barriers, PSTATE, SYS, MSR/MRS
        runWords(100_000, 0x5eed_5e5L, 0xffc0_0000, 0xd500_0000);
        // 11010100 xxx...: exception generation
        runWords(20_000, 0x5eed_e8cL, 0xff00_0000, 0xd400_0000);
    }

    private void runWords(int count, long seed, int fixedMask, int fixedValue) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Cpu c = h.cpu;
        int retired = 0, exceptions = 0;
        for (int n = 0; n < count; n++) {
            int word = (rnd.nextInt() & ~fixedMask) | fixedValue;
            boolean el0 = (n & 1) != 0;
            setUp(c, rnd, el0);
            h.ram.write(CODE, 4, word & 0xffffffffL);
            c.invalidateCode(CODE, 4);
            long before = c.icount;
            excepted = false;
            try {
                c.step();
            } catch (Throwable t) {
                AssertionError e = new AssertionError(String.format("word 0x%08x at EL%d threw %s", word, el0 ? 0 : 1, t), t);
                throw e;
            }
            boolean didRetire = c.icount == before + 1;
            if (didRetire == excepted) {
                fail(String.format("word 0x%08x at EL%d: retired=%b exception=%b", word, el0 ? 0 : 1, didRetire, excepted));
            }
            if (excepted) exceptions++;
            else retired++;
            assertTrue(c.el <= 1, () -> String.format("word 0x%08x reached EL%d", word, c.el));
        }
        assertEquals(count, retired + exceptions);
    }

    private static void setUp(Cpu c, SplittableRandom rnd, boolean el0) {
        c.reset();
        c.stopRequested = false;
        c.cpacrEl1 = 3L << 20;
        // random EL0 enables: UMA, DZE, UCT, nTWI, nTWE, UCI
        long enables = (1L << 9) | (1L << 14) | (1L << 15) | (1L << 16) | (1L << 18) | (1L << 26);
        c.sctlr[1] |= rnd.nextLong() & enables;
        c.sysStore[SysRegs.CNTKCTL_EL1] = rnd.nextLong() & 0x303;
        for (int k = 0; k < 31; k++) c.r[k] = CpuHarness.DATA + 0x40000 + (rnd.nextInt(0x80000) & ~0xfL);
        for (int k = 0; k < 64; k++) c.v[k] = rnd.nextLong();
        c.spEl[0] = CpuHarness.DATA + 0x20000;
        c.spEl[1] = CpuHarness.DATA + 0x30000;
        c.setNzcv(rnd.nextInt(16));
        c.daif = 0xf;
        if (el0) {
            c.el = 0;
            c.spsel = false;
        }
        c.loadSp();
        c.updateFpTrap();
        c.pc = CODE;
    }
}
