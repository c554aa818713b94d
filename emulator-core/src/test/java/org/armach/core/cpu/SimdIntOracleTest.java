package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs every AdvSIMD integer test vector produced by {@code simd-oracle/gen.py} (QEMU user
 * mode as the oracle): V0 = d, V1 = n, V2 = m, FPSR = 0, one instruction, then V0 and
 * FPSR.QC must match.
 */
class SimdIntOracleTest {
    @Test
    void matchesQemuVectors() throws IOException {
        CpuHarness h = new CpuHarness();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        String asm = "?";
        try (InputStream in = getClass().getResourceAsStream("/simd-oracle/vectors.txt")) {
            assertNotNull(in, "simd-oracle/vectors.txt missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("#")) {
                    asm = line.substring(1).trim();
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 6) continue;
                int word = (int) Long.parseLong(f[0], 16);
                long[] d = hex128(f[1]), n = hex128(f[2]), m = hex128(f[3]), want = hex128(f[4]);
                int qc = Integer.parseInt(f[5]);
                SimdIntTest.setV(h, 0, d[0], d[1]);
                SimdIntTest.setV(h, 1, n[0], n[1]);
                SimdIntTest.setV(h, 2, m[0], m[1]);
                h.cpu.fpsr = 0;
                cases++;
                if (!SimdIntTest.runs(h, word)) {
                    failures.add(String.format("%s (%08x): UNDEFINED", asm, word));
                    continue;
                }
                long lo = h.cpu.v[0], hi = h.cpu.v[1];
                int gotQc = (h.cpu.fpsr >>> 27) & 1;
                if (lo != want[0] || hi != want[1] || gotQc != qc) {
                    failures.add(String.format("%s (%08x) d=%s n=%s m=%s: want %s qc=%d, got %016x%016x qc=%d",
                            asm, word, f[1], f[2], f[3], f[4], qc, hi, lo, gotQc));
                }
            }
        }
        assertTrue(cases > 4000, "too few vectors: " + cases);
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + cases + " vectors failed:\n");
            for (int k = 0; k < Math.min(40, failures.size()); k++) sb.append(failures.get(k)).append('\n');
            assertEquals(0, failures.size(), sb.toString());
        }
    }

    private static long[] hex128(String s) {
        return new long[] {Long.parseUnsignedLong(s.substring(16), 16), Long.parseUnsignedLong(s.substring(0, 16), 16)};
    }
}
