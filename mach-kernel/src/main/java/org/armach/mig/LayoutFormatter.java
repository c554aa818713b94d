package org.armach.mig;

/**
 * Renders layouts in the notation of {@code protocols/msg-layouts-oldmig.txt} (the dump of the
 * older MIG's user stubs), so computed layouts can be compared with it line by line.
 * One quirk of that dump is kept: replies show out-of-line port arrays with the inline element
 * size 64 although the kernel delivers 32-bit names (and sets msgt_size 32).
 */
public final class LayoutFormatter {
    private LayoutFormatter() {}

    /** The three (or two, for simple routines) lines describing one routine. */
    public static String format(Routine r) {
        MessageLayout req = LayoutCalculator.request(r);
        MessageLayout rep = LayoutCalculator.reply(r);
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(r.name()).append(" id=").append(r.id()).append(" reqsize=")
                .append(req.fixedSize() ? String.valueOf(req.maxSize()) : "var").append('\n');
        sb.append(line("REQ", req)).append('\n');
        if (rep != null) sb.append(line("REP", rep)).append("   ").append(replySize(rep)).append('\n');
        return sb.toString();
    }

    private static String replySize(MessageLayout rep) {
        return rep.fixedSize() ? "[replysize != " + rep.maxSize() + "]" : "[replysize < " + rep.minSize() + "]";
    }

    private static String line(String tag, MessageLayout m) {
        StringBuilder sb = new StringBuilder("  ").append(tag).append("  Head@0(32)");
        for (LayoutItem it : m.items()) {
            sb.append(" | ").append(it.name()).append(":").append(descriptor(it, m.request()))
                    .append(" | ").append(it.afterVariable() ? "~@" : "@").append(it.dataOffset())
                    .append(' ').append(data(it));
        }
        return sb.toString();
    }

    private static String descriptor(LayoutItem it, boolean request) {
        MigType t = it.type();
        String sym = request ? t.inSymbol() : t.outSymbol();
        if (!request && t.polymorphicOut()) sym = "?";
        int bits = !request && t.isPort() ? 64 : t.elemBits();
        String n = count(t, request);
        return "{" + sym + " sz=" + bits + " n=" + n + (t.kind().alwaysOutOfLine() ? " OOL" : "")
                + (t.longForm() ? " LONG" : "") + "}";
    }

    private static String count(MigType t, boolean request) {
        switch (t.kind()) {
            case FIXED: case OOL_FIXED: return String.valueOf(t.number());
            case OOL: return request ? "0" : "var";
            default: return request ? String.valueOf(t.maxInlineNumber()) : "var";
        }
    }

    private static String data(LayoutItem it) {
        MigType t = it.type();
        if (it.outOfLine()) return t.cType();
        String elem = t.isPort() ? "mach_port_name_inlined_t" : t.elemCType();
        if (it.variableInline()) {
            return elem + "[var<= " + t.maxInlineNumber() + "x" + (t.elemBits() / 8) + "B, or 8B ptr if OOL]";
        }
        if (t.isPort()) return elem;
        int pad = LayoutItem.pad8(it.dataBytes()) - it.dataBytes();
        return t.cType() + (pad > 0 ? "+pad" + pad : "");
    }
}
