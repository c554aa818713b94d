package org.armach.mach.host;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.kern.KernCodes.*;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;
import org.armach.mach.kern.Kernel;
import org.armach.mach.kern.KernelRpc;
import org.armach.mig.MigCall;
import org.armach.mig.OutOfLine;

/**
 * The machine's one processor and the default processor set (its control port and its name
 * port), with the mach_host.defs routines that list and describe them: host_processors,
 * host_processor_sets, processor_set_default, host_processor_set_priv, processor_info,
 * processor_set_info, processor_set_tasks / _threads (pset control port only), and the
 * routines a uniprocessor GNU Mach built without MACH_HOST answers with KERN_FAILURE
 * (kern/processor.c: processor_start, processor_exit, processor_control with NCPUS = 1;
 * processor_set_create, processor_set_destroy, processor_assign without MACH_HOST).
 */
public final class Processors {
    public static final int PROCESSOR_BASIC_INFO = 1, PROCESSOR_SET_BASIC_INFO = 1, PROCESSOR_SET_SCHED_INFO = 2;
    static final int POLICY_TIMESHARE = 1;

    /** The object behind a processor or processor-set port. */
    static final class Obj implements KernelObject {
        private final KObjectKind kind;

        Obj(KObjectKind kind) { this.kind = kind; }

        @Override public KObjectKind kind() { return kind; }
    }

    private final Kernel k;
    private final Host host;
    private final Port processor, pset, psetName;

    public Processors(Kernel k, Host host) {
        this.k = k;
        this.host = host;
        processor = k.ipc.createKernelPort(new Obj(KObjectKind.PROCESSOR));
        pset = k.ipc.createKernelPort(new Obj(KObjectKind.PSET));
        psetName = k.ipc.createKernelPort(new Obj(KObjectKind.PSET_NAME));
    }

    public void register(KernelRpc rpc) {
        rpc.server("mach_host.defs")
                .on("host_processors", c -> {
                    if (!isPriv(c)) return KERN_INVALID_ARGUMENT;
                    c.set("processor_list", new OutOfLine(new Object[] {processor.makeSend()}, 1, true));
                    return KERN_SUCCESS;
                })
                .on("host_processor_sets", c -> {
                    if (!(c.requestPort() instanceof Host.HostObject)) return KERN_INVALID_ARGUMENT;
                    c.set("processor_sets", new OutOfLine(new Object[] {psetName.makeSend()}, 1, true));
                    return KERN_SUCCESS;
                })
                .on("processor_set_default", c -> {
                    if (!(c.requestPort() instanceof Host.HostObject)) return KERN_INVALID_ARGUMENT;
                    c.set("default_set", psetName.makeSend());
                    return KERN_SUCCESS;
                })
                .on("host_processor_set_priv", c -> {
                    if (!isPriv(c) || !isSet(c.get("set_name"))) return KERN_INVALID_ARGUMENT;
                    c.set("set", pset.makeSend());
                    return KERN_SUCCESS;
                })
                .on("processor_info", this::processorInfo)
                .on("processor_set_info", this::setInfo)
                .on("processor_start", c -> isProcessor(c.requestPort()) ? KERN_FAILURE : KERN_INVALID_ARGUMENT)
                .on("processor_exit", c -> isProcessor(c.requestPort()) ? KERN_FAILURE : KERN_INVALID_ARGUMENT)
                .on("processor_control", c -> isProcessor(c.requestPort()) ? KERN_FAILURE : KERN_INVALID_ARGUMENT)
                .on("processor_set_create", c -> KERN_FAILURE)
                .on("processor_set_destroy", c -> KERN_FAILURE)
                .on("processor_assign", c -> KERN_FAILURE)
                .on("processor_get_assignment", c -> {
                    if (!isProcessor(c.requestPort())) return KERN_INVALID_ARGUMENT;
                    c.set("assigned_set", psetName.makeSend());
                    return KERN_SUCCESS;
                })
                .on("processor_set_tasks", c -> things(c, "task_list", true))
                .on("processor_set_threads", c -> things(c, "thread_list", false));
    }

    /** A send right to the default set's name port (the *_get_assignment routines). */
    public Port nameRight() { return psetName.makeSend(); }

    /** Whether a request port object or body right is the default set's control port (processor_set_t). */
    public static boolean isControl(Object o) {
        if (o instanceof org.armach.mach.kern.Right) o = ((org.armach.mach.kern.Right) o).object();
        else if (o instanceof Port) o = ((Port) o).kobject();
        return o instanceof Obj && ((Obj) o).kind() == KObjectKind.PSET;
    }

    private static boolean isProcessor(Object o) {
        return o instanceof Obj && ((Obj) o).kind() == KObjectKind.PROCESSOR;
    }

    /** processor_set_things: send rights to every task or thread of the set, in creation order. */
    private int things(MigCall c, String out, boolean tasks) {
        if (!isControl(c.requestPort())) return KERN_INVALID_ARGUMENT;
        java.util.List<Object> l = new java.util.ArrayList<>();
        for (org.armach.mach.kern.Task t : k.tasks()) {
            if (tasks) l.add(t.kernelPort().makeSend());
            else for (org.armach.mach.kern.KThread th : t.threads()) l.add(th.kernelPort().makeSend());
        }
        c.set(out, new OutOfLine(l.toArray(), l.size(), true));
        return KERN_SUCCESS;
    }

    private static boolean isPriv(MigCall c) {
        return c.requestPort() instanceof Host.HostObject && ((Host.HostObject) c.requestPort()).privileged();
    }

    private static boolean isSet(Object o) {
        if (o instanceof org.armach.mach.kern.Right) o = ((org.armach.mach.kern.Right) o).object();
        else if (o instanceof Port) o = ((Port) o).kobject();
        return o instanceof Obj && (((Obj) o).kind() == KObjectKind.PSET || ((Obj) o).kind() == KObjectKind.PSET_NAME);
    }

    private int processorInfo(MigCall c) {
        Object p = c.requestPort();
        if (!(p instanceof Obj) || ((Obj) p).kind() != KObjectKind.PROCESSOR) return KERN_INVALID_ARGUMENT;
        if (c.getInt("flavor") != PROCESSOR_BASIC_INFO) return KERN_FAILURE;
        // processor_basic_info: cpu_type, cpu_subtype, running, slot_num, is_master
        int[] w = {Host.CPU_TYPE, 0, 1, 0, 1};
        if (c.getInt("processor_info_outCnt") < w.length) return KERN_FAILURE;
        c.set("host", host.hostPort().makeSend());
        c.set("processor_info_out", w);
        return KERN_SUCCESS;
    }

    private int setInfo(MigCall c) {
        if (!isSet(c.requestPort())) return KERN_INVALID_ARGUMENT;
        int[] w;
        switch (c.getInt("flavor")) {
            case PROCESSOR_SET_BASIC_INFO: {
                // processor_count, task_count, thread_count, load_average, mach_factor
                int threads = 0;
                for (org.armach.mach.kern.Task t : k.tasks()) threads += t.threads().size();
                w = new int[] {1, k.tasks().size(), threads, 0, 0};
                break;
            }
            case PROCESSOR_SET_SCHED_INFO:
                // policies, max_priority
                w = new int[] {k.scheduler().psetPolicies(), k.scheduler().psetMaxPriority()};
                break;
            default:
                return KERN_INVALID_ARGUMENT; // kern/processor.c: an unknown flavor
        }
        if (c.getInt("info_outCnt") < w.length) return KERN_FAILURE;
        c.set("host", host.hostPort().makeSend());
        c.set("info_out", w);
        return KERN_SUCCESS;
    }
}
