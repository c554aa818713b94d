package org.armach.mig;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks a received message body against a layout, checking every descriptor as MIG-generated code
 * does, and decodes the item values. Descriptors are checked from the receiver's view (converted
 * right names, e.g. PORT_SEND for a COPY_SEND argument).
 */
final class BodyReader {
    /** Decoded values and received msgt_names, by item position in {@code layout}. */
    record Decoded(MessageLayout layout, Object[] values, int[] names) {
        /** The values by item name (for callers that are not on a hot path). */
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) m.put(layout.items().get(i).name(), values[i]);
            return m;
        }
    }

    private final ByteBuffer b;
    private final int size;
    private final SlotCodec slots;
    private final int error;

    private BodyReader(ByteBuffer b, int size, SlotCodec slots, int error) {
        this.b = b;
        this.size = size;
        this.slots = slots;
        this.error = error;
    }

    /** Decodes the body; rejects it with {@code error} (a MIG code) if it does not fit the layout. */
    static Decoded read(ByteBuffer b, int size, MessageLayout layout, SlotCodec slots, int error) {
        return new BodyReader(b, size, slots, error).walk(layout);
    }

    private Decoded walk(MessageLayout layout) {
        int n = layout.items().size();
        Object[] values = new Object[n];
        int[] names = new int[n];
        int off = MessageLayout.HEADER_SIZE;
        for (int i = 0; i < n; i++) {
            LayoutItem it = layout.items().get(i);
            need(off, 8, it);
            long w = b.getLong(off);
            check(it, w);
            int dataBytes = Descriptor.inline(w) ? bytes(w) : 8;
            need(off + 8, LayoutItem.pad8(dataBytes), it);
            values[i] = value(it, w, off + 8);
            names[i] = Descriptor.name(w);
            off += 8 + LayoutItem.pad8(dataBytes);
        }
        if (off != size) throw new MigException(error, "message size " + size + ", items end at " + off);
        return new Decoded(layout, values, names);
    }

    private static int bytes(long w) {
        return (int) (((long) Descriptor.number(w) * Descriptor.bits(w) + 7) / 8);
    }

    private void need(int off, int n, LayoutItem it) {
        if (off + n > size) throw new MigException(error, "message too short for " + it.name());
    }

    private Object value(LayoutItem it, long w, int off) {
        MigType t = it.type();
        int name = Descriptor.name(w), number = Descriptor.number(w);
        if (!Descriptor.inline(w)) {
            Object data = slots.decodeOutOfLine(t, name, b.getLong(off), number, Descriptor.dealloc(w));
            return new OutOfLine(data, number, Descriptor.dealloc(w));
        }
        return InlineData.decode(b, off, t, name, number, slots);
    }

    private void check(LayoutItem it, long w) {
        if (!DescriptorCheck.accepts(it.type(), w)) {
            throw new MigException(error, "bad descriptor for " + it.name() + ": " + Descriptor.toString(w));
        }
    }
}
