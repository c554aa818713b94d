package org.armach.mach.kern;

import java.util.LinkedHashMap;
import java.util.Map;

import org.armach.mach.ipc.KMsg;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.ipc.Le;
import org.armach.mach.ipc.MsgDescriptor;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;

/**
 * Mach exceptions: exception_raise (exc.defs 2400) to the thread's exception port, then the
 * task's; the thread waits for the reply (2500). A KERN_SUCCESS reply resumes the thread
 * (with whatever state the handler set); any other reply, or a handler that dies, tries the
 * next port; with none left the task is terminated with a console message.
 */
final class Exceptions {
    private final Kernel k;

    Exceptions(Kernel k) {
        this.k = k;
    }

    void raise(KThread t, int exc, int code, long subcode) {
        deliver(t, new ExcWait(exc, code, subcode), false);
    }

    private void deliver(KThread t, ExcWait w, boolean taskLevel) {
        Port port = null;
        if (!taskLevel && live(t.excPort)) port = t.excPort;
        else taskLevel = true;
        if (port == null && live(t.task.excPort)) port = t.task.excPort;
        if (port == null) {
            noServer(t, w);
            return;
        }
        w.taskLevel = taskLevel;
        ReplyPort rp = new ReplyPort(t, w);
        rp.port = k.ipc.createKernelPort(rp);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("thread", t.self.makeSend());
        args.put("task", t.task.self.makeSend());
        args.put("exception", w.exc);
        args.put("code", w.code);
        args.put("subcode", w.subcode);
        KMsg m = k.rpc.request("exc.defs", "exception_raise", port.copySend(), rp.port.makeSendOnce(), args);
        w.reply = rp;
        k.block(t, w, -1);
        k.ipc.sendKernel(m);
    }

    private static boolean live(Port p) {
        return p != null && Port.valid(p) && p.isActive();
    }

    private void noServer(KThread t, ExcWait w) {
        k.print(String.format("%s: exception %d, code %d, subcode 0x%x at pc 0x%x: no exception server, terminating the task%n",
                t.task, w.exc, w.code, w.subcode, t.ctx.pc));
        Task task = t.task;
        k.taskOps.suspend(t);
        k.afterTrap(() -> k.taskOps.terminate(task));
    }

    /** The thread waits for the exception reply. */
    final class ExcWait extends Wait {
        final int exc, code;
        final long subcode;
        boolean taskLevel;
        ReplyPort reply;
        int result = KernReturn.KERN_FAILURE;

        ExcWait(int exc, int code, long subcode) {
            this.exc = exc;
            this.code = code;
            this.subcode = subcode;
        }

        @Override
        boolean finish(Kernel kk, KThread t) {
            if (reply != null) reply.close();
            if (reason == ABORTED) return true; // re-executes the faulting instruction
            if (result == KernReturn.KERN_SUCCESS) return true;
            reply = null;
            if (taskLevel) noServer(t, this);
            else deliver(t, this, true);
            return false;
        }

        @Override
        String describe() {
            return "exception " + exc;
        }
    }

    /** The kernel-held reply port of one exception_raise. */
    final class ReplyPort implements KernelRpc.Direct {
        final KThread thread;
        final ExcWait wait;
        Port port;

        ReplyPort(KThread thread, ExcWait wait) {
            this.thread = thread;
            this.wait = wait;
        }

        @Override
        public KMsg serve(KMsg m) {
            int kr = KernReturn.KERN_FAILURE;
            byte[] b = m.body();
            if (m.id() == 2500 && m.size() == 48 && !m.isComplex()
                    && Le.i32(b, 0) == MsgDescriptor.word0(MsgType.INTEGER_32, 32, true, false, false) && Le.i32(b, 4) == 1) {
                kr = Le.i32(b, 8);
            }
            k.ipc.destroy(m);
            wait.result = kr;
            k.wake(thread, wait, Wait.WOKEN);
            return null;
        }

        void close() {
            if (port != null) k.afterTrap(() -> k.ipc.destroyKernelPort(port));
        }
    }
}
