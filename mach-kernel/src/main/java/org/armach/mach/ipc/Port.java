package org.armach.mach.ipc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A port ({@code ipc_port}): receive-right state, queue, right counts, requests. */
public final class Port extends IpcObject {
    /** {@code IO_DEAD}: a right to a dead port as carried in a message. */
    public static final Port DEAD = new Port(null, -1);

    final IpcKernel kernel;
    final long id;
    IpcSpace receiver;
    int receiverName;
    Port destination;
    PortSet pset;
    final MessageQueue ownQueue = new MessageQueue();
    final ArrayDeque<MsgWait> blockedSenders = new ArrayDeque<>();
    int msgcount;
    int qlimit = PortConst.QLIMIT_DEFAULT;
    int seqno;
    int mscount;
    int srights;
    int sorights;
    Port nsrequest;
    Port pdrequest;
    final List<DnRequest> dnrequests = new ArrayList<>();
    KernelObject kobject;
    boolean hasPayload;
    long payload;

    Port(IpcKernel kernel, long id) {
        this.kernel = kernel;
        this.id = id;
        if (kernel == null) active = false;
    }

    /** True for a real port (neither null nor {@link #DEAD}). */
    public static boolean valid(Port p) {
        return p != null && p != DEAD;
    }

    /** The queue messages for this port go to (the set's while it is a member). */
    MessageQueue queue() {
        return pset != null ? pset.queue : ownQueue;
    }

    public long id() { return id; }
    public IpcSpace receiver() { return receiver; }
    public int receiverName() { return receiverName; }
    public int msgCount() { return msgcount; }
    public int qlimit() { return qlimit; }
    public int seqno() { return seqno; }
    public int mscount() { return mscount; }
    public int sendRights() { return srights; }
    public int sendOnceRights() { return sorights; }
    public KernelObject kobject() { return kobject; }
    public boolean inTransit() { return active && receiver == null; }

    /** Binds (or unbinds with null) the kernel object served through this port. */
    public void setKobject(KernelObject k) {
        kobject = k;
    }

    // ---- rights created and released by the kernel itself ----

    /** {@code ipc_port_make_send}: a new send right (mscount and srights grow). */
    public Port makeSend() {
        if (!active) return DEAD;
        mscount++;
        srights++;
        return this;
    }

    /** {@code ipc_port_copy_send}: another send right (the caller holds one). */
    public Port copySend() {
        if (!active) return DEAD;
        srights++;
        return this;
    }

    /** {@code ipc_port_make_sonce}: a new send-once right. */
    public Port makeSendOnce() {
        if (!active) return DEAD;
        sorights++;
        return this;
    }

    @Override
    public String toString() {
        return "Port#" + id + (active ? "" : "(dead)");
    }
}
