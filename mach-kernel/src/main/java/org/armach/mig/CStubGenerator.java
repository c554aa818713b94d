package org.armach.mig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Generates C user stubs for guest code: {@code <name>.h} and {@code <name>User.c} per subsystem. */
public final class CStubGenerator {
    private CStubGenerator() {}

    /** File name → content, in a fixed order (output is deterministic). */
    public static Map<String, String> generate(Subsystem s) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(s.name() + ".h", CHeaderWriter.header(s));
        files.put(s.name() + "User.c", CUserWriter.user(s));
        return files;
    }

    /** Writes the files of a subsystem into a directory (created if needed). */
    public static void write(Subsystem s, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        for (Map.Entry<String, String> e : generate(s).entrySet())
            Files.writeString(outDir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
}
