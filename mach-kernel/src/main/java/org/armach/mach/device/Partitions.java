package org.armach.mach.device;

import java.util.ArrayList;
import java.util.List;

/**
 * Partition tables of a disk: MBR primary entries (hdNs1..hdNs4, numbered by slot; extended
 * and logical partitions are not followed) and, behind a protective MBR (type 0xEE), the GPT
 * (hdNsK for the K-th used entry slot, K from 1). Ranges that leave the disk are dropped.
 */
final class Partitions {
    private Partitions() {}

    /** A partition: its number in the name and its sector range. */
    record Part(int number, long start, long sectors) { }

    /** Reads {@code count} sectors at {@code sector}; null on an I/O error. */
    interface SectorReader {
        byte[] read(long sector, int count);
    }

    static List<Part> scan(SectorReader disk, long capacity) {
        List<Part> out = new ArrayList<>();
        byte[] mbr = capacity > 0 ? disk.read(0, 1) : null;
        if (mbr == null || (mbr[510] & 0xff) != 0x55 || (mbr[511] & 0xff) != 0xaa) return out;
        for (int i = 0; i < 4; i++) {
            int e = 446 + 16 * i, type = mbr[e + 4] & 0xff;
            if (type == 0xee) return gpt(disk, capacity);
            long start = u32(mbr, e + 8), n = u32(mbr, e + 12);
            if (type != 0 && n > 0 && start > 0 && start + n <= capacity) out.add(new Part(i + 1, start, n));
        }
        return out;
    }

    private static List<Part> gpt(SectorReader disk, long capacity) {
        List<Part> out = new ArrayList<>();
        byte[] h = capacity > 1 ? disk.read(1, 1) : null;
        if (h == null || !"EFI PART".equals(new String(h, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1))) return out;
        long table = u64(h, 72);
        long entries = u32(h, 80), size = u32(h, 84);
        if (size < 128 || size > 512 || entries > 256 || table <= 0 || table >= capacity) return out;
        int sectors = (int) ((entries * size + 511) / 512);
        byte[] t = disk.read(table, sectors);
        if (t == null) return out;
        for (int i = 0; i < entries; i++) {
            int e = (int) (i * size);
            if (u64(t, e) == 0 && u64(t, e + 8) == 0) continue;
            long first = u64(t, e + 32), last = u64(t, e + 40);
            if (first > 0 && last >= first && last < capacity) out.add(new Part(i + 1, first, last - first + 1));
        }
        return out;
    }

    private static long u32(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }

    private static long u64(byte[] b, int o) {
        return u32(b, o) | u32(b, o + 4) << 32;
    }
}
