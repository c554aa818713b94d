package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

/** {@code ipc_right_dealloc}, {@code ipc_right_destroy} and {@code ipc_right_delta}. */
final class RightDealloc {
    private RightDealloc() {}

    /** mach_port_deallocate: one user reference of a send, send-once or dead-name right. */
    static int dealloc(IpcSpace s, IpcEntry e) {
        IpcKernel k = s.kernel;
        if (e.has(TYPE_DEAD_NAME)) {
            dropUref(s, e);
            return KERN_SUCCESS;
        }
        if (e.has(TYPE_SEND_ONCE)) {
            Port p = e.port();
            Port so = RightCopyin.cancelRequest(e);
            s.dealloc(e);
            k.releaseRight(p, MsgType.PORT_SEND_ONCE);
            HeaderCopyin.notifyDeleted(s, so, e.name);
            return KERN_SUCCESS;
        }
        if (e.has(TYPE_SEND)) {
            releaseSendUref(s, e);
            return KERN_SUCCESS;
        }
        return KERN_INVALID_RIGHT;
    }

    private static void dropUref(IpcSpace s, IpcEntry e) {
        if (e.urefs <= 1) s.dealloc(e);
        else e.urefs--;
    }

    /** Drops one send uref; the last one releases the entry's send right. */
    private static void releaseSendUref(IpcSpace s, IpcEntry e) {
        if (e.urefs > 1) {
            e.urefs--;
            return;
        }
        Port p = e.port();
        Port so = null;
        if (e.has(TYPE_RECEIVE)) {
            e.type &= ~TYPE_SEND;
            e.urefs = 0;
        } else {
            so = RightCopyin.cancelRequest(e);
            s.dealloc(e);
        }
        s.kernel.releaseSend(p);
        HeaderCopyin.notifyDeleted(s, so, e.name);
        s.kernel.flush();
    }

    /** mach_port_destroy: every right under the name. */
    static void destroy(IpcSpace s, IpcEntry e) {
        IpcKernel k = s.kernel;
        if (e.has(TYPE_PORT_SET)) {
            PortSet ps = (PortSet) e.object;
            s.dealloc(e);
            ps.destroy();
            k.livePortSets--;
            return;
        }
        if (e.has(TYPE_DEAD_NAME)) {
            s.dealloc(e);
            return;
        }
        int type = e.type;
        Port p = e.port();
        Port so = RightCopyin.cancelRequest(e);
        s.dealloc(e);
        if ((type & TYPE_SEND) != 0) k.releaseSend(p);
        if ((type & TYPE_RECEIVE) != 0) {
            k.clearReceiver(p);
            PortDestroyer.destroy(k, p);
        } else if ((type & TYPE_SEND_ONCE) != 0) {
            k.releaseRight(p, MsgType.PORT_SEND_ONCE);
        }
        HeaderCopyin.notifyDeleted(s, so, e.name);
        k.flush();
    }

    /** mach_port_mod_refs. */
    static int delta(IpcSpace s, IpcEntry e, int right, int delta) {
        switch (right) {
            case RIGHT_PORT_SET: return single(s, e, TYPE_PORT_SET, delta);
            case RIGHT_RECEIVE: return receive(s, e, delta);
            case RIGHT_SEND_ONCE: return single(s, e, TYPE_SEND_ONCE, delta);
            case RIGHT_DEAD_NAME: return deadName(s, e, delta);
            case RIGHT_SEND: return send(s, e, delta);
            default: return KERN_INVALID_VALUE;
        }
    }

    /** Port sets and send-once rights: delta 0 or -1 (destroy). */
    private static int single(IpcSpace s, IpcEntry e, int type, int delta) {
        if (!e.has(type)) return KERN_INVALID_RIGHT;
        if (delta == 0) return KERN_SUCCESS;
        if (delta != -1) return KERN_INVALID_VALUE;
        destroy(s, e);
        return KERN_SUCCESS;
    }

    private static int receive(IpcSpace s, IpcEntry e, int delta) {
        if (!e.has(TYPE_RECEIVE)) return KERN_INVALID_RIGHT;
        if (delta == 0) return KERN_SUCCESS;
        if (delta != -1) return KERN_INVALID_VALUE;
        IpcKernel k = s.kernel;
        Port p = e.port();
        Port so = null;
        if (e.has(TYPE_SEND)) {
            e.type = TYPE_SEND;
            s.reverseInsert(p, e);
        } else {
            so = RightCopyin.cancelRequest(e);
            s.dealloc(e);
        }
        k.clearReceiver(p);
        PortDestroyer.destroy(k, p);
        HeaderCopyin.notifyDeleted(s, so, e.name);
        k.flush();
        return KERN_SUCCESS;
    }

    private static int deadName(IpcSpace s, IpcEntry e, int delta) {
        if (!e.has(TYPE_DEAD_NAME)) return KERN_INVALID_RIGHT;
        if (urefsUnderflow(e.urefs, delta)) return KERN_INVALID_VALUE;
        if (urefsOverflow(e.urefs, delta)) return KERN_UREFS_OVERFLOW;
        if (e.urefs + delta == 0) s.dealloc(e);
        else e.urefs += delta;
        return KERN_SUCCESS;
    }

    private static int send(IpcSpace s, IpcEntry e, int delta) {
        if (!e.has(TYPE_SEND)) return KERN_INVALID_RIGHT;
        if (urefsUnderflow(e.urefs, delta)) return KERN_INVALID_VALUE;
        if (urefsOverflow(e.urefs, delta)) return KERN_UREFS_OVERFLOW;
        if (e.urefs + delta == 0) {
            e.urefs = 1;
            releaseSendUref(s, e);
        } else {
            e.urefs += delta;
        }
        return KERN_SUCCESS;
    }
}
