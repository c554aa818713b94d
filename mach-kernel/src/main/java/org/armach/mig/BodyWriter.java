package org.armach.mig;

import java.nio.ByteBuffer;
import java.util.Map;

/** Writes message body items for a layout from Java values (the sender's view: dispositions). */
final class BodyWriter {
    private final ByteBuffer b;
    private final SlotCodec slots;
    private int off = MessageLayout.HEADER_SIZE;
    private boolean complex;

    private BodyWriter(ByteBuffer b, SlotCodec slots) {
        this.b = b;
        this.slots = slots;
    }

    /** Result: where the body ends (msgh_size) and whether it carries rights or OOL memory. */
    record Written(int size, boolean complex) {}

    static Written write(ByteBuffer b, MessageLayout layout, Map<String, Object> values,
                         Map<String, Integer> dispositions, SlotCodec slots) {
        BodyWriter w = new BodyWriter(b, slots);
        for (LayoutItem it : layout.items()) w.item(it, values.get(it.name()), dispositions.get(it.name()));
        return new Written(w.off, w.complex);
    }

    /**
     * The same from values by item position; {@code dispositions[i]} overrides the right type
     * of item i unless it is {@link #NO_DISPOSITION}.
     */
    static Written write(ByteBuffer b, MessageLayout layout, Object[] values, int[] dispositions, SlotCodec slots) {
        BodyWriter w = new BodyWriter(b, slots);
        for (int i = 0; i < values.length; i++) {
            int d = dispositions[i];
            w.item(layout.items().get(i), values[i], d == NO_DISPOSITION ? null : d);
        }
        return new Written(w.off, w.complex);
    }

    /** No disposition override for an item. */
    static final int NO_DISPOSITION = Integer.MIN_VALUE;

    private void item(LayoutItem it, Object v, Integer disposition) {
        MigType t = it.type();
        v = v == null ? defaultValue(t) : v;
        int name = nameFor(it, t, disposition);
        int number = InlineData.count(t, v);
        if (goesOutOfLine(t, v, number)) {
            outOfLine(it, t, v, name, number);
            return;
        }
        if (t.kind() != TypeKind.FIXED && number > t.maxInlineNumber())
            throw new IllegalArgumentException(it.name() + ": " + number + " elements exceed " + t.maxInlineNumber());
        b.putLong(off, Descriptor.forItem(t, name, number, true, false));
        int bytes = (int) (((long) number * Descriptor.wireBits(t, true) + 7) / 8);
        zero(off + 8, LayoutItem.pad8(bytes));
        InlineData.encode(b, off + 8, t, v, name, slots);
        complex |= t.isPort();
        off += 8 + LayoutItem.pad8(bytes);
    }

    private static int nameFor(LayoutItem it, MigType t, Integer disposition) {
        if (disposition != null) return disposition;
        if (t.polymorphicIn()) throw new IllegalArgumentException(it.name() + ": polymorphic right needs a disposition");
        return t.inName();
    }

    private static boolean goesOutOfLine(MigType t, Object v, int number) {
        if (t.kind().alwaysOutOfLine() || v instanceof OutOfLine) return true;
        return t.kind() == TypeKind.INDEFINITE && number > t.maxInlineNumber();
    }

    private void outOfLine(LayoutItem it, MigType t, Object v, int name, int number) {
        boolean dealloc = it.arg() != null && it.arg().dealloc() == Dealloc.ALWAYS;
        Object data = v;
        if (v instanceof OutOfLine) {
            OutOfLine o = (OutOfLine) v;
            data = o.data();
            dealloc |= o.dealloc();
        }
        b.putLong(off, Descriptor.forItem(t, name, number, false, dealloc));
        b.putLong(off + 8, slots.encodeOutOfLine(t, data, number, dealloc));
        complex = true;
        off += 16;
    }

    private void zero(int from, int n) {
        for (int i = 0; i < n; i++) b.put(from + i, (byte) 0);
    }

    private static Object defaultValue(MigType t) {
        if (t.cString()) return "";
        if (t.isPort()) return InlineData.scalar(t) ? null : new Object[0];
        if (InlineData.scalar(t)) return t.elemBits() == 64 ? (Object) 0L : (Object) 0;
        if (t.kind() == TypeKind.FIXED) return new byte[(t.number() * t.elemBits() + 7) / 8];
        return new int[0];
    }
}
