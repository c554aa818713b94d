package org.armach.mach.ipc;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Builds a kernel-form message from wire-format body bytes (what a MIG encoder produces)
 * plus the rights for each port slot and the regions for each out-of-line data item, in
 * body order. Used for kernel replies, notifications and Java-built messages.
 */
public final class KMsgBuilder {
    private final KMsg m = new KMsg();
    private final ArrayDeque<Port> rights = new ArrayDeque<>();
    private final ArrayDeque<VmCopy> regions = new ArrayDeque<>();

    /** Header: the destination right and its type, the reply right and its type, the id. */
    public KMsgBuilder(Port remote, int remoteType, Port local, int localType, int id) {
        m.remote = remote;
        m.local = local;
        m.bits = MsgBits.bits(MsgType.copyinType(remoteType), local == null && localType == 0 ? 0
                : MsgType.copyinType(localType));
        m.id = id;
        m.body = new byte[0];
    }

    /** The body after the header (descriptors, inline data, 8-byte OOL pointer slots). */
    public KMsgBuilder body(byte[] body) {
        m.body = Arrays.copyOf(body, body.length);
        return this;
    }

    /** Rights for the port slots (inline or out-of-line), in order; null = MACH_PORT_NULL. */
    public KMsgBuilder rights(Port... ports) {
        for (Port p : ports) right(p);
        return this;
    }

    /** Adds one right (allows null). */
    public KMsgBuilder right(Port p) {
        rights.add(p == null ? NULL_MARK : p);
        return this;
    }

    /** Regions for the non-empty out-of-line data items, in order. */
    public KMsgBuilder regions(VmCopy... copies) {
        regions.addAll(Arrays.asList(copies));
        return this;
    }

    private static final Port NULL_MARK = new Port(null, -2);

    /** Parses the body and attaches rights; throws IllegalArgumentException on a malformed body. */
    public KMsg build() {
        m.size = MsgBits.HEADER_SIZE + m.body.length;
        boolean complex = false;
        int off = 0;
        while (off < m.body.length) {
            if (m.body.length - off < MsgDescriptor.SIZE) throw new IllegalArgumentException("truncated descriptor at " + off);
            MsgDescriptor d = MsgDescriptor.read(m.body, off);
            if (d.invalidForSend()) throw new IllegalArgumentException("bad descriptor at " + off);
            int data = off + MsgDescriptor.SIZE;
            long len = d.length();
            long end = data + (d.inline ? len : 8);
            if (end > m.body.length) throw new IllegalArgumentException("truncated item at " + off);
            if (d.isPort() || !d.inline) {
                complex = true;
                m.items.add(item(off, data, d, len));
            }
            off = MsgDescriptor.align8((int) end);
        }
        if (!rights.isEmpty() || !regions.isEmpty()) throw new IllegalArgumentException("unused rights or regions");
        if (complex) m.bits |= MsgBits.COMPLEX;
        return m;
    }

    private MsgItem item(int off, int data, MsgDescriptor d, long len) {
        int rt = d.isPort() ? MsgType.copyinType(d.name) : 0;
        if (d.isPort()) m.body[off] = (byte) rt;
        MsgItem it = new MsgItem(off, data, d, rt);
        if (d.isPort()) {
            it.ports = new Port[d.number];
            for (int i = 0; i < d.number; i++) it.ports[i] = nextRight();
        } else if (len > 0) {
            it.copy = regions.poll();
            if (it.copy == null) throw new IllegalArgumentException("missing region");
        }
        return it;
    }

    private Port nextRight() {
        if (rights.isEmpty()) throw new IllegalArgumentException("missing right");
        Port p = rights.poll();
        return p == NULL_MARK ? null : p;
    }
}
