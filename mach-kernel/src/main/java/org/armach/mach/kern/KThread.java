package org.armach.mach.kern;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;

/** A Mach thread: saved user context, scheduling state, kernel and exception ports. */
public final class KThread implements KernelObject {
    public enum State { RUNNABLE, WAITING, HALTED }

    final Kernel kernel;
    final Task task;
    final int id;
    public final UserContext ctx = new UserContext();
    /** The thread's kernel port (receive right held by the kernel). */
    Port self;
    /** THREAD_EXCEPTION_PORT: a send right held by the kernel, or null. */
    Port excPort;
    int suspendCount;
    State state = State.RUNNABLE;
    Wait wait;
    boolean queued;
    int basePri = Scheduler.BASEPRI_USER;
    int maxPri = Scheduler.BASEPRI_USER;
    /** thread_policy: POLICY_TIMESHARE or POLICY_FIXEDPRI, and the fixed-priority quantum in ticks. */
    int policy = Scheduler.POLICY_TIMESHARE;
    int schedDataTicks;
    /** thread_wire: may allocate memory below the reserve (GNU Mach's vm_privilege). */
    boolean vmPrivileged;
    /** PC sampling of this thread (null: never enabled). */
    PcSampling.Control pcSample;
    boolean depressed;
    Timers.Event depressTimer;
    long quantumEndNs;
    String name = "";
    /** User time consumed, in nanoseconds (accounted at switches). */
    long userNs;
    long lastOnNs;
    /** Time of day at creation (ns since 1970), for thread_info. */
    long createdNs;

    KThread(Kernel kernel, Task task, int id) {
        this.kernel = kernel;
        this.task = task;
        this.id = id;
    }

    @Override public KObjectKind kind() { return KObjectKind.THREAD; }

    public Task task() { return task; }
    public int id() { return id; }
    public State state() { return state; }
    public int suspendCount() { return suspendCount; }
    public Port kernelPort() { return self; }
    public Port exceptionPort() { return excPort; }
    public Wait waitingOn() { return wait; }

    /** The priority the scheduler uses (depression lowers it to the lowest). */
    int schedPri() {
        return depressed ? Scheduler.DEPRESSPRI : basePri;
    }

    /** Eligible to run: runnable, not suspended, task not suspended. */
    boolean eligible() {
        return state == State.RUNNABLE && suspendCount == 0 && task.suspendCount == 0 && task.active;
    }

    @Override
    public String toString() {
        return "thread " + task.id + "." + id + (name.isEmpty() ? "" : " (" + name + ")");
    }
}
