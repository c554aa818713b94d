package org.armach.core.dt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device-tree node: a name (with unit address, e.g. {@code pl011@9000000}), properties in
 * insertion order and child nodes in order. Property values are raw big-endian bytes as in
 * the flattened form; the typed setters build them.
 */
public final class DtNode {
    private final String name;
    private final Map<String, byte[]> props = new LinkedHashMap<>();
    private final List<DtNode> children = new ArrayList<>();

    public DtNode(String name) {
        if (name == null || name.indexOf('/') >= 0) throw new IllegalArgumentException("bad node name: " + name);
        this.name = name;
    }

    public String name() { return name; }

    /** The name without the unit address. */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    // ---- properties ---------------------------------------------------------------------

    public DtNode prop(String key, byte[] value) {
        props.put(key, value.clone());
        return this;
    }

    /** An empty (boolean) property such as {@code interrupt-controller}. */
    public DtNode flag(String key) { return prop(key, new byte[0]); }

    /** One or more 32-bit cells. */
    public DtNode cells(String key, long... cells) {
        byte[] b = new byte[4 * cells.length];
        for (int i = 0; i < cells.length; i++) putBe32(b, 4 * i, (int) cells[i]);
        return prop(key, b);
    }

    /** 64-bit values, each as two cells. */
    public DtNode u64s(String key, long... values) {
        byte[] b = new byte[8 * values.length];
        for (int i = 0; i < values.length; i++) {
            putBe32(b, 8 * i, (int) (values[i] >>> 32));
            putBe32(b, 8 * i + 4, (int) values[i]);
        }
        return prop(key, b);
    }

    /** A string list: each string NUL-terminated, concatenated. */
    public DtNode strings(String key, String... values) {
        int len = 0;
        byte[][] parts = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            parts[i] = values[i].getBytes(StandardCharsets.UTF_8);
            len += parts[i].length + 1;
        }
        byte[] b = new byte[len];
        int p = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, b, p, part.length);
            p += part.length + 1;
        }
        return prop(key, b);
    }

    public DtNode string(String key, String value) { return strings(key, value); }

    /**
     * Sets a property the way libfdt's fdt_setprop does: an existing property keeps its place,
     * a new one goes before the node's other properties.
     */
    public DtNode propFirst(String key, byte[] value) {
        if (props.containsKey(key)) return prop(key, value);
        Map<String, byte[]> old = new LinkedHashMap<>(props);
        props.clear();
        props.put(key, value.clone());
        props.putAll(old);
        return this;
    }

    public DtNode remove(String key) {
        props.remove(key);
        return this;
    }

    public boolean has(String key) { return props.containsKey(key); }

    /** Raw value, or null if absent. */
    public byte[] get(String key) {
        byte[] v = props.get(key);
        return v == null ? null : v.clone();
    }

    /** Property names in order. */
    public List<String> propNames() { return List.copyOf(props.keySet()); }

    /** The value as a list of NUL-terminated strings, or null if absent. */
    public List<String> getStrings(String key) {
        byte[] v = props.get(key);
        if (v == null) return null;
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                out.add(new String(v, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < v.length) out.add(new String(v, start, v.length - start, StandardCharsets.UTF_8));
        return out;
    }

    public String getString(String key) {
        List<String> s = getStrings(key);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    /** The value as 32-bit cells (unsigned), or null if absent. */
    public long[] getCells(String key) {
        byte[] v = props.get(key);
        if (v == null) return null;
        long[] c = new long[v.length / 4];
        for (int i = 0; i < c.length; i++) c[i] = getBe32(v, 4 * i) & 0xffffffffL;
        return c;
    }

    /** A single-cell property, or {@code dflt} if absent or not one cell. */
    public long getCell(String key, long dflt) {
        long[] c = getCells(key);
        return c == null || c.length != 1 ? dflt : c[0];
    }

    // ---- children -----------------------------------------------------------------------

    public DtNode add(DtNode child) {
        if (child(child.name) != null) throw new IllegalArgumentException("duplicate node " + child.name + " in " + name);
        children.add(child);
        return child;
    }

    /** Inserts a child before the existing ones (where libfdt's fdt_add_subnode puts it). */
    public DtNode addFirst(DtNode child) {
        if (child(child.name) != null) throw new IllegalArgumentException("duplicate node " + child.name + " in " + name);
        children.add(0, child);
        return child;
    }

    /** Adds a new child node with this name and returns it. */
    public DtNode node(String childName) { return add(new DtNode(childName)); }

    public DtNode child(String childName) {
        for (DtNode c : children) if (c.name.equals(childName)) return c;
        return null;
    }

    public boolean removeChild(String childName) {
        return children.removeIf(c -> c.name.equals(childName));
    }

    public List<DtNode> children() { return Collections.unmodifiableList(children); }

    /** Looks up a node by absolute-style path relative to this one ("chosen", "/cpus/cpu@0"). */
    public DtNode find(String path) {
        DtNode n = this;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            n = n.child(part);
            if (n == null) return null;
        }
        return n;
    }

    /** Returns the child with this name, creating it (appended) if absent. */
    public DtNode childOrCreate(String childName) {
        DtNode c = child(childName);
        return c != null ? c : node(childName);
    }

    static void putBe32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getBe32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    @Override
    public String toString() { return "DtNode(" + name + ")"; }
}
