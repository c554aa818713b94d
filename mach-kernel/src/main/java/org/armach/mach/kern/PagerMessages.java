package org.armach.mach.kern;

import java.util.LinkedHashMap;
import java.util.Map;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KMsg;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;
import org.armach.mach.ipc.VmCopy;
import org.armach.mach.vm.KernelPager;
import org.armach.mach.vm.Pager;
import org.armach.mach.vm.PagerLink;
import org.armach.mig.MigCall;
import org.armach.mig.OutOfLine;

/**
 * The kernel → pager messages of memory_object.defs (2200), built with the MIG client and sent
 * with {@code sendKernel} (never blocking; a full or dead pager port loses them, as GNU Mach's
 * send-always). Control ports are kernel ports bound to the {@link Pager}; name ports to a
 * {@link Name}. The kernel keeps one send right to each memory-object port from its first
 * vm_map until memory_object_terminate moves it back with the control and name receive rights.
 */
final class PagerMessages implements PagerLink {
    /** The object of a name port (memory_object_name_t, IKOT_PAGING_NAME). */
    static final class Name implements KernelObject {
        final Pager pager;

        Name(Pager pager) { this.pager = pager; }

        @Override public KObjectKind kind() { return KObjectKind.PAGER_NAME; }
    }

    /** The pager behind a name port's object (vm_object_sync), or null. */
    static Pager pagerOfName(Object o) {
        return o instanceof Name n ? n.pager : null;
    }

    /** A reply_to right taken from a request, with its received type (send or send-once). */
    record Reply(Port port, int type) { }

    private final Kernel k;

    PagerMessages(Kernel k) {
        this.k = k;
    }

    private static Port port(Object o) { return (Port) o; }

    @Override
    public void init(Pager p, long pageSize) {
        Port object = port(p.memoryObject);
        object.copySend(); // kept until terminate
        Port control = k.ipc.createKernelPort(p);
        Port name = k.ipc.createKernelPort(new Name(p));
        p.control = control;
        p.name = name;
        Map<String, Object> a = args("memory_control", control.makeSend(), "memory_object_name", name.makeSend(),
                "memory_object_page_size", pageSize);
        send("memory_object_init", object.copySend(), MsgType.PORT_SEND, a);
    }

    @Override
    public void dataRequest(Pager p, long offset, long length, int desiredAccess) {
        send("memory_object_data_request", port(p.memoryObject).copySend(), MsgType.PORT_SEND,
                args("memory_control", port(p.control).makeSend(), "offset", offset, "length", length,
                        "desired_access", desiredAccess));
    }

    @Override
    public void dataUnlock(Pager p, long offset, long length, int desiredAccess) {
        send("memory_object_data_unlock", port(p.memoryObject).copySend(), MsgType.PORT_SEND,
                args("memory_control", port(p.control).makeSend(), "offset", offset, "length", length,
                        "desired_access", desiredAccess));
    }

    @Override
    public Later defer(MigCall call) {
        KernelRpc.Deferred d = k.rpc.defer(call);
        return d::reply;
    }

    @Override
    public void dataReturn(Pager p, long offset, VmCopy data, boolean dirty, boolean kernelCopy) {
        int n = (int) data.size();
        send("memory_object_data_return", port(p.memoryObject).copySend(), MsgType.PORT_SEND,
                args("memory_control", port(p.control).makeSend(), "offset", offset, "data", new OutOfLine(data, n, true),
                        "dirty", dirty ? 1 : 0, "kernel_copy", kernelCopy ? 1 : 0));
    }

    @Override
    public void lockCompleted(Object replyTo, Pager p, long offset, long length) {
        Reply r = (Reply) replyTo;
        send("memory_object_lock_completed", r.port(), r.type(),
                args("memory_control", port(p.control).makeSend(), "offset", offset, "length", length));
    }

    @Override
    public void supplyCompleted(Object replyTo, Pager p, long offset, long length, int result, long errorOffset) {
        Reply r = (Reply) replyTo;
        send("memory_object_supply_completed", r.port(), r.type(), args("memory_control", port(p.control).makeSend(),
                "offset", offset, "length", length, "result", result, "error_offset", errorOffset));
    }

    @Override
    public void changeCompleted(Object replyTo, boolean mayCache, int copyStrategy) {
        Reply r = (Reply) replyTo;
        send("memory_object_change_completed", r.port(), r.type(),
                args("may_cache", mayCache ? 1 : 0, "copy_strategy", copyStrategy));
    }

    @Override
    public void terminate(Pager p) {
        Port control = port(p.control), name = port(p.name);
        k.ipc.releaseKernelReceive(control);
        k.ipc.releaseKernelReceive(name);
        send("memory_object_terminate", port(p.memoryObject), MsgType.PORT_SEND,
                args("memory_control", control, "memory_object_name", name));
    }

    @Override
    public void dropReply(Object replyTo) {
        if (replyTo instanceof Reply r) k.ipc.releaseRight(r.port(), r.type());
    }

    @Override
    public Object memoryObjectOf(Object rpcArgument) {
        if (!(rpcArgument instanceof Right r) || !Port.valid(r.port()) || !r.port().isActive()) return null;
        return r.object() instanceof KernelPager kp ? kp : r.port();
    }

    @Override
    public Object takeRight(Object rpcArgument) {
        if (!(rpcArgument instanceof Right r) || !Port.valid(r.port())) return null;
        return new Reply(r.take(), r.type);
    }

    @Override
    public Object nameRight(Pager p) {
        return p.name instanceof Port n ? n.makeSend() : null;
    }

    private void send(String routine, Port dest, int destType, Map<String, Object> a) {
        if (!Port.valid(dest)) return;
        KMsg m = k.rpc.request("memory_object.defs", routine, dest, destType, null, a);
        k.ipc.sendKernel(m);
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
