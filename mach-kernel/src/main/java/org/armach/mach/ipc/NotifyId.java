package org.armach.mach.ipc;

/** Notification message ids ({@code mach/notify.h}). */
public final class NotifyId {
    private NotifyId() {}
    public static final int PORT_DELETED = 65;
    public static final int MSG_ACCEPTED = 66;
    public static final int PORT_DESTROYED = 69;
    public static final int NO_SENDERS = 70;
    public static final int SEND_ONCE = 71;
    public static final int DEAD_NAME = 72;
}
