package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-checked AdvSIMD integer cases (the bulk of the coverage is {@link SimdIntOracleTest}). */
class SimdIntTest {
    static final int QC = 1 << 27;

    static void setV(CpuHarness h, int r, long lo, long hi) {
        h.cpu.v[2 * r] = lo;
        h.cpu.v[2 * r + 1] = hi;
    }

    /**
     * Runs the words and returns true if all of them executed (the run ends at the trailing
     * BRK, which raises EC 0x3c, or EC 0 while BRK itself is not implemented yet), false
     * if one was UNDEFINED.
     */
    static boolean runs(CpuHarness h, int... words) {
        h.load(words);
        h.cpu.invalidateCode(CpuHarness.CODE, 4L * words.length + 4);
        int ec = h.run(1000);
        boolean atEnd = h.lastElr == CpuHarness.CODE + 4L * words.length;
        if (atEnd && (ec == Esr.EC_BRK64 || ec == Esr.EC_UNKNOWN)) return true;
        if (ec == Esr.EC_UNKNOWN) return false;
        throw new AssertionError(String.format("unexpected exception EC=0x%x ELR=0x%x", ec, h.lastElr));
    }

    private static CpuHarness exec(CpuHarness h, int... words) {
        assertTrue(runs(h, words), "instruction was UNDEFINED");
        return h;
    }

    private static void assertV(CpuHarness h, int r, long lo, long hi) {
        assertEquals(Long.toHexString(hi) + ":" + Long.toHexString(lo),
                Long.toHexString(h.cpu.v[2 * r + 1]) + ":" + Long.toHexString(h.cpu.v[2 * r]));
    }

    @Test
    void addWrapsPerLaneAndQ0ZeroesUpperHalf() {
        CpuHarness h = new CpuHarness();
        setV(h, 0, 0x5555, 0x6666);
        setV(h, 1, 0x01ff7f80001020ffL, 0x01ff7f80001020ffL);
        setV(h, 2, 0x01010180_00f0e001L, 0x01010180_00f0e001L);
        exec(h, 0x0e228420); // add v0.8b, v1.8b, v2.8b
        assertV(h, 0, 0x0200800000000000L, 0);
        exec(h, 0x4e228420); // add v0.16b
        assertV(h, 0, 0x0200800000000000L, 0x0200800000000000L);
    }

    @Test
    void sqaddSaturatesAndSetsStickyQc() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x7f7f7f7f7f7f7f7fL, 0x8080808080808080L);
        setV(h, 2, 0x0101010101010101L, 0xffffffffffffffffL);
        exec(h, 0x4e220c20); // sqadd v0.16b, v1.16b, v2.16b
        assertV(h, 0, 0x7f7f7f7f7f7f7f7fL, 0x8080808080808080L);
        assertEquals(QC, h.cpu.fpsr & QC);
        // a non-saturating op leaves QC set; other FPSR bits are untouched
        h.cpu.fpsr = QC | 0x1f;
        setV(h, 2, 0, 0);
        exec(h, 0x4e220c20);
        assertEquals(QC | 0x1f, h.cpu.fpsr);
        h.cpu.fpsr = 0;
        exec(h, 0x4e220c20);
        assertEquals(0, h.cpu.fpsr);
    }

    @Test
    void uqsubClampsAtZero() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 5, 10);
        setV(h, 2, 6, 3);
        exec(h, 0x6ee22c20); // uqsub v0.2d
        assertV(h, 0, 0, 7);
        assertEquals(QC, h.cpu.fpsr);
    }

    @Test
    void registerShiftsHandleNegativeAndOversizedCounts() {
        CpuHarness h = new CpuHarness();
        // lanes [0x80000000, 0x40, -1, 7] by [-31, 4, 40, -128]
        setV(h, 1, 0x00000040_80000000L, 0x00000007_ffffffffL);
        setV(h, 2, 0x00000004_000000e1L, 0x00000080_00000028L);
        exec(h, 0x4ea24420); // sshl v0.4s
        assertV(h, 0, 0x00000400_ffffffffL, 0);
        setV(h, 1, 0x8000000000000000L, 0xf0);
        setV(h, 2, 0xc1, 0xc0); // -63, -64
        exec(h, 0x6ee24420); // ushl v0.2d
        assertV(h, 0, 1, 0);
    }

    @Test
    void urshlRoundsWithUnboundedPrecision() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, -1L, 0);
        // shifts (lane 0 first): -8 -9 -1 0 1 8 -7 7
        setV(h, 2, 0x07f9080100fff7f8L, 0);
        exec(h, 0x2e225420); // urshl v0.8b
        assertV(h, 0, 0x800200feff800001L, 0);
    }

    @Test
    void sqrdmulhSaturatesMinTimesMin() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0xffff000140008000L, 0);
        setV(h, 2, 0x0001000140008000L, 0);
        exec(h, 0x6e62b420); // sqrdmulh v0.8h
        assertV(h, 0, 0x0000000020007fffL, 0);
        assertEquals(QC, h.cpu.fpsr);
    }

    @Test
    void compareEqualAndTestBitsPerLane() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x12340000ffff8000L, 0);
        setV(h, 2, 0x12340001ffff0000L, 0);
        exec(h, 0x6e628c20); // cmeq v0.8h
        assertV(h, 0, 0xffff0000ffff0000L, -1L);
        setV(h, 1, 0x00000001_80000000L, 0x0000ffff_00000000L);
        setV(h, 2, 0x00000001_7fffffffL, 0xffff0000_12345678L);
        exec(h, 0x4ea28c20); // cmtst v0.4s
        assertV(h, 0, 0xffffffff_00000000L, 0);
    }

    @Test
    void bitwiseSelect() {
        CpuHarness h = new CpuHarness();
        setV(h, 0, 0xff00ff00ff00ff00L, 0xffffffff00000000L);
        setV(h, 1, 0x1111111111111111L, 0x1111111111111111L);
        setV(h, 2, 0x2222222222222222L, 0x2222222222222222L);
        exec(h, 0x6e621c20); // bsl v0.16b
        assertV(h, 0, 0x1122112211221122L, 0x1111111122222222L);
    }

    @Test
    void narrowingWritesLowerOrUpperHalf() {
        CpuHarness h = new CpuHarness();
        setV(h, 0, 0xaaaa, 0xbbbb);
        setV(h, 1, 0x123456789abcdef0L, 0x0102030405060708L);
        exec(h, 0x0e212820); // xtn v0.8b, v1.8h
        assertV(h, 0, 0x020406083478bcf0L, 0);
        setV(h, 0, 0xaaaa, 0xbbbb);
        exec(h, 0x4e212820); // xtn2 v0.16b, v1.8h
        assertV(h, 0, 0xaaaa, 0x020406083478bcf0L);
        // sqxtn2 v0.8h, v1.4s: [0x7fffffff, -32768, -32769, 5]
        setV(h, 1, 0xffff8000_7fffffffL, 0x00000005_ffff7fffL);
        exec(h, 0x4e614820);
        assertV(h, 0, 0xaaaa, 0x0005800080007fffL);
        assertEquals(QC, h.cpu.fpsr);
    }

    @Test
    void shiftRightNarrowTruncatingAndRounding() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x0008000700040ff8L, 0xffff000008000010L);
        exec(h, 0x0f0d8420); // shrn v0.8b, v1.8h, #3
        assertV(h, 0, 0xff000002010000ffL, 0);
        exec(h, 0x4f0d8c20); // rshrn2 v0.16b, v1.8h, #3
        assertV(h, 0, 0xff000002010000ffL, 0x00000002010101ffL);
    }

    @Test
    void shiftByElementSize() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x8000000000000001L, 0x7fffffffffffffffL);
        exec(h, 0x4f400420); // sshr v0.2d, v1.2d, #64
        assertV(h, 0, -1L, 0);
        exec(h, 0x6f400420); // ushr v0.2d, #64
        assertV(h, 0, 0, 0);
        setV(h, 0, 0x1234, 0x5678);
        exec(h, 0x6f404420); // sri v0.2d, #64: destination unchanged
        assertV(h, 0, 0x1234, 0x5678);
    }

    @Test
    void swarShiftImmediates() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0xff807f01L, 0);
        exec(h, 0x6f0d0420); // ushr v0.16b, v1.16b, #3
        assertV(h, 0, 0x1f100f00L, 0);
        setV(h, 1, 0x0801ffffL, 0);
        exec(h, 0x4f155420); // shl v0.8h, v1.8h, #5
        assertV(h, 0, 0x0020ffe0L, 0);
    }

    @Test
    void sqshluClampsNegativeToZero() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x20000000_ffffffffL, 0x00000003_40000000L);
        exec(h, 0x6f226420); // sqshlu v0.4s, v1.4s, #2
        assertV(h, 0, 0x80000000_00000000L, 0x0000000c_ffffffffL);
        assertEquals(QC, h.cpu.fpsr);
    }

    @Test
    void multiplyByElementUsesHighIndexAndV15() {
        CpuHarness h = new CpuHarness();
        setV(h, 15, 0, 0x0003000000000000L);
        setV(h, 1, 0x00010002ffff5556L, 0x8000000000000010L);
        exec(h, 0x4f7f8820); // mul v0.8h, v1.8h, v15.h[7]
        assertV(h, 0, 0x00030006fffd0002L, 0x8000000000000030L);
    }

    @Test
    void multiplyAccumulateWraps() {
        CpuHarness h = new CpuHarness();
        setV(h, 0, 0x00000002_00000001L, 0x00000004_00000003L);
        setV(h, 1, 0x00000002_00000002L, 0x00000002_00000002L);
        setV(h, 2, 0x00000003_00000003L, 0x80000000_00000003L);
        exec(h, 0x4ea29420); // mla v0.4s
        assertV(h, 0, 0x00000008_00000007L, 0x00000004_00000009L);
    }

    @Test
    void pairwiseAdd() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 5, -7);
        setV(h, 0, 1, 1);
        exec(h, 0x5ef1b820); // addp d0, v1.2d
        assertV(h, 0, -2, 0);
        setV(h, 1, 0x00000002_00000001L, 0x00000004_00000003L);
        setV(h, 2, (20L << 32) | 10, (40L << 32) | 30);
        exec(h, 0x4ea2bc20); // addp v0.4s
        assertV(h, 0, (7L << 32) | 3, (70L << 32) | 30);
    }

    @Test
    void destinationMayAliasSources() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x0102030405060708L, 0x7f80ff0010203040L);
        exec(h, 0x4e218421); // add v1.16b, v1.16b, v1.16b
        assertV(h, 1, 0x020406080a0c0e10L, 0xfe00fe0020406080L);
        setV(h, 1, 0x1111, 0x80000064fffd0002L);
        exec(h, 0x4e61c021); // smull2 v1.4s, v1.8h, v1.8h
        assertV(h, 1, (9L << 32) | 4, (0x40000000L << 32) | 10000);
    }

    @Test
    void miscIntegerOps() {
        CpuHarness h = new CpuHarness();
        setV(h, 1, 0x0102040810204080L, 0xff7f3f1f0f070300L);
        exec(h, 0x4e205820); // cnt v0.16b
        assertV(h, 0, 0x0101010101010101L, 0x0807060504030200L);
        setV(h, 1, 0x1111222233334444L, 0x0001000200030004L);
        exec(h, 0x4e600820); // rev64 v0.8h
        assertV(h, 0, 0x4444333322221111L, 0x0004000300020001L);
        setV(h, 1, 0xffffffffffffffffL, 0x0000000200000001L);
        exec(h, 0x6ea02820); // uaddlp v0.2d, v1.4s
        assertV(h, 0, 0x1fffffffeL, 3);
        setV(h, 1, 0x00000002ffffffffL, 0x1234);
        exec(h, 0x2ea13820); // shll v0.2d, v1.2s, #32
        assertV(h, 0, 0xffffffff00000000L, 0x0000000200000000L);
    }

    @Test
    void scalarSaturatingDoublingMultiplyAccumulate() {
        CpuHarness h = new CpuHarness();
        setV(h, 0, 0, 0x9999);
        setV(h, 1, 0x80000000L, 0);
        setV(h, 2, 0, 0x80000000_00000000L);
        exec(h, 0x5fa23820); // sqdmlal d0, s1, v2.s[3]
        assertV(h, 0, Long.MAX_VALUE, 0);
        assertEquals(QC, h.cpu.fpsr);
        setV(h, 1, 0x7f, 0x55);
        setV(h, 2, 0x01, 0x66);
        h.cpu.fpsr = 0;
        exec(h, 0x5e220c20); // sqadd b0, b1, b2
        assertV(h, 0, 0x7f, 0);
        assertEquals(QC, h.cpu.fpsr);
    }

    @Test
    void reservedEncodingsAreUndefined() {
        CpuHarness h = new CpuHarness();
        int[] undefined = {
            0x0ee28420, // add with size=11, Q=0
            0x4ee20420, // shadd .2d
            0x4ee29c20, // mul .2d
            0x4e22b420, // sqdmulh .16b
            0x0f400420, // sshr with immh=1xxx, Q=0
            0x0f4d8420, // shrn with immh=1xxx
            0x0ee2e020, // pmull v0.1q (needs the crypto extension)
            0x6e428420, // sqrdmlah (needs FEAT_RDM)
            0x4f3f8820, // mul by element, size=00
            0x5ea28420, // add (scalar) with size=10
            0x4e605820, // cnt with size=01
        };
        for (int w : undefined) assertFalse(runs(h, w), String.format("%08x should be UNDEFINED", w));
    }

    @Test
    void trappedWhenFpDisabled() {
        CpuHarness h = new CpuHarness();
        h.cpu.cpacrEl1 = 0;
        h.cpu.updateFpTrap();
        h.load(0x4e228420);
        assertEquals(Esr.EC_FP_ACCESS, h.run(10));
        assertEquals(CpuHarness.CODE, h.lastElr);
    }
}
