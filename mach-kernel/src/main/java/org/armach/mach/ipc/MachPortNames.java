package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

import java.util.List;

/** mach_port_allocate, _allocate_name, _rename, _names, _type. */
public final class MachPortNames {
    private MachPortNames() {}

    public static int allocate(IpcSpace s, int right, int[] name) {
        if (!s.active) return KERN_INVALID_TASK;
        if (right != RIGHT_RECEIVE && right != RIGHT_PORT_SET && right != RIGHT_DEAD_NAME) return KERN_INVALID_VALUE;
        IpcEntry e = s.alloc();
        if (e == null) return KERN_NO_SPACE;
        fill(s, e, right);
        name[0] = e.name;
        return KERN_SUCCESS;
    }

    public static int allocateName(IpcSpace s, int right, int name) {
        if (!s.active) return KERN_INVALID_TASK;
        if (!valid(name)) return KERN_INVALID_VALUE;
        if (right != RIGHT_RECEIVE && right != RIGHT_PORT_SET && right != RIGHT_DEAD_NAME) return KERN_INVALID_VALUE;
        IpcEntry e = s.allocName(name);
        if (e.type != 0) return KERN_NAME_EXISTS;
        fill(s, e, right);
        return KERN_SUCCESS;
    }

    private static void fill(IpcSpace s, IpcEntry e, int right) {
        if (right == RIGHT_RECEIVE) {
            Port p = s.kernel.newPort();
            e.type = TYPE_RECEIVE;
            e.object = p;
            p.receiver = s;
            p.receiverName = e.name;
        } else if (right == RIGHT_PORT_SET) {
            e.type = TYPE_PORT_SET;
            e.object = new PortSet(s, e.name);
            s.kernel.livePortSets++;
        } else {
            e.type = TYPE_DEAD_NAME;
            e.urefs = 1;
        }
    }

    public static int rename(IpcSpace s, int oldName, int newName) {
        if (!s.active) return KERN_INVALID_TASK;
        if (!valid(newName)) return KERN_INVALID_VALUE;
        IpcEntry ne = s.allocName(newName);
        if (ne.type != 0) return KERN_NAME_EXISTS;
        IpcEntry oe = oldName == newName ? null : s.lookup(oldName);
        if (oe == null) {
            s.dealloc(ne);
            return KERN_INVALID_NAME;
        }
        move(s, oe, ne);
        return KERN_SUCCESS;
    }

    private static void move(IpcSpace s, IpcEntry oe, IpcEntry ne) {
        ne.type = oe.type;
        ne.urefs = oe.urefs;
        ne.object = oe.object;
        if (oe.request != null) {
            Port p = oe.port();
            int i = p.dnrequests.indexOf(oe.request);
            ne.request = new DnRequest(s, ne.name, oe.request.notify);
            p.dnrequests.set(i, ne.request);
        }
        ne.marequest = oe.marequest;
        oe.marequest = null;
        if (ne.marequest != null) ne.marequest.entry = ne;
        if (ne.object instanceof PortSet) ((PortSet) ne.object).name = ne.name;
        if (ne.has(TYPE_RECEIVE)) ne.port().receiverName = ne.name;
        oe.object = null;
        oe.request = null;
        s.dealloc(oe);
        if (ne.has(TYPE_SEND) && !ne.has(TYPE_RECEIVE)) s.reverseInsert(ne.port(), ne);
    }

    /** mach_port_type: type bits plus DNREQUEST and MAREQUEST. */
    public static int type(IpcSpace s, int name, int[] type) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        type[0] = typeBits(e);
        return KERN_SUCCESS;
    }

    static int typeBits(IpcEntry e) {
        return e.type | (e.request != null ? TYPE_DNREQUEST : 0) | (e.marequest != null ? TYPE_MAREQUEST : 0);
    }

    /** mach_port_names: names in ascending order with their types. */
    public static int names(IpcSpace s, int[][] namesAndTypes) {
        if (!s.active) return KERN_INVALID_TASK;
        List<IpcEntry> all = s.allEntries();
        int[] names = new int[all.size()];
        int[] types = new int[all.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = all.get(i).name;
            types[i] = typeBits(all.get(i));
        }
        namesAndTypes[0] = names;
        namesAndTypes[1] = types;
        return KERN_SUCCESS;
    }
}
