package org.armach.mig;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * Client side: builds request messages (e.g. exception_raise and notifications sent by the kernel,
 * or calls from one Java server to another) and checks replies as MIG user stubs do.
 * Requests use send dispositions (COPY_SEND, MAKE_SEND_ONCE...), as a user stub writes them.
 */
public final class MigClient {
    /** MACH_MSG_TYPE_MAKE_SEND_ONCE: how a stub passes its reply port. */
    public static final int REPLY_DISPOSITION = MsgTypes.MAKE_SEND_ONCE;
    private final SlotCodec slots;

    public MigClient(SlotCodec slots) { this.slots = slots; }

    /** Builds a request. {@code dispositions} may override right types by argument name. */
    public byte[] request(Routine r, Object requestPort, Object replyPort, Map<String, Object> args,
                          Map<String, Integer> dispositions) {
        MessageLayout layout = LayoutCalculator.request(r);
        ByteBuffer b = ByteBuffer.allocate(layout.maxSize()).order(ByteOrder.LITTLE_ENDIAN);
        BodyWriter.Written w = BodyWriter.write(b, layout, args, dispositions, slots);
        Argument target = r.requestPort();
        int remote = dispositions.getOrDefault(target.name(), target.type().inName());
        int local = replyPort == null || r.simple() ? 0 : REPLY_DISPOSITION;
        int bits = Header.bits(remote, local) | (w.complex() ? Header.COMPLEX : 0);
        Header.write(b, bits, w.size(), slots.encodePort(requestPort, remote),
                local == 0 ? 0 : slots.encodePort(replyPort, local), r.id());
        return Arrays.copyOf(b.array(), w.size());
    }

    public byte[] request(Routine r, Object requestPort, Object replyPort, Map<String, Object> args) {
        return request(r, requestPort, replyPort, args, Map.of());
    }

    /** Checks and decodes a reply; protocol violations become the MIG error a user stub returns. */
    public MigReply reply(Routine r, byte[] message) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (message.length < 48) return new MigReply(MigErrors.MIG_TYPE_ERROR, Map.of());
        int id = b.getInt(Header.ID), bits = b.getInt(Header.BITS);
        int size = Math.min(b.getInt(Header.SIZE), message.length);
        if (id != r.replyId())
            return new MigReply(id == MigErrors.MACH_NOTIFY_SEND_ONCE ? MigErrors.MIG_SERVER_DIED : MigErrors.MIG_REPLY_MISMATCH, Map.of());
        if (isErrorReply(b, size, bits)) return new MigReply(b.getInt(40), Map.of());
        try {
            MessageLayout layout = LayoutCalculator.reply(r);
            MessageCheck.sizeAndBits(layout, size, bits, MigErrors.MIG_TYPE_ERROR);
            BodyReader.Decoded d = BodyReader.read(b, size, layout, slots, MigErrors.MIG_TYPE_ERROR);
            Map<String, Object> values = d.asMap();
            return new MigReply((Integer) values.get("RetCode"), values);
        } catch (MigException e) {
            return new MigReply(e.code(), Map.of());
        }
    }

    private static boolean isErrorReply(ByteBuffer b, int size, int bits) {
        long retType = Descriptor.forItem(LayoutCalculator.RETCODE_TYPE, MsgTypes.INTEGER_32, 1, true, false);
        return size == 48 && (bits & Header.COMPLEX) == 0 && b.getLong(32) == retType && b.getInt(40) != 0;
    }
}
