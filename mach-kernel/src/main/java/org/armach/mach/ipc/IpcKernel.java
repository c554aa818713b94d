package org.armach.mach.ipc;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The IPC subsystem of one kernel instance: spaces, kernel ports and their servers,
 * kernel-generated messages, deferred destruction and wakeups. Single thread of control:
 * every public entry point finishes its deferred work before returning.
 */
public final class IpcKernel {
    final IpcSpace kernelSpace;
    private final Map<KObjectKind, KernelServer> servers = new EnumMap<>(KObjectKind.class);
    private final ArrayDeque<KMsg> outbox = new ArrayDeque<>();
    private final ArrayDeque<KMsg> reap = new ArrayDeque<>();
    /** Held requests whose data may now be there (served outside any other serve). */
    private final ArrayDeque<HeldRequest> heldReady = new ArrayDeque<>();
    private int serving;
    private WakeupSink sink = w -> { };
    private boolean flushing;
    private long nextPortId = 1;
    int livePorts;
    int livePortSets;
    int liveSpaces;

    public IpcKernel() {
        kernelSpace = new IpcSpace(this, null, "kernel");
    }

    public void setWakeupSink(WakeupSink s) {
        sink = s;
    }

    private java.util.function.LongSupplier clock = () -> 0;

    /** The kernel's clock in ns (mach_msg phase deadlines); 0 until set. */
    public void setClock(java.util.function.LongSupplier nowNs) {
        clock = nowNs;
    }

    long nowNs() { return clock.getAsLong(); }

    public void registerServer(KObjectKind kind, KernelServer server) {
        servers.put(kind, server);
    }

    public IpcSpace createSpace(TaskMemory memory, String label) {
        liveSpaces++;
        return new IpcSpace(this, memory, label);
    }

    /** {@code ipc_space_destroy}: destroys every right of the space. */
    public void destroySpace(IpcSpace s) {
        if (!s.active) return;
        for (IpcEntry e : s.allEntries()) RightDealloc.destroy(s, e);
        s.active = false;
        liveSpaces--;
        flush();
    }

    /** A port whose receive right the kernel holds, bound to a kernel object. */
    public Port createKernelPort(KernelObject obj) {
        Port p = newPort();
        p.receiver = kernelSpace;
        p.kobject = obj;
        return p;
    }

    /**
     * {@code ipc_port_nsrequest} on a kernel port with a send-once right to the port itself: its
     * server receives MACH_NOTIFY_NO_SENDERS when the last send right goes away.
     */
    public void requestNoSenders(Port p) {
        if (p.receiver != kernelSpace || p.nsrequest != null) return;
        p.nsrequest = p.makeSendOnce();
    }

    /** Destroys a kernel-held receive right ({@code ipc_port_dealloc_kernel}). */
    public void destroyKernelPort(Port p) {
        if (p.receiver != kernelSpace) return;
        clearReceiver(p);
        PortDestroyer.destroy(this, p);
        flush();
    }

    /**
     * Takes a kernel-held receive right out of the kernel (unbinding its object) so that a
     * kernel-built message can move it (memory_object_terminate's MOVE_RECEIVE rights).
     */
    public void releaseKernelReceive(Port p) {
        if (p.receiver != kernelSpace) return;
        clearReceiver(p);
        p.kobject = null;
    }

    Port newPort() {
        livePorts++;
        return new Port(this, nextPortId++);
    }

    public int livePorts() { return livePorts; }
    public int livePortSets() { return livePortSets; }
    public int liveSpaces() { return liveSpaces; }

    // ---- rights ----

    /** {@code ipc_port_clear_receiver}: the receive right leaves its space. */
    void clearReceiver(Port p) {
        if (p.pset != null) p.pset.remove(p);
        p.ownQueue.failReceivers(MachMsgReturn.MACH_RCV_PORT_DIED);
        p.receiver = null;
        p.receiverName = 0;
        p.mscount = 0;
        p.seqno = 0;
    }

    /** {@code ipc_port_release_send}: may trigger a no-senders notification. */
    void releaseSend(Port p) {
        if (!Port.valid(p)) return;
        p.srights--;
        if (p.active && p.srights == 0 && p.nsrequest != null) {
            Port ns = p.nsrequest;
            p.nsrequest = null;
            Notifier.noSenders(this, ns, p.mscount);
        }
    }

    /** {@code ipc_object_destroy}: disposes of a right held outside any space. */
    public void releaseRight(Port p, int type) {
        if (!Port.valid(p)) return;
        switch (type) {
            case MsgType.PORT_SEND: releaseSend(p); break;
            case MsgType.PORT_SEND_ONCE:
                if (p.active) Notifier.sendOnce(this, p);
                else p.sorights--;
                break;
            case MsgType.PORT_RECEIVE:
                p.destination = null;
                PortDestroyer.destroy(this, p);
                break;
            default: break;
        }
        flush();
    }

    // ---- messages ----

    /** Destroys a message and everything it carries ({@code ipc_kmsg_destroy}), deferred. */
    public void destroy(KMsg m) {
        reap.add(m);
        flush();
    }

    /** Sends a kernel-built message ({@code ipc_mqueue_send_always}); never blocks. */
    public void sendKernel(KMsg m) {
        outbox.add(m);
        flush();
    }

    /** Runs deferred deliveries and destructions until none remain. */
    void flush() {
        if (flushing) return;
        flushing = true;
        try {
            while (true) {
                KMsg d = reap.poll();
                if (d != null) { KMsgCleaner.clean(this, d); continue; }
                KMsg o = outbox.poll();
                if (o != null) { deliverAlways(o); continue; }
                HeldRequest h = serving == 0 ? heldReady.poll() : null;
                if (h != null) { dispatch(h); continue; }
                break;
            }
        } finally {
            flushing = false;
        }
    }

    private void deliverAlways(KMsg m) {
        Port p = m.remote;
        if (!Port.valid(p) || !p.active || (m.bits & MsgBits.CIRCULAR) != 0) {
            KMsgCleaner.clean(this, m);
        } else if (isKernelServed(p)) {
            serve(m);
        } else {
            enqueue(p, m);
        }
    }

    boolean isKernelServed(Port p) {
        return p.receiver == kernelSpace && p.kobject != null;
    }

    /**
     * Hands a request to the kernel server of its destination ({@code ipc_kobject_server}).
     * Returns null when it was served, or the held request when its out-of-line data first needs
     * pages from a pager (it is served when they are there).
     */
    HeldRequest serve(KMsg m) {
        Port dest = m.remote;
        int type = m.remoteType();
        m.bits &= ~0xff;
        // As ipc_kobject_server, the destination right is released after the routine ran: the
        // last send right of a port armed for no-senders (a proxy) must not reclaim the object
        // while its own request is being served.
        HeldRequest h = new HeldRequest(m, dest.kobject, dest, type);
        return dispatch(h) ? null : h;
    }

    private void releaseDestination(HeldRequest h) {
        if (h.destType == MsgType.PORT_SEND) releaseSend(h.dest);
        else if (h.destType == MsgType.PORT_SEND_ONCE) h.dest.sorights--;
    }

    /** Serves a request whose data is all there; false (it waits) otherwise. */
    private boolean dispatch(HeldRequest h) {
        if (!h.copiesReady(() -> retry(h))) return false;
        KMsg m = h.msg;
        KMsg reply;
        serving++;
        try {
            if (h.copiesInError()) reply = memoryError(m);
            else {
                KernelServer srv = servers.get(h.object.kind());
                reply = srv != null ? srv.serve(m, h.object) : badId(m);
            }
        } finally {
            serving--;
        }
        if (reply != null) outbox.add(reply);
        releaseDestination(h);
        h.markServed();
        return true;
    }

    /** A page of a held request arrived: try again once no other request is being served. */
    private void retry(HeldRequest h) {
        heldReady.add(h);
        flush();
    }

    /** Out-of-line data with a page in error: the request fails with KERN_MEMORY_ERROR unserved. */
    private KMsg memoryError(KMsg req) {
        Port reply = req.takeReply();
        int rtype = req.localType();
        KMsgCleaner.clean(this, req);
        if (!Port.valid(reply)) return null;
        return MigReplies.retCode(reply, rtype, req.id + 100, KernReturn.KERN_MEMORY_ERROR);
    }

    private KMsg badId(KMsg req) {
        Port reply = req.takeReply();
        int rtype = req.localType();
        KMsgCleaner.clean(this, req);
        if (!Port.valid(reply)) return null;
        return MigReplies.retCode(reply, rtype, req.id + 100, KernReturn.MIG_BAD_ID);
    }

    /** Queues a message on its destination and wakes one receiver. */
    void enqueue(Port p, KMsg m) {
        MessageQueue q = p.queue();
        q.msgs.add(m);
        p.msgcount++;
        markInTransit(m, p);
        wakeReceiver(q);
    }

    private static void markInTransit(KMsg m, Port dest) {
        for (MsgItem it : m.items) {
            if (it.ports == null || it.rightType != MsgType.PORT_RECEIVE) continue;
            for (Port r : it.ports) if (Port.valid(r)) r.destination = dest;
        }
    }

    /** Removes the first message of a queue, assigning its sequence number. */
    KMsg dequeue(MessageQueue q) {
        KMsg m = q.msgs.poll();
        Port p = m.remote;
        p.msgcount--;
        m.seqno = p.seqno++;
        acceptMsg(m);
        if (p.msgcount < p.qlimit && !p.blockedSenders.isEmpty()) wake(p.blockedSenders.poll());
        return m;
    }

    /** The message left its queue (received or destroyed): honour its msg-accepted request. */
    void acceptMsg(KMsg m) {
        MaRequest r = m.marequest;
        if (r == null) return;
        m.marequest = null;
        r.destroy(this);
    }

    void wakeReceiver(MessageQueue q) {
        if (!q.msgs.isEmpty() && !q.receivers.isEmpty()) wake(q.receivers.poll());
    }

    void wake(MsgWait w) {
        sink.wake(w);
    }

    /** {@code ipc_port_check_circularity}: would queueing {@code port} on {@code dest} make a loop? */
    static boolean circular(Port port, Port dest) {
        for (Port d = dest; d != null; d = d.destination) {
            if (d == port) return true;
            if (d.receiver != null || !d.active) return false;
        }
        return false;
    }
}
