package org.armach.mach.ipc;

/** Port names, right kinds, type bits and limits of {@code mach/port.h}. */
public final class PortConst {
    private PortConst() {}
    public static final int NULL = 0;
    public static final int DEAD = 0xFFFFFFFF;

    public static final int RIGHT_SEND = 0;
    public static final int RIGHT_RECEIVE = 1;
    public static final int RIGHT_SEND_ONCE = 2;
    public static final int RIGHT_PORT_SET = 3;
    public static final int RIGHT_DEAD_NAME = 4;
    public static final int RIGHT_NUMBER = 5;

    public static final int TYPE_NONE = 0;
    public static final int TYPE_SEND = 0x10000;
    public static final int TYPE_RECEIVE = 0x20000;
    public static final int TYPE_SEND_ONCE = 0x40000;
    public static final int TYPE_PORT_SET = 0x80000;
    public static final int TYPE_DEAD_NAME = 0x100000;
    public static final int TYPE_DNREQUEST = 0x80000000;
    public static final int TYPE_MAREQUEST = 0x40000000;
    public static final int TYPE_SEND_RECEIVE = TYPE_SEND | TYPE_RECEIVE;
    public static final int TYPE_SEND_RIGHTS = TYPE_SEND | TYPE_SEND_ONCE;
    public static final int TYPE_PORT_RIGHTS = TYPE_SEND_RIGHTS | TYPE_RECEIVE;
    public static final int TYPE_PORT_OR_DEAD = TYPE_PORT_RIGHTS | TYPE_DEAD_NAME;

    public static final int UREFS_MAX = 0xffff;
    public static final int QLIMIT_DEFAULT = 5;
    public static final int QLIMIT_MAX = 16;

    /** {@code MACH_PORT_VALID}: neither NULL nor DEAD. */
    public static boolean valid(int name) {
        return name != NULL && name != DEAD;
    }

    public static int typeOf(int right) {
        return 1 << (right + 16);
    }

    public static boolean urefsOverflow(int urefs, int delta) {
        return delta > 0 && ((long) urefs + delta > UREFS_MAX);
    }

    public static boolean urefsUnderflow(int urefs, int delta) {
        return delta < 0 && -(long) delta > urefs;
    }
}
