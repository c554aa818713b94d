package org.armach.mach.ipc;

import java.util.ArrayList;

/** {@code ipc_port_destroy}: what happens when a receive right is destroyed. */
final class PortDestroyer {
    private PortDestroyer() {}

    /** Destroys a receive right whose receiver has been cleared (in transit or just removed). */
    static void destroy(IpcKernel k, Port p) {
        if (!p.active) return;
        if (p.pset != null) p.pset.remove(p);
        if (p.pdrequest != null) {
            Port notify = p.pdrequest;
            p.pdrequest = null;
            Notifier.portDestroyed(k, notify, p);
            return;
        }
        p.active = false;
        k.livePorts--;
        p.ownQueue.failReceivers(MachMsgReturn.MACH_RCV_PORT_DIED);
        drainMessages(k, p);
        wakeSenders(k, p);
        fireRequests(k, p);
    }

    private static void drainMessages(IpcKernel k, Port p) {
        while (!p.ownQueue.msgs.isEmpty()) k.destroy(p.ownQueue.msgs.poll());
        p.msgcount = 0;
    }

    private static void wakeSenders(IpcKernel k, Port p) {
        while (!p.blockedSenders.isEmpty()) k.wake(p.blockedSenders.poll());
    }

    private static void fireRequests(IpcKernel k, Port p) {
        if (p.nsrequest != null) {
            Port ns = p.nsrequest;
            p.nsrequest = null;
            k.releaseRight(ns, MsgType.PORT_SEND_ONCE);
        }
        for (DnRequest r : new ArrayList<>(p.dnrequests)) {
            Port notify = r.notify;
            r.notify = null;
            Notifier.deadName(k, notify, r.name);
        }
        p.dnrequests.clear();
    }
}
