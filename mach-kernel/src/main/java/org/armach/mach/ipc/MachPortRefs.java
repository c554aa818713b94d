package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

/** mach_port_deallocate, _destroy, _mod_refs, _get_refs. */
public final class MachPortRefs {
    private MachPortRefs() {}

    public static int deallocate(IpcSpace s, int name) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        int kr = RightDealloc.dealloc(s, e);
        s.kernel.flush();
        return kr;
    }

    public static int destroy(IpcSpace s, int name) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        RightDealloc.destroy(s, e);
        s.kernel.flush();
        return KERN_SUCCESS;
    }

    public static int modRefs(IpcSpace s, int name, int right, int delta) {
        if (!s.active) return KERN_INVALID_TASK;
        if (right < 0 || right >= RIGHT_NUMBER) return KERN_INVALID_VALUE;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        int kr = RightDealloc.delta(s, e, right, delta);
        s.kernel.flush();
        return kr;
    }

    public static int getRefs(IpcSpace s, int name, int right, int[] refs) {
        if (!s.active) return KERN_INVALID_TASK;
        if (right < 0 || right >= RIGHT_NUMBER) return KERN_INVALID_VALUE;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        if (!e.has(typeOf(right))) refs[0] = 0;
        else if (right == RIGHT_SEND || right == RIGHT_DEAD_NAME) refs[0] = e.urefs;
        else refs[0] = 1;
        return KERN_SUCCESS;
    }
}
