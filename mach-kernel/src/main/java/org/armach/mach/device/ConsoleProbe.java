package org.armach.mach.device;

import java.util.List;

import org.armach.core.dt.DtNode;
import org.armach.core.mem.Bus;

/**
 * Picks the console driver from the device tree, as GNU Mach's AArch64 port does: the node
 * named by /chosen stdout-path (an alias such as "serial0:115200n8" resolved through /aliases,
 * or a path), driven by {@link Pl011Console} for "arm,pl011" and by {@link Uart16550Console}
 * for "snps,dw-apb-uart", "ns16550a", "ns16550" and "ns8250" (with its reg-shift and
 * reg-io-width). The address is the node's reg in its parent's #address-cells, through
 * identity "ranges" (simple-bus). The interrupt is its first GIC specifier.
 */
public final class ConsoleProbe {
    private ConsoleProbe() {}

    /** A console driver and the INTID of its receive interrupt. */
    public record Found(Console console, int intid, String path, String compatible) { }

    static final List<String> NS16550 = List.of("snps,dw-apb-uart", "ns16550a", "ns16550", "ns8250");

    /** The console of the tree rooted at {@code root}; IllegalArgumentException if none can be driven. */
    public static Found probe(DtNode root, Bus bus) {
        DtNode chosen = root.child("chosen");
        String sp = chosen == null ? null : chosen.getString("stdout-path");
        if (sp == null) throw new IllegalArgumentException("the device tree has no /chosen stdout-path: no console");
        int colon = sp.indexOf(':');
        String path = colon < 0 ? sp : sp.substring(0, colon);
        if (!path.startsWith("/")) {
            DtNode aliases = root.child("aliases");
            String p = aliases == null ? null : aliases.getString(path);
            if (p == null) throw new IllegalArgumentException("stdout-path " + sp + ": no such alias");
            path = p;
        }
        // walk the path, keeping the parent's #address-cells/#size-cells for reg
        DtNode n = root, parent = null;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            parent = n;
            n = n.child(part);
            if (n == null) throw new IllegalArgumentException("stdout-path " + sp + ": no node " + path);
        }
        if (parent == null) throw new IllegalArgumentException("stdout-path " + sp + " names the root");
        int ac = (int) parent.getCell("#address-cells", 2), sc = (int) parent.getCell("#size-cells", 1);
        long[] reg = n.getCells("reg");
        if (reg == null || reg.length < ac) throw new IllegalArgumentException(path + ": no reg");
        long base = 0;
        for (int i = 0; i < ac; i++) base = base << 32 | reg[i];
        List<String> compat = n.getStrings("compatible");
        if (compat == null) throw new IllegalArgumentException(path + ": no compatible");
        int intid = intid(n);
        for (String c : compat) {
            if (c.equals("arm,pl011")) return new Found(new Pl011Console(bus, base), intid, path, c);
            if (NS16550.contains(c)) {
                int shift = (int) n.getCell("reg-shift", 0), width = (int) n.getCell("reg-io-width", 1);
                return new Found(new Uart16550Console(bus, base, shift, width), intid, path, c);
            }
        }
        throw new IllegalArgumentException(path + ": no console driver for " + String.join(", ", compat));
    }

    /** GIC interrupt specifier {type, number, flags}: SPI (0) n → 32 + n, PPI (1) n → 16 + n; -1 if none. */
    static int intid(DtNode n) {
        long[] c = n.getCells("interrupts");
        if (c == null || c.length < 2) return -1;
        return (int) (c[0] == 1 ? 16 + c[1] : 32 + c[1]);
    }
}
