package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.Le;
import org.armach.mig.MigCall;

/**
 * PC sampling of mach4.defs (kern/pc_sample.c, GNU Mach is built with MACH_PCSAMPLE): a task or
 * thread with sampling enabled gets a ring of 512 sampled_pc_t; on every clock tick (hz = 100,
 * virtual time, so deterministic) the user PC of the running thread is recorded in the thread's
 * ring and its task's ring when their sample types include SAMPLED_PC_PERIODIC. The id of a
 * sample is the thread's identity as (task id << 16 | thread id) (GNU Mach: the thread pointer).
 */
final class PcSampling {
    static final int MAX_PC_SAMPLES = 512;
    static final int SAMPLED_PC_PERIODIC = 1;
    /** sizeof(sampled_pc_t) on 64 bits: natural_t id, pad, rpc_vm_offset_t pc, int sampletype, pad. */
    static final int SAMPLE_SIZE = 24;
    /** The tick reported to callers, in microseconds. */
    static final int TICK_US = (int) (Scheduler.TICK_NS / 1000);

    /** struct sample_control: the ring, the sequence number of the last sample, the enabled types. */
    static final class Control {
        final int[] ids = new int[MAX_PC_SAMPLES];
        final long[] pcs = new long[MAX_PC_SAMPLES];
        final int[] types = new int[MAX_PC_SAMPLES];
        int seqno;
        int sampleTypes;

        void take(KThread t, int flavor) {
            seqno++;
            int i = Integer.remainderUnsigned(seqno, MAX_PC_SAMPLES);
            ids[i] = t.task.id << 16 | t.id;
            pcs[i] = t.ctx.pc;
            types[i] = flavor;
        }
    }

    private final Kernel k;
    private Timers.Event tick;

    PcSampling(Kernel k) {
        this.k = k;
    }

    void register(KernelRpc rpc) {
        rpc.server("mach4.defs")
                .on("task_enable_pc_sampling", c -> enable(c, taskControl(c, true)))
                .on("thread_enable_pc_sampling", c -> enable(c, threadControl(c, true)))
                .on("task_disable_pc_sampling", c -> disable(c, TaskRpc.taskOf(c) != null, () -> TaskRpc.taskOf(c).pcSample = null,
                        taskControl(c, false)))
                .on("thread_disable_pc_sampling", c -> disable(c, TaskRpc.threadOf(c) != null,
                        () -> TaskRpc.threadOf(c).pcSample = null, threadControl(c, false)))
                .on("task_get_sampled_pcs", c -> get(c, TaskRpc.taskOf(c) != null, taskControl(c, false)))
                .on("thread_get_sampled_pcs", c -> get(c, TaskRpc.threadOf(c) != null, threadControl(c, false)));
    }

    private static Control taskControl(MigCall c, boolean create) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return null;
        if (t.pcSample == null && create) t.pcSample = new Control();
        return t.pcSample;
    }

    private static Control threadControl(MigCall c, boolean create) {
        KThread t = TaskRpc.threadOf(c);
        if (t == null) return null;
        if (t.pcSample == null && create) t.pcSample = new Control();
        return t.pcSample;
    }

    private int enable(MigCall c, Control cp) {
        if (cp == null) return KERN_INVALID_ARGUMENT;
        cp.sampleTypes = c.getInt("flavor");
        c.set("tick", TICK_US);
        arm();
        return KERN_SUCCESS;
    }

    /** Frees the ring (the next enable starts at seqno 0); samplecnt: the samples taken. */
    private static int disable(MigCall c, boolean valid, Runnable free, Control cp) {
        if (!valid) return KERN_INVALID_ARGUMENT;
        c.set("samplecnt", cp == null ? 0 : cp.seqno);
        free.run();
        return KERN_SUCCESS;
    }

    /**
     * get_sampled_pcs: the samples after the caller's seqno, oldest first (at most the ring),
     * and the current seqno; KERN_FAILURE if sampling was never enabled (no ring).
     */
    private static int get(MigCall c, boolean valid, Control cp) {
        if (!valid) return KERN_INVALID_ARGUMENT;
        if (cp == null) return KERN_FAILURE;
        int from = c.getInt("seqno");
        int n = cp.seqno - from;
        int first = Integer.remainderUnsigned(from, MAX_PC_SAMPLES);
        if (n > MAX_PC_SAMPLES) {
            n = MAX_PC_SAMPLES;
            first = (Integer.remainderUnsigned(cp.seqno, MAX_PC_SAMPLES) + 1) % MAX_PC_SAMPLES;
        }
        if (n < 0) n = 0;
        byte[] out = new byte[n * SAMPLE_SIZE];
        for (int i = 0; i < n; i++) {
            int j = (first + 1 + i) % MAX_PC_SAMPLES;
            Le.put32(out, i * SAMPLE_SIZE, cp.ids[j]);
            Le.put64(out, i * SAMPLE_SIZE + 8, cp.pcs[j]);
            Le.put32(out, i * SAMPLE_SIZE + 16, cp.types[j]);
        }
        c.set("seqno", cp.seqno);
        c.set("sampled_pcs", out);
        return KERN_SUCCESS;
    }

    /** Starts the clock tick if it is not running. */
    private void arm() {
        if (tick == null) tick = k.timers.at(k.clock.nowNs() + Scheduler.TICK_NS, this::onTick);
    }

    /** clock_interrupt's take_pc_sample_macro for the thread running in user mode; re-arms while any sampling is on. */
    void onTick() {
        tick = null;
        KThread t = k.sched.current;
        if (t != null) {
            Control th = t.pcSample, ta = t.task.pcSample;
            if (th != null && (th.sampleTypes & SAMPLED_PC_PERIODIC) != 0) th.take(t, SAMPLED_PC_PERIODIC);
            if (ta != null && (ta.sampleTypes & SAMPLED_PC_PERIODIC) != 0) ta.take(t, SAMPLED_PC_PERIODIC);
        }
        if (anyEnabled()) arm();
    }

    private boolean anyEnabled() {
        for (Task t : k.tasks) {
            if (t.pcSample != null && t.pcSample.sampleTypes != 0) return true;
            for (KThread th : t.threads) if (th.pcSample != null && th.pcSample.sampleTypes != 0) return true;
        }
        return false;
    }
}
