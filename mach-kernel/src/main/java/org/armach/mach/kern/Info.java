package org.armach.mach.kern;

/** task_info / thread_info flavors as 32-bit word arrays (LP64 struct layouts). */
final class Info {
    private Info() {}

    static final int TASK_BASIC_INFO = 1, THREAD_BASIC_INFO = 1, THREAD_SCHED_INFO = 2;
    static final int TH_STATE_RUNNING = 1, TH_STATE_STOPPED = 2, TH_STATE_WAITING = 3, TH_STATE_HALTED = 5;

    /** task_basic_info: suspend_count, base_priority, virtual_size, resident_size, user/system/creation time. */
    static int[] task(Kernel k, Task t, int flavor) {
        if (flavor != TASK_BASIC_INFO) return null;
        int[] w = new int[18];
        w[0] = t.suspendCount;
        w[1] = t.priority;
        long user = 0;
        for (KThread th : t.threads) user += th.userNs;
        time(w, 6, user);
        return w;
    }

    static int[] thread(Kernel k, KThread t, int flavor) {
        if (flavor == THREAD_BASIC_INFO) {
            int[] w = new int[20];
            time(w, 0, t.userNs);
            w[9] = t.basePri;
            w[10] = t.schedPri();
            w[11] = runState(t);
            w[13] = t.suspendCount;
            return w;
        }
        if (flavor == THREAD_SCHED_INFO) {
            return new int[] {1 /* POLICY_TIMESHARE */, 0, t.basePri, t.maxPri, t.schedPri(), t.depressed ? 1 : 0, t.basePri};
        }
        return null;
    }

    private static int runState(KThread t) {
        if (t.state == KThread.State.HALTED) return TH_STATE_HALTED;
        if (t.suspendCount > 0 || t.task.suspendCount > 0) return TH_STATE_STOPPED;
        return t.state == KThread.State.WAITING ? TH_STATE_WAITING : TH_STATE_RUNNING;
    }

    /** An rpc_time_value_t {seconds: 64-bit, microseconds: 32-bit, pad} at word {@code at}. */
    private static void time(int[] w, int at, long ns) {
        long s = ns / 1_000_000_000L;
        w[at] = (int) s;
        w[at + 1] = (int) (s >>> 32);
        w[at + 2] = (int) (ns / 1000 % 1_000_000);
    }
}
