package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.Port;
import org.armach.mig.MigCall;
import org.armach.mig.OutOfLine;

/**
 * mach_ports_register / mach_ports_lookup: a task's array of TASK_PORT_REGISTER_MAX (3) send
 * rights held by the kernel, copied into children by task_create and released at termination.
 */
final class RegisteredPorts {
    static final int MAX = 3;

    private RegisteredPorts() {}

    /** Replaces the array with the (at most 3) rights given; missing entries become null. */
    static int register(Kernel k, MigCall c) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        Object v = c.get("init_port_set");
        if (v instanceof OutOfLine) v = ((OutOfLine) v).data();
        Object[] in = v instanceof Object[] ? (Object[]) v : new Object[0];
        if (in.length > MAX) return KERN_INVALID_ARGUMENT;
        Port[] old = t.registered.clone();
        for (int i = 0; i < MAX; i++) t.registered[i] = i < in.length ? TaskRpc.take(in[i]) : null;
        for (Port p : old) k.taskOps.release(p);
        return KERN_SUCCESS;
    }

    /** Copies of the registered rights, always MAX entries (null entries are MACH_PORT_NULL). */
    static int lookup(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        Object[] out = new Object[MAX];
        for (int i = 0; i < MAX; i++) out[i] = Tasks.copy(t.registered[i]);
        c.set("init_port_set", new OutOfLine(out, MAX, true));
        return KERN_SUCCESS;
    }
}
