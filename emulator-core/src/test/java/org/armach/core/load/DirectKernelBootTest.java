package org.armach.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Placement rules checked against QEMU 7.2 (`info roms` of qemu-system-aarch64 -M virt). */
class DirectKernelBootTest {
    static final long RAM = 0x40000000L, MIB = 1L << 20;

    static DirectKernelBoot.Layout boot(byte[] kernel, byte[] initrd, long ram, TestImages.Recorder r) {
        return DirectKernelBoot.load(kernel, "kernel", initrd, "initrd", RAM, ram, r);
    }

    @Test
    void imageWithSmallTextOffsetGoesTo2MiB() {
        TestImages.Recorder r = new TestImages.Recorder();
        byte[] img = TestImages.image(0, 0x10000, 2 /* 4K pages */, TestImages.words(0xd503201f));
        DirectKernelBoot.Layout l = boot(img, new byte[100], 512 * MIB, r);
        assertTrue(l.isLinux);
        assertEquals("image", l.kind);
        assertEquals(0x40200000L, l.entry);
        assertEquals(0x10, r.byteAt(0x40200000L)); // first byte of "b +0x40"
        assertEquals(0x48000000L, l.initrdStart);
        assertEquals(100, l.initrdSize);
        assertEquals(0x48200000L, l.dtbStart);
    }

    @Test
    void imageTextOffsetAbove4KiBIsHonoured() {
        DirectKernelBoot.Layout l = boot(TestImages.image(0x80000, 0x10000, 0, new byte[16]), null, 512 * MIB, new TestImages.Recorder());
        assertEquals(0x40080000L, l.entry);
        assertEquals(0x48000000L, l.initrdStart);
        assertEquals(0x48000000L, l.dtbStart); // no initrd: DTB at the initrd position, 2 MiB aligned
    }

    @Test
    void imageWithoutSizeAndRawBinariesGoTo0x80000() {
        assertEquals(0x40080000L, boot(TestImages.image(0, 0, 0, new byte[16]), null, 512 * MIB, new TestImages.Recorder()).entry);
        DirectKernelBoot.Layout raw = boot(TestImages.words(0x14000000), null, 128 * MIB, new TestImages.Recorder());
        assertEquals("raw", raw.kind);
        assertEquals(0x40080000L, raw.entry);
        assertTrue(raw.isLinux);
        // 128 MiB: initrd position at RAM + 64 MiB
        assertEquals(0x44000000L, raw.initrdStart);
        assertEquals(0x44000000L, raw.dtbStart);
    }

    @Test
    void gzippedImageIsDecompressed() {
        TestImages.Recorder r = new TestImages.Recorder();
        byte[] img = TestImages.image(0, 0x10000, 0, TestImages.words(0x11223344));
        DirectKernelBoot.Layout l = boot(TestImages.gzip(img), null, 512 * MIB, r);
        assertEquals("image.gz", l.kind);
        assertEquals(0x40200000L, l.entry);
        assertEquals(0x44, r.byteAt(0x40200040L));
        assertThrows(ImageFormatException.class, () -> boot(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}, null, 512 * MIB, new TestImages.Recorder()));
    }

    @Test
    void bigKernelPushesInitrdAboveIt() {
        // image_size 200 MiB at 0x40200000: initrd goes to the end of the image, page aligned
        DirectKernelBoot.Layout l = boot(TestImages.image(0, 200 * MIB + 5, 0, new byte[16]), new byte[10], 512 * MIB, new TestImages.Recorder());
        assertEquals(0x40200000L + 200 * MIB + 4096, l.initrdStart);
        assertEquals(0x40200000L + 202 * MIB, l.dtbStart);
    }

    @Test
    void rejectsWhatDoesNotFit() {
        assertThrows(ImageFormatException.class, () -> boot(TestImages.image(0, 600 * MIB, 0, new byte[16]), null, 512 * MIB, new TestImages.Recorder()));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> boot(TestImages.image(0, 0x1000, 0, new byte[16]), new byte[(int) (65 * MIB)], 128 * MIB, new TestImages.Recorder()));
        assertTrue(e.getMessage().contains("too big"), e.getMessage());
        assertThrows(ImageFormatException.class, () -> boot(TestImages.image(0, 0x1000, 1 /* big-endian */, new byte[16]), null, 128 * MIB, new TestImages.Recorder()));
        assertThrows(ImageFormatException.class, () -> boot(new byte[0], null, 128 * MIB, new TestImages.Recorder()));
        byte[] uimage = new byte[128];
        uimage[0] = 0x27; uimage[1] = 0x05; uimage[2] = 0x19; uimage[3] = 0x56;
        assertTrue(assertThrows(ImageFormatException.class, () -> boot(uimage, null, 128 * MIB, new TestImages.Recorder())).getMessage().contains("uImage"));
    }

    @Test
    void elfKernelsAreEnteredDirectlyWithoutInitrd() {
        byte[] elf = TestImages.elf(0x40200000L, new TestImages.Seg(0x40200000L, TestImages.words(0x14000000), 4));
        TestImages.Recorder r = new TestImages.Recorder();
        DirectKernelBoot.Layout l = boot(elf, new byte[10], 512 * MIB, r);
        assertFalse(l.isLinux);
        assertEquals(0x40200000L, l.entry);
        assertEquals(0, l.initrdSize); // QEMU loads no initrd for ELF kernels
        assertEquals(RAM, l.dtbStart); // room below the image: DTB at the RAM base
        assertEquals(0x40200000L, l.dtbLimit);
        // image covering the RAM base: DTB at physical 0 (flash)
        byte[] low = TestImages.elf(0x40000000L, new TestImages.Seg(0x40000000L, TestImages.words(0x14000000), 4));
        assertEquals(0, boot(low, null, 512 * MIB, new TestImages.Recorder()).dtbStart);
    }

    @Test
    void bootStubMatchesQemu() {
        // words QEMU 7.2 writes at 0x40000000 (xp /10wx) for DTB 0x48200000 and entry 0x40080000
        int[] expect = {0x580000c0, 0xaa1f03e1, 0xaa1f03e2, 0xaa1f03e3, 0x58000084, 0xd61f0080, 0x48200000, 0, 0x40080000, 0};
        org.junit.jupiter.api.Assertions.assertArrayEquals(expect, BootStub.aarch64(0x48200000L, 0x40080000L));
        byte[] b = BootStub.aarch64Bytes(0x1_2345_6789L, 0);
        assertEquals(0x89, b[24] & 0xff);
        assertEquals(0x01, b[28] & 0xff);
    }
}
