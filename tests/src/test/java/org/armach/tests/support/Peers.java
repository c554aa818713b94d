package org.armach.tests.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.armach.boot.Main;

/** Locating project files, running armach in-process and QEMU as a peer process. */
public final class Peers {
    private Peers() {}

    /** The repository root (system property armach.root, else found by walking up). */
    public static Path root() {
        String p = System.getProperty("armach.root");
        if (p != null && Files.isDirectory(Paths.get(p, "glibc-shim"))) return Paths.get(p);
        Path d = Paths.get("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("glibc-shim"))) d = d.getParent();
        if (d == null) throw new IllegalStateException("cannot find the armach root");
        return d;
    }

    /** Whether CI asked for the tests that need peer tools (they fail instead of skipping). */
    public static boolean extended() {
        return "true".equals(System.getProperty("armach.extended")) || "1".equals(System.getenv("ARMACH_EXTENDED"));
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, tool))) return true;
        }
        return false;
    }

    /** Result of one run. */
    public static final class Run {
        public final int status;
        public final String out, err;

        public Run(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    /** Runs `armach args...` in-process with empty stdin. */
    public static Run armach(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int st;
        try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            st = Main.run(args, new ByteArrayInputStream(new byte[0]), po, pe);
        }
        return new Run(st, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command with a timeout, collecting stdout (stderr discarded into err). */
    public static Run process(long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        Path outF = Files.createTempFile("armach-peer", ".out");
        Path errF = Files.createTempFile("armach-peer", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(outF.toFile()).redirectError(errF.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Run(-1, Files.readString(outF), "timeout after " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(outF), Files.readString(errF));
        } finally {
            Files.deleteIfExists(outF);
            Files.deleteIfExists(errF);
        }
    }

    /** qemu-system-aarch64 on the virt board with a bare-metal ELF. */
    public static Run qemu(String cpu, Path elf, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-aarch64", "-M", "virt", "-cpu", cpu, "-m", "512M",
                "-nographic", "-no-reboot", "-monitor", "none", "-serial", "stdio", "-kernel", elf.toString()));
        return process(timeoutSeconds, cmd.toArray(new String[0]));
    }

    /** Normalises console output (CRLF from QEMU's stdio to LF). */
    public static List<String> lines(String s) {
        List<String> l = new ArrayList<>(List.of(s.replace("\r\n", "\n").split("\n", -1)));
        while (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) l.remove(l.size() - 1);
        return l;
    }
}
