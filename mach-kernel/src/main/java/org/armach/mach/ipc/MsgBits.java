package org.armach.mach.ipc;

/** {@code msgh_bits} helpers and {@code mach_msg} option bits. */
public final class MsgBits {
    private MsgBits() {}
    public static final int COMPLEX = 0x80000000;
    public static final int CIRCULAR = 0x40000000;
    public static final int USER = 0x8000ffff;
    public static final int HEADER_SIZE = 32;

    public static final int SEND_MSG = 0x1;
    public static final int RCV_MSG = 0x2;
    public static final int SEND_TIMEOUT = 0x10;
    public static final int SEND_NOTIFY = 0x20;
    public static final int SEND_INTERRUPT = 0x40;
    public static final int SEND_CANCEL = 0x80;
    public static final int RCV_TIMEOUT = 0x100;
    public static final int RCV_NOTIFY = 0x200;
    public static final int RCV_INTERRUPT = 0x400;
    public static final int RCV_LARGE = 0x800;
    public static final int SEND_ALWAYS = 0x10000;

    public static int bits(int remote, int local) {
        return (remote & 0xff) | ((local & 0xff) << 8);
    }

    public static int remote(int bits) {
        return bits & 0xff;
    }

    public static int local(int bits) {
        return (bits >>> 8) & 0xff;
    }

    /** {@code MACH_MSGH_BITS_OTHER}: everything but the two dispositions. */
    public static int other(int bits) {
        return bits & ~0xffff;
    }
}
