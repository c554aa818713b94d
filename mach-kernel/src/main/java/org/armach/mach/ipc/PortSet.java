package org.armach.mach.ipc;

import java.util.ArrayList;
import java.util.List;

/** A port set ({@code ipc_pset}): members share one message queue. */
public final class PortSet extends IpcObject {
    final IpcSpace space;
    int name;
    final MessageQueue queue = new MessageQueue();
    final List<Port> members = new ArrayList<>();

    PortSet(IpcSpace space, int name) {
        this.space = space;
        this.name = name;
    }

    /** {@code ipc_pset_add}: the port's queued messages move to the end of the set queue. */
    void add(Port p) {
        members.add(p);
        p.pset = this;
        while (!p.ownQueue.msgs.isEmpty()) queue.msgs.add(p.ownQueue.msgs.poll());
        p.ownQueue.failReceivers(MachMsgReturn.MACH_RCV_PORT_CHANGED);
        p.kernel.wakeReceiver(queue);
    }

    /** {@code ipc_pset_remove}: the port's messages go back to its own queue. */
    void remove(Port p) {
        members.remove(p);
        p.pset = null;
        queue.msgs.removeIf(m -> {
            if (m.remote != p) return false;
            p.ownQueue.msgs.add(m);
            return true;
        });
    }

    /** {@code ipc_pset_destroy}. */
    void destroy() {
        for (Port p : new ArrayList<>(members)) remove(p);
        active = false;
        queue.failReceivers(MachMsgReturn.MACH_RCV_PORT_DIED);
    }
}
