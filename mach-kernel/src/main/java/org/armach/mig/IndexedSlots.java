package org.armach.mig;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple {@link SlotCodec}: every slot is an index (1-based, 0 = null) into a table of objects.
 * Useful for tests and for Java-to-Java messages that never reach a guest.
 */
public final class IndexedSlots implements SlotCodec {
    private final List<Object> table = new ArrayList<>();

    public long put(Object o) {
        if (o == null) return 0;
        table.add(o);
        return table.size();
    }

    public Object get(long slot) {
        return slot <= 0 || slot > table.size() ? null : table.get((int) slot - 1);
    }

    @Override public Object decodePort(int msgtName, long slot) { return get(slot); }

    @Override public long encodePort(Object right, int disposition) { return put(right); }

    @Override
    public Object decodeOutOfLine(MigType type, int msgtName, long pointer, int number, boolean dealloc) {
        return get(pointer);
    }

    @Override
    public long encodeOutOfLine(MigType type, Object data, int number, boolean dealloc) { return put(data); }
}
