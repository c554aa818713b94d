package org.armach.mach.ipc;

import java.util.ArrayList;
import java.util.List;

/** Read-only views of spaces and ports for debugging and leak checks in tests. */
public final class IpcIntrospect {
    private IpcIntrospect() {}

    /** One name of a space: its type bits (incl. DNREQUEST), user refs and port (if any). */
    public static final class NameInfo {
        public final int name;
        public final int type;
        public final int urefs;
        public final Port port;

        NameInfo(int name, int type, int urefs, Port port) {
            this.name = name;
            this.type = type;
            this.urefs = urefs;
            this.port = port;
        }

        @Override
        public String toString() {
            return name + ":0x" + Integer.toHexString(type) + "/" + urefs;
        }
    }

    public static List<NameInfo> names(IpcSpace s) {
        List<NameInfo> out = new ArrayList<>();
        for (IpcEntry e : s.allEntries()) {
            Port p = e.object instanceof Port ? e.port() : null;
            out.add(new NameInfo(e.name, MachPortNames.typeBits(e), e.urefs, p));
        }
        return out;
    }

    /** The port a name denotes in the space (send, send-once or receive right), or null. */
    public static Port portOf(IpcSpace s, int name) {
        IpcEntry e = s.lookup(name);
        return e != null && e.object instanceof Port ? e.port() : null;
    }

    /** Number of messages queued on the port (in its own queue or its set's). */
    public static int queued(Port p) {
        return p.msgcount;
    }

    public static int livePorts(IpcKernel k) {
        return k.livePorts;
    }
}
