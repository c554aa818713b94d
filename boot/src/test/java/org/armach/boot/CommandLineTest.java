package org.armach.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.armach.core.dt.DtNode;
import org.armach.core.dt.FdtReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** armach as a command: exit statuses and one-line messages. */
class CommandLineTest {
    @TempDir
    Path dir;

    static void assertOneLineError(CliTestSupport.Result r) {
        assertEquals(2, r.status, r.toString());
        String[] lines = r.err.split("\n");
        assertEquals(1, lines.length, "exactly one line expected: " + r);
        assertTrue(lines[0].startsWith("armach: "), r.toString());
        assertTrue(!r.err.contains("Exception") && !r.err.contains("\tat "), "no stack trace: " + r);
        assertEquals("", r.out, r.toString());
    }

    @Test
    void versionAndHelp() {
        CliTestSupport.Result v = CliTestSupport.run("--version");
        assertEquals(0, v.status);
        assertTrue(v.out.startsWith("armach "), v.out);
        CliTestSupport.Result h = CliTestSupport.run("--help");
        assertEquals(0, h.status);
        assertTrue(h.out.contains("run"), h.out);
        CliTestSupport.Result rh = CliTestSupport.run("run", "--help");
        assertEquals(0, rh.status);
        assertTrue(rh.out.contains("-kernel") && rh.out.contains("-device") && rh.out.contains("--max-insns"), rh.out);
    }

    @Test
    void badOptionsExit2WithOneLine() throws Exception {
        Path k = CliTestSupport.write(dir, "k.elf", CliTestSupport.elf(0x40200000L, 0x14000000));
        String ks = k.toString();
        String[][] cases = {
            {},
            {"frobnicate"},
            {"run", "-bogus"},
            {"run", "-kernel"},
            {"run"},
            {"run", "-kernel", dir.resolve("missing").toString()},
            {"run", "-kernel", dir.toString()},
            {"run", "-kernel", ks, "-m", "lots"},
            {"run", "-kernel", ks, "-m", "1T"},
            {"run", "-kernel", ks, "-cpu", "cortex-a57"},
            {"run", "-kernel", ks, "-cpu", "max,pauth=off"},
            {"run", "-kernel", ks, "-machine", "pc"},
            {"run", "-kernel", ks, "-machine", "virt,gic-version=4"},
            {"run", "-kernel", ks, "-machine", "virt,virtualization=on"}, // needs gic-version=3
            {"run", "-kernel", ks, "-machine", "virt,secure=on"},
            {"run", "-kernel", ks, "-machine", "virt,frob=1"},
            {"run", "-kernel", ks, "-smp", "2"},
            {"run", "-kernel", ks, "-S"}, // no debugger to start the CPU
            {"run", "-kernel", ks, "-gdb", "tcp:1234"},
            {"run", "-kernel", ks, "-gdb", "pty"},
            {"run", "-kernel", ks, "-gdb", "tcp::99999"},
            {"run", "-kernel", ks, "-gdb", "tcp::1234,telnet"},
            {"run", "-kernel", ks, "-d", "in_asm,bogus"},
            {"run", "-kernel", ks, "-D", "trace.log"}, // -D without -d
            {"run", "-kernel", ks, "--java-mach"},
            {"run", "-kernel", ks, "-device", "virtio-blk-device"},
            {"run", "-kernel", ks, "-device", "guest-loader,kernel=" + ks},
            {"run", "-kernel", ks, "-device", "guest-loader,addr=0x4000"},
            {"run", "-kernel", ks, "-device", "guest-loader,addr=0x4000,kernel=" + ks + ",initrd=" + ks},
            {"run", "-kernel", ks, "-device", "guest-loader,addr=0x4000,kernel=/nonexistent/file"},
            {"run", "-kernel", ks, "-device", "guest-loader,addr=0x4000,kernel=" + ks + ",speed=9"},
            {"run", "-kernel", ks, "-serial", "file:out.txt"},
            {"run", "-kernel", ks, "--clock", "sundial"},
            {"run", "-kernel", ks, "--jit", "maybe"},
            {"run", "-kernel", ks, "--max-insns", "many"},
            {"run", "-kernel", ks, "--max-insns", "-5"},
            {"run", "-kernel", ks, "-initrd", dir.resolve("nope").toString()},
        };
        for (String[] c : cases) assertOneLineError(CliTestSupport.run(c));
    }

    @Test
    void badImagesExit2WithOneLine() throws Exception {
        byte[] elf = CliTestSupport.elf(0x40200000L, 0x14000000);
        byte[] truncated = java.util.Arrays.copyOf(elf, 40);
        byte[] wrongMachine = elf.clone();
        wrongMachine[18] = 62;
        byte[] outside = CliTestSupport.elf(0x10000000L, 0x14000000); // neither RAM nor flash
        byte[] badDtb = {1, 2, 3, 4};
        Path d = CliTestSupport.write(dir, "bad.dtb", badDtb);
        byte[][] kernels = {truncated, wrongMachine, outside, new byte[0]};
        for (int i = 0; i < kernels.length; i++) {
            Path p = CliTestSupport.write(dir, "k" + i, kernels[i]);
            CliTestSupport.Result r = CliTestSupport.run("run", "-kernel", p.toString());
            assertEquals(2, r.status, "kernel " + i + ": " + r);
            assertOneLineError(r);
        }
        Path good = CliTestSupport.write(dir, "good", elf);
        assertOneLineError(CliTestSupport.run("run", "-kernel", good.toString(), "-dtb", d.toString()));
        // a module overlapping the kernel
        assertOneLineError(CliTestSupport.run("run", "-kernel", good.toString(), "-device", "guest-loader,addr=0x40200000,kernel=" + good));
    }

    @Test
    void maxInsnsStopsWithStatus3AndStats() throws Exception {
        Path k = CliTestSupport.write(dir, "loop.elf", CliTestSupport.elf(0x40200000L, 0x14000000));
        CliTestSupport.Result r = CliTestSupport.run("run", "-M", "virt", "-cpu", "cortex-a53", "-m", "256M", "-kernel", k.toString(),
                "-nographic", "--max-insns", "5000", "--stats");
        assertEquals(3, r.status, r.toString());
        String[] lines = r.err.trim().split("\n");
        assertEquals(2, lines.length, r.toString());
        assertTrue(lines[0].contains("armach: stopped after 5000 instructions"), r.toString());
        assertTrue(lines[1].matches("armach: stats instructions=5000 seconds=[0-9.]+ mips=[0-9.]+ cpu-seconds=[0-9.]+"), r.toString());
        // the same with the block compiler off: same stop, same count
        CliTestSupport.Result off = CliTestSupport.run("run", "-M", "virt", "-cpu", "cortex-a53", "-m", "256M", "-kernel", k.toString(),
                "-nographic", "--max-insns", "5000", "--stats", "--jit", "off");
        assertEquals(3, off.status, off.toString());
        assertTrue(off.err.contains("armach: stats instructions=5000 "), off.toString());
    }

    @Test
    void stuckGuestEndsWithStatus1() throws Exception {
        Path k = CliTestSupport.write(dir, "udf.elf", CliTestSupport.elf(0x40200000L, 0));
        CliTestSupport.Result r = CliTestSupport.run("run", "-kernel", k.toString(), "-serial", "stdio");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.startsWith("armach: the guest is stuck"), r.toString());
    }

    @Test
    void consoleEscapeQuits() throws Exception {
        Path k = CliTestSupport.write(dir, "loop.elf", CliTestSupport.elf(0x40200000L, 0x14000000));
        CliTestSupport.Result r = CliTestSupport.runWithInput("\u0001x", "run", "-kernel", k.toString(), "-nographic");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.contains("armach: terminated"), r.toString());
    }

    @Test
    void dumpDtbWritesTheBlobAndExits() throws Exception {
        Path out = dir.resolve("virt.dtb");
        CliTestSupport.Result r = CliTestSupport.run("run", "-M", "virt,gic-version=3", "-m", "512M", "-append", "console=ttyAMA0", "--dump-dtb", out.toString());
        assertEquals(0, r.status, r.toString());
        DtNode t = FdtReader.read(Files.readAllBytes(out));
        assertEquals("arm,gic-v3", t.find("intc@8000000").getString("compatible"));
        assertEquals("console=ttyAMA0", t.find("chosen").getString("bootargs"));
        Path k = CliTestSupport.write(dir, "k.elf", CliTestSupport.elf(0x40200000L, 0x14000000));
        Path mod = CliTestSupport.write(dir, "mod", "payload".getBytes());
        Path out2 = dir.resolve("q.dtb");
        r = CliTestSupport.run("run", "-machine", "virt,dumpdtb=" + out2, "-kernel", k.toString(),
                "-device", "guest-loader,kernel=" + mod + ",bootargs=mod a b,addr=0x4000");
        assertEquals(0, r.status, r.toString());
        DtNode m = FdtReader.read(Files.readAllBytes(out2)).find("chosen/module@0x00004000");
        assertEquals("mod a b", m.getString("bootargs"));
    }
}
