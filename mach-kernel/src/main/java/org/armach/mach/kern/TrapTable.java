package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.IpcIntrospect;
import org.armach.mach.ipc.KernelRights;
import org.armach.mach.ipc.MachMsg;
import org.armach.mach.ipc.MachMsgReturn;
import org.armach.mach.ipc.MachPortNames;
import org.armach.mach.ipc.MachPortRefs;
import org.armach.mach.ipc.MachPortRights;
import org.armach.mach.ipc.MsgOutcome;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;

/**
 * The Mach trap table (PROTOCOLS §2.2): {@code svc #0} with the negated trap number in w8,
 * arguments in x0..x7 (and on the user stack beyond the 8th), result in x0.
 */
final class TrapTable {
    static final int TABLE_SIZE = 130;
    private final Kernel k;
    private final UserMem mem = new UserMem();
    private final long[] stackArgs = new long[3];

    TrapTable(Kernel k) {
        this.k = k;
    }

    void trap(KThread t, int n) {
        if (n < 0 || n >= TABLE_SIZE) {
            k.userTraps.raise(t, ExcCodes.EXC_SOFTWARE, ExcCodes.EXC_AARCH64_SVC, 0);
            return;
        }
        long[] x = t.ctx.x;
        if (!userMemoryReady(t, n, x)) return;
        switch (n) {
            case 10: case 11: case 12: case 13: case 55: case 56: ret(t, 0); break;
            case 25: machMsg(t, x); break;
            case 26: ret(t, replyPort(t)); break;
            case 27: ret(t, KernelRights.copyout(t.task.space, t.self.makeSend(), MsgType.PORT_SEND)); break;
            case 28: ret(t, KernelRights.copyout(t.task.space, t.task.self.makeSend(), MsgType.PORT_SEND)); break;
            case 29: ret(t, KernelRights.copyout(t.task.space, k.host.hostPort().makeSend(), MsgType.PORT_SEND)); break;
            case 30: machPrint(t, x[0]); break;
            case 59: case 60: ret(t, yieldCpu()); break;
            case 61: ret(t, threadSwitch(t, (int) x[0], (int) x[1], (int) x[2])); break;
            case 64: vmMap(t, x); break;
            case 65: ret(t, vmAllocate(t, (int) x[0], x[1], x[2], x[3] != 0)); break;
            case 66: ret(t, withTask(t, (int) x[0], task -> task.vm.deallocate(x[1], x[2]))); break;
            case 68: ret(t, taskCreate(t, (int) x[0], (int) x[1] != 0, x[2])); break;
            case 69: ret(t, withTask(t, (int) x[0], task -> later(() -> k.taskOps.terminate(task)))); break;
            case 70: ret(t, withTask(t, (int) x[0], k.taskOps::suspend)); break;
            case 71: ret(t, setSpecialPort(t, (int) x[0], (int) x[1], (int) x[2])); break;
            case 72: ret(t, portAllocate(t, (int) x[0], (int) x[1], x[2])); break;
            case 73: ret(t, withTask(t, (int) x[0], task -> MachPortRefs.deallocate(task.space, (int) x[1]))); break;
            case 74: ret(t, insertRight(t, (int) x[0], (int) x[1], (int) x[2], (int) x[3])); break;
            case 75: ret(t, withTask(t, (int) x[0], task -> MachPortNames.allocateName(task.space, (int) x[1], (int) x[2]))); break;
            case 76: ret(t, depressAbort(t, (int) x[0])); break;
            case 77: selfState(t, (int) x[0], x[1], (int) x[2]); break;
            default: ret(t, KERN_INVALID_ARGUMENT); break;
        }
    }

    /**
     * Traps that copy to or from user memory check it first: when a page of it is on its way
     * from a pager the thread waits for it and the trap restarts (nothing was done yet), as
     * GNU Mach's copyin/copyout fault and wait. False when the thread now waits.
     */
    private boolean userMemoryReady(KThread t, int n, long[] x) {
        if (n == 64 && !ready(t, n, x[1], 8, true)) return false; // syscall_vm_map: *address
        long addr, len;
        boolean write = true;
        switch (n) {
            case 65: addr = x[1]; len = 8; break;                              // vm_allocate: *address
            case 68: case 72: addr = x[2]; len = 4; break;                     // task_create, port_allocate
            case 64: addr = t.ctx.sp; len = 24; write = false; break;          // syscall_vm_map stack arguments
            case 77: addr = x[1]; len = 4L * (x[2] & 0x3ff); write = false; break; // thread_set_self_state
            default: return true;
        }
        return ready(t, n, addr, len, write);
    }

    private boolean ready(KThread t, int n, long addr, long len, boolean write) {
        if (t.task.vm.ready(addr, len, write)) return true;
        PageWait.block(k, t, t.task.vm.takePendingPage(), () -> trap(t, n), PageWait.UNINTERRUPTIBLE);
        return false;
    }

    private static void ret(KThread t, long v) {
        t.ctx.x[0] = v & 0xffffffffL;
    }

    private int later(Runnable r) {
        k.afterTrap(r);
        return KERN_SUCCESS;
    }

    // ---- IPC ----

    private void machMsg(KThread t, long[] x) {
        if (k.trace != null) traceSend(t, x[0], (int) x[1]);
        MsgOutcome o = MachMsg.trap(t.task.space, x[0], (int) x[1], (int) x[2], (int) x[3], (int) x[4], (int) x[5], (int) x[6]);
        k.msgOutcome(t, o);
    }

    private void traceSend(KThread t, long msg, int option) {
        if ((option & 1) == 0) return;
        byte[] b = new byte[4];
        if (!t.task.vm.read(msg + 28, b, 0, 4)) return;
        int id = UserMem.getInt(b, 0);
        k.trace.message(t, id, k.rpc.routineName(id), Integer.MIN_VALUE);
    }

    private static int replyPort(KThread t) {
        int[] name = {0};
        return MachPortNames.allocate(t.task.space, 1, name) == KERN_SUCCESS ? name[0] : 0;
    }

    /** mach_print: a string on a page on its way from a pager is waited for (the trap restarts). */
    private void machPrint(KThread t, long addr) {
        String s = UserMem.readString(t.task.vm, addr, 4096);
        if (s == null && t.task.vm.pagePending()) {
            PageWait.block(k, t, t.task.vm.takePendingPage(), () -> trap(t, 30), PageWait.UNINTERRUPTIBLE);
            return;
        }
        if (s != null) k.print(s);
        ret(t, s == null ? KERN_INVALID_ADDRESS : KERN_SUCCESS);
    }

    // ---- scheduling ----

    private int yieldCpu() {
        boolean others = k.sched.othersReady();
        k.sched.yieldRequested = true;
        return others ? 1 : 0;
    }

    private static final int SWITCH_OPTION_NONE = 0, SWITCH_OPTION_DEPRESS = 1, SWITCH_OPTION_WAIT = 2;

    private int threadSwitch(KThread t, int name, int option, int timeMs) {
        if (option < SWITCH_OPTION_NONE || option > SWITCH_OPTION_WAIT) return KERN_INVALID_ARGUMENT;
        if (name != 0) {
            Port p = IpcIntrospect.portOf(t.task.space, name);
            if (p != null && p.kobject() instanceof KThread) {
                KThread target = (KThread) p.kobject();
                if (target != t && target.queued) k.sched.handoff = target;
            }
        }
        long ns = (timeMs & 0xffffffffL) * 1_000_000L;
        if (option == SWITCH_OPTION_DEPRESS) k.taskOps.depress(t, ns);
        if (option == SWITCH_OPTION_WAIT) {
            k.block(t, new SimpleWait("thread_switch", KERN_SUCCESS, KERN_SUCCESS, KERN_SUCCESS, false), ns);
            return KERN_SUCCESS;
        }
        k.sched.yieldRequested = true;
        return KERN_SUCCESS;
    }

    private int depressAbort(KThread t, int name) {
        Port p = IpcIntrospect.portOf(t.task.space, name);
        if (p == null || !(p.kobject() instanceof KThread)) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        return k.taskOps.undepress((KThread) p.kobject());
    }

    // ---- shortcuts: the port must name a task of this kernel, else the library uses the RPC ----

    private interface TaskOp {
        int apply(Task task);
    }

    private Task task(KThread t, int name) {
        Port p = IpcIntrospect.portOf(t.task.space, name);
        if (p == null || !(p.kobject() instanceof Task)) return null;
        Task task = (Task) p.kobject();
        return task.active ? task : null;
    }

    private int withTask(KThread t, int name, TaskOp op) {
        Task task = task(t, name);
        return task == null ? MachMsgReturn.MACH_SEND_INTERRUPTED : op.apply(task);
    }

    private int vmAllocate(KThread t, int name, long addrPtr, long size, boolean anywhere) {
        Task task = task(t, name);
        if (task == null) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        long[] a = {0};
        if (!mem.readLong(t.task.vm, addrPtr, a, 0)) return KERN_INVALID_ADDRESS;
        int kr = task.vm.allocate(a, size, anywhere);
        if (kr == KERN_SUCCESS && !mem.writeLong(t.task.vm, addrPtr, a[0])) return KERN_INVALID_ADDRESS;
        return kr;
    }

    /** syscall_vm_map: 11 arguments, the last three on the user stack. */
    private void vmMap(KThread t, long[] x) {
        long sp = t.ctx.sp;
        for (int i = 0; i < 3; i++) {
            if (!mem.readLong(t.task.vm, sp + 8L * i, stackArgs, i)) {
                k.userTraps.raise(t, ExcCodes.EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, sp + 8L * i);
                return;
            }
        }
        Task task = task(t, (int) x[0]);
        if (task == null || (int) x[5] != 0) {
            ret(t, MachMsgReturn.MACH_SEND_INTERRUPTED); // memory objects: the VM layer's vm_map RPC
            return;
        }
        ret(t, VmCalls.map(t.task.vm, task.vm, mem, x[1], x[2], x[3], x[4] != 0,
                (int) stackArgs[0], (int) stackArgs[1], (int) stackArgs[2]));
    }

    private int taskCreate(KThread t, int parentName, boolean inherit, long childPtr) {
        Task parent = task(t, parentName);
        if (parent == null) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        Task child = k.taskOps.create(parent, inherit, parent.name);
        k.taskNotify.created(child, parent); // task_create_kernel notifies, whichever way it is called
        int name = KernelRights.copyout(t.task.space, child.self.makeSend(), MsgType.PORT_SEND);
        if (!mem.writeInt(t.task.vm, childPtr, name)) return KERN_INVALID_ADDRESS;
        return KERN_SUCCESS;
    }

    private int setSpecialPort(KThread t, int taskName, int which, int portName) {
        Task task = task(t, taskName);
        if (task == null) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        Port right = null;
        if (portName != 0 && portName != -1) {
            Port[] out = {null};
            int[] type = {0};
            int kr = MachPortRights.extractRight(t.task.space, portName, MsgType.COPY_SEND, out, type);
            if (kr != KERN_SUCCESS) return kr;
            right = out[0];
        }
        return Specials.setTask(k, task, which, right);
    }

    private int portAllocate(KThread t, int taskName, int right, long namePtr) {
        Task task = task(t, taskName);
        if (task == null) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        int[] name = {0};
        int kr = MachPortNames.allocate(task.space, right, name);
        if (kr != KERN_SUCCESS) return kr;
        if (!mem.writeInt(t.task.vm, namePtr, name[0])) return KERN_INVALID_ADDRESS;
        return KERN_SUCCESS;
    }

    private int insertRight(KThread t, int taskName, int name, int rightName, int msgtName) {
        Task task = task(t, taskName);
        if (task == null) return MachMsgReturn.MACH_SEND_INTERRUPTED;
        Port[] out = {null};
        int[] type = {0};
        int kr = MachPortRights.extractRight(t.task.space, rightName, msgtName, out, type);
        if (kr != KERN_SUCCESS) return kr;
        kr = MachPortRights.insertRight(task.space, name, out[0], type[0]);
        if (kr != KERN_SUCCESS) k.ipc.releaseRight(out[0], type[0]);
        return kr;
    }

    /** thread_set_self_state (-77): the thread state flavor resumes with the new registers. */
    private void selfState(KThread t, int flavor, long ptr, int count) {
        if (count < 1 || count > 1024) {
            ret(t, KERN_INVALID_ARGUMENT);
            return;
        }
        byte[] b = new byte[count * 4];
        if (!t.task.vm.read(ptr, b, 0, b.length)) {
            ret(t, KERN_INVALID_ARGUMENT);
            return;
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) words[i] = UserMem.getInt(b, 4 * i);
        ret(t, KERN_SUCCESS);
        k.syncFp(t.ctx);
        int kr = ThreadState.set(t.ctx, flavor, words, count);
        if (kr != KERN_SUCCESS) ret(t, kr);
    }
}
