package org.armach.mach.kern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.KMsg;
import org.armach.mach.ipc.KMsgBuilder;
import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Le;
import org.armach.mach.ipc.MigReplies;
import org.armach.mach.ipc.MsgDescriptor;
import org.armach.mach.ipc.MsgItem;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.NotifyId;
import org.armach.mach.ipc.Port;
import org.armach.mach.ipc.VmCopy;
import org.armach.mig.DefsParser;
import org.armach.mig.MigCall;
import org.armach.mig.MigClient;
import org.armach.mig.MigErrors;
import org.armach.mig.MigServer;
import org.armach.mig.MigType;
import org.armach.mig.Routine;
import org.armach.mig.SlotCodec;
import org.armach.mig.Subsystem;

/**
 * The kernel's RPC servers: requests to kernel ports are turned into MIG wire bytes whose
 * port and out-of-line slots index a per-request table (ports become {@link Right}s, the
 * request port becomes its kernel object), dispatched to the Java {@link MigServer} of the
 * subsystem, and the reply bytes are turned back into a kernel message with real rights.
 */
public final class KernelRpc {
    /** A kernel object that handles raw messages itself (exception reply ports). */
    public interface Direct extends KernelObject {
        KMsg serve(KMsg request);

        @Override default KObjectKind kind() { return KObjectKind.OTHER; }
    }

    /**
     * A kernel object that is told when the last send right to its port is gone
     * ({@code ipc_kobject_notify}); the port must have been armed with
     * {@link org.armach.mach.ipc.IpcKernel#requestNoSenders}.
     */
    public interface NoSenders extends KernelObject {
        /** The port this object is bound to. */
        Port port();

        /** The port has no senders left. */
        void noSenders();
    }

    /** The per-request slot table. */
    static final class Frame {
        final List<Object> objs = new ArrayList<>();
        boolean deferred;

        long put(Object o) {
            if (o == null) return 0;
            objs.add(o);
            return objs.size();
        }

        Object get(long slot) {
            return slot <= 0 || slot > objs.size() ? null : objs.get((int) slot - 1);
        }
    }

    /** A reply to send later ({@link MigErrors#MIG_NO_REPLY} handlers). */
    public final class Deferred {
        private final MigServer server;
        private final MigCall call;
        private final Frame frame;

        Deferred(MigServer server, MigCall call, Frame frame) {
            this.server = server;
            this.call = call;
            this.frame = frame;
        }

        public MigCall call() { return call; }

        /** Sends the reply with the out arguments set on {@link #call()} and this RetCode. */
        public void reply(int retCode) {
            Frame saved = cur;
            cur = frame;
            try {
                KMsg m = toKMsg(server.reply(call, retCode));
                if (m != null) k.ipc.sendKernel(m);
            } finally {
                cur = saved;
            }
        }
    }

    private final Kernel k;
    private final Codec codec = new Codec();
    private Frame cur;
    private MigServer curServer;
    private final Map<String, MigServer> servers = new LinkedHashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<String, Subsystem> subsystems = new HashMap<>();

    KernelRpc(Kernel k) {
        this.k = k;
        for (String d : List.of("mach.defs", "mach_port.defs", "mach_host.defs", "gnumach.defs", "mach4.defs",
                "mach_aarch64.defs", "device.defs")) {
            Subsystem s = subsystem(d);
            servers.put(d, new MigServer(s, codec));
        }
        for (String d : List.of("exc.defs", "notify.defs", "memory_object.defs", "task_notify.defs")) subsystem(d);
        for (KObjectKind kind : KObjectKind.values()) k.ipc.registerServer(kind, this::serve);
        TaskRpc.register(k, this);
        PortRpc.register(k, this);
    }

    private Subsystem subsystem(String defs) {
        Subsystem s = DefsParser.builtin(defs);
        subsystems.put(defs, s);
        for (Routine r : s.routines()) names.put(r.id(), s.name() + "." + r.name());
        return s;
    }

    /** The server of a .defs file (for registering handlers: {@code server("mach.defs").on(...)}). */
    public MigServer server(String defs) {
        return servers.get(defs);
    }

    public Subsystem defs(String defs) {
        return subsystems.get(defs);
    }

    /** "subsystem.routine" for a message id (request or reply), or null. */
    public String routineName(int id) {
        String n = names.get(id);
        if (n == null && names.containsKey(id - 100)) n = names.get(id - 100) + " (reply)";
        return n;
    }

    /** Inside a handler: answer later through the returned object; return MIG_NO_REPLY. */
    public Deferred defer(MigCall c) {
        cur.deferred = true;
        return new Deferred(curServer, c, cur);
    }

    private KMsg serve(KMsg req, KernelObject target) {
        if (target instanceof Direct) return ((Direct) target).serve(req);
        if (target instanceof NoSenders ns && req.id() == NotifyId.NO_SENDERS) return noSenders(req, ns);
        MigServer s = null;
        for (MigServer m : servers.values()) if (m.covers(req.id())) s = m;
        if (s == null) {
            Port reply = req.takeReply();
            int rt = req.localType();
            k.ipc.destroy(req);
            return Port.valid(reply) ? MigReplies.retCode(reply, rt, req.id() + 100, MigErrors.MIG_BAD_ID) : null;
        }
        Frame saved = cur;
        MigServer savedServer = curServer;
        Frame f = new Frame();
        cur = f;
        curServer = s;
        try {
            Port reply = req.takeReply();
            int replyType = req.localType();
            byte[] wire = toWire(req, target, f, reply, replyType);
            byte[] out = s.dispatch(wire);
            k.ipc.destroy(req);
            if (out == null) {
                if (!f.deferred && Port.valid(reply)) k.ipc.releaseRight(reply, replyType);
                traceReply(req.id(), Integer.MIN_VALUE + 1);
                return null;
            }
            traceReply(req.id(), out.length >= 44 ? Le.i32(out, 40) : 0);
            return toKMsg(out);
        } finally {
            cur = saved;
            curServer = savedServer;
        }
    }

    /** A no-senders notification counts only when the port has no send right left (not a forgery). */
    private KMsg noSenders(KMsg req, NoSenders target) {
        k.ipc.destroy(req);
        if (target.port().sendRights() == 0 && target.port().isActive()) target.noSenders();
        return null;
    }

    private void traceReply(int id, int ret) {
        if (k.trace != null) k.trace.message(k.sched.current, id, routineName(id), ret);
    }

    private byte[] toWire(KMsg req, KernelObject target, Frame f, Port reply, int replyType) {
        byte[] body = req.body();
        byte[] w = new byte[32 + body.length];
        int bits = (Port.valid(reply) ? replyType : 0) | MsgType.PORT_SEND << 8 | (req.bits() & 0x80000000);
        Le.put32(w, 0, bits);
        Le.put32(w, 4, w.length);
        Le.put64(w, 8, Port.valid(reply) ? f.put(reply) : 0);
        Le.put64(w, 16, f.put(target));
        Le.put32(w, 24, req.seqno());
        Le.put32(w, 28, req.id());
        System.arraycopy(body, 0, w, 32, body.length);
        for (MsgItem it : req.items()) {
            int at = 32 + it.dataOffset;
            if (it.isPort()) {
                Port[] ports = it.ports();
                if (it.desc.inline) {
                    for (int i = 0; i < ports.length; i++) Le.put64(w, at + 8 * i, f.put(new Right(it, i, ports[i])));
                } else {
                    Right[] rs = new Right[ports.length];
                    for (int i = 0; i < ports.length; i++) rs[i] = new Right(it, i, ports[i]);
                    Le.put64(w, at, f.put(rs));
                }
            } else {
                Le.put64(w, at, f.put(it.copy()));
            }
        }
        return w;
    }

    /** Converts MIG reply bytes (slots index the current frame) into a kernel message. */
    KMsg toKMsg(byte[] out) {
        Object dest = cur.get(Le.i64(out, 8));
        if (!(dest instanceof Port)) return null;
        return toKMsg(out, (Port) dest, Le.i32(out, 0) & 0xff, null, 0);
    }

    private KMsg toKMsg(byte[] out, Port dest, int destType, Port local, int localType) {
        Frame f = cur;
        int size = Math.min(Le.i32(out, 4), out.length);
        byte[] body = Arrays.copyOfRange(out, 32, size);
        KMsgBuilder b = new KMsgBuilder(dest, destType, local, localType, Le.i32(out, 28)).body(body);
        int off = 0;
        while (off + MsgDescriptor.SIZE <= body.length) {
            MsgDescriptor d = MsgDescriptor.read(body, off);
            int data = off + MsgDescriptor.SIZE;
            if (d.isPort()) {
                if (d.inline) for (int i = 0; i < d.number; i++) b.right(port(f.get(Le.i64(body, data + 8 * i))));
                else for (Object o : array(f.get(Le.i64(body, data)))) b.right(port(o));
            } else if (!d.inline && d.length() > 0) {
                b.regions(region(f.get(Le.i64(body, data))));
            }
            off = MsgDescriptor.align8((int) (data + (d.inline ? d.length() : 8)));
        }
        return b.build();
    }

    private static Port port(Object o) {
        if (o instanceof Right) return ((Right) o).take();
        return o instanceof Port ? (Port) o : null;
    }

    private static Object[] array(Object o) {
        return o instanceof Object[] ? (Object[]) o : new Object[0];
    }

    static VmCopy region(Object o) {
        if (o instanceof VmCopy) return (VmCopy) o;
        if (o instanceof byte[]) return new ByteVmCopy((byte[]) o);
        if (o instanceof int[]) {
            int[] a = (int[]) o;
            byte[] b = new byte[a.length * 4];
            for (int i = 0; i < a.length; i++) Le.put32(b, 4 * i, a[i]);
            return new ByteVmCopy(b);
        }
        if (o instanceof long[]) {
            long[] a = (long[]) o;
            byte[] b = new byte[a.length * 8];
            for (int i = 0; i < a.length; i++) Le.put64(b, 8 * i, a[i]);
            return new ByteVmCopy(b);
        }
        return new ByteVmCopy(new byte[0]);
    }

    /** Encodes a kernel-originated request (exception_raise) with the MIG client codec. */
    KMsg request(String defs, String routine, Port dest, Port reply, Map<String, Object> args) {
        return request(defs, routine, dest, MsgType.PORT_SEND, reply, args);
    }

    /** As above with the destination right's type (a send-once reply_to of the pager routines). */
    KMsg request(String defs, String routine, Port dest, int destType, Port reply, Map<String, Object> args) {
        Frame saved = cur;
        cur = new Frame();
        try {
            Routine r = subsystems.get(defs).byName(routine);
            byte[] wire = new MigClient(codec).request(r, dest, reply, args);
            return toKMsg(wire, dest, destType, reply, reply == null ? 0 : MsgType.PORT_SEND_ONCE);
        } finally {
            cur = saved;
        }
    }

    /** The slot codec: every slot indexes the current frame. */
    private final class Codec implements SlotCodec {
        @Override public Object decodePort(int msgtName, long slot) { return cur.get(slot); }

        @Override public long encodePort(Object right, int disposition) { return cur.put(right); }

        @Override
        public Object decodeOutOfLine(MigType type, int msgtName, long pointer, int number, boolean dealloc) {
            return cur.get(pointer);
        }

        @Override
        public long encodeOutOfLine(MigType type, Object data, int number, boolean dealloc) {
            return cur.put(data);
        }
    }

    static int ok() {
        return KernReturn.KERN_SUCCESS;
    }
}
