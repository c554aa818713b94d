package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AdvSIMD permute, extract, table lookup, copy, modified immediate and integer across-lanes
 * instructions. The golden table was produced by running each instruction under
 * qemu-aarch64 from the same initial registers ({@link #init}); encodings and the
 * disassembly in the comments come from aarch64-linux-gnu-as/objdump.
 */
class SimdPermuteTest {
    CpuHarness h;

    @BeforeEach
    void setUp() {
        h = new CpuHarness();
    }

    /** The register state every golden-table instruction starts from. */
    private void init() {
        for (int n = 0; n < 32; n++) h.cpu.setV(n, 0, 0);
        h.cpu.setV(0, 0x3f2a1f1005402000L, 0x0180312111ff3e30L);
        h.cpu.setV(1, 0xc4338000fe7f8110L, 0xf00f9070aa55ff01L);
        h.cpu.setV(2, 0x11011fff0f100500L, 0x0d0ec80302403f20L);
        h.cpu.setV(3, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L);
        h.cpu.setV(4, 0x281403302f201000L, 0x9293949596979899L);
        h.cpu.setV(30, 0xa7a6a5a4a3a2a1a0L, 0xafaeadacabaaa9a8L);
        h.cpu.setV(31, 0xc7c6c5c4c3c2c1c0L, 0xcfcecdcccbcac9c8L);
        h.x(0, 0xdeadbeefdeadbeefL).x(1, 0x123456789abcdef0L).x(2, 0xfedcba9876543210L);
    }

    /** Runs words; passes whether the trailing BRK is implemented (EC 0x3c) or not yet (EC 0). */
    private void run(int... words) {
        h.load(words);
        h.cpu.invalidateAllCode(); // load() writes RAM behind the decoded-code cache
        int ec = h.run(1000);
        assertEquals(CpuHarness.CODE + 4L * words.length, h.lastElr, String.format("%08x stopped early, EC=0x%x", words[0], ec));
        assertTrue(ec == Esr.EC_BRK64 || ec == Esr.EC_UNKNOWN, "EC " + ec);
    }

    private void assertUndefined(int word) {
        h.load(word);
        h.cpu.invalidateAllCode();
        assertEquals(Esr.EC_UNKNOWN, h.run(10), String.format("%08x", word));
        assertEquals(CpuHarness.CODE, h.lastElr, String.format("%08x", word));
    }

    private void v(int n, long lo, long hi) { h.cpu.setV(n, lo, hi); }

    private void assertV(int n, long lo, long hi) {
        assertEquals(Long.toHexString(lo), Long.toHexString(h.cpu.v[2 * n]), "V" + n + " low");
        assertEquals(Long.toHexString(hi), Long.toHexString(h.cpu.v[2 * n + 1]), "V" + n + " high");
    }

    /** {word, V0 low, V0 high, V3 low, V3 high, X0} after the instruction, from qemu-aarch64. */
    static final long[][] GOLDEN = {
            {0x4e023820, 0x0ffe107f05810010L, 0x11c401331f80ff00L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // zip1 v0.16b, v1.16b, v2.16b
            {0x4e027820, 0x02aa40553fff2001L, 0x0df00e0fc8900370L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // zip2 v0.16b, v1.16b, v2.16b
            {0x4e813800, 0xfe7f811005402000L, 0xc43380003f2a1f10L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // zip1 v0.4s, v0.4s, v1.4s
            {0x4ec27823, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0xf00f9070aa55ff01L, 0x0d0ec80302403f20L, 0xdeadbeefdeadbeefL}, // zip2 v3.2d, v1.2d, v2.2d
            {0x0e423820, 0x0f10fe7f05008110L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // zip1 v0.4h, v1.4h, v2.4h
            {0x4e421820, 0x9070ff0180008110L, 0xc8033f201fff0500L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uzp1 v0.8h, v1.8h, v2.8h
            {0x4e425820, 0xf00faa55c433fe7fL, 0x0d0e024011010f10L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uzp2 v0.8h, v1.8h, v2.8h
            {0x0e821820, 0x0f100500fe7f8110L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uzp1 v0.2s, v1.2s, v2.2s
            {0x4e025820, 0xf090aaffc480fe81L, 0x0dc8023f111f0f05L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uzp2 v0.16b, v1.16b, v2.16b
            {0x0e022820, 0x0133ff00107f0010L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // trn1 v0.8b, v1.8b, v2.8b
            {0x4e826820, 0x11011fffc4338000L, 0x0d0ec803f00f9070L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // trn2 v0.4s, v1.4s, v2.4s
            {0x4ec22820, 0xc4338000fe7f8110L, 0x11011fff0f100500L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // trn1 v0.2d, v1.2d, v2.2d
            {0x6e021820, 0x55ff01c4338000feL, 0x100500f00f9070aaL, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // ext v0.16b, v1.16b, v2.16b, #3
            {0x2e023820, 0x011fff0f100500c4L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // ext v0.8b, v1.8b, v2.8b, #7
            {0x6e020020, 0xc4338000fe7f8110L, 0xf00f9070aa55ff01L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // ext v0.16b, v1.16b, v2.16b, #0
            {0x6e024020, 0xf00f9070aa55ff01L, 0x11011fff0f100500L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // ext v0.16b, v1.16b, v2.16b, #8
            {0x6e026820, 0xff0f100500f00f90L, 0x0302403f2011011fL, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // ext v0.16b, v1.16b, v2.16b, #13
            {0x4e020020, 0x00810000f0008010L, 0x900f00fe7f000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // tbl v0.16b, {v1.16b}, v2.16b
            {0x0e032020, 0x0000000000000000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // tbl v0.8b, {v1.16b, v2.16b}, v3.8b
            {0x4e0063c0, 0xf0ffcfc0a50000a0L, 0xa1008120c1000f10L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // tbl v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v0.16b
            {0x4e021020, 0x3f811f10f0408010L, 0x900f31fe7fff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // tbx v0.16b, {v1.16b}, v2.16b
            {0x0e045020, 0x38fffe103f300010L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // tbx v0.8b, {v1.16b-v3.16b}, v4.8b
            {0x4e140420, 0xaa55ff01aa55ff01L, 0xaa55ff01aa55ff01L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.4s, v1.s[2]
            {0x0e130420, 0xffffffffffffffffL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.8b, v1.b[9]
            {0x4e180420, 0xf00f9070aa55ff01L, 0xf00f9070aa55ff01L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.2d, v1.d[1]
            {0x4e020c20, 0xdef0def0def0def0L, 0xdef0def0def0def0L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.8h, w1
            {0x4e080c20, 0x123456789abcdef0L, 0x123456789abcdef0L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.2d, x1
            {0x4e010fe0, 0x0000000000000000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.16b, wzr
            {0x0e040c20, 0x9abcdef09abcdef0L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // dup v0.2s, w1
            {0x4e0c1c20, 0x9abcdef005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov v0.s[1], w1
            {0x4e181c40, 0x3f2a1f1005402000L, 0xfedcba9876543210L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov v0.d[1], x2
            {0x6e0e6420, 0x90701f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov v0.h[3], v1.h[6]
            {0x6e1f0420, 0x3f2a1f1005402000L, 0x1080312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov v0.b[15], v1.b[0]
            {0x6e084400, 0x0180312111ff3e30L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov v0.d[0], v0.d[1]
            {0x0e1f3c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0x00000000000000f0L}, // umov w0, v1.b[15]
            {0x0e0e3c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0x000000000000c433L}, // umov w0, v1.h[3]
            {0x0e0c3c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0x00000000c4338000L}, // mov w0, v1.s[1]
            {0x4e183c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xf00f9070aa55ff01L}, // mov x0, v1.d[1]
            {0x0e032c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0x00000000ffffff81L}, // smov w0, v1.b[1]
            {0x4e0a2c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xffffffffffff8000L}, // smov x0, v1.h[2]
            {0x4e1c2c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xfffffffff00f9070L}, // smov x0, v1.s[3]
            {0x0e1e2c20, 0x3f2a1f1005402000L, 0x0180312111ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0x00000000fffff00fL}, // smov w0, v1.h[7]
            {0x5e0b0420, 0x0000000000000080L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov b0, v1.b[5]
            {0x5e180420, 0xf00f9070aa55ff01L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov d0, v1.d[1]
            {0x5e1e0420, 0x000000000000f00fL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov h0, v1.h[7]
            {0x5e1c0420, 0x00000000f00f9070L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mov s0, v1.s[3]
            {0x4f056560, 0xab000000ab000000L, 0xab000000ab000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.4s, #0xab, lsl #24
            {0x6f00a640, 0xedffedffedffedffL, 0xedffedffedffedffL, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mvni v0.8h, #0x12, lsl #8
            {0x4f003420, 0x3f2a1f1005402100L, 0x0180312111ff3f30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // orr v0.4s, #0x1, lsl #8
            {0x6f0797e0, 0x3f001f0005002000L, 0x0100310011003e00L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // bic v0.8h, #0xff
            {0x0f00c640, 0x000012ff000012ffL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.2s, #0x12, msl #8
            {0x6f01d680, 0xffcb0000ffcb0000L, 0xffcb0000ffcb0000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mvni v0.4s, #0x34, msl #16
            {0x4f05e4a0, 0xa5a5a5a5a5a5a5a5L, 0xa5a5a5a5a5a5a5a5L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.16b, #0xa5
            {0x2f05e540, 0xff00ff00ff00ff00L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi d0, #0xff00ff00ff00ff00
            {0x6f04e460, 0xff0000000000ffffL, 0xff0000000000ffffL, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.2d, #0xff0000000000ffff
            {0x4f03f600, 0x3f8000003f800000L, 0x3f8000003f800000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // fmov v0.4s, #1.000000000000000000e+00
            {0x0f04f480, 0xc0200000c0200000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // fmov v0.2s, #-2.500000000000000000e+00
            {0x6f02f400, 0x3fc0000000000000L, 0x3fc0000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // fmov v0.2d, #1.250000000000000000e-01
            {0x0f045400, 0x3faa1f1005c02000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // orr v0.2s, #0x80, lsl #16
            {0x6f001460, 0x3f2a1f1005402000L, 0x0180312011ff3e30L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // bic v0.4s, #0x3
            {0x2f000400, 0xffffffffffffffffL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // mvni v0.2s, #0x0
            {0x0f00e420, 0x0101010101010101L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.8b, #0x1
            {0x0f03a7e0, 0x7f007f007f007f00L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // movi v0.4h, #0x7f, lsl #8
            {0x4e31b820, 0x0000000000000083L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // addv b0, v1.16b
            {0x0e71b820, 0x000000000000c3c2L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // addv h0, v1.4h
            {0x4eb1b820, 0x000000005d189081L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // addv s0, v1.4s
            {0x4e303820, 0x000000000000ff83L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // saddlv h0, v1.16b
            {0x4e703820, 0x00000000fffded97L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // saddlv s0, v1.8h
            {0x4eb03820, 0xffffffff5d189081L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // saddlv d0, v1.4s
            {0x6eb03820, 0x000000035d189081L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uaddlv d0, v1.4s
            {0x2e303820, 0x0000000000000385L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uaddlv h0, v1.8b
            {0x4e30a820, 0x000000000000007fL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // smaxv b0, v1.16b
            {0x4eb0a820, 0x00000000fe7f8110L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // smaxv s0, v1.4s
            {0x6e70a820, 0x000000000000ff01L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // umaxv h0, v1.8h
            {0x2e30a820, 0x00000000000000feL, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // umaxv b0, v1.8b
            {0x0e71a820, 0x0000000000008000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // sminv h0, v1.4h
            {0x6eb1a820, 0x00000000aa55ff01L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uminv s0, v1.4s
            {0x6e31a820, 0x0000000000000000L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // uminv b0, v1.16b
    };

    /** FP16 FMOV (vector, immediate): only with FEAT_FP16. */
    static final long[][] GOLDEN_FP16 = {
            {0x4f03ff00, 0x3e003e003e003e00L, 0x3e003e003e003e00L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // fmov v0.8h, #1.500000000000000000e+00
            {0x0f05ffe0, 0xcfc0cfc0cfc0cfc0L, 0x0000000000000000L, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L, 0xdeadbeefdeadbeefL}, // fmov v0.4h, #-3.100000000000000000e+01
    };

    private void checkGolden(long[] g) {
        init();
        int w = (int) g[0];
        run(w);
        String what = String.format("%08x", w);
        assertEquals(Long.toHexString(g[1]), Long.toHexString(h.cpu.v[0]), what + " V0 low");
        assertEquals(Long.toHexString(g[2]), Long.toHexString(h.cpu.v[1]), what + " V0 high");
        assertEquals(Long.toHexString(g[3]), Long.toHexString(h.cpu.v[6]), what + " V3 low");
        assertEquals(Long.toHexString(g[4]), Long.toHexString(h.cpu.v[7]), what + " V3 high");
        assertEquals(Long.toHexString(g[5]), Long.toHexString(h.x(0)), what + " X0");
    }

    @Test
    void goldenTableMatchesQemu() {
        for (long[] g : GOLDEN) checkGolden(g);
    }

    @Test
    void fp16ImmediateNeedsFeature() {
        for (long[] g : GOLDEN_FP16) {
            if (h.cpu.model.fp16) checkGolden(g);
            else assertUndefined((int) g[0]);
        }
    }

    // ---- hand-derived cases ------------------------------------------------------------------

    /** 4S vector with lanes e0..e3. */
    private void v4s(int n, long e0, long e1, long e2, long e3) {
        v(n, e0 | e1 << 32, e2 | e3 << 32);
    }

    @Test
    void zipUzpTrnOnWords() {
        int[] words = {0x4e823820, 0x4e827820, 0x4e821820, 0x4e825820, 0x4e822820, 0x4e826820};
        long[][] want = {{1, 5, 2, 6}, {3, 7, 4, 8}, {1, 3, 5, 7}, {2, 4, 6, 8}, {1, 5, 3, 7}, {2, 6, 4, 8}};
        for (int k = 0; k < words.length; k++) {
            v4s(1, 1, 2, 3, 4);
            v4s(2, 5, 6, 7, 8);
            run(words[k]); // zip1, zip2, uzp1, uzp2, trn1, trn2 v0.4s, v1.4s, v2.4s
            assertV(0, want[k][0] | want[k][1] << 32, want[k][2] | want[k][3] << 32);
        }
        assertUndefined(0x0ec23820); // zip1 with size 3 and Q=0 (.1d) is reserved
    }

    @Test
    void zipDestinationAliasesSource() {
        v4s(0, 1, 2, 3, 4);
        v4s(1, 5, 6, 7, 8);
        run(0x4e813800); // zip1 v0.4s, v0.4s, v1.4s
        assertV(0, 1 | 5L << 32, 2 | 6L << 32);
    }

    @Test
    void extConcatenatesAndShiftsBytes() {
        v(1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        v(2, 0x1716151413121110L, 0x1f1e1d1c1b1a1918L);
        run(0x6e021820); // ext v0.16b, v1.16b, v2.16b, #3
        assertV(0, 0x0a09080706050403L, 0x1211100f0e0d0c0bL);
        run(0x6e024020); // #8
        assertV(0, 0x0f0e0d0c0b0a0908L, 0x1716151413121110L);
        v(0, -1, -1);
        run(0x2e023820); // ext v0.8b, v1.8b, v2.8b, #7
        assertV(0, 0x1615141312111007L, 0);
        assertUndefined(0x2e024020); // 8B with imm4 >= 8
    }

    @Test
    void tblZeroesOutOfRangeTbxKeepsDestination() {
        v(1, 0x4746454443424140L, 0x4f4e4d4c4b4a4948L);
        long idxLo = 0x0010_ff03_10_0f_00L | 0x20L << 56, idxHi = 0x0102030405060708L;
        v(2, idxLo, idxHi); // bytes: 00 0f 10 03 ff 10 00 20 | 08 07 06 05 04 03 02 01
        v(0, 0xeeeeeeeeeeeeeeeeL, 0xddddddddddddddddL);
        run(0x4e020020); // tbl v0.16b, {v1.16b}, v2.16b
        assertV(0, 0x00_40_00_00_43_00_4f_40L, 0x4142434445464748L);
        v(0, 0xeeeeeeeeeeeeeeeeL, 0xddddddddddddddddL);
        run(0x4e021020); // tbx v0.16b, {v1.16b}, v2.16b
        assertV(0, 0xee_40_ee_ee_43_ee_4f_40L, 0x4142434445464748L);
        // two-register table: indices 16..31 come from v2, Q=0 zeroes the upper half
        v(1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        v(2, 0x1716151413121110L, 0x1f1e1d1c1b1a1918L);
        v(3, 0x00_1f_20_10_0f_11_ff_01L, 0x1111);
        v(0, -1, -1);
        run(0x0e032020); // tbl v0.8b, {v1.16b, v2.16b}, v3.8b
        assertV(0, 0x00_1f_00_10_0f_11_00_01L, 0);
        v(0, -1, -1);
        v(4, 0x00_1f_20_10_0f_11_ff_01L, 0x1111);
        run(0x0e045020); // tbx v0.8b, {v1.16b-v3.16b}, v4.8b: 48-byte table, Q=0 zeroes the top
        assertV(0, 0x00_1f_01_10_0f_11_ff_01L, 0);
    }

    @Test
    void tblFourRegistersWrapAround() {
        v(30, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        v(31, 0x1716151413121110L, 0x1f1e1d1c1b1a1918L);
        v(0, 0x3f_40_30_2f_20_1f_10_00L, 0x0000000000000041L); // indices, also table register 2
        v(1, 0x3736353433323130L, 0x3f3e3d3c3b3a3938L);
        run(0x4e0063c0); // tbl v0.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v0.16b
        assertV(0, 0x3f_00_30_00_00_1f_10_00L, 0); // index 0x20 and 0x2f hit the original v0 bytes (00)
    }

    @Test
    void smovSignExtendsUmovZeroExtends() {
        v(1, 0x0000_8001_0000_8000L, 0x8000_0000_7fff_ffffL);
        h.x(0, -1);
        run(0x0e032c20); // smov w0, v1.b[1] (0x80)
        assertEquals(0xffffff80L, h.x(0));
        run(0x4e0a2c20); // smov x0, v1.h[2] (0x8001)
        assertEquals(0xffffffffffff8001L, h.x(0));
        run(0x4e1c2c20); // smov x0, v1.s[3]
        assertEquals(0xffffffff80000000L, h.x(0));
        run(0x0e1e2c20); // smov w0, v1.h[7]
        assertEquals(0xffff8000L, h.x(0));
        h.x(0, -1);
        run(0x0e0e3c20); // umov w0, v1.h[3]
        assertEquals(0, h.x(0));
        run(0x0e1f3c20); // umov w0, v1.b[15]
        assertEquals(0x80, h.x(0));
        run(0x4e183c20); // mov x0, v1.d[1]
        assertEquals(0x8000_0000_7fff_ffffL, h.x(0));
        run(0x0e1f3c3f); // umov wzr, v1.b[15]: discarded
        assertEquals(0, h.cpu.r[Cpu.ZR]);
    }

    @Test
    void copyReservedForms() {
        assertUndefined(0x0e042c20); // smov w0, v1.s[0]
        assertUndefined(0x4e082c20); // smov x0, v1.d[0]
        assertUndefined(0x4e043c20); // umov x0, v1.s[0]
        assertUndefined(0x0e083c20); // umov w0, v1.d[0]
        assertUndefined(0x0e080420); // dup v0.1d, v1.d[0]
        assertUndefined(0x0e080c20); // dup v0.1d, x1
        assertUndefined(0x0e0c1c20); // ins with Q=0
        assertUndefined(0x2e0e6420); // ins (element) with Q=0
        assertUndefined(0x4e100420); // imm5 = 10000
        assertUndefined(0x4e000420); // imm5 = 00000
    }

    @Test
    void dupAndInsKeepOrReplicate() {
        v(0, 0x1111111111111111L, 0x2222222222222222L);
        h.x(1, 0xabcd).x(2, 0x0123456789abcdefL);
        run(0x4e0c1c20, 0x4e181c40); // mov v0.s[1], w1 ; mov v0.d[1], x2
        assertV(0, 0x0000abcd11111111L, 0x0123456789abcdefL);
        run(0x0e040c20); // dup v0.2s, w1: Q=0 zeroes the top
        assertV(0, 0x0000abcd0000abcdL, 0);
        v(1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        run(0x0e130420); // dup v0.8b, v1.b[9]
        assertV(0, 0x0909090909090909L, 0);
        v(0, 0, 0);
        run(0x6e1f0420); // mov v0.b[15], v1.b[0] (0x00) then scalar dup
        assertV(0, 0, 0);
        run(0x5e0b0420); // mov b0, v1.b[5]
        assertV(0, 5, 0);
    }

    @Test
    void modifiedImmediateExpansion() {
        v(0, 0x1234567812345678L, 0x1234567812345678L);
        run(0x4f003420); // orr v0.4s, #0x1, lsl #8
        assertV(0, 0x1234577812345778L, 0x1234577812345778L);
        run(0x6f001460); // bic v0.4s, #0x3
        assertV(0, 0x1234577812345778L & ~0x0000000300000003L, 0x1234577812345778L & ~0x0000000300000003L);
        run(0x0f00c640); // movi v0.2s, #0x12, msl #8
        assertV(0, 0x000012ff000012ffL, 0);
        run(0x6f01d680); // mvni v0.4s, #0x34, msl #16
        assertV(0, 0xffcb0000ffcb0000L, 0xffcb0000ffcb0000L);
        run(0x2f05e540); // movi d0, #0xff00ff00ff00ff00
        assertV(0, 0xff00ff00ff00ff00L, 0);
        run(0x6f02f400); // fmov v0.2d, #0.125
        assertV(0, Double.doubleToLongBits(0.125), Double.doubleToLongBits(0.125));
        run(0x0f04f480); // fmov v0.2s, #-2.5
        long m = Float.floatToIntBits(-2.5f) & 0xffffffffL;
        assertV(0, m | m << 32, 0);
        assertUndefined(0x2f00f400); // op=1 cmode=1111 Q=0
        assertUndefined(0x4f000c00); // o2=1 outside the FP16 FMOV
    }

    @Test
    void acrossLanesReductions() {
        v(1, -1, -1);
        v(0, -1, -1);
        run(0x4e31b820); // addv b0, v1.16b: 16 * 0xff mod 256
        assertV(0, 0xf0, 0);
        run(0x4e303820); // saddlv h0, v1.16b: -16
        assertV(0, 0xfff0, 0);
        run(0x6eb03820); // uaddlv d0, v1.4s: 4 * 0xffffffff
        assertV(0, 0x3fffffffcL, 0);
        v(1, 0x7f_80_01_fe_00_00_00_00L, 0x81_00_00_00_00_00_00_7eL);
        run(0x4e30a820); // smaxv b0, v1.16b
        assertV(0, 0x7f, 0);
        run(0x4e31a820); // sminv b0, v1.16b
        assertV(0, 0x80, 0);
        run(0x6e31a820); // uminv b0, v1.16b
        assertV(0, 0, 0);
        run(0x2e30a820); // umaxv b0, v1.8b (low half only)
        assertV(0, 0xfe, 0);
        assertUndefined(0x0eb1b820); // addv s0, v1.2s
        assertUndefined(0x4ef1b820); // addv on 2D
        assertUndefined(0x0eb03820); // saddlv from 2S
        assertUndefined(0x6ef1a820); // uminv on 2D
        assertUndefined(0x6e31b820); // addv with U=1
    }
}
