package org.armach.mig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's kernel interface definitions, parsed once for the tests. */
final class KernelDefs {
    static final List<String> FILES = List.of("mach.defs", "mach_port.defs", "mach_host.defs", "gnumach.defs",
            "mach4.defs", "device.defs", "exc.defs", "notify.defs", "memory_object.defs", "mach_aarch64.defs");

    private static List<Subsystem> all;

    private KernelDefs() {}

    static synchronized List<Subsystem> all() {
        if (all == null) {
            all = new ArrayList<>();
            for (String f : FILES) all.add(DefsParser.builtin(f));
        }
        return all;
    }

    static Subsystem get(String name) {
        for (Subsystem s : all()) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException(name);
    }

    static Map<String, Routine> routinesByName() {
        Map<String, Routine> m = new LinkedHashMap<>();
        for (Subsystem s : all()) for (Routine r : s.routines()) m.put(r.name(), r);
        return m;
    }
}
