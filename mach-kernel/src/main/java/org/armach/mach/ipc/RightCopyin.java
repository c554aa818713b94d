package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

/** {@code ipc_right_copyin} and {@code ipc_right_copyin_check}: taking a right out of a space. */
final class RightCopyin {
    private RightCopyin() {}

    /** Result of a copyin: the right taken, and a dead-name request's notify right to send PORT_DELETED to. */
    static final class Taken {
        Port port;
        Port soright;
    }

    /** Can {@code disp} be copied in from the entry without failing? No side effects but dead conversion. */
    static boolean check(IpcSpace s, IpcEntry e, int disp) {
        switch (disp) {
            case MsgType.MOVE_RECEIVE: case MsgType.MAKE_SEND: case MsgType.MAKE_SEND_ONCE:
                return e.has(TYPE_RECEIVE);
            case MsgType.COPY_SEND: case MsgType.MOVE_SEND: case MsgType.MOVE_SEND_ONCE:
                if (e.has(TYPE_DEAD_NAME)) return true;
                if (!e.has(TYPE_SEND_RIGHTS)) return false;
                if (s.check(e)) return true;
                return e.has(disp == MsgType.MOVE_SEND_ONCE ? TYPE_SEND_ONCE : TYPE_SEND);
            default:
                return false;
        }
    }

    static int copyin(IpcSpace s, IpcEntry e, int disp, boolean deadok, Taken out) {
        switch (disp) {
            case MsgType.MAKE_SEND: return makeSend(e, out);
            case MsgType.MAKE_SEND_ONCE: return makeSendOnce(e, out);
            case MsgType.MOVE_RECEIVE: return moveReceive(s, e, out);
            case MsgType.COPY_SEND: return copySend(s, e, deadok, out);
            case MsgType.MOVE_SEND: return moveSend(s, e, deadok, out);
            case MsgType.MOVE_SEND_ONCE: return moveSendOnce(s, e, deadok, out);
            default: return KERN_INVALID_RIGHT;
        }
    }

    private static int makeSend(IpcEntry e, Taken out) {
        if (!e.has(TYPE_RECEIVE)) return KERN_INVALID_RIGHT;
        out.port = e.port().makeSend();
        return KERN_SUCCESS;
    }

    private static int makeSendOnce(IpcEntry e, Taken out) {
        if (!e.has(TYPE_RECEIVE)) return KERN_INVALID_RIGHT;
        out.port = e.port().makeSendOnce();
        return KERN_SUCCESS;
    }

    private static int moveReceive(IpcSpace s, IpcEntry e, Taken out) {
        if (!e.has(TYPE_RECEIVE)) return KERN_INVALID_RIGHT;
        Port p = e.port();
        if (e.has(TYPE_SEND)) {
            e.type = TYPE_SEND;
            s.reverseInsert(p, e);
        } else {
            out.soright = cancelRequest(e);
            s.dealloc(e);
        }
        s.kernel.clearReceiver(p);
        out.port = p;
        return KERN_SUCCESS;
    }

    private static int copySend(IpcSpace s, IpcEntry e, boolean deadok, Taken out) {
        if (e.has(TYPE_DEAD_NAME)) return copyDead(deadok, out);
        if (!e.has(TYPE_SEND_RIGHTS)) return KERN_INVALID_RIGHT;
        if (s.check(e)) return copyDead(deadok, out);
        if (!e.has(TYPE_SEND)) return KERN_INVALID_RIGHT;
        out.port = e.port().copySend();
        return KERN_SUCCESS;
    }

    private static int moveSend(IpcSpace s, IpcEntry e, boolean deadok, Taken out) {
        if (e.has(TYPE_DEAD_NAME)) return moveDead(s, e, deadok, out);
        if (!e.has(TYPE_SEND_RIGHTS)) return KERN_INVALID_RIGHT;
        if (s.check(e)) return moveDead(s, e, deadok, out);
        if (!e.has(TYPE_SEND)) return KERN_INVALID_RIGHT;
        Port p = e.port();
        if (e.urefs > 1) {
            e.urefs--;
            p.srights++;
        } else if (e.has(TYPE_RECEIVE)) {
            e.type &= ~TYPE_SEND;
            e.urefs = 0;
        } else {
            out.soright = cancelRequest(e);
            s.dealloc(e);
        }
        out.port = p;
        return KERN_SUCCESS;
    }

    private static int moveSendOnce(IpcSpace s, IpcEntry e, boolean deadok, Taken out) {
        if (e.has(TYPE_DEAD_NAME)) return moveDead(s, e, deadok, out);
        if (!e.has(TYPE_SEND_RIGHTS)) return KERN_INVALID_RIGHT;
        if (s.check(e)) return moveDead(s, e, deadok, out);
        if (!e.has(TYPE_SEND_ONCE)) return KERN_INVALID_RIGHT;
        Port p = e.port();
        out.soright = cancelRequest(e);
        s.dealloc(e);
        out.port = p;
        return KERN_SUCCESS;
    }

    private static int copyDead(boolean deadok, Taken out) {
        if (!deadok) return KERN_INVALID_RIGHT;
        out.port = Port.DEAD;
        return KERN_SUCCESS;
    }

    private static int moveDead(IpcSpace s, IpcEntry e, boolean deadok, Taken out) {
        if (!deadok) return KERN_INVALID_RIGHT;
        if (e.urefs <= 1) s.dealloc(e);
        else e.urefs--;
        out.port = Port.DEAD;
        return KERN_SUCCESS;
    }

    /** {@code ipc_right_dncancel}: removes the entry's dead-name request, returning its notify right. */
    static Port cancelRequest(IpcEntry e) {
        DnRequest r = e.request;
        if (r == null) return null;
        e.request = null;
        if (e.object instanceof Port) e.port().dnrequests.remove(r);
        return r.notify;
    }
}
