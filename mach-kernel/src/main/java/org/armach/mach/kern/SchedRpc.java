package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.host.Host;
import org.armach.mach.host.Processors;
import org.armach.mig.MigCall;

/**
 * The scheduling routines of mach_host.defs on the one processor set of a uniprocessor GNU Mach
 * built with MACH_FIXPRI and without MACH_HOST (kern/thread.c, kern/task.c, kern/processor.c):
 * thread_priority, thread_max_priority, task_priority, thread_policy, processor_set_max_priority,
 * processor_set_policy_enable / _disable, thread_wire, and the assignment routines (assigning
 * answers KERN_FAILURE, the *_get_assignment routines return the default set's name port).
 * Priorities are Mach's: 0 is the strongest, a thread may not go below its max_priority.
 */
final class SchedRpc {
    static final int NRQS = Scheduler.NRQS;
    private final Kernel k;

    private SchedRpc(Kernel k) {
        this.k = k;
    }

    static void register(Kernel k, KernelRpc rpc) {
        SchedRpc r = new SchedRpc(k);
        rpc.server("mach_host.defs")
                .on("thread_priority", r::threadPriority)
                .on("thread_max_priority", r::threadMaxPriority)
                .on("task_priority", r::taskPriority)
                .on("thread_policy", r::threadPolicy)
                .on("processor_set_max_priority", r::setMaxPriority)
                .on("processor_set_policy_enable", r::policyEnable)
                .on("processor_set_policy_disable", r::policyDisable)
                .on("thread_wire", r::threadWire)
                .on("thread_assign", c -> KERN_FAILURE)
                .on("thread_assign_default", c -> KERN_FAILURE)
                .on("task_assign", c -> KERN_FAILURE)
                .on("task_assign_default", c -> KERN_FAILURE)
                .on("thread_get_assignment", c -> r.assignment(c, TaskRpc.threadOf(c) != null))
                .on("task_get_assignment", c -> r.assignment(c, TaskRpc.taskOf(c) != null));
    }

    static boolean invalidPri(int p) {
        return p < 0 || p >= NRQS;
    }

    static boolean invalidPolicy(int p) {
        return p != Scheduler.POLICY_TIMESHARE && p != Scheduler.POLICY_FIXEDPRI;
    }

    private int assignment(MigCall c, boolean valid) {
        if (!valid) return KERN_INVALID_ARGUMENT;
        c.set("assigned_set", k.processors.nameRight());
        return KERN_SUCCESS;
    }

    private int threadPriority(MigCall c) {
        KThread t = TaskRpc.threadOf(c);
        int pri = c.getInt("priority");
        if (t == null || invalidPri(pri)) return KERN_INVALID_ARGUMENT;
        return setPriority(t, pri, c.getBoolean("set_max"));
    }

    /** thread_priority: below max_priority is KERN_FAILURE; a depressed thread gets it on undepress. */
    int setPriority(KThread t, int pri, boolean setMax) {
        if (pri < t.maxPri) return KERN_FAILURE;
        t.basePri = pri;
        if (setMax) t.maxPri = pri;
        k.sched.requeue(t);
        return KERN_SUCCESS;
    }

    private int threadMaxPriority(MigCall c) {
        KThread t = TaskRpc.threadOf(c);
        int max = c.getInt("max_priority");
        if (t == null || !Processors.isControl(c.get("processor_set")) || invalidPri(max)) return KERN_INVALID_ARGUMENT;
        setMax(t, max);
        return KERN_SUCCESS;
    }

    /** thread_max_priority: a priority stronger than the new limit is brought down to it. */
    void setMax(KThread t, int max) {
        t.maxPri = max;
        if (max > t.basePri) {
            t.basePri = max;
            k.sched.requeue(t);
        }
    }

    private int taskPriority(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        int pri = c.getInt("priority");
        if (t == null || invalidPri(pri)) return KERN_INVALID_ARGUMENT;
        t.priority = pri;
        int ret = KERN_SUCCESS;
        if (c.getBoolean("change_threads")) {
            for (KThread th : t.threads) if (setPriority(th, pri, false) != KERN_SUCCESS) ret = KERN_FAILURE;
        }
        return ret;
    }

    /**
     * thread_policy: the same policy only updates a fixed-priority quantum (data ms rounded up to
     * ticks); a new policy must be enabled on the set (KERN_FAILURE otherwise).
     */
    private int threadPolicy(MigCall c) {
        KThread t = TaskRpc.threadOf(c);
        int policy = c.getInt("policy");
        if (t == null || invalidPolicy(policy)) return KERN_INVALID_ARGUMENT;
        if (policy != t.policy && (k.sched.psetPolicies & policy) == 0) return KERN_FAILURE;
        t.policy = policy;
        if (policy == Scheduler.POLICY_FIXEDPRI) t.schedDataTicks = ticks(c.getInt("data"));
        return KERN_SUCCESS;
    }

    /** data milliseconds as clock ticks, rounded up (temp = data * 1000; temp % tick ? +tick : 0) / tick. */
    static int ticks(int ms) {
        long us = ms * 1000L, tick = Scheduler.TICK_NS / 1000;
        if (us % tick != 0) us += tick;
        return (int) (us / tick);
    }

    private int setMaxPriority(MigCall c) {
        int max = c.getInt("max_priority");
        if (!Processors.isControl(c.requestPort()) || invalidPri(max)) return KERN_INVALID_ARGUMENT;
        k.sched.psetMaxPriority = max;
        if (c.getBoolean("change_threads")) {
            for (Task t : k.tasks) for (KThread th : t.threads) if (th.maxPri < max) setMax(th, max);
        }
        return KERN_SUCCESS;
    }

    private int policyEnable(MigCall c) {
        int policy = c.getInt("policy");
        if (!Processors.isControl(c.requestPort()) || invalidPolicy(policy)) return KERN_INVALID_ARGUMENT;
        k.sched.psetPolicies |= policy;
        return KERN_SUCCESS;
    }

    /** Timesharing cannot be disabled; with change_threads the set's threads of the policy go back to it. */
    private int policyDisable(MigCall c) {
        int policy = c.getInt("policy");
        if (!Processors.isControl(c.requestPort()) || policy == Scheduler.POLICY_TIMESHARE || invalidPolicy(policy)) {
            return KERN_INVALID_ARGUMENT;
        }
        if ((k.sched.psetPolicies & policy) == 0) return KERN_SUCCESS;
        k.sched.psetPolicies &= ~policy;
        if (c.getBoolean("change_threads")) {
            for (Task t : k.tasks) for (KThread th : t.threads) if (th.policy == policy) th.policy = Scheduler.POLICY_TIMESHARE;
        }
        return KERN_SUCCESS;
    }

    /** thread_wire (host_priv): only the calling thread itself (stack_privilege works on the current thread). */
    private int threadWire(MigCall c) {
        Object h = c.requestPort();
        if (!(h instanceof Host.HostObject) || !((Host.HostObject) h).privileged()) return KERN_INVALID_ARGUMENT;
        Object o = c.get("thread") instanceof Right ? ((Right) c.get("thread")).object() : null;
        if (!(o instanceof KThread) || ((KThread) o).state == KThread.State.HALTED) return KERN_INVALID_ARGUMENT;
        KThread t = (KThread) o;
        if (t != k.sched.current) return KERN_INVALID_ARGUMENT;
        t.vmPrivileged = c.getBoolean("wired");
        return KERN_SUCCESS;
    }
}
