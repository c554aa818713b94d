package org.armach.mach.ipc;

/** Type codes ({@code msgt_name}) and right dispositions of {@code mach/message.h}. */
public final class MsgType {
    private MsgType() {}
    public static final int BIT = 0;
    public static final int INTEGER_16 = 1;
    public static final int INTEGER_32 = 2;
    public static final int CHAR = 8;
    public static final int BYTE = 9;
    public static final int INTEGER_64 = 11;
    public static final int STRING_C = 12;
    public static final int PORT_NAME = 15;
    public static final int MOVE_RECEIVE = 16;
    public static final int MOVE_SEND = 17;
    public static final int MOVE_SEND_ONCE = 18;
    public static final int COPY_SEND = 19;
    public static final int MAKE_SEND = 20;
    public static final int MAKE_SEND_ONCE = 21;
    public static final int PORT_RECEIVE = MOVE_RECEIVE;
    public static final int PORT_SEND = MOVE_SEND;
    public static final int PORT_SEND_ONCE = MOVE_SEND_ONCE;
    public static final int PROTECTED_PAYLOAD = 23;

    /** {@code MACH_MSG_TYPE_PORT_ANY}: a disposition that carries a right. */
    public static boolean isPortAny(int t) {
        return t >= MOVE_RECEIVE && t <= MAKE_SEND_ONCE;
    }

    /** {@code MACH_MSG_TYPE_PORT_ANY_SEND}. */
    public static boolean isPortAnySend(int t) {
        return t >= MOVE_SEND && t <= MAKE_SEND_ONCE;
    }

    /** {@code ipc_object_copyin_type}: the type the receiver sees. */
    public static int copyinType(int t) {
        switch (t) {
            case MOVE_RECEIVE: return PORT_RECEIVE;
            case MOVE_SEND: case COPY_SEND: case MAKE_SEND: return PORT_SEND;
            case MOVE_SEND_ONCE: case MAKE_SEND_ONCE: return PORT_SEND_ONCE;
            default: return t;
        }
    }
}
