package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;
import static org.armach.mach.ipc.MsgType.*;

/** {@code ipc_kmsg_copyin_header}: destination and reply names to rights. */
final class HeaderCopyin {
    private HeaderCopyin() {}

    /**
     * {@code notify} implements MACH_SEND_CANCEL: unless NULL it must name a receive right
     * (else MACH_SEND_INVALID_NOTIFY), and a port-deleted notification for the destination
     * right that would go to that port is not sent; its send-once right is dropped quietly.
     */
    static int copyin(IpcSpace s, KMsg m, int mbits, int destName, int replyName, int notify) {
        int destType = MsgBits.remote(mbits);
        int replyType = MsgBits.local(mbits);
        if (!isPortAnySend(destType)) return MACH_SEND_INVALID_HEADER;
        if (replyType == 0 ? replyName != PortConst.NULL : !isPortAnySend(replyType)) return MACH_SEND_INVALID_HEADER;
        Port cancel = null;
        if (notify != PortConst.NULL) {
            cancel = MaRequest.receivePort(s, notify);
            if (cancel == null) return MACH_SEND_INVALID_NOTIFY;
        }
        if (!PortConst.valid(destName)) return MACH_SEND_INVALID_DEST;
        IpcEntry de = s.lookup(destName);
        if (de == null) return MACH_SEND_INVALID_DEST;
        IpcEntry re = null;
        if (PortConst.valid(replyName)) {
            re = s.lookup(replyName);
            if (re == null || !RightCopyin.check(s, re, replyType)) return MACH_SEND_INVALID_REPLY;
        }
        RightCopyin.Taken dest = new RightCopyin.Taken();
        RightCopyin.Taken reply = new RightCopyin.Taken();
        int mr = destName == replyName
                ? sameName(s, de, destType, replyType, dest, reply)
                : distinct(s, de, re, destType, replyType, replyName, dest, reply);
        if (mr != MACH_MSG_SUCCESS) return mr;
        m.remote = dest.port;
        m.local = reply.port;
        m.bits = MsgBits.other(mbits) | MsgBits.bits(copyinType(destType), copyinType(replyType));
        if (cancel != null && dest.soright == cancel) {
            cancel.sorights--;
            dest.soright = null;
        }
        notifyDeleted(s, dest.soright, destName);
        notifyDeleted(s, reply.soright, replyName);
        return MACH_MSG_SUCCESS;
    }

    private static int distinct(IpcSpace s, IpcEntry de, IpcEntry re, int destType, int replyType,
                                int replyName, RightCopyin.Taken dest, RightCopyin.Taken reply) {
        if (RightCopyin.copyin(s, de, destType, false, dest) != KernReturn.KERN_SUCCESS) return MACH_SEND_INVALID_DEST;
        if (re != null) {
            RightCopyin.copyin(s, re, replyType, true, reply);
        } else {
            reply.port = replyName == PortConst.DEAD ? Port.DEAD : null;
        }
        return MACH_MSG_SUCCESS;
    }

    /** Destination and reply name the same entry: check both before taking either. */
    private static int sameName(IpcSpace s, IpcEntry e, int destType, int replyType,
                                RightCopyin.Taken dest, RightCopyin.Taken reply) {
        if (destType == MOVE_SEND_ONCE || replyType == MOVE_SEND_ONCE) return MACH_SEND_INVALID_DEST;
        if (!RightCopyin.check(s, e, destType) || e.has(PortConst.TYPE_DEAD_NAME)) return MACH_SEND_INVALID_DEST;
        boolean bothMove = destType == MOVE_SEND && replyType == MOVE_SEND;
        if (bothMove && e.urefs < 2) return MACH_SEND_INVALID_DEST;
        boolean replyFirst = destType == MOVE_SEND && replyType != MOVE_SEND;
        if (replyFirst) {
            RightCopyin.copyin(s, e, replyType, true, reply);
            RightCopyin.copyin(s, e, destType, false, dest);
        } else {
            RightCopyin.copyin(s, e, destType, false, dest);
            RightCopyin.copyin(s, e, replyType, true, reply);
        }
        return MACH_MSG_SUCCESS;
    }

    static void notifyDeleted(IpcSpace s, Port soright, int name) {
        if (soright != null) Notifier.portDeleted(s.kernel, soright, name);
    }
}
