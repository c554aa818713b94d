package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;
import org.armach.mach.vm.InternalObject;
import org.armach.mach.vm.KernelPager;
import org.armach.mach.vm.TaskVm;
import org.armach.mach.vm.VmExtras;
import org.armach.mach.vm.VmSpace;
import org.armach.mig.MigCall;
import org.armach.mig.MigHandler;
import org.armach.mig.MigServer;

/**
 * Memory-object proxies (vm/memory_object_proxy.c, mach4.defs): memory_object_create_proxy and
 * vm_region_create_proxy make a kernel port naming [start, start+len) of a memory object with a
 * maximum protection; vm_map of a proxy port (nested proxies resolved as GNU Mach does) maps the
 * real object with the protections reduced to the proxy's (or, with copy, needs read access:
 * KERN_PROTECTION_FAILURE) and the offset shifted by start; a range beyond len is
 * KERN_INVALID_ARGUMENT. A proxy of anonymous memory names the VM object itself. Proxy ports are
 * reclaimed on no-senders (the notification goes to the proxy port itself, see {@link Proxy}).
 */
final class ProxyRpc {
    /**
     * The object of a proxy port (IKOT_PAGER_PROXY). It holds a reference to the real object (a
     * send right, or the internal object's handle) until the last send right to the proxy port
     * goes away; then, as memory_object_proxy_notify, the reference is dropped and the port
     * destroyed. Mappings made through the proxy keep their own reference to the object.
     */
    static final class Proxy implements KernelRpc.NoSenders {
        /** A memory-object port (send right held by the proxy), a KernelPager or an internal object. */
        final Object object;
        final int maxProtection;
        final long start, len;
        private final Kernel k;
        private Port port;

        Proxy(Kernel k, Object object, int maxProtection, long start, long len) {
            this.k = k;
            this.object = object;
            this.maxProtection = maxProtection;
            this.start = start;
            this.len = len;
        }

        @Override public KObjectKind kind() { return KObjectKind.OTHER; }

        @Override public Port port() { return port; }

        @Override
        public void noSenders() {
            if (object instanceof Port p) k.ipc.releaseRight(p, MsgType.PORT_SEND);
            else if (object instanceof InternalObject io) io.release();
            port.setKobject(null);
            k.ipc.destroyKernelPort(port);
        }
    }

    private final Kernel k;

    private ProxyRpc(Kernel k) {
        this.k = k;
    }

    static void register(Kernel k, KernelRpc rpc, PagerMessages link) {
        ProxyRpc r = new ProxyRpc(k);
        rpc.server("mach4.defs")
                .on("memory_object_create_proxy", r::createProxy)
                .on("vm_region_create_proxy", r::regionProxy);
        MigServer mach = rpc.server("mach.defs");
        MigHandler plain = mach.handler("vm_map");
        mach.on("vm_map", c -> proxyOf(c.get("memory_object")) == null ? plain.handle(c) : r.mapProxy(c));
    }

    static Proxy proxyOf(Object o) {
        if (o instanceof Right) o = ((Right) o).object();
        else if (o instanceof Port) o = Port.valid((Port) o) ? ((Port) o).kobject() : null;
        return o instanceof Proxy ? (Proxy) o : null;
    }

    private int createProxy(MigCall c) {
        if (TaskRpc.taskOf(c) == null) return KERN_INVALID_TASK;
        Object[] objects = array(c.get("object"));
        long[] offset = longs(c.get("offset")), start = longs(c.get("start")), len = longs(c.get("len"));
        int n = objects.length;
        if (offset.length != n || start.length != n || len.length != n || n != 1) return KERN_INVALID_ARGUMENT;
        Right obj = objects[0] instanceof Right ? (Right) objects[0] : null;
        if (obj == null || !Port.valid(obj.port())) return KERN_INVALID_NAME;
        if (offset[0] != 0 || Long.compareUnsigned(start[0] + len[0], start[0]) < 0) return KERN_INVALID_ARGUMENT;
        Port real = obj.take();
        return reply(c, new Proxy(k, real, c.getInt("max_protection"), start[0], len[0]));
    }

    private int reply(MigCall c, Proxy p) {
        Port port = k.ipc.createKernelPort(p);
        p.port = port;
        k.ipc.requestNoSenders(port);
        c.set("proxy", port.makeSend());
        return KERN_SUCCESS;
    }

    /** vm_region_create_proxy: a proxy on the entry at (or after) address, limited to its protection and size. */
    private int regionProxy(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        if (!(t.vm instanceof TaskVm)) return KERN_INVALID_ARGUMENT;
        int[] prot = {c.getInt("max_protection")}, kr = {0};
        long[] start = {0};
        long len = c.getLong("len");
        Object o = VmExtras.regionObject((TaskVm) t.vm, c.getLong("address"), len, prot, start, kr);
        if (o == null) return kr[0];
        if (o instanceof Port) o = ((Port) o).copySend();
        return reply(c, new Proxy(k, o, prot[0], start[0], len));
    }

    /** vm_map of a proxy (vm_user.c): memory_object_proxy_lookup, then the real object. */
    private int mapProxy(MigCall c) {
        VmSpace s = Kernel.spaceOf(c.requestPort());
        int cur = c.getInt("cur_protection"), max = c.getInt("max_protection"), inh = c.getInt("inheritance");
        long size = c.getLong("size"), offset = c.getLong("offset");
        if (s == null || ((cur | max) & ~VmSpace.PROT_ALL) != 0) return KERN_INVALID_ARGUMENT;
        if (inh < VmSpace.INHERIT_SHARE || inh > VmSpace.INHERIT_NONE || size == 0) return KERN_INVALID_ARGUMENT;
        long ps = s.pageSize();
        size = (size + ps - 1) & -ps;
        Proxy p = proxyOf(c.get("memory_object"));
        int prot = p.maxProtection;
        long start = 0, len = -1;
        Object real;
        do {
            real = p.object;
            len = Long.compareUnsigned(p.len, start) <= 0 ? 0 : unsignedMin(len, p.len - start);
            start += p.start;
        } while ((p = proxyOf(real)) != null);
        boolean copy = c.getBoolean("copy");
        if (!copy) {
            max &= prot;
            cur &= prot;
        } else if ((prot & VmSpace.PROT_READ) == 0) {
            return KERN_PROTECTION_FAILURE;
        }
        if (Long.compareUnsigned(start + offset + size, start + len) > 0) return KERN_INVALID_ARGUMENT;
        Object mo = memoryObject(real);
        if (mo == null) return KERN_INVALID_ARGUMENT;
        long[] a = {c.getLong("address")};
        int kr = s.map(a, size, c.getLong("mask"), c.getBoolean("anywhere"), mo, offset + start, copy, cur, max, inh);
        c.set("address", a[0]);
        return kr;
    }

    private static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** The VM's key for a proxied object: a KernelPager bound to the port, the port, or the internal object. */
    private static Object memoryObject(Object real) {
        if (real instanceof Port) {
            Port port = (Port) real;
            if (!Port.valid(port) || !port.isActive()) return null;
            return port.kobject() instanceof KernelPager ? port.kobject() : port;
        }
        return real;
    }

    private static Object[] array(Object o) {
        if (o instanceof org.armach.mig.OutOfLine) o = ((org.armach.mig.OutOfLine) o).data();
        if (o instanceof Object[]) return (Object[]) o;
        return o == null ? new Object[0] : new Object[] {o};
    }

    private static long[] longs(Object o) {
        if (o instanceof org.armach.mig.OutOfLine) o = ((org.armach.mig.OutOfLine) o).data();
        if (o instanceof long[]) return (long[]) o;
        if (o instanceof int[]) {
            int[] a = (int[]) o;
            long[] l = new long[a.length];
            for (int i = 0; i < a.length; i++) l[i] = a[i];
            return l;
        }
        if (o instanceof Number) return new long[] {((Number) o).longValue()};
        return new long[0];
    }
}
