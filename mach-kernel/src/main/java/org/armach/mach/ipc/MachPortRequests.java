package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

/** mach_port_request_notification ({@code ipc_right_dnrequest}, {@code ipc_port_nsrequest}, {@code _pdrequest}). */
public final class MachPortRequests {
    private MachPortRequests() {}

    /**
     * Registers {@code notify} (a send-once right, or null to cancel) for notification {@code id}.
     * On success the right is consumed and the previous one returned in {@code previous[0]};
     * on failure the caller still owns {@code notify}.
     */
    public static int request(IpcSpace s, int name, int id, int sync, Port notify, Port[] previous) {
        if (!s.active) return KERN_INVALID_TASK;
        previous[0] = null;
        switch (id) {
            case NotifyId.PORT_DESTROYED: return portDestroyed(s, name, sync, notify, previous);
            case NotifyId.NO_SENDERS: return noSenders(s, name, sync, notify, previous);
            case NotifyId.DEAD_NAME: return deadName(s, name, sync != 0, notify, previous);
            default: return KERN_INVALID_VALUE;
        }
    }

    private static int portDestroyed(IpcSpace s, int name, int sync, Port notify, Port[] previous) {
        if (sync != 0) return KERN_INVALID_VALUE;
        int[] kr = {0};
        Port p = MachPortReceive.translate(s, name, kr);
        if (p == null) return kr[0];
        previous[0] = p.pdrequest;
        p.pdrequest = notify;
        return KERN_SUCCESS;
    }

    private static int noSenders(IpcSpace s, int name, int sync, Port notify, Port[] previous) {
        int[] kr = {0};
        Port p = MachPortReceive.translate(s, name, kr);
        if (p == null) return kr[0];
        previous[0] = p.nsrequest;
        if (p.srights == 0 && Integer.compareUnsigned(sync, p.mscount) <= 0 && notify != null) {
            p.nsrequest = null;
            Notifier.noSenders(s.kernel, notify, p.mscount);
        } else {
            p.nsrequest = notify;
        }
        s.kernel.flush();
        return KERN_SUCCESS;
    }

    private static int deadName(IpcSpace s, int name, boolean immediate, Port notify, Port[] previous) {
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        if (e.has(TYPE_PORT_RIGHTS)) {
            previous[0] = RightCopyin.cancelRequest(e);
            if (notify != null) {
                e.request = new DnRequest(s, name, notify);
                e.port().dnrequests.add(e.request);
            }
            return KERN_SUCCESS;
        }
        if (e.has(TYPE_DEAD_NAME) && immediate && notify != null) {
            if (urefsOverflow(e.urefs, 1)) return KERN_UREFS_OVERFLOW;
            e.urefs++;
            Notifier.deadName(s.kernel, notify, name);
            s.kernel.flush();
            return KERN_SUCCESS;
        }
        return e.has(TYPE_PORT_OR_DEAD) ? KERN_INVALID_ARGUMENT : KERN_INVALID_RIGHT;
    }
}
