package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;

/**
 * A msg-accepted request ({@code ipc_marequest}): made when {@code MACH_SEND_NOTIFY} forces a
 * message onto a full queue. When the message is dequeued or destroyed, {@code soright} gets a
 * MACH_NOTIFY_MSG_ACCEPTED naming the sender's right for the destination, or MACH_PORT_NULL if
 * the sender held none, gave it up meanwhile, or its space died. While pending, that entry
 * carries the MAREQUEST bit and a second forced send through it is refused.
 */
final class MaRequest {
    final IpcSpace space;
    /** The sender's send/receive entry for the destination; null if none or cancelled. */
    IpcEntry entry;
    final Port soright;

    private MaRequest(IpcSpace space, IpcEntry entry, Port soright) {
        this.space = space;
        this.entry = entry;
        this.soright = soright;
    }

    /** {@code ipc_marequest_create}; the request in {@code out[0]} on MACH_MSG_SUCCESS. */
    static int create(IpcSpace s, Port dest, int notify, MaRequest[] out) {
        if (!s.active) return MACH_SEND_INVALID_NOTIFY;
        IpcEntry e = s.reverse(dest);
        if (e != null && e.marequest != null) return MACH_SEND_NOTIFY_IN_PROGRESS;
        Port so = lookupNotify(s, notify);
        if (so == null) return MACH_SEND_INVALID_NOTIFY;
        MaRequest r = new MaRequest(s, e, so);
        if (e != null) e.marequest = r;
        out[0] = r;
        return MACH_MSG_SUCCESS;
    }

    /** {@code ipc_marequest_destroy}: the message left the queue; sends the notification. */
    void destroy(IpcKernel k) {
        int name = PortConst.NULL;
        if (entry != null) {
            if (space.active) name = entry.name;
            entry.marequest = null;
            entry = null;
        }
        Notifier.msgAccepted(k, soright, name);
    }

    /** {@code ipc_marequest_cancel}: the entry is going away; the notification will name NULL. */
    static void cancel(IpcEntry e) {
        MaRequest r = e.marequest;
        if (r == null) return;
        r.entry = null;
        e.marequest = null;
    }

    /** {@code ipc_port_lookup_notify}: a new send-once right for the receive right {@code name}, or null. */
    static Port lookupNotify(IpcSpace s, int name) {
        Port p = receivePort(s, name);
        return p == null ? null : p.makeSendOnce();
    }

    /** The port whose receive right {@code name} denotes, or null. */
    static Port receivePort(IpcSpace s, int name) {
        IpcEntry e = s.lookup(name);
        return e != null && e.has(PortConst.TYPE_RECEIVE) ? e.port() : null;
    }
}
