package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;

/** {@code ipc_kmsg_copyin_body}: walks the typed items, translating rights and capturing OOL memory. */
final class BodyCopyin {
    private BodyCopyin() {}

    /** On error the message (header rights included) is left for the caller to destroy. */
    static int copyin(IpcSpace s, KMsg m) {
        boolean complex = false;
        byte[] b = m.body;
        int off = 0;
        while (off < b.length) {
            if (b.length - off < MsgDescriptor.SIZE) return MACH_SEND_MSG_TOO_SMALL;
            MsgDescriptor d = MsgDescriptor.read(b, off);
            if (d.invalidForSend()) return MACH_SEND_INVALID_TYPE;
            int data = off + MsgDescriptor.SIZE;
            long len = d.length();
            long end;
            MsgItem it = null;
            if (d.inline) {
                if (b.length - data < len) return MACH_SEND_MSG_TOO_SMALL;
                end = data + len;
            } else {
                if (b.length - data < 8) return MACH_SEND_MSG_TOO_SMALL;
                end = data + 8;
                it = new MsgItem(off, data, d, MsgType.copyinType(d.name));
                m.items.add(it);
                int mr = captureOutOfLine(s, m, it, len);
                if (mr != MACH_MSG_SUCCESS) return mr;
                complex = true;
            }
            if (d.isPort()) {
                if (it == null) {
                    it = new MsgItem(off, data, d, MsgType.copyinType(d.name));
                    m.items.add(it);
                }
                b[off] = (byte) it.rightType;
                int mr = translate(s, m, it);
                if (mr != MACH_MSG_SUCCESS) return mr;
                complex = true;
            }
            off = MsgDescriptor.align8((int) end);
        }
        if (!complex) m.bits &= ~MsgBits.COMPLEX;
        return MACH_MSG_SUCCESS;
    }

    /**
     * Before any right is taken: the out-of-line port-name arrays the copy-in will read are
     * resident (false when one waits for a pager page). Malformed descriptors stop the walk; the
     * copy-in reports them.
     */
    static boolean portArraysReady(IpcSpace s, byte[] raw) {
        int off = MsgBits.HEADER_SIZE;
        while (raw.length - off >= MsgDescriptor.SIZE) {
            MsgDescriptor d = MsgDescriptor.read(raw, off);
            if (d.invalidForSend()) return true;
            int data = off + MsgDescriptor.SIZE;
            long len = d.length();
            if (d.inline) {
                if (raw.length - data < len) return true;
                off = MsgDescriptor.align8((int) (data + len));
                continue;
            }
            if (raw.length - data < 8) return true;
            if (d.isPort() && len > 0 && !s.memory.ready(Le.i64(raw, data), len, false)) return false;
            if (!d.isPort() && len > 0 && !s.memory.copyinReady(Le.i64(raw, data), len)) return false;
            off = MsgDescriptor.align8(data + 8);
        }
        return true;
    }

    /** Reads the OOL pointer; port arrays are read into {@code it.names}, data into a VmCopy. */
    private static int captureOutOfLine(IpcSpace s, KMsg m, MsgItem it, long len) {
        long addr = Le.i64(m.body, it.dataOffset);
        if (len == 0) return MACH_MSG_SUCCESS;
        TaskMemory mem = s.memory;
        if (it.desc.isPort()) {
            if (len > Integer.MAX_VALUE - 8) return MACH_SEND_INVALID_MEMORY;
            byte[] names = new byte[(int) len];
            if (!mem.read(addr, names, 0, names.length)) return MACH_SEND_INVALID_MEMORY;
            if (it.desc.deallocate && mem.deallocate(addr, len) != KernReturn.KERN_SUCCESS) return MACH_SEND_INVALID_MEMORY;
            it.oolNames = names;
            return MACH_MSG_SUCCESS;
        }
        VmCopy c = mem.copyin(addr, len, it.desc.deallocate);
        if (c == null) return MACH_SEND_INVALID_MEMORY;
        it.copy = c;
        return MACH_MSG_SUCCESS;
    }

    /** Copies in each named right with the item's disposition; stops at the first failure. */
    private static int translate(IpcSpace s, KMsg m, MsgItem it) {
        int n = it.desc.number;
        it.ports = new Port[n];
        RightCopyin.Taken t = new RightCopyin.Taken();
        for (int i = 0; i < n; i++) {
            int name = nameAt(m, it, i);
            if (!PortConst.valid(name)) {
                it.ports[i] = name == PortConst.DEAD ? Port.DEAD : null;
                continue;
            }
            IpcEntry e = s.lookup(name);
            t.port = null;
            t.soright = null;
            if (e == null || RightCopyin.copyin(s, e, it.desc.name, true, t) != KernReturn.KERN_SUCCESS) {
                return MACH_SEND_INVALID_RIGHT;
            }
            it.ports[i] = t.port;
            HeaderCopyin.notifyDeleted(s, t.soright, name);
            if (it.rightType == MsgType.PORT_RECEIVE && IpcKernel.circular(t.port, m.remote)) {
                m.bits |= MsgBits.CIRCULAR;
            }
        }
        it.oolNames = null;
        return MACH_MSG_SUCCESS;
    }

    private static int nameAt(KMsg m, MsgItem it, int i) {
        if (it.oolNames != null) return Le.i32(it.oolNames, 4 * i);
        return Le.i32(m.body, it.dataOffset + 8 * i);
    }
}
