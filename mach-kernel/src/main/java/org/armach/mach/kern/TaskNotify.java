package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.armach.mach.host.Host;
import org.armach.mach.ipc.KMsg;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;
import org.armach.mig.MigCall;

/**
 * register_new_task_notification (gnumach.defs, kern/task.c): host_priv registers, once, the port
 * that receives mach_notify_new_task(task, parent) (task_notify.defs, 4400) for every task_create,
 * with moved send rights to the new task and its parent (the Hurd proc server learns parentage
 * this way). A second registration is KERN_NO_ACCESS.
 */
final class TaskNotify {
    private final Kernel k;
    /** The registered port (a send right held by the kernel), or null. */
    private Port port;

    TaskNotify(Kernel k) {
        this.k = k;
    }

    void register(KernelRpc rpc) {
        rpc.server("gnumach.defs").on("register_new_task_notification", this::registerPort);
    }

    private int registerPort(MigCall c) {
        Object h = c.requestPort();
        if (!(h instanceof Host.HostObject) || !((Host.HostObject) h).privileged()) return KernCodes.KERN_INVALID_HOST;
        if (port != null) return KERN_NO_ACCESS;
        Object r = c.get("notification");
        if (!(r instanceof Right) || !Port.valid(((Right) r).port())) return KERN_SUCCESS; // IP_NULL: nothing registered
        Right right = (Right) r;
        // the notifications are sent with copies of a send right: a send-once or receive right
        // cannot serve (GNU Mach would keep the bare port); it is refused and destroyed with the request
        if (right.type != MsgType.PORT_SEND) return KERN_INVALID_ARGUMENT;
        port = right.take();
        return KERN_SUCCESS;
    }

    /** task_create: tells the registered port about the new task and its parent. */
    void created(Task task, Task parent) {
        if (port == null || !port.isActive()) return;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("task", task.self.makeSend());
        a.put("parent", parent == null ? null : parent.self.makeSend());
        KMsg m = k.rpc.request("task_notify.defs", "mach_notify_new_task", port.copySend(), MsgType.PORT_SEND, null, a);
        k.ipc.sendKernel(m);
    }
}
