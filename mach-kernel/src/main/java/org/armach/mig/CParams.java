package org.armach.mig;

import java.util.ArrayList;
import java.util.List;

/** The C parameter list of a user stub, following MIG's conventions for each kind of argument. */
final class CParams {
    private CParams() {}

    static String cType(MigType t) { return t.isPort() && InlineData.scalar(t) ? "mach_port_t" : t.cType(); }

    /** Element C type of an array argument. */
    static String elemType(MigType t) { return t.isPort() ? "mach_port_t" : t.elemCType(); }

    static List<String> of(Routine r) {
        List<String> out = new ArrayList<>();
        for (Argument a : r.args()) add(out, a);
        return out;
    }

    private static void add(List<String> out, Argument a) {
        MigType t = a.type();
        String n = a.name();
        switch (a.direction()) {
            case REQUEST_PORT: case UREPLY_PORT: case REPLY_PORT: out.add("mach_port_t " + n); return;
            case IN: in(out, a, t, n); return;
            case OUT: out(out, t, n); return;
            case INOUT:
                if (!InlineData.scalar(t)) throw new DefsException(n + ": inout arrays are not supported");
                out.add(cType(t) + " *" + n);
                return;
            default: return;
        }
    }

    private static void in(List<String> out, Argument a, MigType t, String n) {
        if (t.kind() == TypeKind.FIXED) {
            out.add(cType(t) + " " + n);
            if (t.polymorphicIn()) out.add("mach_msg_type_name_t " + n + "Poly");
            return;
        }
        out.add(arrayType(t) + " " + n);
        if (!t.cString()) out.add("mach_msg_type_number_t " + n + "Cnt");
        if (a.dealloc() == Dealloc.USER) out.add("boolean_t " + n + "Dealloc");
    }

    private static void out(List<String> out, MigType t, String n) {
        if (t.kind() == TypeKind.FIXED) {
            out.add(t.cString() ? cType(t) + " " + n : cType(t) + " *" + n);
            if (t.polymorphicOut()) out.add("mach_msg_type_name_t *" + n + "Poly");
            return;
        }
        if (t.cString()) { out.add(arrayType(t) + " " + n); return; }
        out.add(t.kind() == TypeKind.BOUNDED ? arrayType(t) + " " + n : arrayType(t) + " *" + n);
        out.add("mach_msg_type_number_t *" + n + "Cnt");
    }

    /** C type of a variable array argument: the type's own name (a pointer typedef) or elem*. */
    static String arrayType(MigType t) {
        if (t.cString()) return "char *";
        return t.cType().equals("?") ? elemType(t) + " *" : t.cType();
    }
}
