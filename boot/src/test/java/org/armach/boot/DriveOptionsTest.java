package org.armach.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** QEMU's -drive / -device virtio-blk-device syntax. */
class DriveOptionsTest {
    @TempDir
    Path dir;
    Path kernel, a, b;

    @BeforeEach
    void files() throws Exception {
        kernel = dir.resolve("k.elf");
        // writes 'A' to the PL011, then SYSTEM_OFF
        Files.write(kernel, CliTestSupport.elf(0x40200000L, 0xd2a12001, 0x52800822, 0xb9000022, 0xd2800100, 0xf2b08000, 0xd4000002, 0x14000000));
        a = dir.resolve("a.img");
        b = dir.resolve("b.img");
        Files.write(a, new byte[4096]);
        Files.write(b, new byte[8192]);
    }

    RunCommand.Settings parse(String... args) {
        PrintStream nul = new PrintStream(java.io.OutputStream.nullOutputStream());
        RunCommand rc = new RunCommand(new ByteArrayInputStream(new byte[0]), nul, nul);
        CommandLine cl = new CommandLine(rc);
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.parseArgs(args);
        return rc.settings();
    }

    @Test
    void ifNoneWithDeviceAndOrderAsQemu() {
        RunCommand.Settings s = parse("-kernel", kernel.toString(),
                "-drive", "file=" + a + ",if=none,id=hd0,format=raw",
                "-drive", "file=" + b + ",format=raw,readonly=on",   // if=virtio by default on virt
                "-drive", "if=none,id=hd1,file=" + b + ",format=raw,cache=none,readonly=off",
                "-device", "virtio-blk-device,drive=hd1,serial=S1",
                "-device", "virtio-blk-device,drive=hd0");
        // explicit -device ones first (in order), then the if=virtio drives
        assertEquals(3, s.blockDevices.size());
        assertEquals(b.toString(), s.blockDevices.get(0).drive.file);
        assertEquals("S1", s.blockDevices.get(0).serial);
        assertFalse(s.blockDevices.get(0).drive.readOnly);
        assertEquals(a.toString(), s.blockDevices.get(1).drive.file);
        assertNull(s.blockDevices.get(1).serial);
        assertTrue(s.blockDevices.get(2).drive.readOnly);
        assertEquals("virtio", s.blockDevices.get(2).drive.iface);
        // an unused if=none drive is fine
        assertEquals(0, parse("-kernel", kernel.toString(), "-drive", "file=" + a + ",if=none,id=x,format=raw").blockDevices.size());
        // a file name with a comma, QEMU style
        assertEquals("x,y.img", parse("-kernel", kernel.toString(), "-drive", "file=x,,y.img,if=none,id=q").drives.get("q").file);
    }

    @Test
    void bootsWithDisksAndClosesThem() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("run", "-nographic", "-kernel", kernel.toString(),
                "-drive", "file=" + a + ",if=none,id=hd0,format=raw", "-device", "virtio-blk-device,drive=hd0",
                "-drive", "file=" + b + ",format=raw,if=virtio,readonly=on");
        assertEquals(0, r.status, r.toString());
        assertEquals("A", r.out);
        assertEquals("", r.err);
        // closed (and unlocked) after the run: can be opened again for writing
        try (org.armach.core.dev.virtio.BlockBackend x = org.armach.core.dev.virtio.BlockBackend.open(a, false)) {
            assertEquals(8, x.sectors());
        }
    }

    @Test
    void missingFormatWarnsAndUsesRaw() {
        CliTestSupport.Result r = CliTestSupport.run("run", "-nographic", "-kernel", kernel.toString(), "-drive", "file=" + a);
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.contains("warning: image format was not specified for '" + a + "'"), r.err);
    }

    @Test
    void errorsAreOneLineWithStatus2() throws Exception {
        Path unreadable = dir.resolve("nope.img");
        Path ro = dir.resolve("ro.img");
        Files.write(ro, new byte[512]);
        ro.toFile().setWritable(false);
        boolean root = ro.toFile().canWrite(); // root can write anyway
        List<String[]> bad = new java.util.ArrayList<>(List.of(
                new String[] {"-drive", "file=" + unreadable + ",if=none,id=hd0,format=raw", "-device", "virtio-blk-device,drive=hd0"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0,format=qcow2"},
                new String[] {"-drive", "file=" + a + ",if=ide"},
                new String[] {"-drive", "if=none,id=hd0"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0", "-drive", "file=" + b + ",if=none,id=hd0"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0,bogus=1"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0,readonly=maybe"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0,snapshot=on"},
                new String[] {"-drive", "file=" + a + ",media=cdrom"},
                new String[] {"-device", "virtio-blk-device"},
                new String[] {"-device", "virtio-blk-device,drive=nothere"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0", "-device", "virtio-blk-device,drive=hd0", "-device", "virtio-blk-device,drive=hd0"},
                new String[] {"-drive", "file=" + a + ",id=hd0", "-device", "virtio-blk-device,drive=hd0"},
                new String[] {"-drive", "file=" + a + ",if=none,id=hd0", "-device", "virtio-blk-device,drive=hd0,scsi=on"},
                new String[] {"-drive", "file=" + dir + ",if=virtio,format=raw"},
                new String[] {"-device", "virtio-blk-pci,drive=hd0"}));
        String[] expect = {"No such file or directory", "format 'qcow2' is not supported", "if=ide is not supported", "missing file=",
                "Duplicate ID 'hd0'", "unknown parameter 'bogus'", "expects 'on' or 'off'", "snapshot=on", "media=cdrom",
                "drive property not set", "can't find value 'nothere'", "it's in use", "it's in use", "unknown property 'scsi'",
                "Is a directory", "unsupported device"};
        if (!root) {
            bad.add(new String[] {"-drive", "file=" + ro + ",format=raw"});
            expect = java.util.Arrays.copyOf(expect, expect.length + 1);
            expect[expect.length - 1] = "Permission denied (use readonly=on";
        }
        for (int i = 0; i < bad.size(); i++) {
            String[] args = new String[bad.get(i).length + 3];
            args[0] = "run";
            args[1] = "-kernel";
            args[2] = kernel.toString();
            System.arraycopy(bad.get(i), 0, args, 3, bad.get(i).length);
            CliTestSupport.Result r = CliTestSupport.run(args);
            assertEquals(2, r.status, String.join(" ", args) + " -> " + r);
            assertTrue(r.err.startsWith("armach: "), r.err);
            assertEquals(1, r.err.strip().split("\n").length, r.err);
            assertTrue(r.err.contains(expect[i]), "expected '" + expect[i] + "' in " + r.err);
        }
    }

    @Test
    void aLockedImageIsRefused() throws Exception {
        try (org.armach.core.dev.virtio.BlockBackend held = org.armach.core.dev.virtio.BlockBackend.open(a, false)) {
            CliTestSupport.Result r = CliTestSupport.run("run", "-kernel", kernel.toString(), "-drive", "file=" + a + ",format=raw");
            assertEquals(2, r.status, r.toString());
            assertTrue(r.err.contains("lock"), r.err);
        }
    }
}
