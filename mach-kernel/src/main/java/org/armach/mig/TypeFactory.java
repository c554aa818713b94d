package org.armach.mig;

import java.util.List;

/** Builds {@link MigType}s from the pieces of a MIG type specification. */
final class TypeFactory {
    private final StructEncoding encoding;

    TypeFactory(StructEncoding encoding) { this.encoding = encoding; }

    /** {@code MACH_MSG_TYPE_X[|Y]} or {@code (X[|Y], bits)}: one element of a basic type. */
    MigType basic(String inSym, String outSym, int bits) {
        String in = strip(inSym), out = outSym == null ? MsgTypes.receivedSymbol(in) : strip(outSym);
        if (bits <= 0) bits = defaultBits(in);
        boolean str = in.equals("STRING") || in.equals("STRING_C");
        String ctype = str ? "char" : "?";
        return new MigType("?", ctype, ctype, TypeKind.FIXED, in, out, bits, 1, 1, str, null);
    }

    static String strip(String sym) {
        if (sym.equalsIgnoreCase("polymorphic")) return "POLYMORPHIC";
        return sym.startsWith("MACH_MSG_TYPE_") ? sym.substring(14) : sym;
    }

    private static int defaultBits(String sym) {
        Integer code = MsgTypes.code(sym);
        if (code == null) throw new DefsException("unknown message type " + sym);
        if (code == MsgTypes.POLYMORPHIC || MsgTypes.isPortRight(code)) return 64;
        switch (code) {
            case MsgTypes.INTEGER_16: return 16;
            case MsgTypes.CHAR: case MsgTypes.BYTE: case MsgTypes.STRING: return 8;
            case MsgTypes.INTEGER_64: return 64;
            default: return 32;
        }
    }

    /** {@code array[N]}, {@code array[*:N]}, {@code array[]} or their {@code ^} (out-of-line) forms. */
    MigType array(MigType elem, TypeKind kind, int count) {
        boolean ool = kind.alwaysOutOfLine();
        int bits = elem.isPort() && ool ? 32 : elem.elemBits();
        int number = count * elem.number();
        return new MigType("?", "?", elem.cType(), kind, elem.inSymbol(), elem.outSymbol(), bits, number,
                elem.number(), false, null);
    }

    /** {@code c_string[N]} or {@code c_string[*:N]}. */
    MigType cString(int max, boolean variable) {
        return new MigType("?", "?", "char", variable ? TypeKind.BOUNDED : TypeKind.FIXED, "STRING_C", "STRING_C",
                8, max, 1, true, null);
    }

    /** {@code struct[N] of T}: N copies of T, keeping T's element type. */
    MigType structOf(MigType elem, int count) {
        return new MigType("?", "?", elem.cType(), TypeKind.FIXED, elem.inSymbol(), elem.outSymbol(),
                elem.elemBits(), count * elem.number(), 1, false, null);
    }

    /** {@code struct { T a; U b[2]; ... }}: encoded by its C size and alignment. */
    MigType struct(List<MigType> fields, List<Integer> counts) {
        int size = 0, align = 1;
        for (int i = 0; i < fields.size(); i++) {
            MigType f = fields.get(i);
            int a = Math.max(1, Math.min(8, f.elemBits() / 8));
            int bytes = (f.elemBits() * f.number() + 7) / 8 * counts.get(i);
            size = roundUp(size, a) + bytes;
            align = Math.max(align, a);
        }
        size = roundUp(size, align);
        if (align < 8) return unitStruct(align, size);
        MigType old = new MigType("?", "?", "?", TypeKind.FIXED, "BYTE", "BYTE", 8, size, 1, false, null);
        MigType neu = new MigType("?", "?", "?", TypeKind.FIXED, "INTEGER_64", "INTEGER_64", 64, size / 8, 1, false, null);
        MigType primary = encoding == StructEncoding.OLD_MIG ? old : neu;
        MigType other = encoding == StructEncoding.OLD_MIG ? neu : old;
        return new MigType("?", "?", "?", TypeKind.FIXED, primary.inSymbol(), primary.outSymbol(),
                primary.elemBits(), primary.number(), 1, false, other);
    }

    private static MigType unitStruct(int align, int size) {
        String sym = align == 4 ? "INTEGER_32" : align == 2 ? "INTEGER_16" : "BYTE";
        return new MigType("?", "?", "?", TypeKind.FIXED, sym, sym, align * 8, size / align, 1, false, null);
    }

    static int roundUp(int v, int a) { return (v + a - 1) / a * a; }
}
