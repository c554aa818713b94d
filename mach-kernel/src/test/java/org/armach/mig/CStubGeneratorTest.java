package org.armach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated C user stubs: deterministic, committed copies up to date, and compilable for the guest. */
class CStubGeneratorTest {
    static Path root() {
        String p = System.getProperty("armach.root");
        Path r = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        return Files.isDirectory(r.resolve("glibc-shim")) ? r : r.getParent();
    }

    @Test
    void outputIsDeterministic() {
        for (String f : KernelDefs.FILES) {
            Map<String, String> a = CStubGenerator.generate(DefsParser.builtin(f));
            Map<String, String> b = CStubGenerator.generate(DefsParser.builtin(f));
            assertEquals(a, b, f);
        }
    }

    @Test
    void committedStubsAreUpToDate() throws IOException {
        Path dir = root().resolve("glibc-shim/mig");
        List<String> stale = new ArrayList<>();
        for (Subsystem s : KernelDefs.all()) {
            for (Map.Entry<String, String> e : CStubGenerator.generate(s).entrySet()) {
                Path p = dir.resolve(e.getKey());
                if (!Files.exists(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) stale.add(e.getKey());
            }
        }
        assertEquals(List.of(), stale, "regenerate with: java -cp mach-kernel/target/classes org.armach.mig.Main "
                + "mach-kernel/src/main/defs/<name>.defs glibc-shim/mig");
    }

    @Test
    void stubsCarryTheLayoutConstants() {
        String c = CStubGenerator.generate(KernelDefs.get("mach")).get("machUser.c");
        assertTrue(c.contains("Mess.Head.msgh_id = 2021;"));
        assertTrue(c.contains("MACH_MSGH_BITS(19, 21)"));
        assertTrue(c.contains("if (Mess.Head.msgh_id != 2121)"));
        assertTrue(c.contains("if (Mess.Head.msgh_size != 64 || Mess.Head.msgh_size > sizeof(Mess))"));
    }

    @Test
    void stubsCompileForTheGuest(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("aarch64-linux-gnu-gcc"), "aarch64-linux-gnu-gcc not installed: C compile check skipped");
        for (Subsystem s : KernelDefs.all()) CStubGenerator.write(s, tmp);
        Path include = root().resolve("glibc-shim/include");
        for (Subsystem s : KernelDefs.all()) {
            String src = tmp.resolve(s.name() + "User.c").toString();
            Process p = new ProcessBuilder("aarch64-linux-gnu-gcc", "-c", "-ffreestanding", "-nostdlib", "-O2",
                    "-Wall", "-Wextra", "-Werror", "-I" + include, "-I" + tmp, "-o", src + ".o", src)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), s.name() + ":\n" + out);
        }
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, exe))) return true;
        return false;
    }
}
