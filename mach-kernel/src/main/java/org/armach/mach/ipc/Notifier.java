package org.armach.mach.ipc;

/** Builds and sends the kernel's notification messages ({@code ipc_notify.c}), via send-once rights. */
final class Notifier {
    private Notifier() {}

    private static final int BITS_SO = MsgBits.bits(MsgType.PORT_SEND_ONCE, 0);

    /** MACH_NOTIFY_SEND_ONCE: header only; consumes the send-once right {@code port}. */
    static void sendOnce(IpcKernel k, Port port) {
        k.sendKernel(new KMsgBuilder(port, MsgType.PORT_SEND_ONCE, null, 0, NotifyId.SEND_ONCE).build());
    }

    static void deadName(IpcKernel k, Port notify, int name) {
        nameNotification(k, notify, NotifyId.DEAD_NAME, name);
    }

    static void portDeleted(IpcKernel k, Port notify, int name) {
        nameNotification(k, notify, NotifyId.PORT_DELETED, name);
    }

    static void msgAccepted(IpcKernel k, Port notify, int name) {
        nameNotification(k, notify, NotifyId.MSG_ACCEPTED, name);
    }

    static void noSenders(IpcKernel k, Port notify, int mscount) {
        byte[] body = new byte[16];
        MsgDescriptor.write(body, 0, MsgDescriptor.word0(MsgType.INTEGER_32, 32, true, false, false), 1);
        Le.put32(body, 8, mscount);
        send(k, notify, NotifyId.NO_SENDERS, body);
    }

    /** MACH_NOTIFY_PORT_DESTROYED carrying the receive right {@code rights}. */
    static void portDestroyed(IpcKernel k, Port notify, Port rights) {
        byte[] body = new byte[16];
        MsgDescriptor.write(body, 0, MsgDescriptor.word0(MsgType.PORT_RECEIVE, 64, true, false, false), 1);
        k.sendKernel(new KMsgBuilder(notify, MsgType.PORT_SEND_ONCE, null, 0, NotifyId.PORT_DESTROYED)
                .body(body).rights(rights).build());
    }

    private static void nameNotification(IpcKernel k, Port notify, int id, int name) {
        byte[] body = new byte[16];
        MsgDescriptor.write(body, 0, MsgDescriptor.word0(MsgType.PORT_NAME, 32, true, false, false), 1);
        Le.put32(body, 8, name);
        send(k, notify, id, body);
    }

    private static void send(IpcKernel k, Port notify, int id, byte[] body) {
        k.sendKernel(new KMsgBuilder(notify, MsgType.PORT_SEND_ONCE, null, 0, id).body(body).build());
    }

    static int bitsSendOnce() {
        return BITS_SO;
    }
}
