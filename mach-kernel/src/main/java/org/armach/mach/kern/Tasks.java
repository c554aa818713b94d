package org.armach.mach.kern;

import org.armach.mach.ipc.IpcSpace;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.ipc.MachMsg;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;
import org.armach.mach.vm.VmSpace;

/** Task and thread life cycle: create, terminate, suspend, resume, abort. */
public final class Tasks {
    private final Kernel k;

    Tasks(Kernel k) {
        this.k = k;
    }

    /** task_create: an empty task (or one inheriting the parent's memory), with no threads. */
    public Task create(Task parent, boolean inheritMemory, String name) {
        VmSpace vm = parent != null && inheritMemory ? parent.vm.fork() : k.vmFactory.create();
        int id = k.newTaskId();
        IpcSpace space = k.ipc.createSpace(vm, name + "#" + id);
        Task t = new Task(k, id, name, space, vm);
        t.self = k.ipc.createKernelPort(t);
        t.createdNs = k.host.time().nowNs();
        if (parent != null) {
            t.bootstrapPort = copy(parent.bootstrapPort);
            t.excPort = copy(parent.excPort);
            t.priority = parent.priority;
            if (parent.emulation != null) {
                t.emulation = parent.emulation.clone(); // eml_task_reference: shared until changed
                t.emulationStart = parent.emulationStart;
            }
            for (int i = 0; i < RegisteredPorts.MAX; i++) t.registered[i] = copy(parent.registered[i]);
        }
        k.tasks.add(t);
        return t;
    }

    static Port copy(Port p) {
        return p != null && Port.valid(p) && p.isActive() ? p.copySend() : null;
    }

    /** thread_create: a new thread, suspended once (thread_resume starts it). */
    public KThread createThread(Task task) {
        KThread th = new KThread(k, task, task.nextThreadId++);
        th.self = k.ipc.createKernelPort(th);
        th.createdNs = k.host.time().nowNs();
        th.maxPri = k.sched.psetMaxPriority;
        th.basePri = Math.max(task.priority, th.maxPri);
        th.suspendCount = 1;
        task.threads.add(th);
        return th;
    }

    public int terminate(Task t) {
        if (!t.active) return KernReturn.KERN_INVALID_ARGUMENT;
        t.active = false;
        for (KThread th : t.threads.toArray(new KThread[0])) terminate(th);
        k.ipc.destroySpace(t.space);
        t.vm.destroy();
        k.ipc.destroyKernelPort(t.self);
        release(t.excPort);
        release(t.bootstrapPort);
        t.excPort = t.bootstrapPort = null;
        for (int i = 0; i < RegisteredPorts.MAX; i++) {
            release(t.registered[i]);
            t.registered[i] = null;
        }
        k.tasks.remove(t);
        return KernReturn.KERN_SUCCESS;
    }

    public int terminate(KThread th) {
        if (th.state == KThread.State.HALTED) return KernReturn.KERN_INVALID_ARGUMENT;
        Wait w = th.wait;
        th.state = KThread.State.HALTED;
        th.wait = null;
        k.sched.dequeue(th);
        if (w != null && w.timer != null) w.timer.cancel();
        if (w instanceof MsgBlock) {
            MsgBlock mb = (MsgBlock) w;
            k.msgWaiters.remove(mb.mw);
            if (!mb.mw.isFinished()) MachMsg.interrupt(mb.mw);
        }
        if (th.depressTimer != null) th.depressTimer.cancel();
        th.task.threads.remove(th);
        k.ipc.destroyKernelPort(th.self);
        release(th.excPort);
        th.excPort = null;
        return KernReturn.KERN_SUCCESS;
    }

    void release(Port p) {
        if (p != null && Port.valid(p)) k.ipc.releaseRight(p, MsgType.PORT_SEND);
    }

    public int suspend(Task t) {
        if (!t.active) return KernReturn.KERN_INVALID_ARGUMENT;
        if (t.suspendCount++ == 0) for (KThread th : t.threads) k.sched.dequeue(th);
        return KernReturn.KERN_SUCCESS;
    }

    public int resume(Task t) {
        if (!t.active || t.suspendCount == 0) return KernReturn.KERN_FAILURE;
        if (--t.suspendCount == 0) for (KThread th : t.threads) k.sched.enqueue(th);
        return KernReturn.KERN_SUCCESS;
    }

    public int suspend(KThread th) {
        if (th.state == KThread.State.HALTED) return KernReturn.KERN_TERMINATED;
        if (th.suspendCount++ == 0) k.sched.dequeue(th);
        return KernReturn.KERN_SUCCESS;
    }

    public int resume(KThread th) {
        if (th.state == KThread.State.HALTED) return KernReturn.KERN_TERMINATED;
        if (th.suspendCount == 0) return KernReturn.KERN_FAILURE;
        if (--th.suspendCount == 0) k.sched.enqueue(th);
        return KernReturn.KERN_SUCCESS;
    }

    /** thread_abort: interrupts whatever the thread waits for (mach_msg returns *_INTERRUPTED). */
    public int abort(KThread th) {
        if (th.state == KThread.State.HALTED) return KernReturn.KERN_TERMINATED;
        undepress(th);
        if (th.wait != null) k.wake(th, th.wait, Wait.ABORTED);
        return KernReturn.KERN_SUCCESS;
    }

    /** Priority depression (thread_switch SWITCH_OPTION_DEPRESS) for {@code ns} (<0: until aborted). */
    void depress(KThread th, long ns) {
        undepress(th);
        th.depressed = true;
        k.sched.requeue(th);
        if (ns >= 0) th.depressTimer = k.timers.at(k.clock.nowNs() + ns, () -> undepress(th));
    }

    /** thread_depress_abort. */
    public int undepress(KThread th) {
        if (th.depressTimer != null) th.depressTimer.cancel();
        th.depressTimer = null;
        if (th.depressed) {
            th.depressed = false;
            k.sched.requeue(th);
        }
        return KernReturn.KERN_SUCCESS;
    }
}
