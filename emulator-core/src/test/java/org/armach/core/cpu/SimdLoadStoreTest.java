package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AdvSIMD structure loads and stores (encodings from aarch64-linux-gnu-as). */
class SimdLoadStoreTest {
    static final long D = CpuHarness.DATA;
    CpuHarness h;

    @BeforeEach
    void setUp() {
        h = new CpuHarness();
        for (int k = 0; k < 1024; k++) h.ram.write(D + k, 1, k & 0xff); // byte at D+k is k mod 256
    }

    /** Runs words; passes whether the trailing BRK is implemented (EC 0x3c) or not yet (EC 0). */
    private void run(int... words) {
        h.load(words);
        h.cpu.invalidateAllCode(); // load() writes RAM behind the decoded-code cache
        int ec = h.run(1000);
        assertEquals(CpuHarness.CODE + 4L * words.length, h.lastElr, String.format("stopped early, EC=0x%x", ec));
        assertTrue(ec == Esr.EC_BRK64 || ec == Esr.EC_UNKNOWN, "EC " + ec);
    }

    private void assertUndefined(int word) {
        h.load(word);
        h.cpu.invalidateAllCode();
        assertEquals(Esr.EC_UNKNOWN, h.run(10), String.format("%08x", word));
        assertEquals(CpuHarness.CODE, h.lastElr, String.format("%08x", word));
    }

    /** 8 pattern bytes starting at offset off: little-endian of off, off+1, ... */
    private static long le(int off) {
        long r = 0;
        for (int j = 0; j < 8; j++) r |= (long) ((off + j) & 0xff) << (8 * j);
        return r;
    }

    /** Pattern 32-bit word number k. */
    private static long word(int k) {
        return le(4 * k) & 0xffffffffL;
    }

    private static long half(int k) {
        return le(2 * k) & 0xffffL;
    }

    private long lo(int n) { return h.cpu.v[2 * n]; }

    private long hi(int n) { return h.cpu.v[2 * n + 1]; }

    private void v(int n, long lo, long hi) { h.cpu.setV(n, lo, hi); }

    private void assertV(int n, long lo, long hi) {
        assertEquals(lo, lo(n), "V" + n + " low 0x" + Long.toHexString(lo(n)));
        assertEquals(hi, hi(n), "V" + n + " high 0x" + Long.toHexString(hi(n)));
    }

    private long mem(long off, int size) { return h.ram.read(D + off, size); }

    // ---- multiple structures ----------------------------------------------------------------

    @Test
    void ld1OneRegister16bAnd8bZeroesUpperHalf() {
        h.x(0, D);
        v(1, -1, -1);
        run(0x4c407000, 0x0c407001); // ld1 {v0.16b},[x0] ; ld1 {v1.8b},[x0]
        assertV(0, le(0), le(8));
        assertV(1, le(0), 0);
        assertEquals(D, h.x(0));
    }

    @Test
    void ld1ThreeRegistersWrapAroundPostIndexImmediate() {
        h.x(0, D);
        run(0x4cdf681e); // ld1 {v30.4s, v31.4s, v0.4s}, [x0], #48
        assertV(30, le(0), le(8));
        assertV(31, le(16), le(24));
        assertV(0, le(32), le(40));
        assertEquals(D + 48, h.x(0));
    }

    @Test
    void ld1FourRegistersPostIndexRegister() {
        h.x(0, D + 3).x(1, -100);
        run(0x4cc12c02); // ld1 {v2.2d-v5.2d}, [x0], x1   (unaligned base is fine with SCTLR.A=0)
        assertV(2, le(3), le(11));
        assertV(3, le(19), le(27));
        assertV(4, le(35), le(43));
        assertV(5, le(51), le(59));
        assertEquals(D + 3 - 100, h.x(0));
    }

    @Test
    void ld1And1dForms() {
        h.x(0, D + 8);
        v(0, 0x1122334455667788L, 0x99);
        v(7, -1, -1);
        v(8, -1, -1);
        run(0x0c007c00, 0x0c40ac07); // st1 {v0.1d},[x0] ; ld1 {v7.1d, v8.1d},[x0]
        assertEquals(0x1122334455667788L, mem(8, 8));
        assertEquals(16, mem(16, 1));
        assertV(7, 0x1122334455667788L, 0);
        assertV(8, le(16), 0);
    }

    @Test
    void ld2DeinterleavesHalfwords() {
        h.x(0, D);
        run(0x4c408400); // ld2 {v0.8h, v1.8h}, [x0]
        assertV(0, 0x0d0c_0908_0504_0100L, 0x1d1c_1918_1514_1110L);
        assertV(1, 0x0f0e_0b0a_0706_0302L, 0x1f1e_1b1a_1716_1312L);
    }

    @Test
    void ld3EightBytesZeroesUpperHalves() {
        h.x(0, D);
        v(0, -1, -1);
        v(1, -1, -1);
        v(2, -1, -1);
        run(0x0c404000); // ld3 {v0.8b-v2.8b}, [x0]
        assertV(0, 0x15120f0c09060300L, 0);
        assertV(1, 0x1613100d0a070401L, 0);
        assertV(2, 0x1714110e0b080502L, 0);
    }

    @Test
    void ld4WordsFromSpWithWrapAndPostIndex() {
        h.cpu.r[Cpu.SP] = D;
        run(0x4cdf0bfe); // ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [sp], #64
        int[] regs = {30, 31, 0, 1};
        for (int s = 0; s < 4; s++) {
            long w0 = word(s), w1 = word(4 + s), w2 = word(8 + s), w3 = word(12 + s);
            assertV(regs[s], w0 | w1 << 32, w2 | w3 << 32);
        }
        assertEquals(D + 64, h.cpu.r[Cpu.SP]);
    }

    @Test
    void ld2With1dIsReservedBut2dIsFine() {
        h.x(0, D);
        run(0x4c408c00); // ld2 {v0.2d, v1.2d}, [x0]
        assertV(0, le(0), le(16));
        assertV(1, le(8), le(24));
        assertUndefined(0x0c408c00); // ld2 {v0.1d, v1.1d}: reserved
        assertUndefined(0x4c401000); // opcode 0001: unallocated
        assertUndefined(0x4c607000); // bit 21 set in the no-offset class
    }

    @Test
    void st2InterleavesWords() {
        h.x(0, D + 0x100);
        v(0, 0xa1a1a1a1_a0a0a0a0L, 0xa3a3a3a3_a2a2a2a2L);
        v(1, 0xb1b1b1b1_b0b0b0b0L, 0xb3b3b3b3_b2b2b2b2L);
        run(0x4c008800); // st2 {v0.4s, v1.4s}, [x0]
        long[] want = {0xa0a0a0a0L, 0xb0b0b0b0L, 0xa1a1a1a1L, 0xb1b1b1b1L, 0xa2a2a2a2L, 0xb2b2b2b2L, 0xa3a3a3a3L, 0xb3b3b3b3L};
        for (int k = 0; k < 8; k++) assertEquals(want[k], mem(0x100 + 4 * k, 4), "word " + k);
        assertEquals(0x20, mem(0x120, 1)); // untouched after 32 bytes
        assertEquals(D + 0x100, h.x(0));
    }

    @Test
    void st3HalfwordsPostIndex() {
        h.x(0, D + 0x100);
        v(0, 0xa003a002a001a000L, 0x5555);
        v(1, 0xb003b002b001b000L, 0x5555);
        v(2, 0xc003c002c001c000L, 0x5555);
        run(0x0c9f4400); // st3 {v0.4h-v2.4h}, [x0], #24
        for (int e = 0; e < 4; e++) {
            assertEquals(0xa000 + e, mem(0x100 + 6 * e, 2));
            assertEquals(0xb000 + e, mem(0x102 + 6 * e, 2));
            assertEquals(0xc000 + e, mem(0x104 + 6 * e, 2));
        }
        assertEquals(0x18, mem(0x118, 1));
        assertEquals(D + 0x118, h.x(0));
    }

    @Test
    void st4BytesThenLd4RoundTrip() {
        h.x(0, D + 0x100);
        for (int r = 0; r < 4; r++) v(r, le(16 * r), le(16 * r + 8)); // v_r byte e = 16r + e
        run(0x4c9f0000); // st4 {v0.16b-v3.16b}, [x0], #64
        for (int e = 0; e < 16; e++)
            for (int r = 0; r < 4; r++) assertEquals(16 * r + e, mem(0x100 + 4 * e + r, 1));
        assertEquals(D + 0x140, h.x(0));
    }

    @Test
    void st1FourRegistersWrap() {
        h.x(0, D + 0x100);
        v(29, 0x2929, 0x292a);
        v(30, 0x3030, 0x303a);
        v(31, 0x3131, 0x313a);
        v(0, 0x0000, 0x000a);
        run(0x4c00201d); // st1 {v29.16b, v30.16b, v31.16b, v0.16b}, [x0]
        long[] want = {0x2929, 0x292a, 0x3030, 0x303a, 0x3131, 0x313a, 0, 0xa};
        for (int k = 0; k < 8; k++) assertEquals(want[k], mem(0x100 + 8 * k, 8));
    }

    // ---- single structure -----------------------------------------------------------------

    @Test
    void ld1OneLaneLeavesOtherLanes() {
        h.x(0, D + 4);
        v(0, 0x1111111111111111L, 0x2222222222222222L);
        run(0x4d409000); // ld1 {v0.s}[3], [x0]
        assertV(0, 0x1111111111111111L, 0x22222222L | word(1) << 32);
    }

    @Test
    void ld2LanePostIndexImmediate() {
        h.x(0, D);
        v(0, 1, 2);
        v(1, 3, 4);
        run(0x4dff4800); // ld2 {v0.h, v1.h}[5], [x0], #4
        assertV(0, 1, 2 | 0x0100L << 16);
        assertV(1, 3, 4 | 0x0302L << 16);
        assertEquals(D + 4, h.x(0));
    }

    @Test
    void ld3LaneByte15PostIndexRegister() {
        h.x(0, D + 0x40).x(2, -3);
        run(0x4dc23c00); // ld3 {v0.b-v2.b}[15], [x0], x2
        assertV(0, 0, 0x40L << 56);
        assertV(1, 0, 0x41L << 56);
        assertV(2, 0, 0x42L << 56);
        assertEquals(D + 0x3d, h.x(0));
    }

    @Test
    void ld4LaneDoublewordWraps() {
        h.x(0, D);
        for (int r : new int[] {31, 0, 1, 2}) v(r, 0x77, 0x88);
        run(0x4d60a41f); // ld4 {v31.d, v0.d, v1.d, v2.d}[1], [x0]
        assertV(31, 0x77, le(0));
        assertV(0, 0x77, le(8));
        assertV(1, 0x77, le(16));
        assertV(2, 0x77, le(24));
    }

    @Test
    void st1LaneAndSt4LaneAndSt2Lane() {
        h.x(0, D + 0x100);
        v(0, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        v(1, 0x1716151413121110L, 0x1f1e1d1c1b1a1918L);
        v(2, 0x2726252423222120L, 0);
        v(3, 0x3736353433323130L, 0);
        run(0x4d008400); // st1 {v0.d}[1], [x0]
        assertEquals(0x0f0e0d0c0b0a0908L, mem(0x100, 8));
        run(0x0dbf3c00); // st4 {v0.b-v3.b}[7], [x0], #4
        assertEquals(0x37271707L, mem(0x100, 4));
        assertEquals(0x0f0e0d0cL, mem(0x104, 4));
        assertEquals(D + 0x104, h.x(0));
        h.x(2, 0x10);
        run(0x4da28000); // st2 {v0.s, v1.s}[2], [x0], x2
        assertEquals(0x0b0a0908L, mem(0x104, 4));
        assertEquals(0x1b1a1918L, mem(0x108, 4));
        assertEquals(D + 0x114, h.x(0));
    }

    @Test
    void loadAndReplicate() {
        h.x(0, D);
        v(1, -1, -1);
        run(0x4d40c800); // ld1r {v0.4s}, [x0]
        assertV(0, 0x0302010003020100L, 0x0302010003020100L);
        h.x(0, D + 0x41);
        run(0x0d40c001); // ld1r {v1.8b}, [x0]
        assertV(1, 0x4141414141414141L, 0);
        h.x(0, D);
        run(0x4dffcc00); // ld2r {v0.2d, v1.2d}, [x0], #16
        assertV(0, le(0), le(0));
        assertV(1, le(8), le(8));
        assertEquals(D + 16, h.x(0));
        h.x(3, 0x1000);
        for (int r = 0; r < 4; r++) v(r, -1, -1);
        run(0x0de3e400); // ld4r {v0.4h-v3.4h}, [x0], x3
        for (int r = 0; r < 4; r++) {
            long hw = half(8 + r);
            assertV(r, hw * 0x0001000100010001L, 0);
        }
        assertEquals(D + 16 + 0x1000, h.x(0));
        h.x(0, D + 8);
        run(0x0d40cc00); // ld1r {v0.1d}, [x0]
        assertV(0, le(8), 0);
        h.cpu.r[Cpu.SP] = D + 0x80;
        run(0x4d40e3e0); // ld3r {v0.16b-v2.16b}, [sp]
        assertV(0, 0x8080808080808080L, 0x8080808080808080L);
        assertV(1, 0x8181818181818181L, 0x8181818181818181L);
        assertV(2, 0x8282828282828282L, 0x8282828282828282L);
        assertEquals(D + 0x80, h.cpu.r[Cpu.SP]);
    }

    @Test
    void reservedSingleStructureForms() {
        assertUndefined(0x0d404400); // ld1 .h lane with size<0> = 1
        assertUndefined(0x0d408800); // .s lane with size<1> = 1
        assertUndefined(0x0d409400); // .d lane with S = 1
        assertUndefined(0x0d00c000); // "st1r": replicate needs L = 1
        assertUndefined(0x0d40d000); // ld1r with S = 1
    }

    // ---- faults ---------------------------------------------------------------------------

    @Test
    void faultingLoadDoesNotWriteBack() {
        h.x(0, 0x1000); // outside RAM: external abort
        h.load(0x4cdf7000); // ld1 {v0.16b}, [x0], #16
        assertEquals(Esr.EC_DABT_SAME, h.run(10));
        assertEquals(CpuHarness.CODE, h.lastElr);
        assertEquals(0x1000, h.lastFar);
        assertEquals(0x1000, h.x(0));
    }

    @Test
    void faultingStoreDoesNotWriteBack() {
        h.x(0, 0x2000);
        h.load(0x0c9f4400); // st3 {v0.4h-v2.4h}, [x0], #24
        assertEquals(Esr.EC_DABT_SAME, h.run(10));
        assertEquals(0x2000, h.x(0));
    }

    @Test
    void trappedWhenFpDisabled() {
        h.cpu.cpacrEl1 = 0;
        h.cpu.updateFpTrap();
        h.x(0, D);
        h.load(0x4c407000);
        assertEquals(Esr.EC_FP_ACCESS, h.run(10));
    }
}
