package org.armach.core.cpu;

import static org.armach.core.cpu.DpAsserts.assertUndefined;
import static org.armach.core.cpu.DpAsserts.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.armach.core.cpu.a64.DataProcessingImm;
import org.armach.core.cpu.a64.DataProcessingReg;
import org.junit.jupiter.api.Test;

/**
 * Integer data processing (ARM ARM C4.1.86 and C4.1.88): the register-mapping cases
 * (SP vs XZR), PC-relative forms, unallocated encodings, feature gating, and exhaustive or
 * randomised checks against reference models. Broad value coverage against QEMU is in
 * {@link DataProcessingVectorsTest}. Encodings come from aarch64-linux-gnu-as.
 */
class DataProcessingTest {
    private static final long CODE = CpuHarness.CODE;

    private static CpuHarness h() {
        return new CpuHarness();
    }

    // ---------------------------------------------------------------- PC-relative

    @Test
    void adrIsPcRelative() {
        CpuHarness h = h();
        h.x(1, 77);
        exec(h, 0x100091a0, 0x10ffffe1); // adr x0, .+0x1234 ; adr x1, .-4
        assertEquals(CODE + 0x1234, h.x(0));
        assertEquals(CODE + 4 - 4, h.x(1));
    }

    @Test
    void adrpClearsLowTwelveBitsOfPc() {
        CpuHarness h = h();
        // nop-free prefix: place adrp at CODE+0x10 so the page base differs from the PC
        int[] words = {0x8b1f03e9, 0x8b1f03e9, 0x8b1f03e9, 0x8b1f03e9, // add x9, xzr, xzr (x4)
                0xb0000022, 0x90800003, 0xf0ffffe4}; // adrp x2,+5 pages; adrp x3,-4GiB; adrp x4,-1 page
        exec(h, words);
        assertEquals(CODE + 0x5000, h.x(2));
        assertEquals(CODE - 0x1_0000_0000L, h.x(3));
        assertEquals(CODE - 0x1000, h.x(4));
    }

    @Test
    void adrToXzrIsDiscarded() {
        CpuHarness h = h();
        exec(h, 0x1000001f); // adr xzr, .
        assertEquals(0, h.cpu.r[Cpu.ZR]);
    }

    // ---------------------------------------------------------------- SP vs XZR

    @Test
    void addImmediateUsesSpForRdAndRn() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = 0x4010_0000L;
        exec(h, 0x910043ff, 0x910003e0); // add sp, sp, #16 ; mov x0, sp
        assertEquals(0x4010_0010L, h.cpu.r[Cpu.SP]);
        assertEquals(0x4010_0010L, h.x(0));
    }

    @Test
    void addsImmediateReadsSpButWritesXzr() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = 0x10;
        exec(h, 0xb10007e0, 0xf10043ff); // adds x0, sp, #1 ; cmp sp, #0x10
        assertEquals(0x11, h.x(0));
        assertEquals(0x10, h.cpu.r[Cpu.SP]);
        assertTrue(h.cpu.zf);
        assertTrue(h.cpu.cf);
        assertEquals(0, h.cpu.r[Cpu.ZR]);
    }

    @Test
    void addImmediate32ToWspZeroExtends() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = -1;
        h.x(1, 0xffff_ffff_7fff_ffffL);
        exec(h, 0x1100043f); // add wsp, w1, #1
        assertEquals(0x8000_0000L, h.cpu.r[Cpu.SP]);
    }

    @Test
    void logicalImmediateWritesSpUnlessFlagSetting() {
        CpuHarness h = h();
        h.x(1, 0x4000_1237L);
        exec(h, 0x927cec3f); // and sp, x1, #0xfffffffffffffff0
        assertEquals(0x4000_1230L, h.cpu.r[Cpu.SP]);
        exec(h, 0xb26203ff); // mov sp, #0x40000000 (orr sp, xzr, #imm)
        assertEquals(0x4000_0000L, h.cpu.r[Cpu.SP]);
        exec(h, 0x32001fff); // mov wsp, #0xff
        assertEquals(0xff, h.cpu.r[Cpu.SP]);
        h.cpu.setNzcv(0xf);
        exec(h, 0xf240003f); // tst x1, #1 (ands xzr)
        assertEquals(0xff, h.cpu.r[Cpu.SP]);
        assertEquals(0, h.cpu.nzcv()); // result 1: N=0 Z=0, C and V cleared
    }

    @Test
    void extendedRegisterUsesSpForRnAndRd() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = 0x1000;
        h.x(1, 0x20);
        exec(h, 0x8b2163ff); // add sp, sp, x1
        assertEquals(0x1020, h.cpu.r[Cpu.SP]);
        h.x(1, 0xffff_ffff_ffff_fffeL); // w1 = -2, sxtw #2 => -8
        exec(h, 0xcb21cbe0); // sub x0, sp, w1, sxtw #2
        assertEquals(0x1028, h.x(0));
        h.x(1, 0x1020);
        exec(h, 0xab2163e0, 0xeb2163ff); // adds x0, sp, x1 ; cmp sp, x1
        assertEquals(0x2040, h.x(0));
        assertEquals(0x1020, h.cpu.r[Cpu.SP]);
        assertTrue(h.cpu.zf);
        h.x(1, 0x1_8001);
        exec(h, 0x0b2127e0); // add w0, wsp, w1, uxth #1
        assertEquals(0x1020 + 0x10002, h.x(0));
        h.x(2, 3);
        exec(h, 0xcb2273ff); // sub sp, sp, x2, lsl #4
        assertEquals(0x1020 - 0x30, h.cpu.r[Cpu.SP]);
    }

    @Test
    void shiftedRegisterTreatsRegister31AsXzr() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = 0x5555;
        h.x(1, 40);
        exec(h, 0x8b1f0020); // add x0, x1, xzr
        assertEquals(40, h.x(0));
        exec(h, 0x8b0103e0); // add x0, xzr, x1
        assertEquals(40, h.x(0));
        exec(h, 0xaa0103ff); // mov xzr, x1 (discarded)
        assertEquals(0x5555, h.cpu.r[Cpu.SP]);
        assertEquals(0, h.cpu.r[Cpu.ZR]);
    }

    @Test
    void movkIntoWzrIsHarmless() {
        CpuHarness h = h();
        h.cpu.r[Cpu.SP] = 0x1234;
        exec(h, 0x728000bf); // movk wzr, #5
        assertEquals(0, h.cpu.r[Cpu.ZR]);
        assertEquals(0x1234, h.cpu.r[Cpu.SP]);
    }

    @Test
    void thirtyTwoBitResultsZeroTheUpperHalf() {
        CpuHarness h = h();
        h.x(0, -1).x(1, 0xdead_beef_0000_0001L).x(2, 0xffff_ffff_0000_0001L);
        // add w0,w1,w2 ; sub w3,w1,w2 ; orr w4,w1,w2 ; mul w5,w1,w2 ; neg w6,w1 ; lsl w7,w1,#31
        exec(h, 0x0b020020, 0x4b020023, 0x2a020024, 0x1b027c25, 0x4b0103e6, 0x53010027);
        assertEquals(2, h.x(0));
        assertEquals(0, h.x(3));
        assertEquals(1, h.x(4));
        assertEquals(1, h.x(5));
        assertEquals(0xffff_ffffL, h.x(6));
        assertEquals(0x8000_0000L, h.x(7));
    }

    // ---------------------------------------------------------------- flags

    @Test
    void addsAndSubsFlags() {
        CpuHarness h = h();
        h.x(1, Long.MAX_VALUE).x(2, 1);
        exec(h, 0xab020020); // adds x0, x1, x2
        assertEquals(Long.MIN_VALUE, h.x(0));
        assertEquals(0b1001, h.cpu.nzcv()); // N, V
        h.x(1, 0).x(2, 1);
        exec(h, 0xeb020020); // subs x0, x1, x2 : 0 - 1 borrows => C clear
        assertEquals(-1, h.x(0));
        assertEquals(0b1000, h.cpu.nzcv());
        h.x(1, 5).x(2, 5);
        exec(h, 0xeb02003f); // cmp x1, x2
        assertEquals(0b0110, h.cpu.nzcv());
        h.x(1, 0x8000_0000L).x(2, 0x8000_0000L);
        exec(h, 0x2b020020); // adds w0, w1, w2
        assertEquals(0, h.x(0));
        assertEquals(0b0111, h.cpu.nzcv());
    }

    @Test
    void adcSbcUseCarry() {
        CpuHarness h = h();
        h.x(1, -1).x(2, 0);
        h.cpu.setNzcv(0b0010);
        exec(h, 0xba020020); // adcs x0, x1, x2 : -1 + 0 + 1 = 0, carry out
        assertEquals(0, h.x(0));
        assertEquals(0b0110, h.cpu.nzcv());
        h.x(1, 5).x(2, 5);
        h.cpu.setNzcv(0);
        exec(h, 0xfa020020); // sbcs x0, x1, x2 : 5 - 5 - 1 = -1, borrow => C clear
        assertEquals(-1, h.x(0));
        assertEquals(0b1000, h.cpu.nzcv());
        h.x(1, 0x7fff_ffffL).x(2, 0);
        h.cpu.setNzcv(0b0010);
        exec(h, 0x3a020020); // adcs w0, w1, w2 : signed overflow
        assertEquals(0x8000_0000L, h.x(0));
        assertEquals(0b1001, h.cpu.nzcv());
    }

    @Test
    void conditionalCompare() {
        CpuHarness h = h();
        h.x(1, 3).x(2, 3);
        h.cpu.setNzcv(0b0100); // Z set => EQ holds
        exec(h, 0xfa420025); // ccmp x1, x2, #5, eq
        assertEquals(0b0110, h.cpu.nzcv()); // compared: equal => Z C
        h.cpu.setNzcv(0);
        exec(h, 0xfa420025); // EQ fails => nzcv = #5
        assertEquals(0b0101, h.cpu.nzcv());
        h.x(1, -1);
        h.cpu.setNzcv(0b0100);
        exec(h, 0xba410820); // ccmn x1, #1, #0, eq : -1 + 1 = 0, carry
        assertEquals(0b0110, h.cpu.nzcv());
    }

    @Test
    void setf8Setf16AndRmif() {
        CpuHarness h = h();
        h.x(1, 0x180);
        h.cpu.setNzcv(0b0010);
        exec(h, 0x3a00082d); // setf8 w1 : N = bit7 = 1, Z = 0, V = bit8 ^ bit7 = 0, C kept
        assertEquals(0b1010, h.cpu.nzcv());
        h.x(1, 0x1_0000);
        exec(h, 0x3a00482d); // setf16 w1 : N=0, Z=1, V = 1
        assertEquals(0b0111, h.cpu.nzcv());
        h.x(1, 0b1001);
        h.cpu.setNzcv(0b0110);
        exec(h, 0xba00042f); // rmif x1, #0, #15
        assertEquals(0b1001, h.cpu.nzcv());
    }

    @Test
    void flagmInstructionsAreUndefinedWithoutFeatFlagM() {
        CpuHarness h = new CpuHarness(CpuModel.CORTEX_A53);
        assertUndefined(h, 0xba00042f); // rmif
        assertUndefined(h, 0x3a00082d); // setf8
        assertUndefined(h, 0x3a00482d); // setf16
        CpuHarness max = h();
        exec(max, 0x1ac25020); // crc32cb is available on every model
    }

    // ---------------------------------------------------------------- arithmetic edge cases

    @Test
    void divisionEdgeCases() {
        CpuHarness h = h();
        h.x(1, 7).x(2, 0);
        exec(h, 0x9ac20c20, 0x9ac20823); // sdiv x0, x1, x2 ; udiv x3, x1, x2
        assertEquals(0, h.x(0));
        assertEquals(0, h.x(3));
        h.x(1, Long.MIN_VALUE).x(2, -1);
        exec(h, 0x9ac20c20); // sdiv: INT64_MIN / -1 = INT64_MIN
        assertEquals(Long.MIN_VALUE, h.x(0));
        h.x(1, 0x8000_0000L).x(2, 0xffff_ffffL);
        exec(h, 0x1ac20c20); // sdiv w0: INT32_MIN / -1
        assertEquals(0x8000_0000L, h.x(0));
        h.x(1, -7).x(2, 2);
        exec(h, 0x9ac20c20, 0x9ac20823); // rounds toward zero; unsigned huge / 2
        assertEquals(-3, h.x(0));
        assertEquals(Long.divideUnsigned(-7, 2), h.x(3));
    }

    @Test
    void umulhAndSmulhMatchBigInteger() {
        Random rnd = new Random(1);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int k = 0; k < 2000; k++) {
            long a = k < 4 ? new long[] {-1, Long.MIN_VALUE, -1, 0}[k] : rnd.nextLong();
            long b = k < 4 ? new long[] {-1, -1, Long.MIN_VALUE, -1}[k] : rnd.nextLong();
            BigInteger ua = new BigInteger(Long.toUnsignedString(a)), ub = new BigInteger(Long.toUnsignedString(b));
            assertEquals(ua.multiply(ub).shiftRight(64).longValue(), DataProcessingReg.umulh(a, b));
            assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).shiftRight(64).longValue(), Math.multiplyHigh(a, b));
            assertTrue(two64.signum() > 0);
        }
        CpuHarness h = h();
        h.x(1, -1).x(2, -1);
        exec(h, 0x9bc27c20, 0x9b427c23); // umulh x0 ; smulh x3
        assertEquals(-2, h.x(0));
        assertEquals(0, h.x(3));
    }

    @Test
    void crcMatchesJavaUtilZip() {
        // CRC-32 over bytes = ~crc32x/w/h/b chain started from ~0
        byte[] data = "The quick brown fox jumps over the lazy dog!".getBytes();
        CRC32 ref = new CRC32();
        ref.update(data);
        CRC32C refc = new CRC32C();
        refc.update(data);
        CpuHarness h = h();
        for (boolean castagnoli : new boolean[] {false, true}) {
            long acc = 0xffff_ffffL;
            int pos = 0;
            int[] sizes = {8, 8, 8, 8, 4, 2, 1, 1, 1, 1, 1, 1}; // 44 bytes
            for (int sz : sizes) {
                long v = 0;
                for (int b = 0; b < sz; b++) v |= (data[pos + b] & 0xffL) << (8 * b);
                pos += sz;
                int szf = Integer.numberOfTrailingZeros(sz);
                int word = (sz == 8 ? 0x9ac04000 : 0x1ac04000) | (2 << 16) | (szf << 10) | (castagnoli ? 1 << 12 : 0) | (1 << 5);
                h.x(1, acc | 0xabcd_0000_0000_0000L).x(2, v);
                exec(h, word); // crc32{c}{b,h,w,x} w0, w1, {w,x}2
                acc = h.x(0);
                assertEquals(acc, acc & 0xffff_ffffL);
            }
            assertEquals(data.length, pos);
            assertEquals(castagnoli ? refc.getValue() : ref.getValue(), ~acc & 0xffff_ffffL);
        }
    }

    @Test
    void clsAndClz() {
        CpuHarness h = h();
        long[][] cases = {{0, 63, 64}, {-1, 63, 0}, {1, 62, 63}, {Long.MIN_VALUE, 0, 0}, {Long.MAX_VALUE, 0, 1}, {-2, 62, 0}};
        for (long[] c : cases) {
            h.x(1, c[0]);
            exec(h, 0xdac01420, 0xdac01023); // cls x0, x1 ; clz x3, x1
            assertEquals(c[1], h.x(0), "cls " + c[0]);
            assertEquals(c[2], h.x(3), "clz " + c[0]);
        }
        h.x(1, 0xffff_ffff_0000_0000L);
        exec(h, 0x5ac01420, 0x5ac01023); // cls w0, w1 ; clz w3, w1
        assertEquals(31, h.x(0));
        assertEquals(32, h.x(3));
    }

    // ---------------------------------------------------------------- bitfield reference model

    /** ARM ARM pseudocode of SBFM/BFM/UBFM on top of DecodeBitMasks. */
    private static long bitfieldRef(int opc, int size, int immr, int imms, long dst, long src) {
        long[] m = DataProcessingImm.decodeBitMasks(size == 64 ? 1 : 0, imms, immr, false, size);
        long wmask = m[0], tmask = m[1];
        long mask = size == 64 ? -1L : 0xffff_ffffL;
        src &= mask;
        dst &= mask;
        long ror = size == 64 ? Long.rotateRight(src, immr) : Integer.rotateRight((int) src, immr) & mask;
        long bot = opc == 1 ? (dst & ~wmask) | (ror & wmask) : ror & wmask;
        long top = opc == 0 ? (((src >>> imms) & 1) != 0 ? mask : 0) : opc == 1 ? dst : 0;
        return ((top & ~tmask) | (bot & tmask)) & mask;
    }

    @Test
    void bitfieldMatchesReferenceForEveryImmrImms() {
        CpuHarness h = h();
        Random rnd = new Random(7);
        // Decode all immr/imms combinations in both sizes and run them once each in one program.
        for (int sf = 0; sf <= 1; sf++) {
            int size = sf == 1 ? 64 : 32;
            for (int opc = 0; opc <= 2; opc++) {
                int[] words = new int[size * size];
                int n = 0;
                for (int immr = 0; immr < size; immr++)
                    for (int imms = 0; imms < size; imms++)
                        words[n++] = (sf << 31) | (opc << 29) | (0b100110 << 23) | (sf << 22) | (immr << 16) | (imms << 10) | (1 << 5);
                for (int round = 0; round < 3; round++) {
                    long src = round == 0 ? 0x8000_0000_8000_0001L : rnd.nextLong();
                    long dst0 = rnd.nextLong();
                    // run each word individually to compare: reuse one harness, word at CODE
                    for (int k = 0; k < n; k++) {
                        int immr = (words[k] >>> 16) & 0x3f, imms = (words[k] >>> 10) & 0x3f;
                        h.x(0, dst0).x(1, src);
                        exec(h, words[k]);
                        assertEquals(bitfieldRef(opc, size, immr, imms, dst0, src), h.x(0),
                                String.format("opc=%d sf=%d immr=%d imms=%d", opc, sf, immr, imms));
                    }
                }
            }
        }
    }

    @Test
    void decodeBitMasksReservedAndKnownValues() {
        assertNull(DataProcessingImm.decodeBitMasks(0, 0b111111, 0, true, 64)); // len < 1
        assertNull(DataProcessingImm.decodeBitMasks(1, 0b111111, 0, true, 64)); // all ones
        assertNull(DataProcessingImm.decodeBitMasks(0, 0b111101, 0, true, 32)); // 2-bit element all ones
        long[] m = DataProcessingImm.decodeBitMasks(0, 0b111100, 0, true, 64); // 0b01 in 2-bit elements
        assertNotNull(m);
        assertEquals(0x5555_5555_5555_5555L, m[0]);
        m = DataProcessingImm.decodeBitMasks(1, 0b111110, 1, true, 64); // 63 ones rotated right 1
        assertEquals(0xbfff_ffff_ffff_ffffL, m[0]);
        m = DataProcessingImm.decodeBitMasks(0, 0b000111, 0, true, 32);
        assertEquals(0xff, m[0]);
        assertFalse(m[0] < 0);
    }

    // ---------------------------------------------------------------- unallocated encodings

    @Test
    void unallocatedEncodingsAreUndefined() {
        int[] undef = {
            0x12400020, // logical imm: sf=0 with N=1
            0x9240fc20, // logical imm: N=1 imms=111111 (reserved all-ones element)
            0x9200fc20, // logical imm: N=0 imms=111111 (len < 1)
            0x52c00000, // movz w0 with hw=2
            0x32800000, // move wide opc=01
            0xd3000020, // ubfm sf=1 N=0
            0x53400020, // ubfm sf=0 N=1
            0x53008020, // ubfm sf=0 imms=32
            0x73000020, // bitfield opc=11
            0x13808020, // extr w with imms >= 32
            0x93800020, // extr x with N=0
            0x33800020, // extract op21=01
            0x8bc20420, // add (shifted register) ror
            0x0b028020, // add w, lsl #32
            0x0a028020, // and w, lsl #32
            0x8b221420, // add (extended) shift 5
            0x8b620020, // add (extended) opt=01
            0xda420020, // conditional compare with S=0
            0xfa420030, // conditional compare o3=1
            0xfa420420, // conditional compare o2=1
            0x9a820820, // conditional select op2=1x
            0xba820020, // conditional select S=1
            0x5ac00c20, // rev opcode 3 with sf=0
            0xdac01820, // ctz (CSSC, not implemented)
            0xdac10020, // pacia (PAuth, not implemented)
            0x9ac20020, // subp (MTE, not implemented)
            0x1ac24c20, // crc32x with sf=0
            0x9ac24020, // crc32b with sf=1
            0x1b220c20, // smaddl with sf=0
            0x9b42fc20, // smulh with o0=1
            0xbb020c20, // 3-source op54=01
            0x91800000, // addg (MTE, not implemented)
            0x1b42fc20, // smulh with sf=0
            0x9b62fc20, // 3-source op31=011
        };
        CpuHarness h = h();
        for (int w : undef) assertUndefined(h, w);
        // neighbours that are allocated
        exec(h, 0xba420020, 0x3a400820, 0x9ac24c20, 0x1ac25020);
    }
}
