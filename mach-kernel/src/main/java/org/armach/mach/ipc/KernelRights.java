package org.armach.mach.ipc;

/** Rights the kernel itself hands to a space (mach_task_self, boot-script port arguments). */
public final class KernelRights {
    private KernelRights() {}

    /**
     * Copies a naked right of type 16/17/18 out into the space under a name it chooses
     * ({@code ipc_object_copyout}); returns the name, or MACH_PORT_NULL (the right is released)
     * on failure, MACH_PORT_DEAD for {@link Port#DEAD}.
     */
    public static int copyout(IpcSpace s, Port right, int type) {
        if (right == null) return 0;
        if (right == Port.DEAD) return PortConst.DEAD;
        int[] out = {0};
        int kr = RightCopyout.copyout(s, right, type, true, out);
        if (kr != KernReturn.KERN_SUCCESS) {
            s.kernel.releaseRight(right, type);
            return 0;
        }
        s.kernel.flush();
        return out[0];
    }
}
