package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;

import java.util.Arrays;

/** The send half of {@code mach_msg}: copyin, then queue, serve, or block on a full queue. */
final class MsgSend {
    private MsgSend() {}

    /** Largest message accepted ({@code MACH_SEND_NO_BUFFER} beyond). */
    static final int MAX_MSG_SIZE = 16 << 20;

    static MsgOutcome start(MachMsgCall c) {
        KMsg m = new KMsg();
        int mr = copyin(c.space, c.msg, c.sendSize, c.has(MsgBits.SEND_CANCEL), c.notify, m);
        c.space.kernel.flush();
        if (mr == MEMORY_WAIT) return MsgOutcome.memoryWait(c);
        if (mr != MACH_MSG_SUCCESS) return MsgOutcome.done(mr);
        return deliver(c, m, null);
    }

    /**
     * {@link #copyin} result: user memory the copy-in reads is still on its way from a pager.
     * Every read of user memory that can wait happens before the first right is taken, so the
     * trap can be restarted from the start.
     */
    static final int MEMORY_WAIT = -1;

    /**
     * {@code ipc_kmsg_get} + {@code ipc_kmsg_copyin}; on failure nothing is left to destroy.
     * With MACH_SEND_CANCEL ({@code cancel}), {@code notify} must name a receive right: a
     * port-deleted notification the copyin would send to it is dropped.
     */
    static int copyin(IpcSpace s, long addr, int sendSize, boolean cancel, int notify, KMsg m) {
        if (sendSize < MsgBits.HEADER_SIZE || (sendSize & 3) != 0) return MACH_SEND_MSG_TOO_SMALL;
        if (sendSize > MAX_MSG_SIZE) return MACH_SEND_NO_BUFFER;
        byte[] raw = new byte[sendSize];
        if (!s.memory.read(addr, raw, 0, sendSize)) return s.memory.pagePending() ? MEMORY_WAIT : MACH_SEND_INVALID_DATA;
        if ((Le.i32(raw, 0) & MsgBits.COMPLEX) != 0 && !BodyCopyin.portArraysReady(s, raw)) return MEMORY_WAIT;
        if (cancel && notify == PortConst.NULL) return MACH_SEND_INVALID_NOTIFY;
        m.size = sendSize;
        m.id = Le.i32(raw, 28);
        m.body = Arrays.copyOfRange(raw, MsgBits.HEADER_SIZE, sendSize);
        int bits = Le.i32(raw, 0) & MsgBits.USER;
        int mr = HeaderCopyin.copyin(s, m, bits, Le.i32(raw, 8), Le.i32(raw, 16), cancel ? notify : PortConst.NULL);
        if (mr != MACH_MSG_SUCCESS || (m.bits & MsgBits.COMPLEX) == 0) return mr;
        mr = BodyCopyin.copyin(s, m);
        if (mr != MACH_MSG_SUCCESS) s.kernel.destroy(m);
        return mr;
    }

    /** {@code ipc_mqueue_send}: may block when the queue is full. */
    static MsgOutcome deliver(MachMsgCall c, KMsg m, MsgWait w) {
        IpcKernel k = c.space.kernel;
        Port p = m.remote;
        if (!p.active || (m.bits & MsgBits.CIRCULAR) != 0) {
            k.destroy(m);
        } else if (k.isKernelServed(p)) {
            HeldRequest held = k.serve(m);
            k.flush();
            if (held != null) {
                if (w != null) w.finished = true;
                return waitServed(c, held);
            }
        } else if (mustBlock(c, p, m)) {
            if (!mayWait(c)) return timedOut(c, m, p, w);
            return park(c, m, p, w);
        } else {
            k.enqueue(p, m);
        }
        if (w != null) w.finished = true;
        return afterSend(c);
    }

    /** The sender of a held kernel request waits until it was served (then receives, if asked). */
    private static MsgOutcome waitServed(MachMsgCall c, HeldRequest held) {
        return held.served() ? afterSend(c) : MsgOutcome.memoryContinue(() -> waitServed(c, held), held::whenServed);
    }

    private static MsgOutcome afterSend(MachMsgCall c) {
        return c.has(MsgBits.RCV_MSG) ? MsgReceive.start(c) : MsgOutcome.done(MACH_MSG_SUCCESS);
    }

    /** MACH_SEND_NOTIFY waits only with MACH_SEND_TIMEOUT (GNU Mach passes MACH_MSG_TIMEOUT_NONE = 0 otherwise). */
    private static boolean mayWait(MachMsgCall c) {
        if (c.has(MsgBits.SEND_NOTIFY)) return c.has(MsgBits.SEND_TIMEOUT) && c.timeout != 0;
        return !c.has(MsgBits.SEND_TIMEOUT) || c.timeout != 0;
    }

    /** The queue stayed full: MACH_SEND_TIMED_OUT, or with MACH_SEND_NOTIFY a forced send. */
    private static MsgOutcome timedOut(MachMsgCall c, KMsg m, Port p, MsgWait w) {
        if (w != null) w.finished = true;
        if (!c.has(MsgBits.SEND_NOTIFY)) return fail(c, m, MACH_SEND_TIMED_OUT);
        MaRequest[] r = {null};
        int mr = c.notify == PortConst.NULL ? MACH_SEND_INVALID_NOTIFY : MaRequest.create(c.space, p, c.notify, r);
        if (mr != MACH_MSG_SUCCESS) return fail(c, m, mr);
        m.marequest = r[0];
        c.space.kernel.enqueue(p, m);
        c.space.kernel.flush();
        return MsgOutcome.done(MACH_SEND_WILL_NOTIFY);
    }

    private static boolean mustBlock(MachMsgCall c, Port p, KMsg m) {
        return p.msgcount >= p.qlimit && !c.has(MsgBits.SEND_ALWAYS)
                && m.remoteType() != MsgType.PORT_SEND_ONCE;
    }

    private static MsgOutcome park(MachMsgCall c, KMsg m, Port p, MsgWait w) {
        MsgWait wait = w != null ? w : new MsgWait(c, MsgWait.Phase.SEND);
        wait.pending = m;
        wait.sendPort = p;
        p.blockedSenders.add(wait);
        return MsgOutcome.blocked(wait);
    }

    /**
     * Send failed after copyin: the message is pseudo-received back into the sender's buffer. A
     * buffer page on its way from a pager (absent or write-locked) is waited for, as the copyout
     * of GNU Mach's ipc_kmsg_copyout_pseudo faults it in.
     */
    static MsgOutcome fail(MachMsgCall c, KMsg m, int code) {
        if (!c.space.memory.ready(c.msg, m.size, true)) {
            return MsgOutcome.memoryContinue(() -> fail(c, m, code), c.space.memory.takePendingWait());
        }
        byte[] out = new byte[m.size];
        int mr = code | MsgCopyout.pseudo(c.space, m, out);
        c.space.memory.write(c.msg, out, 0, out.length);
        c.space.kernel.flush();
        return MsgOutcome.done(mr);
    }

    static MsgOutcome resume(MsgWait w, boolean noBlock, int failCode) {
        w.unpark();
        KMsg m = w.pending;
        if (failCode != 0) return finish(w, fail(w.call, m, failCode));
        if (noBlock && w.sendPort.active && mustBlock(w.call, w.sendPort, m)) {
            return timedOut(w.call, m, w.sendPort, w);
        }
        return deliver(w.call, m, w);
    }

    private static MsgOutcome finish(MsgWait w, MsgOutcome o) {
        w.finished = true;
        return o;
    }
}
