package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;

/** The receive half of {@code mach_msg}: {@code ipc_mqueue_copyin}, dequeue or block, copyout. */
final class MsgReceive {
    private MsgReceive() {}

    static MsgOutcome start(MachMsgCall c) {
        IpcEntry e = c.space.lookup(c.rcvName);
        if (e == null) return MsgOutcome.done(MACH_RCV_INVALID_NAME);
        MsgWait w = new MsgWait(c, MsgWait.Phase.RECEIVE);
        if (e.has(PortConst.TYPE_RECEIVE)) {
            Port p = e.port();
            if (p.pset != null) return MsgOutcome.done(MACH_RCV_IN_SET);
            w.rcvObject = p;
            w.rcvQueue = p.ownQueue;
        } else if (e.has(PortConst.TYPE_PORT_SET)) {
            PortSet ps = (PortSet) e.object;
            w.rcvObject = ps;
            w.rcvQueue = ps.queue;
        } else {
            return MsgOutcome.done(MACH_RCV_INVALID_NAME);
        }
        return attempt(w, false);
    }

    /** One try at taking a message; parks {@code w} when the queue is empty. */
    static MsgOutcome attempt(MsgWait w, boolean noBlock) {
        MachMsgCall c = w.call;
        w.unpark();
        if (w.wakeCode != 0) return finish(w, w.wakeCode);
        KMsg m = w.rcvQueue.msgs.peek();
        if (m == null) {
            if (noBlock || (c.has(MsgBits.RCV_TIMEOUT) && c.timeout == 0)) return finish(w, MACH_RCV_TIMED_OUT);
            w.rcvQueue.receivers.add(w);
            return MsgOutcome.blocked(w);
        }
        if (!c.space.memory.ready(c.msg, m.size > c.rcvSize ? MsgBits.HEADER_SIZE : m.size, true)) {
            // the buffer waits for a pager page: leave the message queued and restart the receive
            w.finished = true;
            c.space.kernel.wakeReceiver(w.rcvQueue);
            return MsgOutcome.memoryWait(c.receiveOnly());
        }
        int mr = m.size > c.rcvSize ? tooLarge(c, w.rcvQueue, m) : take(c, w.rcvQueue);
        c.space.kernel.wakeReceiver(w.rcvQueue);
        return finish(w, mr);
    }

    private static int take(MachMsgCall c, MessageQueue q) {
        IpcKernel k = c.space.kernel;
        KMsg m = k.dequeue(q);
        byte[] out = new byte[m.size];
        int mr = copyout(c, m, out);
        if (mr != MACH_MSG_SUCCESS && (mr & ~MACH_MSG_MASK) != MACH_RCV_BODY_ERROR) out = shorten(out);
        boolean ok = c.space.memory.write(c.msg, out, 0, out.length);
        k.flush();
        if (!ok) return MACH_RCV_INVALID_DATA;
        return mr;
    }

    /**
     * {@code ipc_kmsg_copyout}, with MACH_RCV_NOTIFY's notify name (NULL name: the message is
     * consumed and MACH_RCV_INVALID_NOTIFY returned, as GNU Mach's mach_msg_receive does).
     */
    private static int copyout(MachMsgCall c, KMsg m, byte[] out) {
        int notify = PortConst.NULL;
        if (c.has(MsgBits.RCV_NOTIFY)) {
            notify = c.notify;
            if (notify == PortConst.NULL) {
                MsgCopyout.destOnly(c.space, m, out);
                return MACH_RCV_INVALID_NOTIFY;
            }
        }
        int mr = MsgCopyout.copyout(c.space, m, out, notify);
        if (mr == MACH_RCV_INVALID_NOTIFY) MsgCopyout.destOnly(c.space, m, out);
        return mr;
    }

    private static byte[] shorten(byte[] out) {
        return java.util.Arrays.copyOf(out, MsgBits.HEADER_SIZE);
    }

    /** MACH_RCV_TOO_LARGE: with RCV_LARGE the message stays queued and its size is reported. */
    private static int tooLarge(MachMsgCall c, MessageQueue q, KMsg m) {
        IpcKernel k = c.space.kernel;
        byte[] out = new byte[MsgBits.HEADER_SIZE];
        if (c.has(MsgBits.RCV_LARGE)) {
            Le.put32(out, 0, m.size);
            return c.space.memory.write(c.msg + 4, out, 0, 4) ? MACH_RCV_TOO_LARGE : MACH_RCV_INVALID_DATA;
        }
        k.dequeue(q);
        MsgCopyout.destOnly(c.space, m, out);
        boolean ok = c.space.memory.write(c.msg, out, 0, out.length);
        k.flush();
        return ok ? MACH_RCV_TOO_LARGE : MACH_RCV_INVALID_DATA;
    }

    private static MsgOutcome finish(MsgWait w, int code) {
        w.finished = true;
        return MsgOutcome.done(code);
    }
}
