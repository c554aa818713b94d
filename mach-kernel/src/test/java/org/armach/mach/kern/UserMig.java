package org.armach.mach.kern;

import java.util.Map;

import org.armach.mig.DefsParser;
import org.armach.mig.MigClient;
import org.armach.mig.MigReply;
import org.armach.mig.MigType;
import org.armach.mig.Routine;
import org.armach.mig.SlotCodec;

/** A user-side MIG client for tests: port slots are the caller's port names. */
final class UserMig implements SlotCodec {
    final MigClient client = new MigClient(this);

    static Routine routine(String defs, String name) {
        return DefsParser.builtin(defs).byName(name);
    }

    /** Polymorphic right arguments take their disposition from {@link #DISPOSITIONS} in {@code args}. */
    static final String DISPOSITIONS = "@dispositions";

    @SuppressWarnings("unchecked")
    byte[] request(String defs, String name, int dest, int reply, Map<String, Object> args) {
        Object d = args.get(DISPOSITIONS);
        if (d == null) return client.request(routine(defs, name), dest, reply, args);
        Map<String, Object> a = new java.util.HashMap<>(args);
        a.remove(DISPOSITIONS);
        return client.request(routine(defs, name), dest, reply, a, (Map<String, Integer>) d);
    }

    MigReply reply(String defs, String name, byte[] msg) {
        return client.reply(routine(defs, name), msg);
    }

    @Override public Object decodePort(int msgtName, long slot) { return (int) slot; }

    @Override public long encodePort(Object right, int disposition) { return right == null ? 0 : ((Integer) right) & 0xffffffffL; }

    @Override
    public Object decodeOutOfLine(MigType type, int msgtName, long pointer, int number, boolean dealloc) { return pointer; }

    @Override
    public long encodeOutOfLine(MigType type, Object data, int number, boolean dealloc) { return ((Number) data).longValue(); }
}
