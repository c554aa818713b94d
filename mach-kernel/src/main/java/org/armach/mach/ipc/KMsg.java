package org.armach.mach.ipc;

import java.util.ArrayList;
import java.util.List;

/**
 * A message in kernel form ({@code ipc_kmsg}): header with rights instead of names, the body
 * bytes as laid out by the sender (descriptor names already converted to the received
 * type), and the complex items carrying rights and regions.
 */
public final class KMsg {
    /** msgh_bits: dispositions are the converted types (17/18/16), plus COMPLEX/CIRCULAR. */
    int bits;
    int size;
    /** Destination right (header remote). */
    Port remote;
    /** Reply right (header local): null, {@link Port#DEAD} or a port. */
    Port local;
    int seqno;
    int id;
    byte[] body;
    final List<MsgItem> items = new ArrayList<>();
    /** Msg-accepted request of a message forced with MACH_SEND_NOTIFY ({@code ikm_marequest}). */
    MaRequest marequest;

    KMsg() {}

    public int bits() { return bits; }
    public int size() { return size; }
    public int id() { return id; }
    public int seqno() { return seqno; }
    public Port remote() { return remote; }
    public Port local() { return local; }
    public int remoteType() { return MsgBits.remote(bits); }
    public int localType() { return MsgBits.local(bits); }
    public boolean isComplex() { return (bits & MsgBits.COMPLEX) != 0; }
    /** The body (after the 32-byte header). */
    public byte[] body() { return body; }
    public List<MsgItem> items() { return items; }

    /** Takes the reply right (and its type) out of the message; the caller owns it. */
    public Port takeReply() {
        Port p = local;
        local = null;
        return p;
    }

    /** The 32-byte header + body as kernel bytes (ports not translated), for debugging. */
    public byte[] rawBytes() {
        byte[] b = new byte[MsgBits.HEADER_SIZE + body.length];
        Le.put32(b, 0, bits);
        Le.put32(b, 4, size);
        Le.put32(b, 24, seqno);
        Le.put32(b, 28, id);
        System.arraycopy(body, 0, b, MsgBits.HEADER_SIZE, body.length);
        return b;
    }

    @Override
    public String toString() {
        return "KMsg{id=" + id + ", size=" + size + ", bits=0x" + Integer.toHexString(bits) + "}";
    }
}
