package org.armach.core.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The FP oracle vectors ({@code fp-oracle/vectors.txt}, produced by {@code oracle.c} under
 * qemu-aarch64): per operation its encoding, operand kind and result location, then lines of
 * FPCR, operands, expected result and FPSR.
 */
public final class FpOracle {
    public static final class Vec {
        public final String op;
        public final int word;
        public final char kind, out;
        public final int fpcr, fpsr;
        public final long a, b, c, result;

        Vec(String op, int word, char kind, char out, String[] f) {
            this.op = op;
            this.word = word;
            this.kind = kind;
            this.out = out;
            this.fpcr = (int) Long.parseUnsignedLong(f[1], 16);
            this.a = Long.parseUnsignedLong(f[2], 16);
            this.b = Long.parseUnsignedLong(f[3], 16);
            this.c = Long.parseUnsignedLong(f[4], 16);
            this.result = Long.parseUnsignedLong(f[5], 16);
            this.fpsr = (int) Long.parseUnsignedLong(f[6], 16);
        }

        @Override
        public String toString() {
            return String.format("%s fpcr=%x a=%x b=%x c=%x -> %x fpsr=%x", op, fpcr, a, b, c, result, fpsr);
        }
    }

    /** An AdvSIMD vector: 128-bit operands a (v1), b (v2), d (v0 before) and result (v0 after). */
    public static final class VVec {
        public final String op;
        public final int word;
        public final int fpcr, fpsr;
        public final long aHi, aLo, bHi, bLo, dHi, dLo, rHi, rLo;

        VVec(String op, int word, String[] f) {
            this.op = op;
            this.word = word;
            long[] x = new long[10];
            for (int k = 1; k <= 10; k++) x[k - 1] = Long.parseUnsignedLong(f[k], 16);
            fpcr = (int) x[0];
            aHi = x[1];
            aLo = x[2];
            bHi = x[3];
            bLo = x[4];
            dHi = x[5];
            dLo = x[6];
            rHi = x[7];
            rLo = x[8];
            fpsr = (int) x[9];
        }

        @Override
        public String toString() {
            return String.format("%s fpcr=%x a=%016x:%016x b=%016x:%016x d=%016x:%016x -> %016x:%016x fpsr=%x",
                    op, fpcr, aHi, aLo, bHi, bLo, dHi, dLo, rHi, rLo, fpsr);
        }
    }

    private FpOracle() {}

    public static List<VVec> loadSimd() {
        List<VVec> out = new ArrayList<>();
        try (InputStream in = FpOracle.class.getResourceAsStream("/fp-oracle/vectors-simd.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line, op = null;
            int word = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("@")) {
                    op = f[1];
                    word = (int) Long.parseLong(f[2], 16);
                } else if (f.length == 11) {
                    out.add(new VVec(op, word, f));
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return out;
    }

    public static List<Vec> load() {
        List<Vec> out = new ArrayList<>();
        try (InputStream in = FpOracle.class.getResourceAsStream("/fp-oracle/vectors.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line, op = null;
            int word = 0;
            char kind = 0, res = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("@")) {
                    op = f[1];
                    word = (int) Long.parseLong(f[2], 16);
                    kind = f[3].charAt(0);
                    res = f[4].charAt(0);
                } else if (f.length == 7) {
                    out.add(new Vec(op, word, kind, res, f));
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return out;
    }
}
