package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.host.Host;
import org.armach.mach.ipc.Le;
import org.armach.mach.ipc.Port;
import org.armach.mach.ipc.VmCopy;
import org.armach.mig.MigCall;
import org.armach.mig.OutOfLine;

/**
 * Per-task user-level emulation state of mach.defs (kern/syscall_emulation.c, kern/task.c,
 * vm/memory_object.c): task_get/set_emulation_vector and task_set_emulation store and return the
 * vector of emulated system-call entry points (inherited by task_create; AArch64 has no
 * emulated-syscall dispatch, so the vector is bookkeeping, as it is in GNU Mach outside i386);
 * task_ras_control answers KERN_FAILURE (GNU Mach is built without FAST_TAS);
 * vm_set_default_memory_manager keeps and exchanges the default pager's send right.
 */
final class Emulation {
    /** EML_BAD_TASK = err_kern | err_sub(2) | 1 (kern/syscall_emulation.h). */
    static final int EML_BAD_TASK = 0x8001;
    /** The most entries one vector may span (a kalloc failure beyond: KERN_RESOURCE_SHORTAGE). */
    static final int MAX_ENTRIES = 1 << 16;

    private final Kernel k;
    private Port defaultManager;

    private Emulation(Kernel k) {
        this.k = k;
    }

    static void register(Kernel k, KernelRpc rpc) {
        Emulation e = new Emulation(k);
        rpc.server("mach.defs")
                .on("task_get_emulation_vector", e::getVector)
                .on("task_set_emulation_vector", e::setVector)
                .on("task_set_emulation", c -> {
                    Task t = TaskRpc.taskOf(c);
                    if (t == null) return EML_BAD_TASK;
                    return set(t, c.getInt("routine_number"), new long[] {c.getLong("routine_entry_pt")});
                })
                .on("task_ras_control", c -> KERN_FAILURE)
                .on("vm_set_default_memory_manager", e::setDefaultManager);
    }

    private int getVector(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return EML_BAD_TASK;
        long[] v = t.emulation == null ? new long[0] : t.emulation;
        c.set("vector_start", t.emulation == null ? 0 : t.emulationStart);
        c.set("emulation_vector", new OutOfLine(v.clone(), v.length, true));
        return KERN_SUCCESS;
    }

    private int setVector(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        long[] v = entries(c.get("emulation_vector"));
        if (t == null) return EML_BAD_TASK;
        return set(t, c.getInt("vector_start"), v);
    }

    /** Installs {@code v} at {@code start}, growing the vector to cover the old and new ranges. */
    static int set(Task t, int start, long[] v) {
        long end = (long) start + v.length;
        long lo = t.emulation == null ? start : Math.min(start, t.emulationStart);
        long hi = t.emulation == null ? end : Math.max(end, (long) t.emulationStart + t.emulation.length);
        if (hi - lo > MAX_ENTRIES) return KERN_RESOURCE_SHORTAGE;
        long[] n = new long[(int) (hi - lo)];
        if (t.emulation != null) System.arraycopy(t.emulation, 0, n, (int) (t.emulationStart - lo), t.emulation.length);
        System.arraycopy(v, 0, n, (int) (start - lo), v.length);
        t.emulation = n;
        t.emulationStart = (int) lo;
        return KERN_SUCCESS;
    }

    /** The vm_offset_t entries of an out-of-line array (consumed). */
    private static long[] entries(Object o) {
        if (o instanceof OutOfLine) o = ((OutOfLine) o).data();
        byte[] b;
        if (o instanceof VmCopy) {
            b = ((VmCopy) o).bytes();
            ((VmCopy) o).discard();
        } else if (o instanceof byte[]) {
            b = (byte[]) o;
        } else if (o instanceof long[]) {
            return (long[]) o;
        } else {
            return new long[0];
        }
        long[] v = new long[b.length / 8];
        for (int i = 0; i < v.length; i++) v[i] = Le.i64(b, 8 * i);
        return v;
    }

    /**
     * vm_set_default_memory_manager (host_priv): MACH_PORT_NULL reads the current manager (a copy
     * of the kernel's send right); a valid right replaces it and the old one is returned.
     */
    private int setDefaultManager(MigCall c) {
        Object h = c.requestPort();
        if (!(h instanceof Host.HostObject) || !((Host.HostObject) h).privileged()) return KernCodes.KERN_INVALID_HOST;
        Port in = TaskRpc.take(c.get("default_manager"));
        Port out;
        if (in == null) {
            out = Tasks.copy(defaultManager);
        } else {
            out = defaultManager;
            defaultManager = in;
        }
        c.set("default_manager", out);
        return KERN_SUCCESS;
    }
}
