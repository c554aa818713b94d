package org.armach.mach.ipc;

/** {@code mach_msg_return_t} values ({@code mach/message.h}). */
public final class MachMsgReturn {
    private MachMsgReturn() {}
    public static final int MACH_MSG_SUCCESS = 0;

    public static final int MACH_MSG_MASK = 0x00003c00;
    public static final int MACH_MSG_IPC_SPACE = 0x00002000;
    public static final int MACH_MSG_VM_SPACE = 0x00001000;
    public static final int MACH_MSG_IPC_KERNEL = 0x00000800;
    public static final int MACH_MSG_VM_KERNEL = 0x00000400;

    public static final int MACH_SEND_IN_PROGRESS = 0x10000001;
    public static final int MACH_SEND_INVALID_DATA = 0x10000002;
    public static final int MACH_SEND_INVALID_DEST = 0x10000003;
    public static final int MACH_SEND_TIMED_OUT = 0x10000004;
    public static final int MACH_SEND_WILL_NOTIFY = 0x10000005;
    public static final int MACH_SEND_NOTIFY_IN_PROGRESS = 0x10000006;
    public static final int MACH_SEND_INTERRUPTED = 0x10000007;
    public static final int MACH_SEND_MSG_TOO_SMALL = 0x10000008;
    public static final int MACH_SEND_INVALID_REPLY = 0x10000009;
    public static final int MACH_SEND_INVALID_RIGHT = 0x1000000a;
    public static final int MACH_SEND_INVALID_NOTIFY = 0x1000000b;
    public static final int MACH_SEND_INVALID_MEMORY = 0x1000000c;
    public static final int MACH_SEND_NO_BUFFER = 0x1000000d;
    public static final int MACH_SEND_NO_NOTIFY = 0x1000000e;
    public static final int MACH_SEND_INVALID_TYPE = 0x1000000f;
    public static final int MACH_SEND_INVALID_HEADER = 0x10000010;

    public static final int MACH_RCV_IN_PROGRESS = 0x10004001;
    public static final int MACH_RCV_INVALID_NAME = 0x10004002;
    public static final int MACH_RCV_TIMED_OUT = 0x10004003;
    public static final int MACH_RCV_TOO_LARGE = 0x10004004;
    public static final int MACH_RCV_INTERRUPTED = 0x10004005;
    public static final int MACH_RCV_PORT_CHANGED = 0x10004006;
    public static final int MACH_RCV_INVALID_NOTIFY = 0x10004007;
    public static final int MACH_RCV_INVALID_DATA = 0x10004008;
    public static final int MACH_RCV_PORT_DIED = 0x10004009;
    public static final int MACH_RCV_IN_SET = 0x1000400a;
    public static final int MACH_RCV_HEADER_ERROR = 0x1000400b;
    public static final int MACH_RCV_BODY_ERROR = 0x1000400c;
}
