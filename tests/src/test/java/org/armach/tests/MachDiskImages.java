package org.armach.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The drives of module-disk (glibc-shim/mach/tests/disk.c): hd0 (4 MiB, read-write, MBR with
 * one partition at sectors 2048..6143) and hd1 (1 MiB, read-only), each sector s holding
 * {@link #pattern}; after the run, the sectors the module wrote must hold {@link #written} in
 * the image file and everything else must be unchanged.
 */
final class MachDiskImages implements MachConformanceTest.Setup {
    static final int HD0_SECTORS = 8192, HD1_SECTORS = 2048, PART_START = 2048, PART_SECTORS = 4096;

    static byte pattern(long s, int i) {
        return (byte) (s * 31 + i * 7 + (i >> 8));
    }

    static byte written(long s, int i) {
        return (byte) ((s * 13) ^ (i * 5) ^ 0xa5);
    }

    static byte[] image(int sectors, boolean mbr) {
        byte[] b = new byte[sectors * 512];
        for (int s = 0; s < sectors; s++) for (int i = 0; i < 512; i++) b[s * 512 + i] = pattern(s, i);
        if (mbr) {
            java.util.Arrays.fill(b, 446, 510, (byte) 0);
            b[446 + 4] = (byte) 0x83;
            putLe32(b, 446 + 8, PART_START);
            putLe32(b, 446 + 12, PART_SECTORS);
            b[510] = 0x55;
            b[511] = (byte) 0xaa;
        }
        return b;
    }

    private static void putLe32(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    @Override
    public List<String> args(Path dir) throws IOException {
        Path hd0 = dir.resolve("hd0.img"), hd1 = dir.resolve("hd1.img");
        Files.write(hd0, image(HD0_SECTORS, true));
        Files.write(hd1, image(HD1_SECTORS, false));
        return List.of("-drive", "file=" + hd0 + ",if=none,id=d0,format=raw", "-device", "virtio-blk-device,drive=d0",
                "-drive", "file=" + hd1 + ",if=none,id=d1,format=raw,readonly=on", "-device", "virtio-blk-device,drive=d1");
    }

    /** Which bytes of hd0 the module changed: the expected content of every byte. */
    static byte expectedHd0(byte[] original, long s, int i) {
        boolean big = s >= 7000 && s < 7000 + 400, part = s == PART_START + 10;
        boolean threads = s >= 7600 && s < 7608 || s >= 7700 && s < 7708;
        if (big || part || threads || s == 6500 && i < 128) return written(s, i);
        return original[(int) s * 512 + i];
    }

    @Override
    public void check(Path dir) throws IOException {
        byte[] hd0 = Files.readAllBytes(dir.resolve("hd0.img"));
        byte[] orig = image(HD0_SECTORS, true);
        assertEquals(orig.length, hd0.length, "hd0 size");
        for (int s = 0; s < HD0_SECTORS; s++) {
            for (int i = 0; i < 512; i++) {
                byte want = expectedHd0(orig, s, i);
                if (hd0[s * 512 + i] != want)
                    throw new AssertionError(String.format("hd0.img sector %d byte %d = 0x%02x, expected 0x%02x", s, i,
                            hd0[s * 512 + i] & 0xff, want & 0xff));
            }
        }
        assertEquals(java.util.Arrays.hashCode(image(HD1_SECTORS, false)),
                java.util.Arrays.hashCode(Files.readAllBytes(dir.resolve("hd1.img"))), "hd1 (read-only) unchanged");
    }
}
