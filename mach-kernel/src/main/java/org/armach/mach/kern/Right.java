package org.armach.mach.kern;

import org.armach.mach.ipc.MsgItem;
import org.armach.mach.ipc.Port;

/**
 * A port right carried in the body of a request to a kernel server, as MIG handlers see it.
 * Rights not {@link #take() taken} are destroyed with the request after the handler returns.
 */
public final class Right {
    private final MsgItem item;
    private final int index;
    private final Port port;
    /** The received type: 16 receive, 17 send, 18 send-once. */
    public final int type;

    Right(MsgItem item, int index, Port port) {
        this.item = item;
        this.index = index;
        this.port = port;
        this.type = item.rightType;
    }

    /** The port (null for MACH_PORT_NULL, {@link Port#DEAD} for a dead name). */
    public Port port() { return port; }

    /** Takes ownership of the right (it will not be destroyed with the request). */
    public Port take() {
        Port[] ports = item.ports();
        if (ports != null && index < ports.length && ports[index] == port) ports[index] = null;
        return port;
    }

    /** The kernel object behind the port, or null. */
    public Object object() {
        return Port.valid(port) ? port.kobject() : null;
    }
}
