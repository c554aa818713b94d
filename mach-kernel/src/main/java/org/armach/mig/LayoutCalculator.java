package org.armach.mig;

import java.util.ArrayList;
import java.util.List;

/** Computes request and reply layouts as the older MIG lays them out for 64-bit GNU Mach. */
public final class LayoutCalculator {
    /** {@code kern_return_t}: the type of RetCode. */
    public static final MigType RETCODE_TYPE = new MigType("kern_return_t", "kern_return_t", "kern_return_t",
            TypeKind.FIXED, "INTEGER_32", "INTEGER_32", 32, 1, 1, false, null);
    /** {@code mach_msg_type_number_t}: the type of CountInOut counts. */
    public static final MigType COUNT_TYPE = new MigType("mach_msg_type_number_t", "mach_msg_type_number_t",
            "mach_msg_type_number_t", TypeKind.FIXED, "INTEGER_32", "INTEGER_32", 32, 1, 1, false, null);

    private LayoutCalculator() {}

    public static MessageLayout request(Routine r) {
        Builder b = new Builder();
        for (Argument a : r.args()) {
            if (a.inRequestBody()) b.add(ItemRole.ARG, a.name(), a, a.type());
            else if (a.direction() == Direction.OUT && a.countInOut()) b.add(ItemRole.COUNT, a.name() + "Cnt", a, COUNT_TYPE);
        }
        return b.build(r, true);
    }

    /** The reply layout; simple routines have none (null). */
    public static MessageLayout reply(Routine r) {
        if (r.simple()) return null;
        Builder b = new Builder();
        b.add(ItemRole.RETCODE, "RetCode", null, RETCODE_TYPE);
        for (Argument a : r.args()) if (a.inReplyBody()) b.add(ItemRole.ARG, a.name(), a, a.type());
        return b.build(r, false);
    }

    /** Maximum inline data bytes of an item of this type (8 for a pointer). */
    public static int dataBytes(MigType t) {
        if (t.kind().alwaysOutOfLine()) return 8;
        long bits = (long) t.maxInlineNumber() * t.elemBits();
        return (int) ((bits + 7) / 8);
    }

    private static final class Builder {
        private final List<LayoutItem> items = new ArrayList<>();
        private int off = MessageLayout.HEADER_SIZE;
        private int min = MessageLayout.HEADER_SIZE;
        private boolean afterVariable;

        void add(ItemRole role, String name, Argument a, MigType t) {
            LayoutItem it = new LayoutItem(role, name, a, t, off, dataBytes(t), afterVariable);
            items.add(it);
            off += it.span();
            min += it.variableInline() ? 8 : it.span();
            afterVariable |= it.variableInline();
        }

        MessageLayout build(Routine r, boolean request) {
            return new MessageLayout(r, request, items, min, off);
        }
    }
}
