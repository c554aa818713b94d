package org.armach.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ElfLoaderTest {
    static byte[] twoSegments() {
        return TestImages.elf(0x40080000L,
                new TestImages.Seg(0x40080000L, 0xffff000010080000L, TestImages.words(0x14000000, 0xd503201f), 8),
                new TestImages.Seg(0x40090000L, new byte[] {1, 2, 3}, 0x20));
    }

    @Test
    void loadsSegmentsAtPhysicalAddressesWithZeroFill() {
        TestImages.Recorder r = new TestImages.Recorder();
        // pre-fill the bss area with garbage: the loader must zero it
        r.load("x", 0x40090003L, new byte[] {9, 9, 9, 9}, 0, 4);
        ElfLoader.Elf e = ElfLoader.load(twoSegments(), "k.elf", r);
        assertEquals(0x40080000L, e.entry);
        assertEquals(0x40080000L, e.low());
        assertEquals(0x40090020L, e.high());
        assertEquals(8 + 0x20, e.size());
        assertEquals(0x00, r.byteAt(0x40080000L));
        assertEquals(0x14, r.byteAt(0x40080003L));
        assertEquals(3, r.byteAt(0x40090002L));
        for (long a = 0x40090003L; a < 0x40090020L; a++) assertEquals(0, r.byteAt(a), "bss byte at " + Long.toHexString(a));
    }

    private static byte[] patch(byte[] f, int off, int size, long v) {
        byte[] c = f.clone();
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        if (size == 1) c[off] = (byte) v;
        else if (size == 2) b.putShort(off, (short) v);
        else if (size == 4) b.putInt(off, (int) v);
        else b.putLong(off, v);
        return c;
    }

    private static String reject(byte[] f) {
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ElfLoader.load(f, "bad.elf", new TestImages.Recorder()));
        assertTrue(e.getMessage().startsWith("bad.elf: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        return e.getMessage();
    }

    @Test
    void rejectsMalformedFilesWithClearMessages() {
        byte[] good = twoSegments();
        assertTrue(reject(java.util.Arrays.copyOf(good, 20)).contains("truncated"));
        assertTrue(reject(patch(good, 4, 1, 1)).contains("64-bit"));
        assertTrue(reject(patch(good, 5, 1, 2)).contains("little-endian"));
        assertTrue(reject(patch(good, 18, 2, 62)).contains("AArch64"));
        assertTrue(reject(patch(good, 16, 2, 1)).contains("not an executable"));
        assertTrue(reject(patch(good, 32, 8, 1 << 20)).contains("program headers"));
        assertTrue(reject(patch(good, 56, 2, 0)).contains("no program headers"));
        // segment 0: offset beyond the file, filesz > memsz
        assertTrue(reject(patch(good, 64 + 8, 8, 1 << 20)).contains("outside the file"));
        assertTrue(reject(patch(good, 64 + 8, 8, -8)).contains("outside the file"));
        assertTrue(reject(patch(good, 64 + 40, 8, 4)).contains("larger than memsz"));
        // no PT_LOAD at all
        assertTrue(reject(patch(patch(good, 64, 4, 4), 64 + 56, 4, 4)).contains("no loadable segments"));
        // wrapping segment
        assertTrue(reject(patch(patch(good, 64 + 24, 8, -16), 64 + 40, 8, 64)).contains("wraps"));
    }

    @Test
    void randomCorruptionOnlyEverRaisesImageFormatException() {
        byte[] good = twoSegments();
        Random rnd = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] m = good.clone();
            int n = 1 + rnd.nextInt(6);
            for (int k = 0; k < n; k++) m[rnd.nextInt(Math.min(m.length, 64 + 2 * 56))] = (byte) rnd.nextInt();
            if (rnd.nextInt(8) == 0) m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
            try {
                ElfLoader.parse(m, "fuzz.elf");
            } catch (ImageFormatException e) {
                // expected for most
            } catch (RuntimeException e) {
                fail("iteration " + i + " raised " + e);
            }
        }
    }

    @Test
    void recognizesElfMagic() {
        assertTrue(ElfLoader.isElf(twoSegments()));
        assertTrue(!ElfLoader.isElf(new byte[] {0x7f, 'E', 'L'}));
    }
}
