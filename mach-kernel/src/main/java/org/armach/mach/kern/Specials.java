package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.Port;

/** Task and thread special ports (kernel, exception, bootstrap). */
final class Specials {
    private Specials() {}

    static final int KERNEL_PORT = 1, EXCEPTION_PORT = 3, BOOTSTRAP_PORT = 4;

    /** Sets a task special port, consuming {@code right} (a send right or null). */
    static int setTask(Kernel k, Task t, int which, Port right) {
        switch (which) {
            case KERNEL_PORT:
                k.taskOps.release(right);
                return KERN_INVALID_ARGUMENT;
            case EXCEPTION_PORT:
                k.taskOps.release(t.excPort);
                t.excPort = right;
                return KERN_SUCCESS;
            case BOOTSTRAP_PORT:
                k.taskOps.release(t.bootstrapPort);
                t.bootstrapPort = right;
                return KERN_SUCCESS;
            default:
                k.taskOps.release(right);
                return KERN_INVALID_ARGUMENT;
        }
    }

    /** A new send right for a task special port, or null; {@code kr[0]} gets the result. */
    static Port getTask(Task t, int which, int[] kr) {
        kr[0] = KERN_SUCCESS;
        switch (which) {
            case KERNEL_PORT: return t.self.makeSend();
            case EXCEPTION_PORT: return Tasks.copy(t.excPort);
            case BOOTSTRAP_PORT: return Tasks.copy(t.bootstrapPort);
            default:
                kr[0] = KERN_INVALID_ARGUMENT;
                return null;
        }
    }

    static int setThread(Kernel k, KThread t, int which, Port right) {
        if (which == EXCEPTION_PORT) {
            k.taskOps.release(t.excPort);
            t.excPort = right;
            return KERN_SUCCESS;
        }
        k.taskOps.release(right);
        return KERN_INVALID_ARGUMENT;
    }

    static Port getThread(KThread t, int which, int[] kr) {
        kr[0] = KERN_SUCCESS;
        switch (which) {
            case KERNEL_PORT: return t.self.makeSend();
            case EXCEPTION_PORT: return Tasks.copy(t.excPort);
            default:
                kr[0] = KERN_INVALID_ARGUMENT;
                return null;
        }
    }
}
