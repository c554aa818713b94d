package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Scalar floating-point instructions (C4.1.90 scalar FP part), executed through the decoder. */
class FpScalarTest {
    /**
     * Runs the words followed by BRK #0 and checks execution reached the BRK (whether BRK is
     * already implemented, EC 0x3c, or still UNDEFINED, EC 0).
     */
    static void run(CpuHarness h, int... words) {
        h.load(words);
        h.cpu.invalidateCode(CpuHarness.CODE, 4L * (words.length + 1)); // the harness reuses CODE
        int ec = h.run(10_000);
        long end = CpuHarness.CODE + 4L * words.length;
        if ((ec != 0x3c && ec != 0) || h.lastElr != end)
            throw new AssertionError(String.format("did not reach the end: EC=0x%x ELR=0x%x", ec, h.lastElr));
    }

    /** Executes one word directly; returns false if it is UNDEFINED. */
    static boolean exec1(Cpu c, int word) {
        Insn in = c.decode(word);
        if (in.name.equals("UNDEFINED")) return false;
        in.op.exec(c, in);
        return true;
    }

    static void setD(Cpu c, int reg, long bits) {
        c.v[2 * reg] = bits;
        c.v[2 * reg + 1] = 0;
    }

    static long d(double x) { return Double.doubleToRawLongBits(x); }

    static long s(float x) { return Float.floatToRawIntBits(x) & 0xffffffffL; }

    /** Every oracle vector, executed as the real instruction (d0/x0 = op(d1/x1, d2, d3)). */
    @Test
    void oracleVectorsThroughDecoder() {
        Cpu c = new CpuHarness().cpu;
        List<FpOracle.Vec> vs = FpOracle.load();
        List<String> failures = new ArrayList<>();
        for (FpOracle.Vec v : vs) {
            c.fpcr = v.fpcr;
            c.fpsr = 0;
            setD(c, 1, v.a);
            setD(c, 2, v.b);
            setD(c, 3, v.c);
            c.r[1] = v.a;
            c.r[2] = v.b;
            c.r[0] = 0xdead00000000beefL;
            c.v[0] = 0xdead00000000beefL;
            c.v[1] = 0x1234567812345678L;
            c.setNzcv(0);
            if (!exec1(c, v.word)) {
                failures.add(v + "  UNDEFINED");
                continue;
            }
            long r;
            switch (v.out) {
                case 'x': r = c.r[0]; break;
                case 'f': r = c.nzcv(); break;
                default:
                    r = c.v[0];
                    if (c.v[1] != 0) failures.add(v + String.format("  upper half of v0 not cleared: %x", c.v[1]));
                    break;
            }
            if (r != v.result || c.fpsr != v.fpsr) failures.add(v + String.format("  got %x fpsr=%x", r, c.fpsr));
        }
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + vs.size() + " vectors failed:\n");
            failures.stream().limit(60).forEach(f -> sb.append(f).append('\n'));
            throw new AssertionError(sb.toString());
        }
    }

    @Test
    void fmovGeneralMovesBitsAndZeroExtends() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        c.v[0] = -1;
        c.v[1] = -1;
        h.x(1, 0xffffffff_3f800000L);
        run(h, 0x1e270020); // fmov s0, w1
        assertEquals(0x3f800000L, c.v[0]);
        assertEquals(0, c.v[1]);
        c.v[2] = 0x11111111_c0000000L;
        h.x(0, -1);
        run(h, 0x1e260020); // fmov w0, s1
        assertEquals(0xc0000000L, h.x(0));
        h.x(1, 0x400921fb54442d18L);
        run(h, 0x9e670020); // fmov d0, x1
        assertEquals(0x400921fb54442d18L, c.v[0]);
        c.v[2] = 0x1234L;
        run(h, 0x9e660020); // fmov x0, d1
        assertEquals(0x1234L, h.x(0));
        c.v[0] = 0x55L;
        c.v[1] = 0;
        h.x(1, 0xabcdefL);
        run(h, 0x9eaf0020); // fmov v0.d[1], x1 keeps the low half
        assertEquals(0x55L, c.v[0]);
        assertEquals(0xabcdefL, c.v[1]);
        c.v[3] = 0x7777L;
        run(h, 0x9eae0020); // fmov x0, v1.d[1]
        assertEquals(0x7777L, h.x(0));
    }

    @Test
    void fmovImmediateAndRegister() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        c.v[1] = -1;
        run(h, 0x1e2e1000); // fmov s0, #1.0
        assertEquals(s(1.0f), c.v[0]);
        assertEquals(0, c.v[1]);
        run(h, 0x1e781000); // fmov d0, #-0.125
        assertEquals(d(-0.125), c.v[0]);
        run(h, 0x1e67f000); // fmov d0, #31.0
        assertEquals(d(31.0), c.v[0]);
        c.v[2] = 0xaaaaaaaa_3f800000L;
        c.v[3] = 5;
        run(h, 0x1e204020); // fmov s0, s1
        assertEquals(0x3f800000L, c.v[0]);
        assertEquals(0, c.v[1]);
        run(h, 0x1e604020); // fmov d0, d1
        assertEquals(0xaaaaaaaa_3f800000L, c.v[0]);
    }

    @Test
    void fcselAndFccmp() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        setD(c, 1, d(1.0));
        setD(c, 2, d(2.0));
        c.setNzcv(0b0100);
        run(h, 0x1e620c20); // fcsel d0, d1, d2, eq
        assertEquals(d(1.0), c.v[0]);
        c.setNzcv(0);
        run(h, 0x1e620c20);
        assertEquals(d(2.0), c.v[0]);
        setD(c, 1, s(3.0f));
        setD(c, 2, s(4.0f));
        c.setNzcv(0b1000); // N != V: lt holds
        run(h, 0x1e22bc20); // fcsel s0, s1, s2, lt
        assertEquals(s(3.0f), c.v[0]);

        // fccmp d1, d2, #4, ne: condition false -> flags = #4
        setD(c, 1, d(1.0));
        setD(c, 2, d(2.0));
        c.setNzcv(0b0100);
        run(h, 0x1e621424);
        assertEquals(0b0100, c.nzcv());
        // condition true -> compare 1.0 < 2.0 -> N
        c.setNzcv(0);
        run(h, 0x1e621424);
        assertEquals(0b1000, c.nzcv());
        // fccmpe s1, s2, #2, eq with a quiet NaN: unordered and IOC (signalling compare)
        setD(c, 1, 0x7fc00000L);
        setD(c, 2, s(1.0f));
        c.setNzcv(0b0100);
        c.fpsr = 0;
        run(h, 0x1e220432);
        assertEquals(0b0011, c.nzcv());
        assertEquals(1, c.fpsr);
        // fccmp (quiet) on a quiet NaN: unordered, no IOC
        setD(c, 1, d(Double.NaN));
        c.setNzcv(0);
        c.fpsr = 0;
        run(h, 0x1e621424);
        assertEquals(0b0011, c.nzcv());
        assertEquals(0, c.fpsr);
    }

    @Test
    void fcmpSignedZerosAndInfinities() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        setD(c, 1, d(-0.0));
        setD(c, 2, d(0.0));
        run(h, 0x1e622020); // fcmp d1, d2
        assertEquals(0b0110, c.nzcv());
        setD(c, 1, d(Double.POSITIVE_INFINITY));
        setD(c, 2, d(Double.MAX_VALUE));
        run(h, 0x1e622020);
        assertEquals(0b0010, c.nzcv());
    }

    @Test
    void fixedPointConversions() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        setD(c, 1, d(1.5));
        run(h, 0x1e58b020); // fcvtzs w0, d1, #20
        assertEquals(0x18_0000L, h.x(0));
        h.x(1, 0xffffff00L); // -256 as w
        run(h, 0x1e42e020); // scvtf d0, w1, #8
        assertEquals(d(-1.0), c.v[0]);
    }

    @Test
    void fp16ArithmeticAndReservedEncodingsAreUndefined() {
        Cpu c = new CpuHarness().cpu;
        assertFalse(exec1(c, 0x1ee22820)); // fadd h0, h1, h2 (FP16 not implemented)
        assertFalse(exec1(c, 0x1e684020)); // frint32z (v8.5)
        assertFalse(exec1(c, 0x1ea22820)); // fadd with type=10
        assertFalse(exec1(c, 0x1e187c20)); // fcvtzs w0, s1 with scale=31 (fbits 33 > 32)
        assertFalse(exec1(c, 0x1e62c020)); // fcvt d0, d1 (same type)
        assertTrue(exec1(c, 0x1e63c020)); // fcvt h0, d1 (half conversions are base ARMv8.0)
    }

    @Test
    void fpTrapWhenCpacrDisablesFp() {
        CpuHarness h = new CpuHarness();
        h.cpu.cpacrEl1 = 0;
        h.cpu.updateFpTrap();
        h.load(0x1e622820); // fadd d0, d1, d2
        assertEquals(0x07, h.run(10));
        assertEquals(CpuHarness.CODE, h.lastElr);
    }
}
