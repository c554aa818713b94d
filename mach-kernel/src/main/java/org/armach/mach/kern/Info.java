package org.armach.mach.kern;

import java.util.Arrays;

import org.armach.mach.vm.VmRegionInfo;

/**
 * task_info / thread_info flavors of 64-bit GNU Mach as 32-bit word arrays, with the real struct
 * layouts (include/mach/task_info.h, thread_info.h): rpc_time_value_t = {seconds: 64 bits,
 * microseconds: 32 bits, pad} and time_value64_t = {seconds, nanoseconds: 64 bits each}.
 * A count below a flavor's minimum is KERN_INVALID_ARGUMENT; the basic-info flavors accept the
 * count without their trailing time_value64_t members (callers that predate them), as GNU Mach
 * does; a larger count is cut to the flavor's size.
 */
final class Info {
    private Info() {}

    static final int TASK_BASIC_INFO = 1, TASK_EVENTS_INFO = 2, TASK_THREAD_TIMES_INFO = 3;
    static final int THREAD_BASIC_INFO = 1, THREAD_SCHED_INFO = 2;
    static final int TASK_BASIC_INFO_COUNT = 30, TASK_EVENTS_INFO_COUNT = 14, TASK_THREAD_TIMES_INFO_COUNT = 16;
    static final int THREAD_BASIC_INFO_COUNT = 32, THREAD_SCHED_INFO_COUNT = 7;
    /** Words of the trailing time_value64_t members a short count may leave out. */
    static final int TIME64_WORDS_BASIC = 12, TIME64_WORDS_TIMES = 8;
    static final int TH_STATE_RUNNING = 1, TH_STATE_STOPPED = 2, TH_STATE_WAITING = 3, TH_STATE_HALTED = 5;
    static final int POLICY_TIMESHARE = 1;

    /** The words to return for {@code count} requested, or null for KERN_INVALID_ARGUMENT. */
    static int[] task(Kernel k, Task t, int flavor, int count) {
        switch (flavor) {
            case TASK_BASIC_INFO: return cut(taskBasic(k, t), count, TASK_BASIC_INFO_COUNT - TIME64_WORDS_BASIC);
            case TASK_EVENTS_INFO: return cut(taskEvents(t), count, TASK_EVENTS_INFO_COUNT);
            case TASK_THREAD_TIMES_INFO: return cut(taskTimes(t), count, TASK_THREAD_TIMES_INFO_COUNT - TIME64_WORDS_TIMES);
            default: return null;
        }
    }

    static int[] thread(Kernel k, KThread t, int flavor, int count) {
        switch (flavor) {
            case THREAD_BASIC_INFO: return cut(threadBasic(t), count, THREAD_BASIC_INFO_COUNT - TIME64_WORDS_BASIC);
            case THREAD_SCHED_INFO: return cut(threadSched(t), count, THREAD_SCHED_INFO_COUNT);
            default: return null;
        }
    }

    private static int[] cut(int[] w, int count, int min) {
        if (count < min) return null;
        return count >= w.length ? w : Arrays.copyOf(w, count);
    }

    private static int[] taskBasic(Kernel k, Task t) {
        int[] w = new int[TASK_BASIC_INFO_COUNT];
        w[0] = t.suspendCount;
        w[1] = t.priority;
        long virt = 0, res = 0;
        for (VmRegionInfo r : t.vm.regions()) {
            virt += r.size();
            res += r.residentPages();
        }
        long64(w, 2, virt);
        long64(w, 4, res * k.pageSize());
        // user_time / system_time: of terminated threads (none are kept: 0)
        rpcTime(w, 14, t.createdNs);
        time64(w, 26, t.createdNs);
        return w;
    }

    private static int[] taskEvents(Task t) {
        int[] w = new int[TASK_EVENTS_INFO_COUNT];
        // faults, zero_fills, reactivations, pageins, cow_faults, messages_sent, messages_received:
        // only the faults are counted
        long64(w, 0, t.faults);
        return w;
    }

    private static int[] taskTimes(Task t) {
        int[] w = new int[TASK_THREAD_TIMES_INFO_COUNT];
        long user = 0;
        for (KThread th : t.threads) user += th.userNs;
        rpcTime(w, 0, user);
        time64(w, 8, user);
        return w;
    }

    private static int[] threadBasic(KThread t) {
        int[] w = new int[THREAD_BASIC_INFO_COUNT];
        rpcTime(w, 0, t.userNs);
        w[9] = t.basePri;
        w[10] = t.schedPri();
        w[11] = runState(t);
        w[13] = t.suspendCount;
        rpcTime(w, 16, t.createdNs);
        time64(w, 20, t.userNs);
        time64(w, 28, t.createdNs);
        return w;
    }

    private static int[] threadSched(KThread t) {
        int data = t.policy == Scheduler.POLICY_FIXEDPRI ? (int) (t.schedDataTicks * Scheduler.TICK_NS / 1_000_000) : 0;
        return new int[] {t.policy, data, t.basePri, t.maxPri, t.schedPri(), t.depressed ? 1 : 0,
                t.depressed ? t.basePri : 0};
    }

    private static int runState(KThread t) {
        if (t.state == KThread.State.HALTED) return TH_STATE_HALTED;
        if (t.suspendCount > 0 || t.task.suspendCount > 0) return TH_STATE_STOPPED;
        return t.state == KThread.State.WAITING ? TH_STATE_WAITING : TH_STATE_RUNNING;
    }

    private static void long64(int[] w, int at, long v) {
        w[at] = (int) v;
        w[at + 1] = (int) (v >>> 32);
    }

    /** An rpc_time_value_t {seconds: 64 bits, microseconds: 32 bits, pad} at word {@code at}. */
    private static void rpcTime(int[] w, int at, long ns) {
        long64(w, at, ns / 1_000_000_000L);
        w[at + 2] = (int) (ns / 1000 % 1_000_000);
    }

    /** A time_value64_t {seconds, nanoseconds} at word {@code at}. */
    private static void time64(int[] w, int at, long ns) {
        long64(w, at, ns / 1_000_000_000L);
        long64(w, at + 2, ns % 1_000_000_000L);
    }
}
