package org.armach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key conformance test: every routine of msg-layouts-oldmig.txt that this project defines must
 * have exactly the layout the older MIG produced (descriptors, offsets, sizes).
 */
class LayoutConformanceTest {

    static Map<String, String> parseDump(String resource) throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        String current = null;
        StringBuilder sb = new StringBuilder();
        try (InputStream in = LayoutConformanceTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("### ")) {
                    if (current != null) blocks.put(current, sb.toString());
                    current = line.substring(4, line.indexOf(' ', 4));
                    sb = new StringBuilder();
                }
                if (current != null) sb.append(line).append('\n');
            }
        }
        if (current != null) blocks.put(current, sb.toString());
        return blocks;
    }

    /** Kernel routines in the dump (all but the Hurd interfaces io, fs, fsys, exec, auth, proc, startup, msg). */
    static final int KERNEL_ROUTINES_IN_DUMP = 132;

    @Test
    void everyDefinedRoutineMatchesTheOldMigDump() throws IOException {
        int matched = compare("msg-layouts-oldmig.txt", KernelDefs.routinesByName());
        assertEquals(KERNEL_ROUTINES_IN_DUMP, matched);
    }

    @Test
    void newMigStructEncodingMatchesTheNewMigDump() throws IOException {
        Map<String, Routine> ours = new LinkedHashMap<>();
        for (String f : KernelDefs.FILES)
            for (Routine r : DefsParser.builtin(f, StructEncoding.NEW_MIG).routines()) ours.put(r.name(), r);
        assertEquals(KERNEL_ROUTINES_IN_DUMP, compare("msg-layouts.txt", ours));
    }

    private static int compare(String resource, Map<String, Routine> ours) throws IOException {
        Map<String, String> dump = parseDump(resource);
        List<String> mismatches = new ArrayList<>();
        int matched = 0, missing = 0;
        for (Map.Entry<String, String> e : dump.entrySet()) {
            Routine r = ours.get(e.getKey());
            if (r == null) { missing++; continue; }
            String mine = LayoutFormatter.format(r);
            if (mine.equals(e.getValue())) matched++;
            else mismatches.add("expected:\n" + e.getValue() + "actual:\n" + mine);
        }
        System.out.printf("MIG layout conformance (%s): %d of %d dumped routines match; %d not defined here "
                + "(Hurd interfaces); %d mismatches%n", resource, matched, dump.size(), missing, mismatches.size());
        assertEquals(List.of(), mismatches, String.join("\n", mismatches));
        return matched;
    }
}
