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
    /** Decoded values by item name, and the received msgt_name of every port item. */
    record Decoded(Map<String, Object> values, Map<String, Integer> names) {}

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
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> names = new HashMap<>();
        int off = MessageLayout.HEADER_SIZE;
        for (LayoutItem it : layout.items()) {
            need(off, 8, it);
            long w = b.getLong(off);
            check(it, w);
            int dataBytes = Descriptor.inline(w) ? bytes(w) : 8;
            need(off + 8, LayoutItem.pad8(dataBytes), it);
            values.put(it.name(), value(it, w, off + 8));
            names.put(it.name(), Descriptor.name(w));
            off += 8 + LayoutItem.pad8(dataBytes);
        }
        if (off != size) throw new MigException(error, "message size " + size + ", items end at " + off);
        return new Decoded(values, names);
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
