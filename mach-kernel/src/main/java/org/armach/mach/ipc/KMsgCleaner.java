package org.armach.mach.ipc;

/** Releases every right and region a message holds ({@code ipc_kmsg_clean}). */
final class KMsgCleaner {
    private KMsgCleaner() {}

    static void clean(IpcKernel k, KMsg m) {
        k.acceptMsg(m);
        if (m.remoteType() != 0) k.releaseRight(m.remote, m.remoteType());
        m.remote = null;
        m.bits &= ~0xff;
        Port reply = m.takeReply();
        if (reply != null) k.releaseRight(reply, m.localType());
        cleanBody(k, m);
    }

    static void cleanBody(IpcKernel k, KMsg m) {
        for (MsgItem it : m.items) {
            Port[] ports = it.takePorts();
            if (ports != null) {
                for (Port p : ports) k.releaseRight(p, it.rightType);
            }
            VmCopy c = it.takeCopy();
            if (c != null) c.discard();
        }
    }
}
