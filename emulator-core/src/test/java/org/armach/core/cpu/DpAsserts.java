package org.armach.core.cpu;

/**
 * Test helpers for single instructions that work whether or not BRK is implemented yet:
 * the program ends on the BRK #0 that {@link CpuHarness#load} appends, which raises either
 * a breakpoint (EC 0x3c) or, before the system section lands, UNDEFINED (EC 0).
 */
final class DpAsserts {
    private DpAsserts() {}

    /** Runs words at CODE (dropping any stale decoded code) and asserts they all retired. */
    static void exec(CpuHarness h, int... words) {
        h.load(words);
        h.cpu.invalidateCode(CpuHarness.CODE, 4L * words.length + 4);
        int ec = h.run(1_000_000);
        long end = CpuHarness.CODE + 4L * words.length;
        if ((ec != Esr.EC_BRK64 && ec != Esr.EC_UNKNOWN) || h.lastElr != end)
            throw new AssertionError(String.format("program did not reach its final BRK: EC=0x%x ESR=0x%x ELR=0x%x", ec, h.lastEsr, h.lastElr));
    }

    static void runOne(CpuHarness h, int word) {
        exec(h, word);
    }

    /** Runs one word and asserts it is UNDEFINED (EC 0 at its own address). */
    static void assertUndefined(CpuHarness h, int word) {
        h.load(word);
        h.cpu.invalidateCode(CpuHarness.CODE, 8);
        int ec = h.run(10);
        if (ec != Esr.EC_UNKNOWN || h.lastElr != CpuHarness.CODE)
            throw new AssertionError(String.format("%08x: expected UNDEFINED at CODE, got EC=0x%x ELR=0x%x", word, ec, h.lastElr));
    }
}
