package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.IpcSpace;
import org.armach.mach.ipc.MachPortNames;
import org.armach.mach.ipc.MachPortReceive;
import org.armach.mach.ipc.MachPortRefs;
import org.armach.mach.ipc.MachPortRequests;
import org.armach.mach.ipc.MachPortRights;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;
import org.armach.mig.MigCall;
import org.armach.mig.OutOfLine;

/** mach_port.defs: every routine delegates to the IPC layer's mach_port_* operations. */
final class PortRpc {
    private PortRpc() {}

    interface SpaceFn { int apply(IpcSpace s); }

    static int space(MigCall c, SpaceFn f) {
        Task t = TaskRpc.taskOf(c);
        return t == null ? KERN_INVALID_TASK : f.apply(t.space);
    }

    static void register(Kernel k, KernelRpc rpc) {
        rpc.server("mach_port.defs")
                .on("mach_port_names", c -> space(c, s -> names(s, c)))
                .on("mach_port_type", c -> space(c, s -> out(c, "ptype", a -> MachPortNames.type(s, c.getInt("name"), a))))
                .on("mach_port_rename", c -> space(c, s -> MachPortNames.rename(s, c.getInt("old_name"), c.getInt("new_name"))))
                .on("mach_port_allocate_name", c -> space(c, s -> MachPortNames.allocateName(s, c.getInt("right"), c.getInt("name"))))
                .on("mach_port_allocate", c -> space(c, s -> out(c, "name", a -> MachPortNames.allocate(s, c.getInt("right"), a))))
                .on("mach_port_destroy", c -> space(c, s -> MachPortRefs.destroy(s, c.getInt("name"))))
                .on("mach_port_deallocate", c -> space(c, s -> MachPortRefs.deallocate(s, c.getInt("name"))))
                .on("mach_port_get_refs", c -> space(c, s -> out(c, "refs", a -> MachPortRefs.getRefs(s, c.getInt("name"), c.getInt("right"), a))))
                .on("mach_port_mod_refs", c -> space(c, s -> MachPortRefs.modRefs(s, c.getInt("name"), c.getInt("right"), c.getInt("delta"))))
                .on("mach_port_set_qlimit", c -> space(c, s -> MachPortReceive.setQlimit(s, c.getInt("name"), c.getInt("qlimit"))))
                .on("mach_port_set_mscount", c -> space(c, s -> MachPortReceive.setMscount(s, c.getInt("name"), c.getInt("mscount"))))
                .on("mach_port_set_seqno", c -> space(c, s -> MachPortReceive.setSeqno(s, c.getInt("name"), c.getInt("seqno"))))
                .on("mach_port_get_set_status", c -> space(c, s -> setStatus(s, c)))
                .on("mach_port_move_member", c -> space(c, s -> MachPortReceive.moveMember(s, c.getInt("member"), c.getInt("after"))))
                .on("mach_port_get_receive_status", c -> space(c, s -> {
                    int[] st = new int[9];
                    int kr = MachPortReceive.getReceiveStatus(s, c.getInt("name"), st);
                    if (kr == KERN_SUCCESS) c.set("status", st);
                    return kr;
                }))
                .on("mach_port_set_protected_payload", c -> space(c, s -> MachPortReceive.setProtectedPayload(s, c.getInt("name"), c.getLong("payload"))))
                .on("mach_port_clear_protected_payload", c -> space(c, s -> MachPortReceive.clearProtectedPayload(s, c.getInt("name"))))
                .on("mach_port_insert_right", c -> space(c, s -> insert(k, s, c)))
                .on("mach_port_extract_right", c -> space(c, s -> extract(s, c)))
                .on("mach_port_request_notification", c -> space(c, s -> request(k, s, c)));
    }

    interface IntOut { int apply(int[] a); }

    private static int out(MigCall c, String name, IntOut f) {
        int[] a = {0};
        int kr = f.apply(a);
        if (kr == KERN_SUCCESS) c.set(name, a[0]);
        return kr;
    }

    private static int names(IpcSpace s, MigCall c) {
        int[][] nt = new int[2][];
        int kr = MachPortNames.names(s, nt);
        if (kr != KERN_SUCCESS) return kr;
        c.set("names", new OutOfLine(nt[0], nt[0].length, true));
        c.set("types", new OutOfLine(nt[1], nt[1].length, true));
        return KERN_SUCCESS;
    }

    private static int setStatus(IpcSpace s, MigCall c) {
        int[][] m = new int[1][];
        int kr = MachPortReceive.getSetStatus(s, c.getInt("name"), m);
        if (kr == KERN_SUCCESS) c.set("members", new OutOfLine(m[0], m[0].length, true));
        return kr;
    }

    private static int insert(Kernel k, IpcSpace s, MigCall c) {
        Object o = c.get("poly");
        if (!(o instanceof Right)) return KERN_INVALID_CAPABILITY;
        Right r = (Right) o;
        if (!Port.valid(r.port())) return KERN_INVALID_CAPABILITY;
        int kr = MachPortRights.insertRight(s, c.getInt("name"), r.port(), r.type);
        if (kr == KERN_SUCCESS) r.take();
        return kr;
    }

    private static int extract(IpcSpace s, MigCall c) {
        Port[] out = {null};
        int[] type = {0};
        int kr = MachPortRights.extractRight(s, c.getInt("name"), c.getInt("msgt_name"), out, type);
        if (kr == KERN_SUCCESS) c.setPort("poly", out[0], type[0]);
        return kr;
    }

    private static int request(Kernel k, IpcSpace s, MigCall c) {
        Object o = c.get("notify");
        Port notify = o instanceof Right ? ((Right) o).port() : null;
        Port[] prev = {null};
        int kr = MachPortRequests.request(s, c.getInt("name"), c.getInt("id"), c.getInt("sync"),
                Port.valid(notify) ? notify : null, prev);
        if (kr == KERN_SUCCESS) {
            if (o instanceof Right) ((Right) o).take();
            c.setPort("previous", prev[0], MsgType.PORT_SEND_ONCE);
        }
        return kr;
    }
}
