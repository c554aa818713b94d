package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Loads and stores of general-purpose and scalar FP/SIMD registers (ARM ARM C4.1.87).
 * Encodings come from aarch64-linux-gnu-as; the CONSTRAINED UNPREDICTABLE cases are checked
 * against what qemu-aarch64 does (a static test program using .inst).
 */
class LoadStoreTest {
    static final long CODE = CpuHarness.CODE;
    static final long D = CpuHarness.DATA;
    static final long RAM_END = CpuHarness.RAM + (64L << 20);
    static final long UNMAPPED = 0x1000;
    static final long Q0 = 0x80F1E2D3C4B5A697L; // bytes 97 a6 b5 c4 d3 e2 f1 80
    static final long Q1 = 0x0123456789ABCDEFL; // bytes ef cd ab 89 67 45 23 01

    // ---- harness helpers (work with or without BRK implemented: accept EC 0x3c or 0x00) ----

    /** Loads a program; drops instructions decoded from earlier programs (load writes RAM directly). */
    static void load(CpuHarness h, int... words) {
        h.load(words);
        h.cpu.invalidateAllCode();
    }

    static void run(CpuHarness h, int... words) {
        load(h, words);
        int ec = h.run(10_000);
        assertEquals(CODE + 4L * words.length, h.lastElr, "program stopped early, ESR=0x" + Long.toHexString(h.lastEsr));
        assertTrue(ec == Esr.EC_BRK64 || ec == Esr.EC_UNKNOWN, "EC 0x" + Integer.toHexString(ec));
    }

    /** Runs a program expecting a data abort (same EL) on instruction {@code idx}. */
    static void dataAbort(CpuHarness h, int idx, int dfsc, boolean write, long far, int... words) {
        load(h, words);
        int ec = h.run(10_000);
        assertEquals(Esr.EC_DABT_SAME, ec, "EC");
        assertEquals(CODE + 4L * idx, h.lastElr, "ELR");
        assertEquals(dfsc, h.lastEsr & 0x3f, "DFSC");
        assertEquals(write, (h.lastEsr & Esr.ISS_WNR) != 0, "WnR");
        assertEquals(far, h.lastFar, "FAR");
    }

    static void undefined(CpuHarness h, int word) {
        load(h, word);
        assertEquals(Esr.EC_UNKNOWN, h.run(10), String.format("%08x should be UNDEFINED", word));
        assertEquals(CODE, h.lastElr);
    }

    static CpuHarness withData() {
        CpuHarness h = new CpuHarness();
        h.ram.write(D, 8, Q0);
        h.ram.write(D + 8, 8, Q1);
        return h;
    }

    static long mem(CpuHarness h, long a, int size) { return h.ram.read(a, size); }

    static void setV(CpuHarness h, int n, long lo, long hi) { h.cpu.setV(n, lo, hi); }

    static void assertV(CpuHarness h, int n, long lo, long hi) {
        assertEquals(lo, h.cpu.vlo(n), "V" + n + " low");
        assertEquals(hi, h.cpu.vhi(n), "V" + n + " high");
    }

    // ---- single register, unsigned immediate ------------------------------------------------

    @Test
    void loadsWithUnsignedImmediateAllSizesAndSignExtension() {
        CpuHarness h = withData();
        h.ram.write(D + 32760, 8, 0x1122334455667788L);
        h.x(1, D);
        for (int r = 2; r <= 12; r++) h.x(r, -1L);
        run(h, 0xf9400420, // ldr x0, [x1, #8]
            0xb9400422, // ldr w2, [x1, #4]
            0x39400423, // ldrb w3, [x1, #1]
            0x79400424, // ldrh w4, [x1, #2]
            0x39801c25, // ldrsb x5, [x1, #7]
            0x39c01c26, // ldrsb w6, [x1, #7]
            0x79800c27, // ldrsh x7, [x1, #6]
            0x79c00c28, // ldrsh w8, [x1, #6]
            0xb9800429, // ldrsw x9, [x1, #4]
            0xf97ffc2a, // ldr x10, [x1, #32760]
            0xf940002b, // ldr x11, [x1]
            0x7980182c); // ldrsh x12, [x1, #12]
        assertEquals(Q1, h.x(0));
        assertEquals(0x80F1E2D3L, h.x(2));
        assertEquals(0xa6L, h.x(3));
        assertEquals(0xc4b5L, h.x(4));
        assertEquals(0xFFFFFFFFFFFFFF80L, h.x(5));
        assertEquals(0xFFFFFF80L, h.x(6));
        assertEquals(0xFFFFFFFFFFFF80F1L, h.x(7));
        assertEquals(0xFFFF80F1L, h.x(8));
        assertEquals(0xFFFFFFFF80F1E2D3L, h.x(9));
        assertEquals(0x1122334455667788L, h.x(10));
        assertEquals(Q0, h.x(11));
        assertEquals(0x4567L, h.x(12));
        assertEquals(D, h.x(1));
    }

    @Test
    void storesWithUnsignedImmediateWriteOnlyTheirBytes() {
        CpuHarness h = new CpuHarness();
        for (int k = 0; k < 4; k++) h.ram.write(D + 8 * k, 8, 0xAAAAAAAAAAAAAAAAL);
        h.x(0, 0x1122334455667788L).x(1, D);
        run(h, 0x39000420, // strb w0, [x1, #1]
            0x79000820, // strh w0, [x1, #4]
            0xb9000820, // str w0, [x1, #8]
            0xf9000820, // str x0, [x1, #16]
            0xf9000c3f, // str xzr, [x1, #24]
            0xf940003f); // ldr xzr, [x1]
        assertEquals(0xAAAA7788AAAA88AAL, mem(h, D, 8));
        assertEquals(0xAAAAAAAA55667788L, mem(h, D + 8, 8));
        assertEquals(0x1122334455667788L, mem(h, D + 16, 8));
        assertEquals(0L, mem(h, D + 24, 8));
        assertEquals(0L, h.cpu.r[Cpu.ZR]);
    }

    // ---- unscaled, pre/post-index, register offset -----------------------------------------

    @Test
    void unscaledImmediateForms() {
        CpuHarness h = withData();
        h.ram.write(D - 240, 1, 0x85);
        h.x(1, D + 16).x(2, 0xdeadbeefL).x(4, -1L).x(5, -1L);
        run(h, 0xf85f8020, // ldur x0, [x1, #-8]
            0xb8003022, // stur w2, [x1, #3]
            0xb89fc023, // ldursw x3, [x1, #-4]
            0x785fd024, // ldurh w4, [x1, #-3]
            0x780ff022, // sturh w2, [x1, #255]
            0x38d00025); // ldursb w5, [x1, #-256]
        assertEquals(Q1, h.x(0));
        assertEquals(0xdeadbeefL, mem(h, D + 19, 4));
        assertEquals(0L, mem(h, D + 16, 2) | mem(h, D + 18, 1) | mem(h, D + 23, 1));
        assertEquals(0x01234567L, h.x(3));
        assertEquals(0x2345L, h.x(4));
        assertEquals(0xbeefL, mem(h, D + 16 + 255, 2));
        assertEquals(0xFFFFFF85L, h.x(5));
    }

    @Test
    void preAndPostIndexWriteBack() {
        CpuHarness h = withData();
        h.ram.write(D + 16, 8, 0x5555L);
        h.x(1, D).x(3, D + 16).x(4, 0x12345678L).x(5, D + 0x40).x(6, 0xab).x(7, D + 0x50).x(9, D + 6);
        run(h, 0xf8408c20, // ldr x0, [x1, #8]!
            0xf85f0462, // ldr x2, [x3], #-16
            0xb81fcca4, // str w4, [x5, #-4]!
            0x380014e6, // strb w6, [x7], #1
            0x78802528); // ldrsh x8, [x9], #2
        assertEquals(Q1, h.x(0));
        assertEquals(D + 8, h.x(1));
        assertEquals(0x5555L, h.x(2));
        assertEquals(D, h.x(3));
        assertEquals(0x12345678L, mem(h, D + 0x3c, 4));
        assertEquals(D + 0x3c, h.x(5));
        assertEquals(0xabL, mem(h, D + 0x50, 1));
        assertEquals(D + 0x51, h.x(7));
        assertEquals(0xFFFFFFFFFFFF80F1L, h.x(8));
        assertEquals(D + 8, h.x(9));
    }

    @Test
    void stackPointerBaseWithWriteBack() {
        CpuHarness h = new CpuHarness();
        h.cpu.r[Cpu.SP] = D + 0x100;
        h.x(0, 0x77);
        run(h, 0xf81f0fe0, // str x0, [sp, #-16]!
            0xf84107e1); // ldr x1, [sp], #16
        assertEquals(0x77L, mem(h, D + 0xf0, 8));
        assertEquals(0x77L, h.x(1));
        assertEquals(D + 0x100, h.cpu.r[Cpu.SP]);
    }

    @Test
    void writeBackOverlappingTheTransferRegisterFollowsQemu() {
        CpuHarness h = withData();
        h.x(1, D);
        run(h, 0xf8408c21); // ldr x1, [x1, #8]!  (written-back address wins)
        assertEquals(D + 8, h.x(1));
        h.x(1, D);
        run(h, 0xf8408421); // ldr x1, [x1], #8
        assertEquals(D + 8, h.x(1));
        h.x(1, D);
        run(h, 0xf8008421); // str x1, [x1], #8  (stores the original base)
        assertEquals(D, mem(h, D, 8));
        assertEquals(D + 8, h.x(1));
        h.x(1, D);
        run(h, 0xf8008c21); // str x1, [x1, #8]!
        assertEquals(D, mem(h, D + 8, 8));
        assertEquals(D + 8, h.x(1));
        h.x(1, D).x(3, 0);
        run(h, 0xa8c10c21); // ldp x1, x3, [x1], #16
        assertEquals(D + 16, h.x(1));
        assertEquals(D, h.x(3)); // D+8 holds D after the store above
        h.x(1, D);
        run(h, 0xa8c10423); // ldp x3, x1, [x1], #16
        assertEquals(D + 16, h.x(1));
        h.x(1, D + 0x40).x(10, 7);
        run(h, 0xa9bf2821); // stp x1, x10, [x1, #-16]!
        assertEquals(D + 0x40, mem(h, D + 0x30, 8));
        assertEquals(7L, mem(h, D + 0x38, 8));
        assertEquals(D + 0x30, h.x(1));
    }

    @Test
    void registerOffsetExtensionsAndScaling() {
        CpuHarness h = withData();
        h.ram.write(D - 8, 8, 0x4242L);
        h.x(1, D).x(2, 1).x(4, 0xFFFFFFFF00000001L).x(6, 0xFFFFFFF8L).x(8, 0x9999).x(9, -1L);
        h.cpu.r[Cpu.SP] = D - 1;
        run(h, 0xf8627820, // ldr x0, [x1, x2, lsl #3]
            0xb8645823, // ldr w3, [x1, w4, uxtw #2]
            0xf866c825, // ldr x5, [x1, w6, sxtw]
            0x38626827, // ldrb w7, [x1, x2]
            0xf829f828, // str x8, [x1, x9, sxtx #3]
            0x78a2782a, // ldrsh x10, [x1, x2, lsl #1]
            0x3862782b, // ldrb w11, [x1, x2, lsl #0]
            0xf862682c, // ldr x12, [x1, x2]
            0xf8626bed); // ldr x13, [sp, x2]
        assertEquals(Q1, h.x(0));
        assertEquals(0x80F1E2D3L, h.x(3));
        assertEquals(0x4242L, h.x(5));
        assertEquals(0xa6L, h.x(7));
        assertEquals(0x9999L, mem(h, D - 8, 8));
        assertEquals(0xFFFFFFFFFFFFC4B5L, h.x(10));
        assertEquals(0xa6L, h.x(11));
        assertEquals(0xEF80F1E2D3C4B5A6L, h.x(12)); // unaligned
        assertEquals(Q0, h.x(13));
    }

    @Test
    void reservedRegisterOffsetOptionsAreUndefined() {
        CpuHarness h = withData();
        undefined(h, 0xf8621820); // ldr x0, [x1, x2, uxtb]: option 000
        undefined(h, 0xf8623820); // option 001 (UXTH)
        undefined(h, 0xf8629820); // option 100 (SXTB)
        undefined(h, 0xf862b820); // option 101 (SXTH)
        undefined(h, 0xf8a21833); // prfm with option 000
    }

    // ---- literal --------------------------------------------------------------------------

    @Test
    void loadLiteralAllForms() {
        CpuHarness h = new CpuHarness();
        h.ram.write(CODE + 0x1000, 8, Q0);
        h.ram.write(CODE + 0x1008, 8, Q1);
        for (int n = 0; n < 32; n++) setV(h, n, -1L, -1L);
        h.x(1, -1L);
        run(h, 0x58008000, // ldr x0, .+0x1000
            0x18007fe1, // ldr w1, .+0xffc
            0x98007fc2, // ldrsw x2, .+0xff8
            0x5c007fa3, // ldr d3, .+0xff4
            0x9c007f84, // ldr q4, .+0xff0
            0x1c007f65, // ldr s5, .+0xfec
            0xd8007f40, // prfm pldl1keep, .+0xfe8
            0x58ffffe6); // ldr x6, .-4
        assertEquals(Q0, h.x(0));
        assertEquals(0xC4B5A697L, h.x(1));
        assertEquals(0xFFFFFFFFC4B5A697L, h.x(2));
        assertV(h, 3, Q0, 0);
        assertV(h, 4, Q0, Q1);
        assertV(h, 5, 0xC4B5A697L, 0);
        assertEquals(0x58ffffe6d8007f40L, h.x(6));
    }

    // ---- FP/SIMD registers ------------------------------------------------------------------

    @Test
    void fpRegisterLoadsZeroTheRestAndStoresWriteTheirSize() {
        CpuHarness h = withData();
        h.ram.write(D + 16, 8, 0x1111111111111111L);
        h.ram.write(D + 24, 8, 0x2222222222222222L);
        for (int n = 0; n < 32; n++) setV(h, n, -1L, -1L);
        h.x(1, D);
        run(h, 0x3d400420, // ldr b0, [x1, #1]
            0x7d400421, // ldr h1, [x1, #2]
            0xbd400422, // ldr s2, [x1, #4]
            0xfd400423, // ldr d3, [x1, #8]
            0x3dc00424, // ldr q4, [x1, #16]
            0x3d010020, // str b0, [x1, #64]
            0x7d008421, // str h1, [x1, #66]
            0xbd004422, // str s2, [x1, #68]
            0xfd002423, // str d3, [x1, #72]
            0x3d801424); // str q4, [x1, #80]
        assertV(h, 0, 0xa6L, 0);
        assertV(h, 1, 0xc4b5L, 0);
        assertV(h, 2, 0x80F1E2D3L, 0);
        assertV(h, 3, Q1, 0);
        assertV(h, 4, 0x1111111111111111L, 0x2222222222222222L);
        assertEquals(0x80F1E2D3C4B500A6L, mem(h, D + 64, 8));
        assertEquals(Q1, mem(h, D + 72, 8));
        assertEquals(0x1111111111111111L, mem(h, D + 80, 8));
        assertEquals(0x2222222222222222L, mem(h, D + 88, 8));
        assertEquals(0L, mem(h, D + 96, 8));
    }

    @Test
    void fpRegisterOtherAddressingModes() {
        CpuHarness h = withData();
        h.ram.write(D + 16, 8, 0x1111111111111111L);
        h.ram.write(D + 24, 8, 0x2222222222222222L);
        h.ram.write(D + 48, 8, 0x3333L);
        h.ram.write(D + 56, 8, 0x4444L);
        h.ram.write(D + 32 + 65520, 8, 5);
        h.ram.write(D + 32 + 65528, 8, 6);
        for (int n = 0; n < 32; n++) setV(h, n, -1L, -1L);
        setV(h, 2, 0x12345678L, 0);
        h.x(1, D + 32).x(2, -2L).x(3, 0xFFFFFFFDL);
        run(h, 0x3cdf0025, // ldur q5, [x1, #-16]
            0x3cc10c26, // ldr q6, [x1, #16]!      x1 = D+48
            0x3c9f0425, // str q5, [x1], #-16      x1 = D+32
            0x3ce27827, // ldr q7, [x1, x2, lsl #4]
            0xfc63d828, // ldr d8, [x1, w3, sxtw #3]
            0x3dfffc29, // ldr q9, [x1, #65520]
            0xbc001022, // stur s2, [x1, #1]
            0x7c40242a); // ldr h10, [x1], #2
        assertV(h, 5, 0x1111111111111111L, 0x2222222222222222L);
        assertV(h, 6, 0x3333L, 0x4444L);
        assertEquals(0x1111111111111111L, mem(h, D + 48, 8));
        assertEquals(0x2222222222222222L, mem(h, D + 56, 8));
        assertV(h, 7, Q0, Q1);
        assertV(h, 8, Q1, 0);
        assertV(h, 9, 5, 6);
        assertEquals(0x12345678L, mem(h, D + 33, 4));
        assertV(h, 10, 0x7800L, 0);
        assertEquals(D + 34, h.x(1));
    }

    @Test
    void fpAccessTrapsWhenCpacrDisablesFp() {
        CpuHarness h = withData();
        h.cpu.cpacrEl1 = 0;
        h.cpu.updateFpTrap();
        h.x(1, D);
        load(h, 0xf940002b, 0x3dc00020); // ldr x11, [x1] ; ldr q0, [x1]
        assertEquals(Esr.EC_FP_ACCESS, h.run(10));
        assertEquals(CODE + 4, h.lastElr);
        assertEquals(Q0, h.x(11));
    }

    // ---- pairs ----------------------------------------------------------------------------

    @Test
    void generalRegisterPairs() {
        CpuHarness h = new CpuHarness();
        long b = D + 0x100;
        h.ram.write(b, 4, 0xFFFFFFFEL);
        h.ram.write(b + 4, 4, 0x7FFFFFFFL);
        h.ram.write(b + 8, 4, 0x80000000L);
        h.ram.write(b + 12, 4, 1);
        h.ram.write(b + 504, 8, 0x504L);
        h.ram.write(b + 512, 8, 0x512L);
        h.x(0, 0xA0).x(1, 0xA1).x(2, b).x(5, 0xFFFFFFFF80000005L).x(6, 6).x(7, -1L).x(8, -1L);
        run(h, 0xa9010440, // stp x0, x1, [x2, #16]
            0xa9411043, // ldp x3, x4, [x2, #16]
            0x29bf1845, // stp w5, w6, [x2, #-8]!
            0x28c12047, // ldp w7, w8, [x2], #8
            0x69402849, // ldpsw x9, x10, [x2]
            0xa8020440, // stnp x0, x1, [x2, #32]
            0xa842304b, // ldnp x11, x12, [x2, #32]
            0xa95f8440, // ldp x0, x1, [x2, #504]
            0x69c1384d); // ldpsw x13, x14, [x2, #8]!
        assertEquals(0xA0L, mem(h, b + 16, 8));
        assertEquals(0xA1L, mem(h, b + 24, 8));
        assertEquals(0xA0L, h.x(3));
        assertEquals(0xA1L, h.x(4));
        assertEquals(0x80000005L, mem(h, b - 8, 4));
        assertEquals(6L, mem(h, b - 4, 4));
        assertEquals(0x80000005L, h.x(7));
        assertEquals(6L, h.x(8));
        assertEquals(-2L, h.x(9));
        assertEquals(0x7FFFFFFFL, h.x(10));
        assertEquals(0xA0L, mem(h, b + 32, 8));
        assertEquals(0xA1L, mem(h, b + 40, 8));
        assertEquals(0xA0L, h.x(11));
        assertEquals(0xA1L, h.x(12));
        assertEquals(0x504L, h.x(0));
        assertEquals(0x512L, h.x(1));
        assertEquals(0xFFFFFFFF80000000L, h.x(13));
        assertEquals(1L, h.x(14));
        assertEquals(b + 8, h.x(2));
    }

    @Test
    void functionPrologueAndEpilogueOnSp() {
        CpuHarness h = new CpuHarness();
        h.cpu.r[Cpu.SP] = D + 0x400;
        h.x(29, 0x29).x(30, 0x30);
        run(h, 0xa9be7bfd); // stp x29, x30, [sp, #-32]!
        assertEquals(D + 0x3e0, h.cpu.r[Cpu.SP]);
        assertEquals(0x29L, mem(h, D + 0x3e0, 8));
        assertEquals(0x30L, mem(h, D + 0x3e8, 8));
        h.ram.write(D + 0x3e0, 8, 0x1029);
        h.ram.write(D + 0x3e8, 8, 0x1030);
        run(h, 0xa8c27bfd); // ldp x29, x30, [sp], #32
        assertEquals(0x1029L, h.x(29));
        assertEquals(0x1030L, h.x(30));
        assertEquals(D + 0x400, h.cpu.r[Cpu.SP]);
    }

    @Test
    void fpRegisterPairs() {
        CpuHarness h = new CpuHarness();
        long b = D + 0x200;
        for (int k = 0; k < 4; k++) h.ram.write(b + 32 + 8 * k, 8, k + 1);
        for (int n = 0; n < 32; n++) setV(h, n, -1L, -1L);
        setV(h, 0, 0x1010, -1L);
        setV(h, 1, 0x1111, -1L);
        setV(h, 4, 0xAAAA4444L, -1L);
        setV(h, 5, 0xBBBB5555L, -1L);
        h.x(2, b);
        run(h, 0x6d3f0440, // stp d0, d1, [x2, #-16]
            0xad410c42, // ldp q2, q3, [x2, #32]
            0x2d001444, // stp s4, s5, [x2]
            0x2d401c46); // ldp s6, s7, [x2]
        assertEquals(0x1010L, mem(h, b - 16, 8));
        assertEquals(0x1111L, mem(h, b - 8, 8));
        assertV(h, 2, 1, 2);
        assertV(h, 3, 3, 4);
        assertEquals(0xBBBB5555AAAA4444L, mem(h, b, 8));
        assertV(h, 6, 0xAAAA4444L, 0);
        assertV(h, 7, 0xBBBB5555L, 0);

        h.ram.write(b + 8, 8, 0x99);
        run(h, 0xadbf0c42, // stp q2, q3, [x2, #-32]!
            0x6cc12448, // ldp d8, d9, [x2], #16
            0xac402c4a); // ldnp q10, q11, [x2]
        for (int k = 0; k < 4; k++) assertEquals(k + 1L, mem(h, b - 32 + 8 * k, 8));
        assertV(h, 8, 1, 0);
        assertV(h, 9, 2, 0);
        assertV(h, 10, 3, 4);
        assertV(h, 11, 0xBBBB5555AAAA4444L, 0x99);
        assertEquals(b - 16, h.x(2));
    }

    @Test
    void loadPairIntoTheSameRegisterFollowsQemu() {
        CpuHarness h = withData();
        h.x(1, D);
        run(h, 0xa9400020); // ldp x0, x0, [x1]: general registers keep the first element
        assertEquals(Q0, h.x(0));
        run(h, 0x69400020); // ldpsw x0, x0, [x1]
        assertEquals(0xFFFFFFFFC4B5A697L, h.x(0));
        run(h, 0x6d400020); // ldp d0, d0, [x1]: FP registers keep the second element
        assertV(h, 0, Q1, 0);
    }

    @Test
    void reservedPairEncodingsAreUndefined() {
        CpuHarness h = withData();
        undefined(h, 0xe9400440); // ldp with opc=11
        undefined(h, 0x6842304b); // ldnp with opc=01 (no LDNPSW)
        undefined(h, 0x69000440); // STGP (MTE not implemented)
        undefined(h, 0x68800440); // STGP post-index
        undefined(h, 0xed400440); // FP ldp with opc=11
    }

    // ---- unprivileged -----------------------------------------------------------------------

    @Test
    void unprivilegedLoadsAndStoresAtEl1WithoutMmu() {
        CpuHarness h = withData();
        h.x(1, D).x(2, 0x1ff).x(4, -1L).x(5, 0x5555666677778888L).x(6, -1L);
        run(h, 0xf8408820, // ldtr x0, [x1, #8]
            0x381ff822, // sttrb w2, [x1, #-1]
            0xb8804823, // ldtrsw x3, [x1, #4]
            0x38c07824, // ldtrsb w4, [x1, #7]
            0xf8010825, // sttr x5, [x1, #16]
            0x78402826, // ldtrh w6, [x1, #2]
            0x78806827); // ldtrsh x7, [x1, #6]
        assertEquals(Q1, h.x(0));
        assertEquals(0xffL, mem(h, D - 1, 1));
        assertEquals(0L, mem(h, D - 2, 1));
        assertEquals(0xFFFFFFFF80F1E2D3L, h.x(3));
        assertEquals(0xFFFFFF80L, h.x(4));
        assertEquals(0x5555666677778888L, mem(h, D + 16, 8));
        assertEquals(0xc4b5L, h.x(6));
        assertEquals(0xFFFFFFFFFFFF80F1L, h.x(7));
    }

    // ---- prefetch and unallocated ---------------------------------------------------------

    @Test
    void prefetchesAreNopsEvenOnUnmappedAddresses() {
        CpuHarness h = new CpuHarness();
        h.x(1, UNMAPPED).x(2, 3);
        run(h, 0xf9800020, // prfm pldl1keep, [x1]
            0xf89ff020, // prfum pldl1keep, [x1, #-1]
            0xf8a27833, // prfm pstl2strm, [x1, x2, lsl #3]
            0xf980043f); // prfm #0x1f, [x1, #8]
        assertEquals(UNMAPPED, h.x(1));
    }

    @Test
    void unallocatedSizeOpcCombinationsAreUndefined() {
        CpuHarness h = withData();
        undefined(h, 0xf8808c20); // "prfm" pre-index (size=11 opc=10)
        undefined(h, 0xf8808420); // "prfm" post-index
        undefined(h, 0xb9c00420); // size=10 opc=11, unsigned immediate
        undefined(h, 0xb8c00020); // size=10 opc=11, unscaled
        undefined(h, 0xf8c00020); // size=11 opc=11, unscaled
        undefined(h, 0x7d800421); // FP size=01 opc=10
        undefined(h, 0xfdc00421); // FP size=11 opc=11
        undefined(h, 0xdc000000); // FP literal opc=11
        undefined(h, 0xf8808820); // ldtr with size=11 opc=10
        undefined(h, 0xfc408820); // unprivileged class with V=1
    }

    // ---- faults -----------------------------------------------------------------------------

    @Test
    void unmappedPhysicalAddressRaisesExternalAbort() {
        CpuHarness h = new CpuHarness();
        h.x(1, UNMAPPED).x(0, 0x1234);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED, 0xf940002b); // ldr x11, [x1]
        assertEquals(0L, h.x(11));
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, true, UNMAPPED + 16, 0xf9000820); // str x0, [x1, #16]
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED + 8, 0xf8408c20); // ldr x0, [x1, #8]!
        assertEquals(UNMAPPED, h.x(1)); // no write-back
        assertEquals(0x1234L, h.x(0));
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED + 8, 0xf8408820); // ldtr x0, [x1, #8]
        setV(h, 3, 7, 7);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED + 8, 0xfd400423); // ldr d3, [x1, #8]
        assertV(h, 3, 7, 7);
    }

    @Test
    void pairFaultingOnTheSecondElementChangesNothing() {
        CpuHarness h = new CpuHarness();
        h.ram.write(RAM_END - 8, 8, 0x5a5a);
        h.x(2, RAM_END - 24).x(3, 3).x(4, 4).x(0, 0xA0).x(1, 0xA1);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, RAM_END, 0xa9411043); // ldp x3, x4, [x2, #16]
        assertEquals(3L, h.x(3));
        assertEquals(4L, h.x(4));
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, true, RAM_END, 0xa9010440); // stp x0, x1, [x2, #16]
        assertEquals(0x5a5aL, mem(h, RAM_END - 8, 8));
        h.x(2, RAM_END + 4); // the W pair at END-4 straddles the end of RAM
        h.ram.write(RAM_END - 8, 8, 0x5a5a);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, true, RAM_END, 0x29bf1845); // stp w5, w6, [x2, #-8]!
        assertEquals(0x5a5aL, mem(h, RAM_END - 8, 8));
        assertEquals(RAM_END + 4, h.x(2));
        h.x(1, RAM_END - 88);
        setV(h, 4, 1, 2);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, true, RAM_END, 0x3d801424); // str q4, [x1, #80]
        assertEquals(0x5a5aL, mem(h, RAM_END - 8, 8));
        h.x(2, RAM_END + 16);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, true, RAM_END, 0xadbf0c42); // stp q2, q3, [x2, #-32]!
        assertEquals(0x5a5aL, mem(h, RAM_END - 8, 8));
        assertEquals(RAM_END + 16, h.x(2));
    }

    @Test
    void alignmentCheckingWhenSctlrAIsSet() {
        CpuHarness h = withData();
        h.cpu.sctlr[1] |= 2;
        h.x(1, D + 4);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0xf940002b); // ldr x11, [x1]
        h.x(1, D + 8);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 24, 0x3dc00424); // ldr q4, [x1, #16]
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, true, D + 88, 0x3d801424); // str q4, [x1, #80]
        run(h, 0xb9400422); // ldr w2, [x1, #4]: aligned
        assertEquals(Q1 >>> 32, h.x(2));
    }
}
