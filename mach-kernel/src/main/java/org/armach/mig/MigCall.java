package org.armach.mig;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded request to a Java server, and the reply being built. Handlers read arguments by
 * name and set out arguments by name; the MIG layout is never written by hand.
 */
public final class MigCall {
    private final Routine routine;
    private final Object requestPort;
    private final int seqno;
    private final Map<String, Object> in;
    private final Map<String, Integer> inNames;
    private final Map<String, Object> out = new LinkedHashMap<>();
    private final Map<String, Integer> outDispositions = new HashMap<>();
    final long replySlot;
    final int replyBits;

    MigCall(Routine routine, Object requestPort, int seqno, BodyReader.Decoded decoded, long replySlot, int replyBits) {
        this.routine = routine;
        this.requestPort = requestPort;
        this.seqno = seqno;
        this.in = decoded.values();
        this.inNames = decoded.names();
        this.replySlot = replySlot;
        this.replyBits = replyBits;
    }

    public Routine routine() { return routine; }

    /** The object for the port the request arrived on (the first MIG argument). */
    public Object requestPort() { return requestPort; }

    public int seqno() { return seqno; }

    /** True if the request carried a reply port. */
    public boolean hasReplyPort() { return replySlot != 0; }

    /** Raw decoded value: Integer, Long, String, int[]/long[]/short[]/byte[], port Object, Object[], OutOfLine. */
    public Object get(String name) {
        if (!in.containsKey(name)) throw new IllegalArgumentException(routine.name() + " has no in argument " + name);
        return in.get(name);
    }

    /** True if the routine has an in argument of that name. */
    public boolean has(String name) { return in.containsKey(name); }

    public int getInt(String name) { return ((Number) get(name)).intValue(); }

    public long getLong(String name) { return ((Number) get(name)).longValue(); }

    public boolean getBoolean(String name) { return getInt(name) != 0; }

    public String getString(String name) { return (String) get(name); }

    /** The received msgt_name of an item (the actual right type of a polymorphic argument). */
    public int typeName(String name) { return inNames.get(name); }

    /** Sets an out (or inout) argument. */
    public MigCall set(String name, Object value) {
        Argument a = routine.arg(name);
        if (a == null || !a.inReplyBody()) throw new IllegalArgumentException(routine.name() + " has no out argument " + name);
        out.put(name, value);
        return this;
    }

    /** Sets an out port argument with an explicit disposition (needed for polymorphic ones). */
    public MigCall setPort(String name, Object right, int disposition) {
        set(name, right);
        outDispositions.put(name, disposition);
        return this;
    }

    Map<String, Object> outValues() { return out; }

    Map<String, Integer> outDispositions() { return outDispositions; }
}
