package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** AdvSIMD floating-point instructions, against QEMU oracle vectors and hand-written cases. */
class SimdFpTest {
    private static boolean exec1(Cpu c, int word) { return FpScalarTest.exec1(c, word); }

    private static long s2(float hi, float lo) {
        return ((long) Float.floatToRawIntBits(hi) << 32) | (Float.floatToRawIntBits(lo) & 0xffffffffL);
    }

    private static long d(double x) { return Double.doubleToRawLongBits(x); }

    @Test
    void oracleVectorsThroughDecoder() {
        Cpu c = new CpuHarness().cpu;
        List<FpOracle.VVec> vs = FpOracle.loadSimd();
        assertTrue(vs.size() > 3000, "simd oracle vectors: " + vs.size());
        List<String> failures = new ArrayList<>();
        for (FpOracle.VVec v : vs) {
            c.fpcr = v.fpcr;
            c.fpsr = 0;
            c.v[0] = v.dLo;
            c.v[1] = v.dHi;
            c.v[2] = v.aLo;
            c.v[3] = v.aHi;
            c.v[4] = v.bLo;
            c.v[5] = v.bHi;
            if (!exec1(c, v.word)) {
                failures.add(v + "  UNDEFINED");
                continue;
            }
            if (c.v[0] != v.rLo || c.v[1] != v.rHi || c.fpsr != v.fpsr)
                failures.add(v + String.format("  got %016x:%016x fpsr=%x", c.v[1], c.v[0], c.fpsr));
        }
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + vs.size() + " vectors failed:\n");
            failures.stream().limit(60).forEach(f -> sb.append(f).append('\n'));
            throw new AssertionError(sb.toString());
        }
    }

    @Test
    void vectorArithmeticAndQ0ZeroesUpperHalf() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        c.v[2] = s2(2f, 1f);
        c.v[3] = s2(4f, 3f);
        c.v[4] = s2(20f, 10f);
        c.v[5] = s2(40f, 30f);
        c.v[1] = -1;
        FpScalarTest.run(h, 0x0e22d420); // fadd v0.2s, v1.2s, v2.2s
        assertEquals(s2(22f, 11f), c.v[0]);
        assertEquals(0, c.v[1]);
        FpScalarTest.run(h, 0x6e22dc20); // fmul v0.4s, v1.4s, v2.4s
        assertEquals(s2(40f, 10f), c.v[0]);
        assertEquals(s2(160f, 90f), c.v[1]);
        FpScalarTest.run(h, 0x6e22d420); // faddp v0.4s, v1.4s, v2.4s
        assertEquals(s2(7f, 3f), c.v[0]);
        assertEquals(s2(70f, 30f), c.v[1]);
        FpScalarTest.run(h, 0x6e30f820); // fmaxv s0, v1.4s
        assertEquals(s2(0f, 4f), c.v[0]);
        assertEquals(0, c.v[1]);
        // fadd v0.2d, v0.2d, v0.2d: destination aliases both sources
        c.v[0] = d(1.5);
        c.v[1] = d(-2.0);
        FpScalarTest.run(h, 0x4e60d400);
        assertEquals(d(3.0), c.v[0]);
        assertEquals(d(-4.0), c.v[1]);
    }

    @Test
    void byElementAndFmla() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        c.v[0] = s2(1f, 1f);
        c.v[1] = s2(1f, 1f);
        c.v[2] = s2(2f, 1f);
        c.v[3] = s2(4f, 3f);
        c.v[4] = s2(0f, 0f);
        c.v[5] = s2(10f, 0f); // v2.s[3] = 10
        FpScalarTest.run(h, 0x4fa21820); // fmla v0.4s, v1.4s, v2.s[3]
        assertEquals(s2(21f, 11f), c.v[0]);
        assertEquals(s2(41f, 31f), c.v[1]);
        c.v[2] = d(3.0);
        c.v[3] = d(5.0);
        c.v[4] = d(100.0);
        c.v[5] = d(0.5);
        FpScalarTest.run(h, 0x4fc29820); // fmul v0.2d, v1.2d, v2.d[1]
        assertEquals(d(1.5), c.v[0]);
        assertEquals(d(2.5), c.v[1]);
    }

    @Test
    void narrowAndLongConversions() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        c.v[2] = s2(2f, 1f);
        c.v[3] = s2(-0.5f, 65504f);
        c.v[0] = 0x1111L;
        c.v[1] = 0x2222L;
        FpScalarTest.run(h, 0x4e216820); // fcvtn2 v0.8h, v1.4s: keeps the low half
        assertEquals(0x1111L, c.v[0]);
        assertEquals(0xb8007bff_40003c00L, c.v[1]);
        FpScalarTest.run(h, 0x0e216820); // fcvtn v0.4h, v1.4s: zeroes the high half
        assertEquals(0xb8007bff_40003c00L, c.v[0]);
        assertEquals(0, c.v[1]);
        c.v[2] = 0xb8007bff_40003c00L;
        c.v[3] = 0;
        FpScalarTest.run(h, 0x0e217820); // fcvtl v0.4s, v1.4h
        assertEquals(s2(2f, 1f), c.v[0]);
        assertEquals(s2(-0.5f, 65504f), c.v[1]);
    }

    @Test
    void fmovVectorImmediate() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        FpScalarTest.run(h, 0x4f00f400); // fmov v0.4s, #2.0
        assertEquals(s2(2f, 2f), c.v[0]);
        assertEquals(s2(2f, 2f), c.v[1]);
        FpScalarTest.run(h, 0x6f07f700); // fmov v0.2d, #-1.5
        assertEquals(d(-1.5), c.v[0]);
        assertEquals(d(-1.5), c.v[1]);
        FpScalarTest.run(h, 0x0f03f400); // fmov v0.2s, #0.5
        assertEquals(s2(0.5f, 0.5f), c.v[0]);
        assertEquals(0, c.v[1]);
    }

    @Test
    void reservedEncodingsAreUndefined() {
        Cpu c = new CpuHarness().cpu;
        assertFalse(exec1(c, 0x0e62d420)); // fadd v0.1d (sz=1, Q=0) reserved
        assertFalse(exec1(c, 0x0e421420)); // fadd v0.4h (FP16)
        assertFalse(exec1(c, 0x2e30f820)); // fmaxv s0, v1.2s (Q=0) reserved
        assertFalse(exec1(c, 0x0fc29820)); // fmul v0.1d, v1.1d, v2.d[1] (Q=0) reserved
        assertFalse(exec1(c, 0x4fe21820)); // fmla .2d by element with L=1 reserved
        assertFalse(exec1(c, 0x2e216820)); // fcvtxn with sz=0 reserved
        assertFalse(exec1(c, 0x0f7dfc20)); // fcvtzu v0.1d (Q=0) reserved
        assertFalse(exec1(c, 0x4ee1c820)); // urecpe v0.2d reserved
        assertTrue(exec1(c, 0x4ea1c820)); // urecpe v0.4s
    }
}
