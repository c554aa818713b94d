package org.armach.mach.kern;

import java.util.ArrayDeque;

/**
 * Priority run queues (0 = highest, as in Mach), round robin within a level with a time
 * quantum from the timer interrupt, priority depression, and the idle state. Deterministic:
 * the only inputs are the order of kernel events and the machine clock.
 */
public final class Scheduler {
    public static final int NRQS = 50;
    public static final int BASEPRI_USER = 25;
    public static final int MAXPRI_USER = 0;
    public static final int DEPRESSPRI = NRQS - 1;
    public static final int POLICY_TIMESHARE = 1, POLICY_FIXEDPRI = 2;
    /** The clock tick of GNU Mach (hz = 100) in ns: fixed-priority quanta are counted in ticks. */
    public static final long TICK_NS = 10_000_000L;

    private final Kernel k;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<KThread>[] rq = new ArrayDeque[NRQS];
    private int count;
    /** The thread whose context is on the CPU, or null when idle. */
    KThread current;
    /** Set by swtch / thread_switch: give the CPU away if anyone else can run. */
    boolean yieldRequested;
    /** A thread to hand off to (thread_switch with a thread name). */
    KThread handoff;
    long quantumNs;
    long switches;
    /** The default processor set's max_priority and enabled policies (pset_init: BASEPRI_USER, TIMESHARE). */
    int psetMaxPriority = BASEPRI_USER;
    int psetPolicies = POLICY_TIMESHARE;

    Scheduler(Kernel k, long quantumNs) {
        this.k = k;
        this.quantumNs = quantumNs;
        for (int i = 0; i < NRQS; i++) rq[i] = new ArrayDeque<>();
    }

    public KThread current() { return current; }
    public long switches() { return switches; }
    public long quantumNs() { return quantumNs; }
    public int psetMaxPriority() { return psetMaxPriority; }
    public int psetPolicies() { return psetPolicies; }

    /** A thread's quantum: sched_data ticks under POLICY_FIXEDPRI, else the timesharing quantum. */
    long quantumOf(KThread t) {
        return t.policy == POLICY_FIXEDPRI && t.schedDataTicks > 0 ? t.schedDataTicks * TICK_NS : quantumNs;
    }

    /** Puts an eligible thread on its run queue (no-op if queued, running or not eligible). */
    void enqueue(KThread t) {
        if (t.queued || t == current && t.wait == null || !t.eligible()) return;
        rq[t.schedPri()].addLast(t);
        t.queued = true;
        count++;
    }

    void dequeue(KThread t) {
        if (!t.queued) return;
        for (ArrayDeque<KThread> q : rq) {
            if (q.remove(t)) break;
        }
        t.queued = false;
        count--;
    }

    /** Re-files a queued thread whose priority changed. */
    void requeue(KThread t) {
        if (!t.queued) return;
        dequeue(t);
        enqueue(t);
    }

    private int highest() {
        if (count == 0) return NRQS;
        for (int i = 0; i < NRQS; i++) if (!rq[i].isEmpty()) return i;
        return NRQS;
    }

    /** True if some other thread is ready to run. */
    public boolean othersReady() {
        return count > 0;
    }

    /**
     * Chooses what runs when the hook returns: keeps the current thread unless it blocked,
     * its quantum expired with an equal-priority thread ready, it yielded, or a better
     * thread is ready; completes pending waits of the chosen thread; idles if nothing runs.
     */
    void dispatch() {
        long now = k.clock.nowNs();
        KThread cur = current;
        if (cur != null && cur.eligible() && cur.wait == null && !cur.queued) {
            int best = highest();
            int mine = cur.schedPri();
            boolean expired = now >= cur.quantumEndNs;
            if (handoff == null && (best > mine || best == mine && !expired && !yieldRequested)) {
                yieldRequested = false;
                armTimer(cur, now);
                return;
            }
            if (best < NRQS || handoff != null) {
                rq[mine].addLast(cur);
                cur.queued = true;
                count++;
            } else {
                // nobody else: a new quantum
                yieldRequested = false;
                cur.quantumEndNs = now + quantumOf(cur);
                armTimer(cur, now);
                return;
            }
        }
        yieldRequested = false;
        KThread next;
        while ((next = pick()) != null) {
            if (next.wait == null) break;
            Wait w = next.wait;
            next.wait = null;
            if (w.timer != null) w.timer.cancel();
            if (w.finish(k, next) && next.eligible()) break;
            k.runAfterTrap();
        }
        switchTo(next, now);
    }

    private KThread pick() {
        KThread h = handoff;
        handoff = null;
        if (h != null && h.queued) {
            dequeue(h);
            return h;
        }
        int i = highest();
        if (i == NRQS) return null;
        KThread t = rq[i].pollFirst();
        t.queued = false;
        count--;
        return t;
    }

    private void switchTo(KThread next, long now) {
        KThread prev = current;
        if (prev != null) prev.userNs += now - prev.lastOnNs;
        current = next;
        if (next == null) {
            k.idle();
            armTimer(null, now);
            return;
        }
        next.lastOnNs = now;
        if (next != prev) switches++;
        next.quantumEndNs = now + quantumOf(next);
        if (prev == null || prev.task != next.task) next.task.vm.activate(k.cpu);
        k.cpu.waiting = false;
        armTimer(next, now);
    }

    /** Programs the timer for the next kernel timeout or, with competitors, the quantum end. */
    private void armTimer(KThread cur, long now) {
        long due = k.timers.next();
        if (cur != null && count > 0) due = Math.min(due, cur.quantumEndNs);
        k.clock.wakeAt(due);
    }
}
