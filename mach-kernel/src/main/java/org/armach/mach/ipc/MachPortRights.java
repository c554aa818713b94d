package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;

/** mach_port_insert_right and mach_port_extract_right, plus the copyin the shortcut trap needs. */
public final class MachPortRights {
    private MachPortRights() {}

    /**
     * Inserts a right of (copied-in) type 16/17/18 under {@code name}. On success the right is
     * consumed; on failure the caller still owns it.
     */
    public static int insertRight(IpcSpace s, int name, Port right, int type) {
        if (!s.active) return KERN_INVALID_TASK;
        if (!PortConst.valid(name) || !MsgType.isPortAny(type)) return KERN_INVALID_VALUE;
        if (!Port.valid(right)) return KERN_INVALID_CAPABILITY;
        int kr = RightCopyout.copyoutName(s, right, MsgType.copyinType(type), false, name);
        s.kernel.flush();
        return kr;
    }

    /**
     * Takes a right out of the space with disposition {@code msgtName}; the right goes to
     * {@code out[0]} (possibly {@link Port#DEAD}) and its received type to {@code outType[0]}.
     */
    public static int extractRight(IpcSpace s, int name, int msgtName, Port[] out, int[] outType) {
        if (!s.active) return KERN_INVALID_TASK;
        if (!MsgType.isPortAny(msgtName)) return KERN_INVALID_VALUE;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        RightCopyin.Taken t = new RightCopyin.Taken();
        int kr = RightCopyin.copyin(s, e, msgtName, true, t);
        if (kr != KERN_SUCCESS) return kr;
        HeaderCopyin.notifyDeleted(s, t.soright, name);
        s.kernel.flush();
        out[0] = t.port;
        outType[0] = MsgType.copyinType(msgtName);
        return KERN_SUCCESS;
    }
}
