package org.armach.core.cpu;

import static org.armach.core.cpu.a64.FpOps.D;
import static org.armach.core.cpu.a64.FpOps.H;
import static org.armach.core.cpu.a64.FpOps.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.armach.core.cpu.a64.FpOps;
import org.junit.jupiter.api.Test;

/**
 * Direct tests of the FP kernel {@link FpOps}: every oracle vector (generated on QEMU) is
 * recomputed through the kernel API, plus hand-written corner cases.
 */
class FpOpsTest {
    private final Cpu c = new CpuHarness().cpu;

    private static final int FZ = 1 << 24, DN = 1 << 25, AHP = 1 << 26;

    private static int rm(int mode) { return mode << 22; }

    /** Evaluates an oracle operation directly with FpOps. */
    static long eval(Cpu c, String name, long a, long b, long x) {
        String[] p = name.split("_");
        String op = p[0];
        int fmt = p[p.length - 1].equals("d") ? D : S;
        switch (op) {
            case "fadd": return FpOps.add(c, fmt, a, b);
            case "fsub": return FpOps.sub(c, fmt, a, b);
            case "fmul": return FpOps.mul(c, fmt, a, b);
            case "fdiv": return FpOps.div(c, fmt, a, b);
            case "fmax": return FpOps.minMax(c, fmt, a, b, false, false);
            case "fmin": return FpOps.minMax(c, fmt, a, b, true, false);
            case "fmaxnm": return FpOps.minMax(c, fmt, a, b, false, true);
            case "fminnm": return FpOps.minMax(c, fmt, a, b, true, true);
            case "fnmul": return FpOps.negate(FpOps.mul(c, fmt, a, b), fmt);
            case "fabd": return FpOps.abd(c, fmt, a, b);
            case "fmulx": return FpOps.mulx(c, fmt, a, b);
            case "frecps": return FpOps.recipStep(c, fmt, a, b, false);
            case "frsqrts": return FpOps.recipStep(c, fmt, a, b, true);
            case "fcmeq": return FpOps.cmpEq(c, fmt, a, b) ? ones(fmt) : 0;
            case "fcmge": return FpOps.cmpGe(c, fmt, a, b, false) ? ones(fmt) : 0;
            case "fcmgt": return FpOps.cmpGe(c, fmt, a, b, true) ? ones(fmt) : 0;
            case "facge": return FpOps.cmpGe(c, fmt, FpOps.abs(a, fmt), FpOps.abs(b, fmt), false) ? ones(fmt) : 0;
            case "facgt": return FpOps.cmpGe(c, fmt, FpOps.abs(a, fmt), FpOps.abs(b, fmt), true) ? ones(fmt) : 0;
            case "fmadd": return FpOps.fma(c, fmt, x, a, b);
            case "fmsub": return FpOps.fma(c, fmt, x, FpOps.negate(a, fmt), b);
            case "fnmadd": return FpOps.fma(c, fmt, FpOps.negate(x, fmt), FpOps.negate(a, fmt), b);
            case "fnmsub": return FpOps.fma(c, fmt, FpOps.negate(x, fmt), a, b);
            case "fsqrt": return FpOps.sqrt(c, fmt, a);
            case "frintn": return FpOps.roundInt(c, fmt, a, FpOps.RN, false);
            case "frintp": return FpOps.roundInt(c, fmt, a, FpOps.RP, false);
            case "frintm": return FpOps.roundInt(c, fmt, a, FpOps.RM, false);
            case "frintz": return FpOps.roundInt(c, fmt, a, FpOps.RZ, false);
            case "frinta": return FpOps.roundInt(c, fmt, a, FpOps.RA, false);
            case "frintx": return FpOps.roundInt(c, fmt, a, FpOps.rmode(c), true);
            case "frinti": return FpOps.roundInt(c, fmt, a, FpOps.rmode(c), false);
            case "fabs": return FpOps.abs(a, fmt);
            case "fneg": return FpOps.negate(a, fmt);
            case "frecpe": return FpOps.recpe(c, fmt, a);
            case "frsqrte": return FpOps.rsqrte(c, fmt, a);
            case "frecpx": return FpOps.recpx(c, fmt, a);
            case "fcvt": return FpOps.convert(c, a, fmtOf(p[2]), fmtOf(p[1]), FpOps.rmode(c));
            case "fcvtxn": return FpOps.convert(c, a, D, S, FpOps.RO);
            case "urecpe": return (FpOps.urecpe((int) a) & 0xffffffffL) | (0xffffffffL << 32);
            case "ursqrte": return (FpOps.ursqrte((int) a) & 0xffffffffL) | (0xffffffffL << 32);
            case "fcmp": return FpOps.compare(c, fmt, a, b, false);
            case "fcmpe": return FpOps.compare(c, fmt, a, b, true);
            case "fcmpz": return FpOps.compare(c, fmt, a, 0, false);
            case "fcmpez": return FpOps.compare(c, fmt, a, 0, true);
            case "scvtf":
            case "ucvtf":
                return fromInt(c, op.equals("ucvtf"), p, a);
            default:
                if (op.startsWith("fcvt")) return toInt(c, op, p, a);
                throw new IllegalArgumentException(name);
        }
    }

    private static long ones(int fmt) { return fmt == D ? -1L : 0xffffffffL; }

    private static int fmtOf(String s) { return s.equals("d") ? D : s.equals("s") ? S : H; }

    private static int fbits(String[] p) {
        String last = p[p.length - 1];
        return last.startsWith("f") && last.length() > 1 ? Integer.parseInt(last.substring(1)) : 0;
    }

    private static long toInt(Cpu c, String op, String[] p, long a) {
        int mode;
        switch (op.charAt(4)) {
            case 'n': mode = FpOps.RN; break;
            case 'p': mode = FpOps.RP; break;
            case 'm': mode = FpOps.RM; break;
            case 'a': mode = FpOps.RA; break;
            default: mode = FpOps.RZ; break;
        }
        boolean u = op.charAt(5) == 'u';
        if (p[1].equals("v2s") || p[1].equals("v2d")) {
            int fmt = p[1].equals("v2d") ? D : S;
            int bits = fmt == D ? 64 : 32;
            long lane0 = FpOps.toFixed(c, fmt, a, fbits(p), u, mode, bits);
            return fmt == D ? lane0 : lane0 & 0xffffffffL; // lane 1 converts +0.0 to 0
        }
        int fmt = fmtOf(p[2]);
        int bits = p[1].equals("x") ? 64 : 32;
        long r = FpOps.toFixed(c, fmt, a, fbits(p), u, mode, bits);
        return bits == 32 ? r & 0xffffffffL : r;
    }

    private static long fromInt(Cpu c, boolean u, String[] p, long a) {
        if (p[1].equals("v2s")) return FpOps.fromFixed(c, S, (int) a, 0, u, FpOps.rmode(c)) & 0xffffffffL;
        if (p[1].equals("v2d")) return FpOps.fromFixed(c, D, a, fbits(p), u, FpOps.rmode(c));
        int fmt = fmtOf(p[1]);
        long v = a;
        if (p[2].equals("w")) v = u ? a & 0xffffffffL : (int) a;
        return FpOps.fromFixed(c, fmt, v, fbits(p), u, FpOps.rmode(c));
    }

    @Test
    void oracleVectors() {
        List<FpOracle.Vec> vs = FpOracle.load();
        assertTrue(vs.size() > 5000, "oracle vectors loaded: " + vs.size());
        List<String> failures = new ArrayList<>();
        for (FpOracle.Vec v : vs) {
            c.fpcr = v.fpcr;
            c.fpsr = 0;
            long r = eval(c, v.op, v.a, v.b, v.c);
            if (r != v.result || c.fpsr != v.fpsr) {
                failures.add(v + String.format("  got %x fpsr=%x", r, c.fpsr));
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + vs.size() + " vectors failed:\n");
            failures.stream().limit(60).forEach(f -> sb.append(f).append('\n'));
            throw new AssertionError(sb.toString());
        }
    }

    // ---- hand-written corner cases ------------------------------------------------------

    private static final long QNAN1 = 0x7ff8000000000001L, SNAN2 = 0x7ff0000000000002L, QNAN3 = 0xfff8000000000003L;
    private static final long ONE = 0x3ff0000000000000L, MAX = 0x7fefffffffffffffL, INF = 0x7ff0000000000000L;

    private long run(int fpcr, java.util.function.LongSupplier f) {
        c.fpcr = fpcr;
        c.fpsr = 0;
        return f.getAsLong();
    }

    @Test
    void nanPropagationOrder() {
        // a signalling NaN wins over an earlier quiet NaN, and is quieted with IOC
        assertEquals(0x7ff8000000000002L, run(0, () -> FpOps.add(c, D, QNAN1, SNAN2)));
        assertEquals(FpOps.IOC, c.fpsr);
        // two quiet NaNs: the first operand's, payload and sign kept, no flags
        assertEquals(QNAN3, run(0, () -> FpOps.mul(c, D, QNAN3, QNAN1)));
        assertEquals(0, c.fpsr);
        // DN: default NaN
        assertEquals(0x7ff8000000000000L, run(DN, () -> FpOps.add(c, D, QNAN3, ONE)));
        // FMADD: the addend comes first; inf*0 with a quiet NaN addend is the default NaN + IOC
        assertEquals(0x7ff8000000000002L, run(0, () -> FpOps.fma(c, D, SNAN2, QNAN1, ONE)));
        assertEquals(0x7ff8000000000000L, run(0, () -> FpOps.fma(c, D, QNAN1, INF, 0)));
        assertEquals(FpOps.IOC, c.fpsr);
        // single precision payload narrowing on FCVT
        assertEquals(0x7fc00000L | (0x123456789abL >>> 29), run(0, () -> FpOps.convert(c, 0x7ff00123456789abL, D, S, 0)));
        assertEquals(FpOps.IOC, c.fpsr);
    }

    @Test
    void signedZeros() {
        long pz = 0, nz = Long.MIN_VALUE;
        assertEquals(pz, run(0, () -> FpOps.add(c, D, pz, nz)));
        assertEquals(nz, run(rm(FpOps.RM), () -> FpOps.add(c, D, pz, nz)));
        assertEquals(pz, run(0, () -> FpOps.sub(c, D, ONE, ONE)));
        assertEquals(nz, run(rm(FpOps.RM), () -> FpOps.sub(c, D, ONE, ONE)));
        assertEquals(nz, run(0, () -> FpOps.add(c, D, nz, nz)));
        assertEquals(nz, run(0, () -> FpOps.minMax(c, D, pz, nz, true, false)));
        assertEquals(pz, run(0, () -> FpOps.minMax(c, D, nz, pz, false, false)));
        assertEquals(nz, run(0, () -> FpOps.sqrt(c, D, nz)));
        assertEquals(0, c.fpsr);
    }

    @Test
    void flushToZero() {
        // denormal input: IDC, treated as zero of the same sign
        assertEquals(0x8000000000000000L, run(FZ, () -> FpOps.mul(c, D, ONE, 0x8000000000000001L)));
        assertEquals(FpOps.IDC, c.fpsr);
        // without FZ the product is the denormal itself, exact
        assertEquals(0x8000000000000001L, run(0, () -> FpOps.mul(c, D, ONE, 0x8000000000000001L)));
        assertEquals(0, c.fpsr);
        // denormal output: flushed with UFC and no IXC
        assertEquals(0, run(FZ, () -> FpOps.mul(c, D, 0x0010000000000000L, 0x3fe0000000000000L)));
        assertEquals(FpOps.UFC, c.fpsr);
        // tininess is detected before rounding: rounds up to the smallest normal with UFC|IXC
        assertEquals(0x0010000000000000L, run(0, () -> FpOps.mul(c, D, 0x000fffffffffffffL, 0x3ff0000000000001L)));
        assertEquals(FpOps.UFC | FpOps.IXC, c.fpsr);
        // an exact denormal result raises no underflow
        assertEquals(0x0008000000000000L, run(0, () -> FpOps.mul(c, D, 0x0010000000000000L, 0x3fe0000000000000L)));
        assertEquals(0, c.fpsr);
    }

    @Test
    void overflowPerRoundingMode() {
        long two = 0x4000000000000000L;
        assertEquals(INF, run(rm(FpOps.RN), () -> FpOps.mul(c, D, MAX, two)));
        assertEquals(FpOps.OFC | FpOps.IXC, c.fpsr);
        assertEquals(MAX, run(rm(FpOps.RZ), () -> FpOps.mul(c, D, MAX, two)));
        assertEquals(INF, run(rm(FpOps.RP), () -> FpOps.mul(c, D, MAX, two)));
        assertEquals(MAX, run(rm(FpOps.RM), () -> FpOps.mul(c, D, MAX, two)));
        assertEquals(MAX | Long.MIN_VALUE, run(rm(FpOps.RP), () -> FpOps.mul(c, D, MAX | Long.MIN_VALUE, two)));
        assertEquals(INF | Long.MIN_VALUE, run(rm(FpOps.RM), () -> FpOps.mul(c, D, MAX | Long.MIN_VALUE, two)));
        // directed rounding of an inexact sum
        long third = 0x3fd5555555555555L;
        assertEquals(0x3fd5555555555556L, run(rm(FpOps.RP), () -> FpOps.add(c, D, third, 0x3c80000000000000L)));
        assertEquals(third, run(rm(FpOps.RZ), () -> FpOps.add(c, D, third, 0x3c80000000000000L)));
        assertEquals(FpOps.IXC, c.fpsr);
    }

    @Test
    void saturatingConversions() {
        long big = Double.doubleToRawLongBits(3e9);
        assertEquals(0x7fffffffL, run(0, () -> FpOps.toFixed(c, D, big, 0, false, FpOps.RZ, 32)));
        assertEquals(FpOps.IOC, c.fpsr);
        assertEquals(3_000_000_000L, run(0, () -> FpOps.toFixed(c, D, big, 0, true, FpOps.RZ, 32)));
        assertEquals(0, c.fpsr);
        assertEquals(0, run(0, () -> FpOps.toFixed(c, D, QNAN1, 0, false, FpOps.RZ, 64)));
        assertEquals(FpOps.IOC, c.fpsr);
        long m15 = Double.doubleToRawLongBits(-1.5), m05 = Double.doubleToRawLongBits(-0.5);
        assertEquals(0, run(0, () -> FpOps.toFixed(c, D, m15, 0, true, FpOps.RZ, 64)));
        assertEquals(FpOps.IOC, c.fpsr);
        assertEquals(0, run(0, () -> FpOps.toFixed(c, D, m05, 0, true, FpOps.RZ, 64)));
        assertEquals(FpOps.IXC, c.fpsr);
        long p25 = Double.doubleToRawLongBits(2.5);
        assertEquals(2, run(0, () -> FpOps.toFixed(c, D, p25, 0, false, FpOps.RN, 64)));
        assertEquals(3, run(0, () -> FpOps.toFixed(c, D, p25, 0, false, FpOps.RA, 64)));
        assertEquals(-1, run(0, () -> FpOps.toFixed(c, D, m05, 0, false, FpOps.RM, 64)));
        assertEquals(Long.MIN_VALUE, run(0, () -> FpOps.toFixed(c, D, 0xc3e0000000000000L, 0, false, FpOps.RZ, 64)));
        assertEquals(0, c.fpsr); // -2^63 fits exactly
    }

    @Test
    void halfPrecision() {
        long h65520 = Float.floatToRawIntBits(65520f);
        // IEEE half: 65520 overflows to infinity
        assertEquals(0x7c00L, run(0, () -> FpOps.convert(c, h65520, S, H, FpOps.RN)));
        assertEquals(FpOps.OFC | FpOps.IXC, c.fpsr);
        // alternative half precision: exponent 31 is normal, 65520 rounds to 65536 = 0x7c00, inexact only
        assertEquals(0x7c00L, run(AHP, () -> FpOps.convert(c, h65520, S, H, FpOps.RN)));
        assertEquals(FpOps.IXC, c.fpsr);
        // half signalling NaN to single: quieted, payload moved up
        assertEquals(0x7fc02000L, run(0, () -> FpOps.convert(c, 0x7c01, H, S, FpOps.RN)));
        assertEquals(FpOps.IOC, c.fpsr);
        // smallest half denormal is exact in single, never flushed as an input
        assertEquals(0x33800000L, run(FZ, () -> FpOps.convert(c, 0x0001, H, S, FpOps.RN)));
        assertEquals(0, c.fpsr);
    }
}
