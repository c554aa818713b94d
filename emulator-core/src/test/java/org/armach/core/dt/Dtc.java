package org.armach.core.dt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the device tree compiler for tests; tests that need it are skipped (visibly) when it is absent. */
public final class Dtc {
    private Dtc() {}

    private static Boolean available;

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("dtc", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }

    public static void assumeAvailable() {
        assumeTrue(available(), "dtc (device-tree-compiler) is not installed: skipping this test");
    }

    private static byte[] run(byte[] input, String... args) throws IOException, InterruptedException {
        Path in = Files.createTempFile("armach-dtc", ".in");
        Path out = Files.createTempFile("armach-dtc", ".out");
        try {
            Files.write(in, input);
            String[] cmd = new String[args.length + 4];
            cmd[0] = "dtc";
            System.arraycopy(args, 0, cmd, 1, args.length);
            cmd[args.length + 1] = "-o";
            cmd[args.length + 2] = out.toString();
            cmd[args.length + 3] = in.toString();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("dtc failed: " + log);
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    /** dtc -I dtb -O dts; fails the test if dtc rejects the blob. */
    public static String decompile(byte[] blob) throws IOException, InterruptedException {
        return new String(run(blob, "-q", "-I", "dtb", "-O", "dts"));
    }

    /** dtc -I dts -O dtb. */
    public static byte[] compile(String dts) throws IOException, InterruptedException {
        return run(dts.getBytes(), "-q", "-I", "dts", "-O", "dtb");
    }
}
