package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Runs the integer data-processing vectors of {@code dp-vectors.txt}: one instruction per
 * case with x0..x3 and NZCV preset, expected x0 and NZCV recorded from qemu-aarch64 by
 * {@code src/test/tools/dp_vectors.py}. Covers every encoding class of C4.1.86 and C4.1.88.
 */
class DataProcessingVectorsTest {
    @Test
    void allVectorsMatchQemu() throws IOException {
        CpuHarness h = new CpuHarness();
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (InputStream in = getClass().getResourceAsStream("dp-vectors.txt")) {
            assertTrue(in != null, "dp-vectors.txt missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int semi = line.indexOf(';');
                String asm = line.substring(semi + 1).trim();
                String[] f = line.substring(0, semi).trim().split("\\s+");
                int word = (int) Long.parseLong(f[0], 16);
                long[] regs = new long[4];
                for (int k = 0; k < 4; k++) regs[k] = Long.parseUnsignedLong(f[1 + k], 16);
                int nzcv = Integer.parseInt(f[5], 16);
                long expX0 = Long.parseUnsignedLong(f[6], 16);
                int expNzcv = Integer.parseInt(f[7], 16);
                for (int k = 0; k < 4; k++) h.x(k, regs[k]);
                h.cpu.setNzcv(nzcv);
                DpAsserts.runOne(h, word);
                count++;
                if (h.x(0) != expX0 || h.cpu.nzcv() != expNzcv) {
                    failures.add(String.format("%s [%08x] x0=%x x1=%x x2=%x x3=%x nzcv=%x: want x0=%x nzcv=%x, got x0=%x nzcv=%x",
                            asm, word, regs[0], regs[1], regs[2], regs[3], nzcv, expX0, expNzcv, h.x(0), h.cpu.nzcv()));
                }
            }
        }
        assertTrue(count > 3000, "vector count " + count);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " vectors failed:\n" + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        }
        assertEquals(0, failures.size());
    }
}
