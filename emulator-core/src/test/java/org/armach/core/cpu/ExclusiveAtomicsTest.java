package org.armach.core.cpu;

import static org.armach.core.cpu.LoadStoreTest.D;
import static org.armach.core.cpu.LoadStoreTest.Q0;
import static org.armach.core.cpu.LoadStoreTest.UNMAPPED;
import static org.armach.core.cpu.LoadStoreTest.dataAbort;
import static org.armach.core.cpu.LoadStoreTest.mem;
import static org.armach.core.cpu.LoadStoreTest.run;
import static org.armach.core.cpu.LoadStoreTest.undefined;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Load/store exclusive, load-acquire/store-release, LSE atomics and compare-and-swap. */
class ExclusiveAtomicsTest {
    static final int LDXR_X = 0xc85f7c20; // ldxr x0, [x1]
    static final int STXR_X = 0xc8027c23; // stxr w2, x3, [x1]

    static CpuHarness data(long v) {
        CpuHarness h = new CpuHarness();
        h.ram.write(D, 8, v);
        h.x(1, D);
        return h;
    }

    // ---- exclusives ----------------------------------------------------------------------

    @Test
    void loadStoreExclusiveSucceedsAndClearsTheMonitor() {
        CpuHarness h = data(0x1234);
        h.x(2, -1L).x(3, 0xBEEF);
        run(h, LDXR_X, STXR_X);
        assertEquals(0x1234L, h.x(0));
        assertEquals(0L, h.x(2));
        assertEquals(0xBEEFL, mem(h, D, 8));
        assertEquals(-1L, h.cpu.exclusiveAddr);
    }

    @Test
    void storeExclusiveWithoutReservationFails() {
        CpuHarness h = data(0x1234);
        h.x(2, -1L).x(3, 0xBEEF);
        run(h, STXR_X);
        assertEquals(1L, h.x(2));
        assertEquals(0x1234L, mem(h, D, 8));
    }

    @Test
    void storeExclusiveToAnotherAddressFailsAndSizeIsNotCompared() {
        CpuHarness h = data(0x1234);
        h.x(3, 0xBEEF).x(4, D + 8);
        run(h, LDXR_X, 0xc8027c83); // ldxr x0, [x1] ; stxr w2, x3, [x4]
        assertEquals(1L, h.x(2));
        assertEquals(0L, mem(h, D + 8, 8));
        // Sizes that differ are CONSTRAINED UNPREDICTABLE; like QEMU, the monitor compares the
        // address and the value read, so these pass while memory holds that value.
        run(h, 0x885f7c20, STXR_X); // ldxr w0, [x1] ; stxr w2, x3, [x1]  (4 vs 8 bytes)
        assertEquals(0L, h.x(2));
        assertEquals(0xBEEFL, mem(h, D, 8));
        h.x(3, 0x5555);
        run(h, 0xc87f1424, STXR_X); // ldxp x4, x5, [x1] ; stxr w2, x3, [x1]  (16 vs 8 bytes)
        assertEquals(0L, h.x(2));
        assertEquals(0x5555L, mem(h, D, 8));
    }

    @Test
    void storeBetweenLoadAndStoreExclusiveClearsTheMonitorOnlyIfItChangedTheValue() {
        CpuHarness h = data(0x1234);
        h.x(3, 0x1234).x(6, 0x99);
        run(h, LDXR_X, 0xf9000023, STXR_X); // ldxr x0,[x1] ; str x3,[x1] (same value) ; stxr w2,x3,[x1]
        assertEquals(0L, h.x(2));
        run(h, LDXR_X, 0xf9000026, STXR_X); // ldxr x0,[x1] ; str x6,[x1] (new value) ; stxr w2,x3,[x1]
        assertEquals(1L, h.x(2));
        assertEquals(0x99L, mem(h, D, 8));
    }

    @Test
    void secondStoreExclusiveFailsBecauseTheMonitorWasCleared() {
        CpuHarness h = data(0x1234);
        h.x(3, 0x3333).x(6, 0x6666).x(5, -1L);
        run(h, LDXR_X, STXR_X, 0xc8057c26); // ... ; stxr w5, x6, [x1]
        assertEquals(0L, h.x(2));
        assertEquals(1L, h.x(5));
        assertEquals(0x3333L, mem(h, D, 8));
    }

    @Test
    void exclusiveByteHalfwordWordTouchOnlyTheirBytes() {
        CpuHarness h = data(Q0);
        h.x(3, 0x1122334455667788L);
        run(h, 0x085f7c20, 0x08027c23); // ldxrb w0, [x1] ; stxrb w2, w3, [x1]
        assertEquals(0x97L, h.x(0));
        assertEquals(0L, h.x(2));
        assertEquals(0x80F1E2D3C4B5A688L, mem(h, D, 8));
        run(h, 0x485f7c20, 0x48027c23); // ldxrh w0, [x1] ; stxrh w2, w3, [x1]
        assertEquals(0xa688L, h.x(0));
        assertEquals(0x80F1E2D3C4B57788L, mem(h, D, 8));
        run(h, 0x885f7c20, 0x88027c23); // ldxr w0, [x1] ; stxr w2, w3, [x1]
        assertEquals(0xC4B57788L, h.x(0));
        assertEquals(0x80F1E2D355667788L, mem(h, D, 8));
        run(h, 0xc85ffc20, 0xc802fc23); // ldaxr x0, [x1] ; stlxr w2, x3, [x1]
        assertEquals(0x80F1E2D355667788L, h.x(0));
        assertEquals(0x1122334455667788L, mem(h, D, 8));
        assertEquals(0L, h.x(2));
    }

    @Test
    void exclusivePairs() {
        CpuHarness h = data(0x1111);
        h.ram.write(D + 8, 8, 0x2222);
        h.x(6, 0x6666).x(7, 0x7777);
        run(h, 0xc87f1424, 0xc8221c26); // ldxp x4, x5, [x1] ; stxp w2, x6, x7, [x1]
        assertEquals(0x1111L, h.x(4));
        assertEquals(0x2222L, h.x(5));
        assertEquals(0L, h.x(2));
        assertEquals(0x6666L, mem(h, D, 8));
        assertEquals(0x7777L, mem(h, D + 8, 8));

        h.ram.write(D, 8, 0x0000000B0000000AL);
        h.x(6, 0xFFFFFFFF0000000CL).x(7, 0xD);
        run(h, 0x887f1424, 0x88221c26); // ldxp w4, w5, [x1] ; stxp w2, w6, w7, [x1]
        assertEquals(0xAL, h.x(4));
        assertEquals(0xBL, h.x(5));
        assertEquals(0L, h.x(2));
        assertEquals(0x0000000D0000000CL, mem(h, D, 8));

        h.x(6, 1).x(7, 2);
        run(h, 0xc87f9424, 0xc8229c26); // ldaxp x4, x5, [x1] ; stlxp w2, x6, x7, [x1]
        assertEquals(0x0000000D0000000CL, h.x(4));
        assertEquals(0L, h.x(2));
        assertEquals(1L, mem(h, D, 8));
        assertEquals(2L, mem(h, D + 8, 8));

        run(h, 0xc8221c26); // stxp without reservation
        assertEquals(1L, h.x(2));
    }

    @Test
    void exclusiveOnStackPointer() {
        CpuHarness h = data(0x42);
        h.cpu.r[Cpu.SP] = D;
        h.x(3, 0x43);
        run(h, 0xc85f7fe0, 0xc8027fe3); // ldxr x0, [sp] ; stxr w2, x3, [sp]
        assertEquals(0x42L, h.x(0));
        assertEquals(0L, h.x(2));
        assertEquals(0x43L, mem(h, D, 8));
    }

    @Test
    void exclusivesAndOrderedAccessesRequireAlignment() {
        CpuHarness h = data(0);
        h.x(1, D + 4).x(2, 7);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, LDXR_X);
        // a store-exclusive checks the monitor first: unmonitored, it fails without an access
        run(h, STXR_X);
        assertEquals(1L, h.x(2));
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0xc8dffc20); // ldar x0, [x1]
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0xf8bfc027); // ldapr x7, [x1]
    }

    @Test
    void pairAndSubwordAlignment() {
        CpuHarness h = data(0);
        h.x(1, D + 8);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 8, 0xc87f1424); // ldxp x4, x5, [x1]: 16 needed
        h.x(1, D + 4);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0x887f1424); // ldxp w4, w5, [x1]: 8 needed
        h.x(1, D + 1).x(6, D + 1);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 1, 0x485f7c20); // ldxrh w0, [x1]
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, true, D + 1, 0x489ffcc5); // stlrh w5, [x6]
        h.x(1, D + 2);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 2, 0x88dffc22); // ldar w2, [x1]
        h.x(1, D + 1);
        run(h, 0x085f7c20, 0x08dffc23); // ldxrb w0, [x1] ; ldarb w3, [x1]: bytes are always aligned
    }

    @Test
    void exclusiveLoadFromUnmappedMemory() {
        CpuHarness h = new CpuHarness();
        h.x(1, UNMAPPED);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED, LDXR_X);
        assertEquals(-1L, h.cpu.exclusiveAddr);
    }

    // ---- ordered --------------------------------------------------------------------------

    @Test
    void loadAcquireStoreReleaseAllSizes() {
        CpuHarness h = data(Q0);
        h.x(5, 0x1122334455667788L).x(6, D + 16).x(2, -1L).x(4, -1L);
        run(h, 0xc8dffc20, // ldar x0, [x1]
            0x88dffc22, // ldar w2, [x1]
            0x08dffc23, // ldarb w3, [x1]
            0x48dffc24, // ldarh w4, [x1]
            0xc89ffcc5); // stlr x5, [x6]
        assertEquals(Q0, h.x(0));
        assertEquals(0xC4B5A697L, h.x(2));
        assertEquals(0x97L, h.x(3));
        assertEquals(0xA697L, h.x(4));
        assertEquals(0x1122334455667788L, mem(h, D + 16, 8));
        h.ram.write(D + 16, 8, -1L);
        run(h, 0x489ffcc5); // stlrh w5, [x6]
        assertEquals(0xFFFFFFFFFFFF7788L, mem(h, D + 16, 8));
        run(h, 0x089ffcc5); // stlrb w5, [x6]
        run(h, 0x889ffcc5); // stlr w5, [x6]
        assertEquals(0xFFFFFFFF55667788L, mem(h, D + 16, 8));
    }

    @Test
    void loadAcquireRcpcAndLimitedOrderingRegionForms() {
        CpuHarness h = data(Q0);
        h.x(5, 0x1122334455667788L).x(6, D + 16);
        run(h, 0xf8bfc027, // ldapr x7, [x1]
            0xb8bfc028, // ldapr w8, [x1]
            0x38bfc029, // ldaprb w9, [x1]
            0x78bfc02a, // ldaprh w10, [x1]
            0xc8df7c20, // ldlar x0, [x1]
            0x08df7c23, // ldlarb w3, [x1]
            0x889f7cc5); // stllr w5, [x6]
        assertEquals(Q0, h.x(7));
        assertEquals(0xC4B5A697L, h.x(8));
        assertEquals(0x97L, h.x(9));
        assertEquals(0xA697L, h.x(10));
        assertEquals(Q0, h.x(0));
        assertEquals(0x97L, h.x(3));
        assertEquals(0x55667788L, mem(h, D + 16, 8));
    }

    @Test
    void v81InstructionsAreUndefinedOnCortexA53() {
        CpuHarness h = new CpuHarness(CpuModel.CORTEX_A53);
        h.x(1, D).x(6, D);
        undefined(h, 0xf8bfc027); // ldapr x7, [x1]
        undefined(h, 0xc8df7c20); // ldlar x0, [x1]
        undefined(h, 0x889f7cc5); // stllr w5, [x6]
        undefined(h, 0xf8220023); // ldadd x2, x3, [x1]
        undefined(h, 0xf8228023); // swp x2, x3, [x1]
        undefined(h, 0xc8a27c23); // cas x2, x3, [x1]
        undefined(h, 0x48227c24); // casp x2, x3, x4, x5, [x1]
        run(h, 0xc8dffc20, LDXR_X, STXR_X); // ldar, ldxr, stxr are v8.0
    }

    // ---- atomics --------------------------------------------------------------------------

    /** Runs one atomic on memory value {@code before} at D with X2 = operand; returns {X3, memory}. */
    static long[] atomic(int word, long before, long x2) {
        CpuHarness h = data(before);
        h.x(2, x2).x(3, 0x5a5a5a5a5a5a5a5aL);
        run(h, word);
        assertEquals(0L, h.cpu.r[Cpu.ZR]);
        return new long[] {h.x(3), mem(h, D, 8)};
    }

    static void assertAtomic(int word, long before, long x2, long expectOld, long expectMem) {
        long[] r = atomic(word, before, x2);
        assertEquals(expectOld, r[0], String.format("%08x: returned value", word));
        assertEquals(expectMem, r[1], String.format("%08x: memory", word));
    }

    @Test
    void atomicAddInAllSizes() {
        assertAtomic(0xf8220023, -1L, 2, -1L, 1); // ldadd x2, x3, [x1]
        assertAtomic(0xf8e20023, 0x10, 5, 0x10, 0x15); // ldaddal x2, x3, [x1]
        assertAtomic(0xb8220023, 0xAAAAAAAAFFFFFFFFL, 0x100000002L, 0xFFFFFFFFL, 0xAAAAAAAA00000001L); // ldadd w
        assertAtomic(0x38220023, 0xAAAAAAAAAAAAAAFFL, 1, 0xFFL, 0xAAAAAAAAAAAAAA00L); // ldaddb
        assertAtomic(0x78220023, 0xAAAAAAAAAAAAFFFFL, 0x10001, 0xFFFFL, 0xAAAAAAAAAAAA0000L); // ldaddh
    }

    @Test
    void atomicLogicalOperations() {
        assertAtomic(0xf8221023, 0xFF00FF00FF00FF00L, 0x0F0F0F0F0F0F0F0FL, 0xFF00FF00FF00FF00L, 0xF000F000F000F000L); // ldclr
        assertAtomic(0xf8222023, 0xFF00FF00FF00FF00L, 0x0F0F0F0F0F0F0F0FL, 0xFF00FF00FF00FF00L, 0xF00FF00FF00FF00FL); // ldeor
        assertAtomic(0xf8223023, 0xFF00FF00FF00FF00L, 0x0F0F0F0F0F0F0F0FL, 0xFF00FF00FF00FF00L, 0xFF0FFF0FFF0FFF0FL); // ldset
        assertAtomic(0x3822103f, 0xFFFFL, 0x0F, 0x5a5a5a5a5a5a5a5aL, 0xFFF0L); // stclrb w2, [x1]
    }

    @Test
    void atomicMinMaxSignedAndUnsigned() {
        assertAtomic(0xf8224023, -5L, 3, -5L, 3); // ldsmax
        assertAtomic(0xf8224023, 3, -7L, 3, 3);
        assertAtomic(0xf8225023, -5L, 3, -5L, -5L); // ldsmin
        assertAtomic(0xf8226023, -5L, 3, -5L, -5L); // ldumax
        assertAtomic(0xf8227023, -5L, 3, -5L, 3); // ldumin
        assertAtomic(0x38224023, 0xAA80L, 0x7F, 0x80, 0xAA7FL); // ldsmaxb
        assertAtomic(0x38224023, 0xAA80L, 0x1FF, 0x80, 0xAAFFL); // ldsmaxb: -1 > -128
        assertAtomic(0x78225023, 0x7FFFL, 0x8000, 0x7FFF, 0x8000L); // ldsminh
        assertAtomic(0x38226023, 0x80L, 0x17F, 0x80, 0x80L); // ldumaxb: operand bits above the byte ignored
        assertAtomic(0x78227023, 0x8000L, 0x7FFF, 0x8000, 0x7FFFL); // lduminh
        assertAtomic(0xb8224023, 0x0000000180000000L, 0xFFFFFFFFL, 0x80000000L, 0x00000001FFFFFFFFL); // ldsmax w
    }

    @Test
    void storeAliasesAndSwap() {
        assertAtomic(0xf822003f, 0x10, 5, 0x5a5a5a5a5a5a5a5aL, 0x15); // stadd x2, [x1]
        assertAtomic(0xb862003f, 0xFFFFFFFFL, 1, 0x5a5a5a5a5a5a5a5aL, 0); // staddl w2, [x1]
        assertAtomic(0x38a2003f, 0x1FFL, 1, 0x5a5a5a5a5a5a5a5aL, 0x100); // ldaddab w2, wzr, [x1]
        assertAtomic(0xf8228023, 0x1111, 0x2222, 0x1111, 0x2222); // swp x
        assertAtomic(0x38228023, 0x1111, 0x2222, 0x11, 0x1122); // swpb
        assertAtomic(0x78228023, 0x33331111, 0x2222, 0x1111, 0x33332222); // swph
        assertAtomic(0xb8e28023, 0x7777777733331111L, 0x99992222L, 0x33331111L, 0x7777777799992222L); // swpal w
    }

    @Test
    void atomicWithSameSourceAndDestinationAndSpBase() {
        CpuHarness h = data(0x10);
        h.x(2, 5);
        run(h, 0xf8220022); // ldadd x2, x2, [x1]
        assertEquals(0x10L, h.x(2));
        assertEquals(0x15L, mem(h, D, 8));
        h.cpu.r[Cpu.SP] = D;
        h.x(2, 1);
        run(h, 0xf82203e3); // ldadd x2, x3, [sp]
        assertEquals(0x15L, h.x(3));
        assertEquals(0x16L, mem(h, D, 8));
    }

    @Test
    void compareAndSwap() {
        CpuHarness h = data(0x55);
        h.x(2, 0x55).x(3, 0x99);
        run(h, 0xc8a27c23); // cas x2, x3, [x1]
        assertEquals(0x99L, mem(h, D, 8));
        assertEquals(0x55L, h.x(2));
        h.x(2, 0x98).x(3, 0x77);
        run(h, 0xc8e2fc23); // casal x2, x3, [x1]: fails
        assertEquals(0x99L, mem(h, D, 8));
        assertEquals(0x99L, h.x(2));

        h.ram.write(D, 8, 0xAAAAAAAA00000055L);
        h.x(2, 0xFFFFFFFF00000055L).x(3, 0x1234567800000099L);
        run(h, 0x88e27c23); // casa w2, w3, [x1]
        assertEquals(0xAAAAAAAA00000099L, mem(h, D, 8));
        assertEquals(0x55L, h.x(2));

        h.x(2, 0x199).x(3, 0x42);
        run(h, 0x08a27c23); // casb w2, w3, [x1]
        assertEquals(0xAAAAAAAA00000042L, mem(h, D, 8));
        assertEquals(0x99L, h.x(2));

        h.x(2, 0x43).x(3, 0xFFFF);
        run(h, 0x48a27c23); // cash w2, w3, [x1]: 0x0042 != 0x0043
        assertEquals(0xAAAAAAAA00000042L, mem(h, D, 8));
        assertEquals(0x42L, h.x(2));

        h.ram.write(D, 8, 0);
        h.x(3, 0x31);
        run(h, 0xc8bffc23); // casl xzr, x3, [x1]: compares with zero
        assertEquals(0x31L, mem(h, D, 8));
        assertEquals(0L, h.cpu.r[Cpu.ZR]);
    }

    @Test
    void compareAndSwapPair() {
        CpuHarness h = data(0x11);
        h.ram.write(D + 8, 8, 0x22);
        h.x(2, 0x11).x(3, 0x22).x(4, 0x33).x(5, 0x44);
        run(h, 0x48227c24); // casp x2, x3, x4, x5, [x1]
        assertEquals(0x33L, mem(h, D, 8));
        assertEquals(0x44L, mem(h, D + 8, 8));
        assertEquals(0x11L, h.x(2));
        assertEquals(0x22L, h.x(3));
        h.x(2, 0x33).x(3, 0x45).x(4, 0x55).x(5, 0x66);
        run(h, 0x4862fc24); // caspal: fails on the second word
        assertEquals(0x33L, mem(h, D, 8));
        assertEquals(0x44L, mem(h, D + 8, 8));
        assertEquals(0x33L, h.x(2));
        assertEquals(0x44L, h.x(3));

        h.ram.write(D, 8, 0x0000002200000011L);
        h.x(2, 0xFFFFFFFF00000011L).x(3, 0x22).x(4, 0x33).x(5, 0x44);
        run(h, 0x08227c24); // casp w2, w3, w4, w5, [x1]
        assertEquals(0x0000004400000033L, mem(h, D, 8));
        assertEquals(0x11L, h.x(2));
        assertEquals(0x22L, h.x(3));

        h.ram.write(D, 8, 0x77);
        h.ram.write(D + 8, 8, 0);
        h.x(30, 0x77);
        run(h, 0x483e7c24); // casp x30, xzr, x4, x5, [x1]
        assertEquals(0x33L, mem(h, D, 8));
        assertEquals(0x44L, mem(h, D + 8, 8));
        assertEquals(0L, h.cpu.r[Cpu.ZR]);
        h.x(2, 0x33).x(3, 0x44);
        run(h, 0x48227c3e); // casp x2, x3, x30, xzr, [x1]
        assertEquals(0x77L, mem(h, D, 8));
        assertEquals(0L, mem(h, D + 8, 8));
    }

    @Test
    void reservedCompareAndSwapEncodingsAreUndefined() {
        CpuHarness h = data(0);
        undefined(h, 0x48237c24); // casp with odd Rs
        undefined(h, 0x48227c25); // casp with odd Rt
        undefined(h, 0xc8a27823); // cas with Rt2 != 11111
    }

    @Test
    void atomicsRequireAlignmentAndReportFaults() {
        CpuHarness h = data(0);
        h.x(1, D + 4);
        // alignment faults of atomics report WnR = 0, as QEMU does
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0xf8220023); // ldadd x2, x3, [x1]
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 4, 0xc8a27c23); // cas x2, x3, [x1]
        h.x(1, D + 8);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 8, 0x48227c24); // casp x2, x3, x4, x5, [x1]
        h.x(1, D + 1);
        dataAbort(h, 0, Esr.FSC_ALIGNMENT, false, D + 1, 0x78220023); // ldaddh w2, w3, [x1]
        run(h, 0x38220023); // ldaddb w2, w3, [x1]
        h.x(1, UNMAPPED).x(3, 0x33);
        dataAbort(h, 0, Esr.FSC_SYNC_EXTERNAL, false, UNMAPPED, 0xf8220023);
        assertEquals(0x33L, h.x(3));
    }
}
