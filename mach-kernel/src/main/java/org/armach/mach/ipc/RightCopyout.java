package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

/** {@code ipc_object_copyout}, {@code ipc_object_copyout_name} and {@code ipc_right_copyout}. */
final class RightCopyout {
    private RightCopyout() {}

    /** Inserts a right (type 16/17/18) under a name chosen by the space; name in {@code out[0]}. */
    static int copyout(IpcSpace s, Port p, int type, boolean overflow, int[] out) {
        if (!s.active) return KERN_INVALID_TASK;
        if (type != MsgType.PORT_RECEIVE && !p.active) return KERN_INVALID_CAPABILITY;
        IpcEntry e = type == MsgType.PORT_SEND_ONCE ? null : s.reverse(p);
        if (e == null) {
            e = s.alloc();
            if (e == null) return KERN_NO_SPACE;
            e.object = p;
        }
        int kr = enter(s, e, p, type, overflow);
        if (kr == KERN_SUCCESS) out[0] = e.name;
        return kr;
    }

    /** Inserts a right under a given name ({@code mach_port_insert_right}). */
    static int copyoutName(IpcSpace s, Port p, int type, boolean overflow, int name) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.allocName(name);
        IpcEntry other = type == MsgType.PORT_SEND_ONCE || !p.active ? null : s.reverse(p);
        if (other != null) {
            if (other.name != name) {
                if (e.type == 0) s.dealloc(e);
                return KERN_RIGHT_EXISTS;
            }
        } else {
            if (e.type != 0) {
                s.check(e);
                return KERN_NAME_EXISTS;
            }
            if (!p.active) {
                s.dealloc(e);
                return KERN_INVALID_CAPABILITY;
            }
            e.object = p;
        }
        return enter(s, e, p, type, overflow);
    }

    /** {@code ipc_right_copyout}: merges the right into the entry. */
    static int enter(IpcSpace s, IpcEntry e, Port p, int type, boolean overflow) {
        switch (type) {
            case MsgType.PORT_SEND_ONCE:
                e.type = TYPE_SEND_ONCE;
                e.urefs = 1;
                return KERN_SUCCESS;
            case MsgType.PORT_SEND:
                return enterSend(s, e, p, overflow);
            case MsgType.PORT_RECEIVE:
                enterReceive(s, e, p);
                return KERN_SUCCESS;
            default:
                if (e.type == 0) s.dealloc(e);
                return KERN_INVALID_RIGHT;
        }
    }

    private static int enterSend(IpcSpace s, IpcEntry e, Port p, boolean overflow) {
        if (e.has(TYPE_SEND)) {
            if (e.urefs >= UREFS_MAX) {
                if (!overflow) return KERN_UREFS_OVERFLOW;
                p.srights--;
                return KERN_SUCCESS;
            }
            e.urefs++;
            p.srights--;
        } else if (e.has(TYPE_RECEIVE)) {
            e.type |= TYPE_SEND;
            e.urefs = 1;
        } else {
            e.type = TYPE_SEND;
            e.urefs = 1;
            s.reverseInsert(p, e);
        }
        return KERN_SUCCESS;
    }

    private static void enterReceive(IpcSpace s, IpcEntry e, Port p) {
        if (e.has(TYPE_SEND)) {
            s.reverseRemove(p);
            e.type |= TYPE_RECEIVE;
        } else {
            e.type = TYPE_RECEIVE;
            e.urefs = 0;
        }
        e.object = p;
        p.receiver = s;
        p.receiverName = e.name;
        p.destination = null;
    }
}
