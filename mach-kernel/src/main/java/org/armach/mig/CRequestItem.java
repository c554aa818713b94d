package org.armach.mig;

/** C code that appends one request item at the cursor {@code P}. */
final class CRequestItem {
    private CRequestItem() {}

    static void write(CWriter w, LayoutItem it) {
        MigType t = it.type();
        String n = it.arg() == null ? "" : it.arg().name();
        w.line("/* " + it.name() + " */");
        if (it.role() == ItemRole.COUNT) { scalar(w, t, "*" + n + "Cnt"); return; }
        switch (t.kind()) {
            case FIXED: fixed(w, it, t, n); return;
            case BOUNDED: bounded(w, t, n); return;
            case INDEFINITE: indefinite(w, t, n); return;
            default: outOfLine(w, it, t, n);
        }
    }

    private static long desc(MigType t, int number, boolean inline) {
        return Descriptor.forItem(t, t.polymorphicIn() ? 0 : t.inName(), number, inline, false);
    }

    private static void fixed(CWriter w, LayoutItem it, MigType t, String n) {
        String v = it.arg().direction() == Direction.INOUT ? "*" + n : n;
        if (t.isPort()) {
            String d = CWriter.hex(desc(t, 1, true));
            w.line("__mig_put_desc(&P, " + (t.polymorphicIn() ? d + " | " + n + "Poly" : d) + ");");
            w.line("__mig_put_port(&P, " + v + ");");
        } else if (t.cString()) {
            w.line("__mig_put_desc(&P, " + CWriter.hex(desc(t, t.number(), true)) + ");");
            w.line("__mig_put_string(&P, " + v + ", " + LayoutCalculator.dataBytes(t) + ");");
        } else if (InlineData.scalar(t) && t.elemBits() >= 32) scalar(w, t, v);
        else {
            w.line("__mig_put_desc(&P, " + CWriter.hex(desc(t, t.number(), true)) + ");");
            w.line("__mig_put_bytes(&P, &" + v + ", " + LayoutCalculator.dataBytes(t) + ");");
        }
    }

    private static void scalar(CWriter w, MigType t, String v) {
        w.line("__mig_put_desc(&P, " + CWriter.hex(desc(t, 1, true)) + ");");
        w.line((t.elemBits() == 64 ? "__mig_put_u64(&P, " : "__mig_put_u32(&P, ") + v + ");");
    }

    private static void bounded(CWriter w, MigType t, String n) {
        String d = CWriter.hex(desc(t, 0, true));
        if (t.cString()) {
            w.line("{");
            w.line("unsigned int C = __mig_strnlen(" + n + ", " + (t.number() - 1) + ") + 1;");
            w.line("__mig_put_desc(&P, " + d + " | ((unsigned long long) C << 32));");
            w.line("__mig_put_bytes(&P, " + n + ", C);");
            w.line("}");
            return;
        }
        w.line("if (" + wireCount(t, n) + " > " + t.number() + ")");
        w.line("\treturn MIG_ARRAY_TOO_LARGE;");
        inlineArray(w, t, n, d);
    }

    private static void inlineArray(CWriter w, MigType t, String n, String d) {
        String c = wireCount(t, n);
        w.line("__mig_put_desc(&P, " + d + " | ((unsigned long long) " + c + " << 32));");
        if (t.isPort()) w.line("__mig_put_ports(&P, " + n + ", " + n + "Cnt);");
        else w.line("__mig_put_bytes(&P, " + n + ", " + c + " * " + (t.elemBits() / 8) + ");");
    }

    /** The wire element count of an array argument: its C elements times {@code unit}. */
    private static String wireCount(MigType t, String n) {
        return t.unit() > 1 ? "(" + n + "Cnt * " + t.unit() + ")" : n + "Cnt";
    }

    private static void indefinite(CWriter w, MigType t, String n) {
        w.line("if (" + wireCount(t, n) + " <= " + t.maxInlineNumber() + ") {");
        inlineArray(w, t, n, CWriter.hex(desc(t, 0, true)));
        w.line("} else {");
        w.line("__mig_put_desc(&P, " + CWriter.hex(desc(t, 0, false)) + " | ((unsigned long long) " + wireCount(t, n) + " << 32));");
        w.line("__mig_put_ptr(&P, (unsigned long) " + n + ");");
        w.line("}");
    }

    private static void outOfLine(CWriter w, LayoutItem it, MigType t, String n) {
        Dealloc dealloc = it.arg().dealloc();
        long d = Descriptor.forItem(t, t.polymorphicIn() ? 0 : t.inName(), 0, false, dealloc == Dealloc.ALWAYS);
        String count = t.kind() == TypeKind.OOL_FIXED ? "" : " | ((unsigned long long) " + wireCount(t, n) + " << 32)";
        String user = dealloc == Dealloc.USER ? " | (" + n + "Dealloc ? MACH_MSGT_DEALLOCATE : 0)" : "";
        w.line("__mig_put_desc(&P, " + CWriter.hex(d) + count + user + ");");
        w.line("__mig_put_ptr(&P, (unsigned long) " + n + ");");
    }
}
