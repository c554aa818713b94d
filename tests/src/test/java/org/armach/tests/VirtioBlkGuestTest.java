package org.armach.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.armach.boot.Main;
import org.armach.core.board.SerialConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glibc-shim/prebuilt/virtio-blk.elf} drives a virtio-blk disk through virtio-mmio from
 * guest code; its console output must equal QEMU 7.2's ({@code glibc-shim/golden/virtio-blk.txt},
 * made with {@code -global virtio-mmio.force-legacy=false} and the same options) and the image
 * must end up as on QEMU.
 */
class VirtioBlkGuestTest {
    static final int SECTORS = 128;

    @TempDir
    Path dir;

    static byte[] image() {
        byte[] d = new byte[SECTORS * 512];
        for (int i = 0; i < 512; i++) d[i] = (byte) i;
        return d;
    }

    @Test
    void guestOutputAndImageMatchQemu() throws Exception {
        Path root = DifferentialGuestTest.root();
        Path img = dir.resolve("disk.img");
        Files.write(img, image());
        String golden = Files.readString(root.resolve("glibc-shim/golden/virtio-blk.txt"), StandardCharsets.UTF_8);
        try (SerialConsole c = Main.startConsole("-M", "virt", "-cpu", "max", "-no-reboot",
                "-kernel", root.resolve("glibc-shim/prebuilt/virtio-blk.elf").toString(),
                "-drive", "file=" + img + ",if=none,id=hd0,format=raw",
                "-device", "virtio-blk-device,drive=hd0,serial=ARMACH-SERIAL-123456789")) {
            c.expect("virtio-blk: done\n", Duration.ofSeconds(60));
            assertEquals(0, c.awaitExit(Duration.ofSeconds(60)));
            assertEquals(golden, c.output());
        }
        byte[] f = Files.readAllBytes(img);
        byte[] expect = image();
        for (int i = 0; i < 512; i++) expect[512 + i] = (byte) (0xa5 ^ i);
        for (int i = 0; i < 512; i++) expect[(SECTORS - 1) * 512 + i] = (byte) (0x3c + i);
        assertArrayEquals(expect, f);
    }

    @Test
    void readOnlyDriveAndIfVirtioShorthand() throws Exception {
        Path root = DifferentialGuestTest.root();
        Path img = dir.resolve("ro.img");
        Files.write(img, image());
        try (SerialConsole c = Main.startConsole("-M", "virt", "-cpu", "max", "-no-reboot",
                "-kernel", root.resolve("glibc-shim/prebuilt/virtio-blk.elf").toString(),
                "-drive", "file=" + img + ",if=virtio,format=raw,readonly=on")) {
            c.expect("features: VERSION_1 1 FLUSH 1 RO 1", Duration.ofSeconds(60));
            c.expect("write sector 1: status 1", Duration.ofSeconds(60));
            c.expect("read back sector 1: status 0 DIFFERS", Duration.ofSeconds(60));
            c.expect("get id: status 0 id \"\"", Duration.ofSeconds(60));
            c.expect("virtio-blk: done", Duration.ofSeconds(60));
            assertEquals(0, c.awaitExit(Duration.ofSeconds(60)));
        }
        assertTrue(Arrays.equals(image(), Files.readAllBytes(img)), "a read-only image is never written");
    }
}
