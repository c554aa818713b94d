package org.armach.mig;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Server-side demultiplexer for one subsystem: decodes requests in kernel representation, runs
 * the registered Java handler and encodes the reply, with MIG's checks and error replies.
 */
public final class MigServer {
    private final Subsystem subsystem;
    private final SlotCodec slots;
    private final Map<Integer, MigHandler> handlers = new HashMap<>();
    /** Request and reply layouts by {@code id - base}, computed once per routine. */
    private final MessageLayout[] requestLayouts;
    private final MessageLayout[] replyLayouts;

    public MigServer(Subsystem subsystem, SlotCodec slots) {
        this.subsystem = subsystem;
        this.slots = slots;
        this.requestLayouts = new MessageLayout[subsystem.size()];
        this.replyLayouts = new MessageLayout[subsystem.size()];
    }

    private MessageLayout requestLayout(Routine r) {
        int i = r.id() - subsystem.base();
        if (requestLayouts[i] == null) requestLayouts[i] = LayoutCalculator.request(r);
        return requestLayouts[i];
    }

    private MessageLayout replyLayout(Routine r) {
        int i = r.id() - subsystem.base();
        if (replyLayouts[i] == null) replyLayouts[i] = LayoutCalculator.reply(r);
        return replyLayouts[i];
    }

    public Subsystem subsystem() { return subsystem; }

    /** Registers the handler of a routine by name; unknown names are a programming error. */
    public MigServer on(String routineName, MigHandler handler) {
        Routine r = subsystem.byName(routineName);
        if (r == null) throw new IllegalArgumentException(subsystem.name() + " has no routine " + routineName);
        handlers.put(r.id(), handler);
        return this;
    }

    /** The handler registered for a routine, or null (for layers that wrap an earlier registration). */
    public MigHandler handler(String routineName) {
        Routine r = subsystem.byName(routineName);
        return r == null ? null : handlers.get(r.id());
    }

    /** True if the id is in this subsystem's range (the demux is responsible for it). */
    public boolean covers(int msgId) {
        return msgId >= subsystem.base() && msgId < subsystem.base() + subsystem.size();
    }

    /** Handles one request message; returns the reply message, or null when there is none (yet). */
    public byte[] dispatch(byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (message.length < MessageLayout.HEADER_SIZE) return null;
        int size = Math.min(b.getInt(Header.SIZE), message.length);
        Routine r = subsystem.byId(b.getInt(Header.ID));
        MigHandler h = r == null ? null : handlers.get(r.id());
        if (h == null) return r != null && r.simple() ? null : errorReply(b, MigErrors.MIG_BAD_ID);
        MigCall call;
        try {
            call = decode(b, size, r);
        } catch (MigException e) {
            return r.simple() ? null : errorReply(b, e.code());
        }
        int ret = h.handle(call);
        return r.simple() || ret == MigErrors.MIG_NO_REPLY ? null : reply(call, ret);
    }

    private MigCall decode(ByteBuffer b, int size, Routine r) {
        MessageLayout layout = requestLayout(r);
        int bits = b.getInt(Header.BITS);
        MessageCheck.sizeAndBits(layout, size, bits, MigErrors.MIG_BAD_ARGUMENTS);
        BodyReader.Decoded d = BodyReader.read(b, size, layout, slots, MigErrors.MIG_BAD_ARGUMENTS);
        Object target = slots.decodePort(Header.localBits(bits), b.getLong(Header.LOCAL));
        return new MigCall(r, target, b.getInt(Header.SEQNO), d, replyLayout(r), b.getLong(Header.REMOTE),
                Header.remoteBits(bits));
    }

    /** Encodes the reply of a call (also for deferred replies). A non-zero code gives the 48-byte form. */
    public byte[] reply(MigCall call, int retCode) {
        Routine r = call.routine();
        if (retCode != MigErrors.KERN_SUCCESS) return shortReply(call.replySlot, call.replyBits, r.replyId(), retCode);
        MessageLayout layout = replyLayout(r);
        ByteBuffer b = ByteBuffer.allocate(layout.maxSize()).order(ByteOrder.LITTLE_ENDIAN);
        Object[] values = call.outValues();
        values[0] = retCode; // RetCode is the first reply item
        BodyWriter.Written w = BodyWriter.write(b, layout, values, call.outDispositions(), slots);
        int bits = Header.bits(call.replyBits, 0) | (w.complex() ? Header.COMPLEX : 0);
        Header.write(b, bits, w.size(), call.replySlot, 0, r.replyId());
        return Arrays.copyOf(b.array(), w.size());
    }

    private byte[] errorReply(ByteBuffer request, int code) {
        int bits = request.getInt(Header.BITS);
        return shortReply(request.getLong(Header.REMOTE), Header.remoteBits(bits), request.getInt(Header.ID) + 100, code);
    }

    /** The 48-byte {@code mig_reply_header_t}: header and RetCode only. */
    static byte[] shortReply(long replySlot, int replyBits, int replyId, int code) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        Header.write(b, Header.bits(replyBits, 0), 48, replySlot, 0, replyId);
        b.putLong(32, Descriptor.forItem(LayoutCalculator.RETCODE_TYPE, MsgTypes.INTEGER_32, 1, true, false));
        b.putInt(40, code);
        return b.array();
    }
}
