package org.armach.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.armach.core.board.GuestModule;
import org.armach.core.board.VirtConfig;
import org.armach.core.cpu.CpuModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** QEMU command lines (the seed's, with qemu-system-aarch64 replaced by armach run) parse and mean the same. */
class OptionParsingTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.write(dir.resolve("gnumach"), CliTestSupport.elf(0x40200000L, 0x14000000));
        Files.createDirectories(dir.resolve("tests"));
        for (String t : List.of("hello", "gsync", "vm")) Files.write(dir.resolve("tests/module-" + t), ("module " + t).getBytes());
    }

    /** Parses `armach run args` (file names relative to the temp dir) without running. */
    RunCommand.Settings parse(String... args) {
        String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].replace("gnumach", dir.resolve("gnumach").toString())
                    .replace("kernel=tests/", "kernel=" + dir.resolve("tests") + "/")
                    .replace("initrd=tests/", "initrd=" + dir.resolve("tests") + "/");
        }
        PrintStream nul = new PrintStream(java.io.OutputStream.nullOutputStream());
        RunCommand rc = new RunCommand(new ByteArrayInputStream(new byte[0]), nul, nul);
        CommandLine cl = new CommandLine(rc);
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.parseArgs(a);
        return rc.settings();
    }

    // The seed's test command, as the shell passes it (the quotes joined into one argument).
    static final String SEED_DEVICE = "guest-loader,kernel=tests/module-hello,bootargs=module-hello${host-port} ${device-port} $(task-create) $(task-resume),addr=0x4000";

    @Test
    void seedTestCommandLine() {
        RunCommand.Settings s = parse("-m", "1G", "-machine", "virt", "-cpu", "max", "-kernel", "gnumach",
                "-nographic", "-append", "foo=bar", "-device", SEED_DEVICE);
        VirtConfig c = s.config;
        assertEquals(1L << 30, c.ramSize);
        assertEquals(CpuModel.MAX, c.cpuModel);
        assertEquals(2, c.gicVersion);
        assertEquals("foo=bar", c.append);
        assertArrayEquals(CliTestSupport.elf(0x40200000L, 0x14000000), c.kernel);
        assertEquals(1, c.modules.size());
        GuestModule m = c.modules.get(0);
        assertEquals(0x4000, m.addr);
        assertTrue(m.kernel);
        assertEquals("module-hello${host-port} ${device-port} $(task-create) $(task-resume)", m.bootargs);
        assertArrayEquals("module hello".getBytes(), m.data);
        assertEquals("mon:stdio", s.serial);
        assertFalse(c.psciSmc);
        assertNull(c.initrd);
    }

    @Test
    void seedLoopCommandLineWithTrailingSpaceInBootargs() {
        for (String t : List.of("gsync", "vm")) {
            RunCommand.Settings s = parse("-m", "1G", "-machine", "virt", "-cpu", "max", "-kernel", "gnumach", "-nographic",
                    "-append", "foo=bar", "-device",
                    "guest-loader,kernel=tests/module-" + t + ",bootargs=module-" + t + " ${host-port} ${device-port} $(task-create) $(task-resume),addr=0x4000");
            assertEquals("module-" + t + " ${host-port} ${device-port} $(task-create) $(task-resume)", s.config.modules.get(0).bootargs);
        }
    }

    @Test
    void doubledCommasAreLiteral() {
        RunCommand.Settings s = parse("-kernel", "gnumach", "-device", "guest-loader,addr=0x40000000,,kernel=x".replace("addr=0x40000000,,kernel=x", "kernel=tests/module-hello,bootargs=a,,b,,,,c,addr=0x48000000"));
        assertEquals("a,b,,c", s.config.modules.get(0).bootargs);
        assertEquals(0x48000000L, s.config.modules.get(0).addr);
    }

    @Test
    void repeatedDevicesKeepTheirOrder() {
        RunCommand.Settings s = parse("-kernel", "gnumach", "-device", "guest-loader,kernel=tests/module-hello,addr=0x4000",
                "-device", "guest-loader,initrd=tests/module-vm,addr=0x48000000");
        assertEquals(2, s.config.modules.size());
        assertFalse(s.config.modules.get(1).kernel);
    }

    @Test
    void machineProperties() {
        assertEquals(3, parse("-M", "virt,gic-version=3").config.gicVersion);
        assertEquals(3, parse("-machine", "virt,gic-version=max").config.gicVersion);
        assertEquals(3, parse("-machine", "virt,gic-version=host").config.gicVersion);
        assertEquals(2, parse("-machine", "type=virt,gic-version=2,virtualization=off,secure=off").config.gicVersion);
        assertEquals(3, parse("-machine", "virt", "-machine", "gic-version=3").config.gicVersion);
        assertEquals("x.dtb", parse("-machine", "virt,dumpdtb=x.dtb").machineDumpDtb);
        parse("-machine", "virt-7.2");
    }

    @Test
    void a64Board() {
        var s = parse("-M", "a64", "-m", "2G", "-kernel", "gnumach");
        assertEquals(VirtConfig.BoardType.A64, s.config.board);
        assertTrue(s.config.psciSmc, "ATF's PSCI is reached by smc");
        assertEquals(2L << 30, s.config.ramSize);
        UsageException e = assertThrows(UsageException.class, () -> parse("-M", "a64", "-m", "3G", "-kernel", "gnumach"));
        assertTrue(e.getMessage().contains("at most 2G"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("-M", "a64,gic-version=3", "-kernel", "gnumach"));
        assertTrue(e.getMessage().contains("GIC-400"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("-M", "a64", "-cpu", "max", "-kernel", "gnumach"));
        assertTrue(e.getMessage().contains("cortex-a53"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("-M", "a64", "-kernel", "gnumach", "-drive", "file=gnumach,format=raw"));
        assertTrue(e.getMessage().contains("no virtio-mmio"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("-M", "a64,virtualization=on", "-kernel", "gnumach"));
        assertTrue(e.getMessage().contains("virtualization"), e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("-M", "orangepi-pc", "-kernel", "gnumach"));
        assertTrue(e.getMessage().contains("supported: virt, a64"), e.getMessage());
    }

    @Test
    void virtualizationOnEntersAtEl2WithPsciOverSmc() {
        var s = parse("-M", "virt,gic-version=3,virtualization=on");
        assertTrue(s.config.virtualization);
        assertTrue(s.config.psciSmc, "QEMU's virt uses the smc conduit with EL2");
        var off = parse("-M", "virt,gic-version=3");
        assertFalse(off.config.virtualization);
        assertFalse(off.config.psciSmc);
    }

    @Test
    void memorySizes() {
        assertEquals(1L << 30, RunCommand.ramSize("1G"));
        assertEquals(512L << 20, RunCommand.ramSize("512M"));
        assertEquals(512L << 20, RunCommand.ramSize("512"));
        assertEquals(512L << 20, RunCommand.ramSize("512m"));
        assertEquals(256L << 20, RunCommand.ramSize("size=256M"));
        assertEquals(3L << 29, RunCommand.ramSize("1.5G"));
        assertEquals(106496, RunCommand.ramSize("100K")); // rounded up to 8 KiB as QEMU does
        assertEquals(128L << 20, new VirtConfig().ramSize);
        assertThrows(UsageException.class, () -> RunCommand.ramSize("lots"));
        assertThrows(UsageException.class, () -> RunCommand.ramSize("0"));
        assertThrows(UsageException.class, () -> RunCommand.ramSize("1T"));
        assertThrows(UsageException.class, () -> RunCommand.ramSize("1G,slots=2"));
    }

    @Test
    void cpuModelsAndClock() {
        assertEquals(CpuModel.CORTEX_A53, parse("-kernel", "gnumach").config.cpuModel);
        assertEquals(CpuModel.CORTEX_A72, parse("-cpu", "cortex-a72").config.cpuModel);
        assertTrue(parse("--clock", "host").config.hostClock);
        assertFalse(parse("--clock", "virtual").config.hostClock);
        assertEquals(1000, parse("--max-insns", "1000").maxInsns);
        assertEquals("stdio", parse("-serial", "stdio").serial);
        assertEquals("none", parse("-serial", "none").serial);
        parse("-smp", "1");
        parse("-smp", "cpus=1,sockets=1,cores=1,threads=1");
        parse("-no-reboot");
    }

    @Test
    void qemuOptsSplitting() {
        assertEquals(List.of("a", "b,c", ""), QemuOpts.split("a,b,,c,"));
        assertEquals("virt", QemuOpts.parse("-M", "virt,x=1", "type").get("type"));
        assertEquals(0x4000, QemuOpts.uint("o", "addr", "0x4000"));
        assertEquals(8, QemuOpts.uint("o", "addr", "010"));
        assertEquals(16384, QemuOpts.uint("o", "addr", "16384"));
        assertThrows(UsageException.class, () -> QemuOpts.uint("o", "addr", "0x"));
        assertThrows(UsageException.class, () -> QemuOpts.parse("-device", "guest-loader,addr", "driver"));
    }
}
