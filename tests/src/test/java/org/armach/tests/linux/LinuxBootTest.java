package org.armach.tests.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.armach.boot.Main;
import org.armach.core.board.SerialConsole;
import org.armach.tests.support.Peers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boots Debian's arm64 Linux kernel (6.1, the package linux-image-arm64 points to) to a
 * busybox shell on the virt board, GICv2 and GICv3, with a virtio-blk disk: runs a few
 * commands (uname -m, /proc/cpuinfo, /proc/interrupts, ls /, a file written on the virtio
 * disk, sync, read back), powers off through PSCI and checks that the host sees the file's
 * bytes in the image.
 *
 * <p>The kernel, busybox and initramfs are not in git: {@code tests/linux/fetch.sh} downloads
 * them with apt and builds them in {@code $ARMACH_LINUX_DIR} (system property
 * {@code armach.linux.dir}; default {@code ~/.cache/armach-linux}). Without them the test is
 * skipped with the reason; in extended mode ({@code -Darmach.extended=true} or
 * {@code ARMACH_EXTENDED=1}, as CI runs) it fails instead.
 *
 * <p>{@code armachBoots} is armach in-process through the scripted console API
 * ({@code Main.startConsole} with {@code armach run}'s options, see {@link SerialConsole});
 * {@code qemuBoots} is the same script on
 * qemu-system-aarch64, checking the fetched files themselves (skipped without QEMU);
 * {@code armachBootsA64} boots the same kernel on {@code -M a64}. Run alone:
 * {@code mvn -o -pl tests -am test -Dtest=LinuxBootTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Property {@code armach.linux.timeout}: seconds to wait for the prompt (default 1800).
 */
@Tag("linux")
class LinuxBootTest {
    static final String PROMPT = "armach# ";
    static final String APPEND = "console=ttyAMA0 earlycon=pl011,0x9000000 cryptomgr.notests";
    static final String A64_APPEND = "console=ttyS0,115200 earlycon=uart8250,mmio32,0x01c28000 cryptomgr.notests";
    /** A runaway guest stops here (exit 3); a full boot to the prompt is about 0.3e9. */
    static final long MAX_INSNS = 6_000_000_000L;

    static Path linuxDir() {
        String p = System.getProperty("armach.linux.dir");
        if (p == null || p.isBlank()) p = System.getenv("ARMACH_LINUX_DIR");
        if (p == null || p.isBlank()) p = Paths.get(System.getProperty("user.home"), ".cache", "armach-linux").toString();
        return Paths.get(p);
    }

    /** The fetched files, or skips (fails in extended mode) naming what is missing. */
    static Path requireFiles() {
        Path d = linuxDir();
        List<String> missing = new ArrayList<>();
        for (String f : List.of("Image", "initramfs", "disk.img")) {
            if (!Files.isRegularFile(d.resolve(f))) missing.add(f);
        }
        if (!missing.isEmpty()) {
            String why = "Debian's arm64 kernel and busybox initramfs are not fetched (" + String.join(", ", missing)
                    + " missing in " + d + "): run tests/linux/fetch.sh";
            if (Peers.extended()) fail(why + " (extended mode requires them)");
            Assumptions.abort(why);
        }
        return d;
    }

    static long timeout() {
        return Long.getLong("armach.linux.timeout", 1800);
    }

    static List<String> machineArgs(Path d, int gic, Path disk) {
        return machineArgs(d, gic, disk, APPEND);
    }

    static List<String> machineArgs(Path d, int gic, Path disk, String append) {
        return new ArrayList<>(List.of("-M", "virt,gic-version=" + gic, "-cpu", "cortex-a53", "-m", "512M",
                "-nographic", "-no-reboot",
                "-kernel", d.resolve("Image").toString(), "-initrd", d.resolve("initramfs").toString(),
                "-append", append,
                "-drive", "if=none,file=" + disk + ",format=raw,id=hd0", "-device", "virtio-blk-device,drive=hd0"));
    }

    @ParameterizedTest(name = "gic-version={0}")
    @ValueSource(ints = {2, 3})
    void armachBoots(int gic, @TempDir Path tmp) throws Exception {
        Path d = requireFiles();
        Path disk = tmp.resolve("disk.img");
        Files.copy(d.resolve("disk.img"), disk, StandardCopyOption.REPLACE_EXISTING);
        List<String> args = machineArgs(d, gic, disk);
        args.addAll(List.of("--max-insns", Long.toString(MAX_INSNS)));
        script("armach", gic, disk, () -> new ArmachConsole(Main.startConsole(args.toArray(new String[0]))));
    }

    @ParameterizedTest(name = "gic-version={0}")
    @ValueSource(ints = {2, 3})
    void qemuBoots(int gic, @TempDir Path tmp) throws Exception {
        Path d = requireFiles();
        if (!Peers.onPath("qemu-system-aarch64")) {
            if (Peers.extended()) fail("qemu-system-aarch64 is not installed (extended mode requires it)");
            Assumptions.abort("qemu-system-aarch64 is not installed");
        }
        Path disk = tmp.resolve("disk.img");
        Files.copy(d.resolve("disk.img"), disk, StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = new ArrayList<>(List.of("qemu-system-aarch64"));
        cmd.addAll(machineArgs(d, gic, disk));
        script("qemu", gic, disk, () -> new QemuConsole(new SerialSession("qemu-gic" + gic, (in, out, err) -> process(cmd, in, out, err))));
    }

    /**
     * -M virt,virtualization=on (GICv3): the kernel is entered at EL2, its nVHE stub programs
     * the EL2 registers and drops to EL1 ("CPU: All CPU(s) started at EL2"); KVM gives up (no
     * stage 2 is emulated, ID_AA64MMFR0_EL1.TGran4_2 says so); PSCI goes over smc (poweroff).
     */
    @Test
    void armachBootsAtEl2(@TempDir Path tmp) throws Exception {
        Path d = requireFiles();
        Path disk = tmp.resolve("disk.img");
        Files.copy(d.resolve("disk.img"), disk, StandardCopyOption.REPLACE_EXISTING);
        List<String> args = machineArgs(d, 3, disk);
        args.set(1, "virt,gic-version=3,virtualization=on");
        args.addAll(List.of("--max-insns", Long.toString(MAX_INSNS)));
        try (Console s = new ArmachConsole(Main.startConsole(args.toArray(new String[0])))) {
            s.expect(PROMPT, timeout());
            String boot = SerialSession.clean.apply(s.output());
            assertTrue(boot.contains("CPU: All CPU(s) started at EL2"), "booted at EL2:\n" + boot);
            assertTrue(boot.contains("psci: PSCIv1.1 detected in firmware."), "PSCI over smc:\n" + boot);
            assertEquals("4", run(s, "echo $((2+2))").trim());
            s.sendLine("poweroff -f");
            assertEquals(0, s.awaitExit(300), "exit status after poweroff -f");
        }
    }

    /**
     * -M a64 (Allwinner A64 / A64-OLinuXino): the same kernel with the board's generated device
     * tree, console on UART0 through the 8250_dw driver. QEMU has no A64 model to compare with;
     * instead the console must show the SoC's compatible in /proc/device-tree, the 8250 driver
     * finding the DesignWare UART (64-byte FIFO: "U6_16550A", as on the real board, with the
     * 24 MHz clock: base_baud 1500000), interactive input through it, and PSCI over smc.
     */
    @Test
    void armachBootsA64() throws Exception {
        Path d = requireFiles();
        List<String> args = new ArrayList<>(List.of("-M", "a64", "-m", "512M", "-nographic", "-no-reboot",
                "-kernel", d.resolve("Image").toString(), "-initrd", d.resolve("initramfs").toString(),
                "-append", A64_APPEND, "--max-insns", Long.toString(MAX_INSNS)));
        long t0 = System.nanoTime();
        try (Console s = new ArmachConsole(Main.startConsole(args.toArray(new String[0])))) {
            s.expect("INITRAMFS-READY[^\\n]*\\n", timeout());
            s.expect(PROMPT, 300);
            double tPrompt = (System.nanoTime() - t0) / 1e9;
            String boot = SerialSession.clean.apply(s.output());
            assertTrue(boot.contains("Machine model: Olimex A64-Olinuxino"), "machine model:\n" + boot);
            assertTrue(boot.contains("earlycon: uart8250 at MMIO32 0x0000000001c28000"), "earlycon on UART0:\n" + boot);
            assertTrue(boot.matches("(?s).*1c28000\\.serial: ttyS0 at MMIO 0x1c28000 \\(irq = \\d+, base_baud = 1500000\\) is a U6_16550A.*"),
                    "8250_dw bound UART0:\n" + boot);
            assertTrue(boot.contains("psci: PSCIv1.1 detected in firmware."), "PSCI over smc:\n" + boot);
            assertEquals("olimex,a64-olinuxino allwinner,sun50i-a64", run(s, "tr '\\0' ' ' < /proc/device-tree/compatible; echo").trim(),
                    "/proc/device-tree/compatible");
            String irqs = run(s, "cat /proc/interrupts");
            assertTrue(irqs.matches("(?s).*GIC-0 +27 Level +arch_timer.*"), "virtual timer in /proc/interrupts:\n" + irqs);
            assertTrue(irqs.matches("(?s).*GIC-0 +32 Level +ttyS0.*"), "UART0 (SPI 0) in /proc/interrupts:\n" + irqs);
            assertEquals("4", run(s, "echo $((2+2))").trim());
            s.sendLine("poweroff -f");
            assertEquals(0, s.awaitExit(300), "exit status after poweroff -f");
            assertTrue(SerialSession.clean.apply(s.output()).contains("reboot: Power down"), "kernel's power-down message");
            System.out.printf(Locale.ROOT, "LinuxBootTest a64: prompt after %.1f s, powered off after %.1f s %s%n",
                    tPrompt, (System.nanoTime() - t0) / 1e9, s.stats());
        }
    }

    /**
     * The kernel's crypto self-tests (no cryptomgr.notests: a full boot, 0.9e9 instructions),
     * then those of the AdvSIMD and scalar-assembly crypto modules that need no Crypto Extension
     * (AES bit-sliced and table-based NEON, ChaCha, Poly1305, NHPoly1305, SHA-2, CRC-T10DIF with
     * 8-bit PMULL): real kernel code checking its own results against test vectors as it loads.
     */
    @Test
    void armachCryptoSelfTests(@TempDir Path tmp) throws Exception {
        Path d = requireFiles();
        Path disk = tmp.resolve("disk.img");
        Files.copy(d.resolve("disk.img"), disk, StandardCopyOption.REPLACE_EXISTING);
        List<String> args = machineArgs(d, 3, disk, APPEND.replace(" cryptomgr.notests", ""));
        args.addAll(List.of("--max-insns", Long.toString(MAX_INSNS)));
        long t0 = System.nanoTime();
        try (Console s = new ArmachConsole(Main.startConsole(args.toArray(new String[0])))) {
            s.expect(PROMPT, timeout());
            double tPrompt = (System.nanoTime() - t0) / 1e9;
            String boot = SerialSession.clean.apply(s.output());
            assertTrue(!boot.matches("(?s).*alg: .*(fail|error).*"), "a crypto self-test failed during boot:\n" + boot);
            s.sendLine("crypto-selftest");
            String out = SerialSession.clean.apply(s.expect("CRYPTO-SELFTEST-DONE\r?\n", 600));
            List<String> results = out.lines().filter(l -> l.matches("\\S+ \\S+") && !l.startsWith("crypto-selftest")).collect(Collectors.toList());
            for (String r : results) assertTrue(r.endsWith(" passed"), "self-test of " + r + "\n" + out);
            for (String drv : List.of("chacha20-neon", "xchacha12-neon", "poly1305-neon", "nhpoly1305-neon", "sha256-arm64-neon",
                    "sha512-arm64", "ctr-aes-neonbs", "xts-aes-neonbs", "essiv-cbc-aes-sha256-neon", "crct10dif-arm64-neon")) {
                assertTrue(results.contains(drv + " passed"), drv + " registered and passed its self-test:\n" + out);
            }
            s.expect(PROMPT, 60);
            String dmesg = run(s, "dmesg | grep 'alg:'");
            assertTrue(!dmesg.matches("(?s).*(fail|error).*"), "crypto self-test failures:\n" + dmesg);
            s.sendLine("poweroff -f");
            assertEquals(0, s.awaitExit(300), "exit status after poweroff -f");
            System.out.printf(Locale.ROOT, "LinuxBootTest crypto self-tests: prompt after %.1f s, %d module algorithms passed, powered off after %.1f s %s%n",
                    tPrompt, results.size(), (System.nanoTime() - t0) / 1e9, s.stats());
        }
    }

    /** What the script needs of a serial console. */
    interface Console extends AutoCloseable {
        /** Waits for {@code regex} after the previous match; returns the output up to its end. */
        String expect(String regex, long timeoutSeconds) throws Exception;
        void sendLine(String line) throws Exception;
        int awaitExit(long timeoutSeconds) throws Exception;
        String output();
        /** Instructions retired, or "" (after exit). */
        String stats();
    }

    interface ConsoleFactory {
        Console start() throws Exception;
    }

    /** armach in-process through the scripted console API. */
    static final class ArmachConsole implements Console {
        final SerialConsole con;
        ArmachConsole(SerialConsole con) { this.con = con; }
        int mark;
        @Override public String expect(String regex, long t) {
            con.expect(Pattern.compile(regex), Duration.ofSeconds(t)); // returns only the match
            int end = con.lastMatch().end();
            String text = con.output().substring(mark, end);
            mark = end;
            return text;
        }
        @Override public void sendLine(String line) { con.sendLine(line); }
        @Override public int awaitExit(long t) { return con.awaitExit(Duration.ofSeconds(t)); }
        @Override public String output() { return con.output(); }
        @Override public String stats() {
            return con.finished() ? String.format(Locale.ROOT, "(%.3f·10⁹ instructions)", con.machine().retired() / 1e9) : "";
        }
        @Override public void close() { con.close(); }
    }

    /** QEMU as a process. */
    static final class QemuConsole implements Console {
        final SerialSession s;
        QemuConsole(SerialSession s) { this.s = s; }
        @Override public String expect(String regex, long t) throws Exception { return s.expect(regex, t); }
        @Override public void sendLine(String line) throws Exception { s.sendLine(line); }
        @Override public int awaitExit(long t) throws Exception { return s.waitFor(t); }
        @Override public String output() { return s.console(); }
        @Override public String stats() { return ""; }
        @Override public void close() throws Exception { s.close(); }
    }

    /** The session: prompt, commands, poweroff, and the disk seen from the host. */
    static void script(String who, int gic, Path disk, ConsoleFactory machine) throws Exception {
        long t0 = System.nanoTime();
        String marker = "armach-linux-" + who + "-gic" + gic + "-" + Long.toHexString(System.nanoTime());
        try (Console s = machine.start()) {
            String boot = s.expect("INITRAMFS-READY[^\\n]*\\n", timeout());
            s.expect(PROMPT, 300);
            double tPrompt = (System.nanoTime() - t0) / 1e9;

            String uname = run(s, "uname -m");
            assertEquals("aarch64", uname.trim(), "uname -m");

            String cpuinfo = run(s, "cat /proc/cpuinfo");
            assertTrue(cpuinfo.contains("CPU part\t: 0xd03"), "cortex-a53 in /proc/cpuinfo:\n" + cpuinfo);
            assertTrue(cpuinfo.matches("(?s).*Features\t:.*\\bfp\\b.*\\basimd\\b.*"), "fp/asimd in /proc/cpuinfo:\n" + cpuinfo);

            String irqs = run(s, "cat /proc/interrupts");
            String gicName = gic == 2 ? "GIC-0" : "GICv3";
            assertTrue(irqs.matches("(?s).*" + gicName + " +27 Level +arch_timer.*"), "virtual timer in /proc/interrupts:\n" + irqs);
            assertTrue(irqs.matches("(?s).*" + gicName + " +33 Level +uart-pl011.*"), "PL011 in /proc/interrupts:\n" + irqs);
            assertTrue(irqs.matches("(?s).*" + gicName + " +\\d+ Edge +virtio0.*"), "virtio0 in /proc/interrupts:\n" + irqs);

            String ls = run(s, "ls /");
            for (String f : List.of("bin", "dev", "init", "proc", "sys")) {
                assertTrue(ls.matches("(?s).*\\b" + f + "\\b.*"), f + " in ls /:\n" + ls);
            }

            assertEquals("", run(s, "mount -t minix /dev/vda /mnt"), "mount the virtio disk");
            assertEquals("", run(s, "echo " + marker + " > /mnt/hello.txt"));
            assertEquals("", run(s, "sync"));
            assertEquals(marker, run(s, "cat /mnt/hello.txt").trim(), "the file read back");
            assertEquals("", run(s, "umount /mnt"));

            s.sendLine("poweroff -f");
            int status = s.awaitExit(300);
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "LinuxBootTest %s gic-version=%d: prompt after %.1f s, powered off after %.1f s %s%n",
                    who, gic, tPrompt, total, s.stats());
            assertEquals(0, status, "exit status after poweroff -f (PSCI SYSTEM_OFF)");
            assertTrue(SerialSession.clean.apply(s.output()).contains("reboot: Power down"), "kernel's power-down message");
            assertTrue(boot.contains("Run /init as init process"), "the kernel ran /init");
        }
        byte[] image = Files.readAllBytes(disk);
        assertTrue(indexOf(image, (marker + "\n").getBytes(StandardCharsets.US_ASCII)) >= 0,
                "the host sees the file written on the virtio disk in " + disk);
        if (Peers.onPath("fsck.minix")) {
            Peers.Run r = Peers.process(60, "fsck.minix", "-fs", disk.toString());
            assertEquals(0, r.status, "fsck.minix on the image after the session:\n" + r.out + r.err);
        }
    }

    /** Runs one shell command; returns its output (the lines between the echo and the next prompt). */
    static String run(Console s, String cmd) throws Exception {
        s.sendLine(cmd);
        String out = SerialSession.clean.apply(s.expect(PROMPT, 600));
        int echo = out.indexOf(cmd + "\n");
        if (echo < 0) {
            String all = s.output();
            throw new AssertionError("no echo of '" + cmd + "' in:\n" + out + "\n--- console tail ---\n" + all.substring(Math.max(0, all.length() - 1500)));
        }
        out = out.substring(echo + cmd.length() + 1);
        return out.substring(0, out.length() - PROMPT.length()).replaceAll("\n$", "");
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** QEMU as a process, its console on stdio (mon:stdio, so Ctrl-A x stops it). */
    static int process(List<String> cmd, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        Thread pumpOut = pump(p.getInputStream(), out);
        Thread pumpErr = pump(p.getErrorStream(), err);
        Thread pumpIn = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                byte[] b = new byte[256];
                int n;
                while ((n = in.read(b)) > 0) { o.write(b, 0, n); o.flush(); }
            } catch (IOException e) {
                // QEMU has stopped
            }
        });
        pumpIn.setDaemon(true);
        pumpIn.start();
        int st = p.waitFor();
        pumpOut.join();
        pumpErr.join();
        return st;
    }

    static Thread pump(InputStream from, PrintStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // ended
            }
            to.flush();
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
