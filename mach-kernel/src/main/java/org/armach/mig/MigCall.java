package org.armach.mig;

/**
 * One decoded request to a Java server, and the reply being built. Handlers read arguments by
 * name and set out arguments by name; the MIG layout is never written by hand.
 */
public final class MigCall {
    private final Routine routine;
    private final Object requestPort;
    private final int seqno;
    private final BodyReader.Decoded in;
    /** The reply layout (null for simple routines); {@link #out} and {@link #outDispositions} follow it. */
    private final MessageLayout replyLayout;
    private final Object[] out;
    private final int[] outDispositions;
    final long replySlot;
    final int replyBits;

    MigCall(Routine routine, Object requestPort, int seqno, BodyReader.Decoded decoded, MessageLayout replyLayout,
            long replySlot, int replyBits) {
        this.routine = routine;
        this.requestPort = requestPort;
        this.seqno = seqno;
        this.in = decoded;
        this.replyLayout = replyLayout;
        int n = replyLayout == null ? 0 : replyLayout.items().size();
        this.out = new Object[n];
        this.outDispositions = new int[n];
        java.util.Arrays.fill(outDispositions, BodyWriter.NO_DISPOSITION);
        this.replySlot = replySlot;
        this.replyBits = replyBits;
    }

    public Routine routine() { return routine; }

    /** The object for the port the request arrived on (the first MIG argument). */
    public Object requestPort() { return requestPort; }

    public int seqno() { return seqno; }

    /** True if the request carried a reply port. */
    public boolean hasReplyPort() { return replySlot != 0; }

    private int inIndex(String name) {
        int i = in.layout().indexOf(name);
        if (i < 0) throw new IllegalArgumentException(routine.name() + " has no in argument " + name);
        return i;
    }

    /** Raw decoded value: Integer, Long, String, int[]/long[]/short[]/byte[], port Object, Object[], OutOfLine. */
    public Object get(String name) {
        return in.values()[inIndex(name)];
    }

    /** True if the routine has an in argument of that name. */
    public boolean has(String name) { return in.layout().indexOf(name) >= 0; }

    public int getInt(String name) { return ((Number) get(name)).intValue(); }

    public long getLong(String name) { return ((Number) get(name)).longValue(); }

    public boolean getBoolean(String name) { return getInt(name) != 0; }

    public String getString(String name) { return (String) get(name); }

    /** The received msgt_name of an item (the actual right type of a polymorphic argument). */
    public int typeName(String name) { return in.names()[inIndex(name)]; }

    private int outIndex(String name) {
        Argument a = routine.arg(name);
        int i = a == null || !a.inReplyBody() || replyLayout == null ? -1 : replyLayout.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(routine.name() + " has no out argument " + name);
        return i;
    }

    /** Sets an out (or inout) argument. */
    public MigCall set(String name, Object value) {
        out[outIndex(name)] = value;
        return this;
    }

    /** Sets an out port argument with an explicit disposition (needed for polymorphic ones). */
    public MigCall setPort(String name, Object right, int disposition) {
        int i = outIndex(name);
        out[i] = right;
        outDispositions[i] = disposition;
        return this;
    }

    /** Out values by reply item position (item 0 is RetCode). */
    Object[] outValues() { return out; }

    int[] outDispositions() { return outDispositions; }
}
