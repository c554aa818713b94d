package org.armach.mig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed MIG subsystem: its routines by index (null for {@code skip}) and its types. */
public final class Subsystem {
    private final String name;
    private final int base;
    private final List<Routine> slots;
    private final Map<String, MigType> types;
    private final String userPrefix;
    private final String serverPrefix;

    public Subsystem(String name, int base, List<Routine> slots, Map<String, MigType> types,
                     String userPrefix, String serverPrefix) {
        this.name = name;
        this.base = base;
        this.slots = Collections.unmodifiableList(new ArrayList<>(slots));
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.userPrefix = userPrefix;
        this.serverPrefix = serverPrefix;
    }

    public String name() { return name; }

    public int base() { return base; }

    /** Number of message ids the subsystem spans (routines and skips). */
    public int size() { return slots.size(); }

    /** Routine at an index, or null for a skip. */
    public Routine slot(int index) { return slots.get(index); }

    /** Routines only, in id order. */
    public List<Routine> routines() {
        List<Routine> out = new ArrayList<>();
        for (Routine r : slots) if (r != null) out.add(r);
        return out;
    }

    /** Routine by request msgh_id, or null for skips and ids out of range. */
    public Routine byId(int id) {
        int i = id - base;
        return i < 0 || i >= slots.size() ? null : slots.get(i);
    }

    /** Routine by name, or null. */
    public Routine byName(String routineName) {
        for (Routine r : slots) if (r != null && r.name().equals(routineName)) return r;
        return null;
    }

    public Map<String, MigType> types() { return types; }

    public String userPrefix() { return userPrefix; }

    public String serverPrefix() { return serverPrefix; }
}
