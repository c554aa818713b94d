package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;

import java.util.ArrayList;
import java.util.List;

/** Operations on a receive right: qlimit, mscount, seqno, status, protected payload, sets. */
public final class MachPortReceive {
    private MachPortReceive() {}

    /** {@code ipc_port_translate_receive}: the port, or null with the error in {@code kr[0]}. */
    static Port translate(IpcSpace s, int name, int[] kr) {
        kr[0] = KERN_SUCCESS;
        if (!s.active) { kr[0] = KERN_INVALID_TASK; return null; }
        IpcEntry e = s.lookup(name);
        if (e == null) { kr[0] = KERN_INVALID_NAME; return null; }
        if (!e.has(TYPE_RECEIVE)) { kr[0] = KERN_INVALID_RIGHT; return null; }
        return e.port();
    }

    public static int setQlimit(IpcSpace s, int name, int qlimit) {
        if (Integer.compareUnsigned(qlimit, QLIMIT_MAX) > 0) return KERN_INVALID_VALUE;
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p == null) return kr[0];
        int room = qlimit - Math.max(p.qlimit, p.msgcount);
        p.qlimit = qlimit;
        for (; room > 0 && !p.blockedSenders.isEmpty(); room--) s.kernel.wake(p.blockedSenders.poll());
        return KERN_SUCCESS;
    }

    public static int setMscount(IpcSpace s, int name, int mscount) {
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p != null) p.mscount = mscount;
        return kr[0];
    }

    public static int setSeqno(IpcSpace s, int name, int seqno) {
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p != null) p.seqno = seqno;
        return kr[0];
    }

    /** mach_port_get_receive_status: {pset, seqno, mscount, qlimit, msgcount, sorights, srights, pdrequest, nsrequest}. */
    public static int getReceiveStatus(IpcSpace s, int name, int[] status) {
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p == null) return kr[0];
        status[0] = p.pset != null ? p.pset.name : NULL;
        status[1] = p.seqno;
        status[2] = p.mscount;
        status[3] = p.qlimit;
        status[4] = p.msgcount;
        status[5] = p.sorights;
        status[6] = p.srights > 0 ? 1 : 0;
        status[7] = p.pdrequest != null ? 1 : 0;
        status[8] = p.nsrequest != null ? 1 : 0;
        return KERN_SUCCESS;
    }

    public static int setProtectedPayload(IpcSpace s, int name, long payload) {
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p == null) return kr[0];
        p.hasPayload = true;
        p.payload = payload;
        return KERN_SUCCESS;
    }

    public static int clearProtectedPayload(IpcSpace s, int name) {
        int[] kr = {0};
        Port p = translate(s, name, kr);
        if (p == null) return kr[0];
        p.hasPayload = false;
        p.payload = 0;
        return KERN_SUCCESS;
    }

    /** mach_port_move_member: into the set {@code after}, or out of any set with MACH_PORT_NULL. */
    public static int moveMember(IpcSpace s, int member, int after) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.lookup(member);
        if (e == null) return KERN_INVALID_NAME;
        if (!e.has(TYPE_RECEIVE)) return KERN_INVALID_RIGHT;
        PortSet nset = null;
        if (after != NULL) {
            IpcEntry se = s.lookup(after);
            if (se == null) return KERN_INVALID_NAME;
            if (!se.has(TYPE_PORT_SET)) return KERN_INVALID_RIGHT;
            nset = (PortSet) se.object;
        }
        Port p = e.port();
        if (p.pset == nset) return KERN_SUCCESS;
        if (p.pset != null) p.pset.remove(p);
        if (nset != null) nset.add(p);
        return KERN_SUCCESS;
    }

    /** mach_port_get_set_status: member names, ascending. */
    public static int getSetStatus(IpcSpace s, int name, int[][] members) {
        if (!s.active) return KERN_INVALID_TASK;
        IpcEntry e = s.lookup(name);
        if (e == null) return KERN_INVALID_NAME;
        if (!e.has(TYPE_PORT_SET)) return KERN_INVALID_RIGHT;
        PortSet ps = (PortSet) e.object;
        List<Integer> out = new ArrayList<>();
        for (IpcEntry x : s.allEntries()) {
            if (x.has(TYPE_RECEIVE) && x.port().pset == ps) out.add(x.name);
        }
        members[0] = out.stream().mapToInt(Integer::intValue).toArray();
        return KERN_SUCCESS;
    }
}
