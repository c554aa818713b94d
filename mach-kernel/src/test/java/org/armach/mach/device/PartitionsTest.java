package org.armach.mach.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PartitionsTest {
    private static Partitions.SectorReader reader(byte[] disk) {
        return (s, n) -> s + n > disk.length / 512 ? null : Arrays.copyOfRange(disk, (int) s * 512, (int) (s + n) * 512);
    }

    private static void le(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static void mbrEntry(byte[] d, int slot, int type, long start, long n) {
        int e = 446 + 16 * slot;
        d[e + 4] = (byte) type;
        le(d, e + 8, start, 4);
        le(d, e + 12, n, 4);
        d[510] = 0x55;
        d[511] = (byte) 0xaa;
    }

    @Test
    void mbrPrimariesBySlot() {
        byte[] d = new byte[1000 * 512];
        mbrEntry(d, 0, 0x83, 100, 200);
        mbrEntry(d, 2, 0x0c, 400, 50);
        mbrEntry(d, 3, 0x83, 900, 200); // leaves the disk: dropped
        assertEquals(List.of(new Partitions.Part(1, 100, 200), new Partitions.Part(3, 400, 50)),
                Partitions.scan(reader(d), 1000));
    }

    @Test
    void noSignatureNoPartitions() {
        byte[] d = new byte[100 * 512];
        d[446 + 4] = (byte) 0x83;
        assertEquals(List.of(), Partitions.scan(reader(d), 100));
    }

    @Test
    void gptBehindProtectiveMbr() {
        byte[] d = new byte[200 * 512];
        mbrEntry(d, 0, 0xee, 1, 199);
        System.arraycopy("EFI PART".getBytes(), 0, d, 512, 8);
        le(d, 512 + 72, 2, 8); // entries at LBA 2
        le(d, 512 + 80, 4, 4); // 4 entries
        le(d, 512 + 84, 128, 4);
        int e0 = 2 * 512, e2 = 2 * 512 + 2 * 128;
        d[e0] = 1; // non-zero type GUID
        le(d, e0 + 32, 34, 8);
        le(d, e0 + 40, 99, 8);
        d[e2 + 5] = 7;
        le(d, e2 + 32, 100, 8);
        le(d, e2 + 40, 149, 8);
        assertEquals(List.of(new Partitions.Part(1, 34, 66), new Partitions.Part(3, 100, 50)),
                Partitions.scan(reader(d), 200));
    }
}
