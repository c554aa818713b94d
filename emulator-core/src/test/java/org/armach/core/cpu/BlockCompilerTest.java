package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Compiled blocks against the interpreter: the same program runs on a CPU with block
 * compilation and on one without; registers, memory, the exception taken and the instruction
 * count must be identical, and the compiled CPU must have compiled something.
 */
class BlockCompilerTest {
    static int movz(int rd, int imm) { return 0xd2800000 | (imm << 5) | rd; }
    static int addImm(int rd, int rn, int imm) { return 0x91000000 | (imm << 10) | (rn << 5) | rd; }
    static int subsImm(int rd, int rn, int imm) { return 0xf1000000 | (imm << 10) | (rn << 5) | rd; }
    static int addReg(int rd, int rn, int rm) { return 0x8b000000 | (rm << 16) | (rn << 5) | rd; }
    static int ldrX(int rt, int rn, int scaled) { return 0xf9400000 | (scaled << 10) | (rn << 5) | rt; }
    static int strX(int rt, int rn, int scaled) { return 0xf9000000 | (scaled << 10) | (rn << 5) | rt; }
    static int strW(int rt, int rn) { return 0xb9000000 | (rn << 5) | rt; }
    static int bcond(int cond, int offsetInsns) { return 0x54000000 | ((offsetInsns & 0x7ffff) << 5) | cond; }
    static final int EQ = 0, NE = 1;

    /** Result of one run: registers, some memory, exception, instruction count, blocks compiled. */
    record Outcome(long[] regs, long mem, long esr, long elr, long icount, long compiled) {}

    private static Outcome run(boolean jit, java.util.function.Consumer<CpuHarness> setup, int... program) {
        CpuHarness h = new CpuHarness();
        h.cpu.jit = jit;
        h.cpu.jitThreshold = 16;
        setup.accept(h);
        h.load(program);
        h.run(10_000_000);
        return new Outcome(h.cpu.r.clone(), h.ram.read(CpuHarness.DATA + 8, 8), h.lastEsr, h.lastElr, h.cpu.icount,
                h.cpu.compiledBlocks);
    }

    private static void same(java.util.function.Consumer<CpuHarness> setup, int... program) {
        Outcome off = run(false, setup, program), on = run(true, setup, program);
        assertEquals(0, off.compiled);
        assertTrue(on.compiled > 0, "blocks were compiled");
        assertArrayEquals(off.regs, on.regs, "registers");
        assertEquals(off.mem, on.mem, "memory");
        assertEquals(off.esr, on.esr, "exception syndrome");
        assertEquals(off.elr, on.elr, "exception return address");
        assertEquals(off.icount, on.icount, "instruction count");
    }

    @Test
    void hotLoopGivesTheInterpretersResult() {
        // x0 = 1000; loop: x1 += x0; [x3 + 8] = x1; x0 -= 1 (flags); b.ne loop; brk
        same(h -> h.x(3, CpuHarness.DATA),
                movz(0, 1000), addReg(1, 1, 0), strX(1, 3, 1), subsImm(0, 0, 1), bcond(NE, -3));
    }

    @Test
    void faultInsideACompiledBlockReportsItsPcAndCount() {
        // loads walk a page at a time off the end of RAM: the data abort comes from a compiled
        // block, after the loop has run long enough to be compiled
        long ramEnd = CpuHarness.RAM + (64L << 20);
        same(h -> h.x(3, ramEnd - 500 * 0x1000L).x(5, 0x1000),
                movz(0, 1000), ldrX(4, 3, 0), addReg(3, 3, 5), addImm(6, 6, 1), subsImm(0, 0, 1), bcond(NE, -4));
        Outcome on = run(true, h -> h.x(3, ramEnd - 500 * 0x1000L).x(5, 0x1000),
                movz(0, 1000), ldrX(4, 3, 0), addReg(3, 3, 5), addImm(6, 6, 1), subsImm(0, 0, 1), bcond(NE, -4));
        assertEquals(CpuHarness.CODE + 4, on.elr, "ELR is the faulting load");
        assertEquals(500, on.regs[6], "instructions after the load retired 500 times");
    }

    @Test
    void storeIntoACompiledBlockTakesEffect() {
        // x0 = 300; loop: add x1,x1,#1 (rewritten to #2 when x0 == 100); cmp x0,#100; b.ne skip;
        // str w6,[x7]; skip: subs x0,x0,#1; b.ne loop; brk
        int newWord = addImm(1, 1, 2);
        same(h -> h.x(6, newWord & 0xffffffffL).x(7, CpuHarness.CODE + 4),
                movz(0, 300), addImm(1, 1, 1), subsImm(31, 0, 100), bcond(NE, 2), strW(6, 7), subsImm(0, 0, 1), bcond(NE, -5));
        Outcome on = run(true, h -> h.x(6, newWord & 0xffffffffL).x(7, CpuHarness.CODE + 4),
                movz(0, 300), addImm(1, 1, 1), subsImm(31, 0, 100), bcond(NE, 2), strW(6, 7), subsImm(0, 0, 1), bcond(NE, -5));
        assertEquals(201 + 2 * 99, on.regs[1], "the rewritten instruction ran after the store");
    }

    @Test
    void budgetShorterThanABlockIsHonoured() {
        // the same hot loop run in slices of 7 instructions: every slice ends exactly on its budget
        for (boolean jit : new boolean[] {false, true}) {
            CpuHarness h = new CpuHarness();
            h.cpu.jit = jit;
            h.cpu.jitThreshold = 16;
            h.x(3, CpuHarness.DATA);
            h.load(movz(0, 1000), addReg(1, 1, 0), strX(1, 3, 1), subsImm(0, 0, 1), bcond(NE, -3));
            for (int k = 0; k < 300; k++) assertEquals(7, h.cpu.run(7));
            assertEquals(2100, h.cpu.icount);
            assertEquals(CpuHarness.CODE + 4 * (1 + (2099 % 4)), h.cpu.pc, "pc after 2100 instructions");
        }
    }
}
