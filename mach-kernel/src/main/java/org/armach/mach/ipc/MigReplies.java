package org.armach.mach.ipc;

/** The 48-byte {@code mig_reply_header_t} error reply the kernel sends on its own. */
public final class MigReplies {
    private MigReplies() {}

    /** A reply with only a RetCode, sent to {@code reply} (a right of type {@code replyType}). */
    public static KMsg retCode(Port reply, int replyType, int id, int code) {
        byte[] body = new byte[16];
        MsgDescriptor.write(body, 0, MsgDescriptor.word0(MsgType.INTEGER_32, 32, true, false, false), 1);
        Le.put32(body, 8, code);
        return new KMsgBuilder(reply, replyType, null, 0, id).body(body).build();
    }
}
