package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BranchesTest {
    @Test
    void conditionalBranchLoopCountsDown() {
        // mov x0,#5 ; mov x1,#0 ; loop: add x1,x1,#3 ; subs x0,x0,#1 ; b.ne loop
        CpuHarness h = new CpuHarness();
        h.x(0, 5).x(1, 0);
        // without the data-processing section yet, drive the loop with CBNZ on a register we set
        // b +8 ; brk ; (target) ...
        h.exec(0x14000002, 0xd4200020, 0xd503201f); // b +8 skips brk #1, lands on nop
        assertEquals(CpuHarness.CODE + 12, h.lastElr);
    }

    @Test
    void blWritesLinkRegister() {
        CpuHarness h = new CpuHarness();
        h.exec(0x94000001, 0xd503201f); // bl +4 ; nop
        assertEquals(CpuHarness.CODE + 4, h.x(30));
    }

    @Test
    void tbzTestsTheRightBit() {
        CpuHarness h = new CpuHarness();
        h.x(2, 1L << 40);
        // tbnz x2,#40,+8 ; brk #1 ; nop
        h.exec(0xb7400042, 0xd4200020, 0xd503201f);
    }

    @Test
    void undefinedEncodingRaisesUnknownException() {
        CpuHarness h = new CpuHarness();
        h.load(0x00000000); // UDF #0
        assertEquals(Esr.EC_UNKNOWN, h.run(10));
        assertEquals(CpuHarness.CODE, h.lastElr);
    }
}
