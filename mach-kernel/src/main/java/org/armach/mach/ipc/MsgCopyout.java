package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;

/** {@code ipc_kmsg_copyout*}: a kernel message into a receiver's space, as user bytes. */
final class MsgCopyout {
    private MsgCopyout() {}

    /**
     * Normal receive: header swapped, rights named in the space; returns 0, a RCV_BODY_ERROR
     * code, or MACH_RCV_INVALID_NOTIFY (then the message is untouched: the caller destroys it).
     * {@code notify} implements MACH_RCV_NOTIFY: unless NULL it must name a receive right, and
     * a reply right that gets a new name in the space is registered for a dead-name
     * notification with a send-once right made from it.
     */
    static int copyout(IpcSpace s, KMsg m, byte[] out, int notify) {
        Port notifyPort = null;
        if (notify != PortConst.NULL) {
            notifyPort = MaRequest.receivePort(s, notify);
            if (notifyPort == null) return MACH_RCV_INVALID_NOTIFY;
        }
        int destType = m.remoteType();
        int replyType = m.localType();
        Port reply = m.takeReply();
        boolean newName = notifyPort != null && Port.valid(reply) && reply.active
                && (replyType == MsgType.PORT_SEND_ONCE || s.reverse(reply) == null);
        int[] mr = {0};
        long replyName = copyoutObject(s, reply, replyType, mr);
        if (newName && mr[0] == 0) requestDeadName(s, (int) replyName, reply, notifyPort);
        Port dest = m.remote;
        int destName = consumeDest(s, dest, destType);
        int bits = MsgBits.other(m.bits) & MsgBits.USER;
        long local = destName & 0xffffffffL;
        if (Port.valid(dest) && dest.hasPayload && dest.receiver == s) {
            bits |= MsgBits.bits(replyType, MsgType.PROTECTED_PAYLOAD);
            local = dest.payload;
        } else {
            bits |= MsgBits.bits(replyType, destType);
        }
        header(out, bits, m, replyName, local);
        int body = copyoutBody(s, m, out);
        return mr[0] != 0 ? MACH_RCV_HEADER_ERROR | mr[0] : body;
    }

    /** MACH_RCV_NOTIFY: the reply right's new entry gets a dead-name request ({@code ipc_port_dnrequest}). */
    private static void requestDeadName(IpcSpace s, int name, Port reply, Port notifyPort) {
        IpcEntry e = s.lookup(name);
        e.request = new DnRequest(s, name, notifyPort.makeSendOnce());
        reply.dnrequests.add(e.request);
    }

    /** After a failed send: rights go back to the sender, header not swapped; returns error bits. */
    static int pseudo(IpcSpace s, KMsg m, byte[] out) {
        int[] mr = {0};
        int destType = m.remoteType();
        int replyType = m.localType();
        long destName = copyoutObject(s, m.remote, destType, mr);
        m.remote = null;
        long replyName = copyoutObject(s, m.takeReply(), replyType, mr);
        int bits = (MsgBits.other(m.bits) & MsgBits.USER) | MsgBits.bits(destType, replyType);
        header(out, bits, m, destName, replyName);
        int body = copyoutBody(s, m, out);
        return mr[0] | (body & MACH_MSG_MASK);
    }

    /** {@code ipc_kmsg_copyout_dest}: only the destination is named; everything else destroyed. */
    static void destOnly(IpcSpace s, KMsg m, byte[] out) {
        int destType = m.remoteType();
        int replyType = m.localType();
        int destName = consumeDest(s, m.remote, destType);
        Port reply = m.takeReply();
        long replyName = reply == Port.DEAD ? PortConst.DEAD & 0xffffffffL : 0;
        if (Port.valid(reply)) s.kernel.releaseRight(reply, replyType);
        KMsgCleaner.cleanBody(s.kernel, m);
        int bits = (MsgBits.other(m.bits) & MsgBits.USER) | MsgBits.bits(replyType, destType);
        header(out, bits, m, replyName, destName & 0xffffffffL);
    }

    private static void header(byte[] out, int bits, KMsg m, long remote, long local) {
        Le.put32(out, 0, bits);
        Le.put32(out, 4, m.size);
        Le.put64(out, 8, remote);
        Le.put64(out, 16, local);
        Le.put32(out, 24, m.seqno);
        Le.put32(out, 28, m.id);
        if (out.length > MsgBits.HEADER_SIZE) {
            System.arraycopy(m.body, 0, out, MsgBits.HEADER_SIZE, Math.min(m.body.length, out.length - 32));
        }
    }

    /** {@code ipc_object_copyout_dest}: the receiver's name for the port; the right is consumed. */
    private static int consumeDest(IpcSpace s, Port dest, int type) {
        if (!Port.valid(dest)) return PortConst.DEAD;
        int name = dest.active && dest.receiver == s ? dest.receiverName : PortConst.NULL;
        if (type == MsgType.PORT_SEND) s.kernel.releaseSend(dest);
        else if (type == MsgType.PORT_SEND_ONCE) dest.sorights--;
        return name;
    }

    /** {@code ipc_kmsg_copyout_object}: a right to a name (DEAD if the port died, NULL on failure). */
    static long copyoutObject(IpcSpace s, Port p, int type, int[] mr) {
        if (p == null) return 0;
        if (p == Port.DEAD) return PortConst.DEAD & 0xffffffffL;
        int[] name = {0};
        int kr = RightCopyout.copyout(s, p, type, true, name);
        if (kr == KernReturn.KERN_SUCCESS) return name[0] & 0xffffffffL;
        s.kernel.releaseRight(p, type);
        if (kr == KernReturn.KERN_INVALID_CAPABILITY) return PortConst.DEAD & 0xffffffffL;
        mr[0] |= kr == KernReturn.KERN_RESOURCE_SHORTAGE ? MACH_MSG_IPC_KERNEL : MACH_MSG_IPC_SPACE;
        return 0;
    }

    private static int copyoutBody(IpcSpace s, KMsg m, byte[] out) {
        int[] mr = {0};
        for (MsgItem it : m.items) {
            int slot = MsgBits.HEADER_SIZE + it.dataOffset;
            if (it.ports != null) ports(s, it, out, slot, mr);
            else if (!it.desc.inline) Le.put64(out, slot, region(s, it.takeCopy(), mr));
        }
        return mr[0] == 0 ? 0 : MACH_RCV_BODY_ERROR | mr[0];
    }

    private static void ports(IpcSpace s, MsgItem it, byte[] out, int slot, int[] mr) {
        Port[] ps = it.takePorts();
        int n = ps.length;
        if (it.desc.inline) {
            for (int i = 0; i < n; i++) Le.put64(out, slot + 8 * i, copyoutObject(s, ps[i], it.rightType, mr));
            return;
        }
        byte[] names = new byte[4 * n];
        for (int i = 0; i < n; i++) Le.put32(names, 4 * i, (int) copyoutObject(s, ps[i], it.rightType, mr));
        long addr = 0;
        if (n > 0) {
            addr = s.memory.allocate(names.length);
            if (addr < 0 || !s.memory.write(addr, names, 0, names.length)) {
                addr = 0;
                mr[0] |= MACH_MSG_VM_SPACE;
            }
        }
        Le.put64(out, slot, addr);
    }

    private static long region(IpcSpace s, VmCopy c, int[] mr) {
        if (c == null) return 0;
        long addr = s.memory.copyout(c);
        if (addr >= 0) return addr;
        c.discard();
        mr[0] |= MACH_MSG_VM_SPACE;
        return 0;
    }
}
