package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.IpcIntrospect;
import org.armach.mach.ipc.MachPortRefs;
import org.armach.mach.ipc.Port;
import org.armach.mig.MigCall;
import org.armach.mig.MigServer;
import org.armach.mig.OutOfLine;

/** mach.defs task/thread routines, the task/thread parts of gnumach.defs, mach4.defs and mach_host.defs. */
final class TaskRpc {
    private final Kernel k;

    private TaskRpc(Kernel k) {
        this.k = k;
    }

    static void register(Kernel k, KernelRpc rpc) {
        TaskRpc r = new TaskRpc(k);
        MigServer m = rpc.server("mach.defs");
        m.on("task_create", r::taskCreate)
                .on("task_terminate", c -> r.task(c, t -> r.later(() -> k.taskOps.terminate(t))))
                .on("task_threads", r::taskThreads)
                .on("task_info", r::taskInfo)
                .on("task_suspend", c -> r.task(c, k.taskOps::suspend))
                .on("task_resume", c -> r.task(c, k.taskOps::resume))
                .on("task_get_special_port", r::taskGetSpecial)
                .on("task_set_special_port", r::taskSetSpecial)
                .on("mach_ports_register", c -> RegisteredPorts.register(k, c))
                .on("mach_ports_lookup", RegisteredPorts::lookup)
                .on("thread_create", r::threadCreate)
                .on("thread_terminate", c -> r.thread(c, t -> r.later(() -> k.taskOps.terminate(t))))
                .on("thread_suspend", c -> r.thread(c, k.taskOps::suspend))
                .on("thread_resume", c -> r.thread(c, k.taskOps::resume))
                .on("thread_abort", c -> r.thread(c, k.taskOps::abort))
                .on("thread_get_state", r::getState)
                .on("thread_set_state", r::setState)
                .on("thread_info", r::threadInfo)
                .on("thread_get_special_port", r::threadGetSpecial)
                .on("thread_set_special_port", r::threadSetSpecial);
        VmRpc.register(k, m);
        rpc.server("gnumach.defs")
                .on("task_set_name", c -> r.task(c, t -> { t.name = c.getString("name"); return KERN_SUCCESS; }))
                .on("thread_set_name", c -> r.thread(c, t -> { t.name = c.getString("name"); return KERN_SUCCESS; }))
                .on("task_set_essential", c -> r.task(c, t -> { t.essential = c.getBoolean("essential"); return KERN_SUCCESS; }))
                .on("thread_terminate_release", r::terminateRelease);
        Gsync.register(k, rpc);
        rpc.server("mach_host.defs").on("thread_depress_abort", c -> r.thread(c, k.taskOps::undepress));
    }

    interface TaskFn { int apply(Task t); }

    interface ThreadFn { int apply(KThread t); }

    static Task taskOf(MigCall c) {
        Object o = c.requestPort();
        return o instanceof Task && ((Task) o).active ? (Task) o : null;
    }

    static KThread threadOf(MigCall c) {
        Object o = c.requestPort();
        return o instanceof KThread && ((KThread) o).state != KThread.State.HALTED ? (KThread) o : null;
    }

    int task(MigCall c, TaskFn f) {
        Task t = taskOf(c);
        return t == null ? KERN_INVALID_ARGUMENT : f.apply(t);
    }

    int thread(MigCall c, ThreadFn f) {
        KThread t = threadOf(c);
        return t == null ? KERN_INVALID_ARGUMENT : f.apply(t);
    }

    int later(Runnable r) {
        k.afterTrap(r);
        return KERN_SUCCESS;
    }

    private int taskCreate(MigCall c) {
        Task p = taskOf(c);
        if (p == null) return KERN_INVALID_ARGUMENT;
        Task t = k.taskOps.create(p, c.getBoolean("inherit_memory"), p.name);
        c.set("child_task", t.self.makeSend());
        k.taskNotify.created(t, p);
        return KERN_SUCCESS;
    }

    private int taskThreads(MigCall c) {
        Task t = taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        Object[] list = new Object[t.threads.size()];
        for (int i = 0; i < list.length; i++) list[i] = t.threads.get(i).self.makeSend();
        c.set("thread_list", new OutOfLine(list, list.length, true));
        return KERN_SUCCESS;
    }

    private int taskInfo(MigCall c) {
        Task t = taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int[] w = Info.task(k, t, c.getInt("flavor"), c.getInt("task_info_outCnt"));
        if (w == null) return KERN_INVALID_ARGUMENT;
        c.set("task_info_out", w);
        return KERN_SUCCESS;
    }

    private int threadInfo(MigCall c) {
        KThread t = threadOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int[] w = Info.thread(k, t, c.getInt("flavor"), c.getInt("thread_info_outCnt"));
        if (w == null) return KERN_INVALID_ARGUMENT;
        c.set("thread_info_out", w);
        return KERN_SUCCESS;
    }

    private int taskGetSpecial(MigCall c) {
        Task t = taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int[] kr = {0};
        Port p = Specials.getTask(t, c.getInt("which_port"), kr);
        if (kr[0] == KERN_SUCCESS) c.set("special_port", p);
        return kr[0];
    }

    private int taskSetSpecial(MigCall c) {
        Task t = taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        return Specials.setTask(k, t, c.getInt("which_port"), take(c.get("special_port")));
    }

    private int threadGetSpecial(MigCall c) {
        KThread t = threadOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int[] kr = {0};
        Port p = Specials.getThread(t, c.getInt("which_port"), kr);
        if (kr[0] == KERN_SUCCESS) c.set("special_port", p);
        return kr[0];
    }

    private int threadSetSpecial(MigCall c) {
        KThread t = threadOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        return Specials.setThread(k, t, c.getInt("which_port"), take(c.get("special_port")));
    }

    static Port take(Object o) {
        if (!(o instanceof Right)) return null;
        Port p = ((Right) o).take();
        return Port.valid(p) ? p : null;
    }

    private int threadCreate(MigCall c) {
        Task t = taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        c.set("child_thread", k.taskOps.createThread(t).self.makeSend());
        return KERN_SUCCESS;
    }

    private int getState(MigCall c) {
        KThread t = threadOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int max = Math.min(c.getInt("old_stateCnt"), 1024);
        int[] w = new int[ThreadState.FLOAT_STATE_COUNT];
        k.syncFp(t.ctx);
        int n = ThreadState.get(t.ctx, c.getInt("flavor"), w, max);
        if (n < 0) return -n;
        c.set("old_state", java.util.Arrays.copyOf(w, n));
        return KERN_SUCCESS;
    }

    private int setState(MigCall c) {
        KThread t = threadOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int[] w = (int[]) c.get("new_state");
        k.syncFp(t.ctx);
        return ThreadState.set(t.ctx, c.getInt("flavor"), w, w.length);
    }

    private int terminateRelease(MigCall c) {
        KThread th = c.get("thread") instanceof Right ? asThread(((Right) c.get("thread")).object()) : null;
        Object to = c.get("task") instanceof Right ? ((Right) c.get("task")).object() : null;
        if (th == null || !(to instanceof Task)) return KERN_INVALID_ARGUMENT;
        Task task = (Task) to;
        int threadName = c.getInt("thread_name"), replyName = c.getInt("reply_port");
        long addr = c.getLong("address"), size = c.getLong("size");
        k.afterTrap(() -> {
            MachPortRefs.deallocate(task.space, threadName);
            if (IpcIntrospect.portOf(task.space, replyName) != null) MachPortRefs.destroy(task.space, replyName);
            if (size != 0) task.vm.deallocate(addr, size);
            k.taskOps.terminate(th);
        });
        return KERN_SUCCESS;
    }

    private static KThread asThread(Object o) {
        return o instanceof KThread ? (KThread) o : null;
    }
}
