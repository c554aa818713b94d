package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;

import org.armach.mach.ipc.Port;
import org.armach.mig.MigReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** memory_object_create_proxy through mach_msg: argument checks and reclamation on no-senders. */
class ProxyRpcTest {
    static final int KERN_INVALID_ARGUMENT = 4, KERN_INVALID_NAME = 15;
    RpcTest r = new RpcTest();
    int self;

    @BeforeEach
    void boot() {
        r.task = r.h.k.taskOps.create(null, false, "client");
        r.t = r.h.thread(r.task, TrapTest.SVC_WFI);
        r.reply = KernelHarness.receiveRight(r.task);
        self = KernelHarness.sendRight(r.task, r.task.self);
    }

    MigReply call(String defs, String routine, int dest, Object... kv) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) a.put((String) kv[i], kv[i + 1]);
        return r.call(defs, routine, () -> dest, a);
    }

    MigReply proxy(int object, long start, long len) {
        return call("mach4.defs", "memory_object_create_proxy", self, "max_protection", 3,
                "object", new Object[] {object}, "offset", new long[] {0}, "start", new long[] {start},
                "len", new long[] {len});
    }

    /** A memory-object port: our receive right with one send right under the same name. */
    int memoryObject() {
        int name = KernelHarness.receiveRight(r.task);
        assertEquals(0, call("mach_port.defs", "mach_port_insert_right", self, "name", name, "poly", name,
                UserMig.DISPOSITIONS, Map.of("poly", 20)).retCode());
        return name;
    }

    void deallocate(int name) {
        assertEquals(0, call("mach_port.defs", "mach_port_deallocate", self, "name", name).retCode());
    }

    @Test
    void argumentChecks() {
        int mo = memoryObject();
        assertEquals(KERN_INVALID_NAME, proxy(0, 0, 4096).retCode(), "null object");
        MigReply two = call("mach4.defs", "memory_object_create_proxy", self, "max_protection", 3,
                "object", new Object[] {mo, mo}, "offset", new long[] {0, 0}, "start", new long[] {0, 0},
                "len", new long[] {1, 1});
        assertEquals(KERN_INVALID_ARGUMENT, two.retCode(), "more than one object");
        MigReply off = call("mach4.defs", "memory_object_create_proxy", self, "max_protection", 3,
                "object", new Object[] {mo}, "offset", new long[] {4096}, "start", new long[] {0},
                "len", new long[] {1});
        assertEquals(KERN_INVALID_ARGUMENT, off.retCode(), "offset other than 0");
        assertEquals(KERN_INVALID_ARGUMENT, proxy(mo, -4096, 8192).retCode(), "start + len wraps");
        assertEquals(1, KernelHarness.portOf(r.task, mo).sendRights(), "refused requests keep no right");
    }

    @Test
    void theLastSendRightReclaimsTheProxyAndItsReference() {
        int mo = memoryObject();
        Port real = KernelHarness.portOf(r.task, mo);
        MigReply p = proxy(mo, 0, 8192);
        assertEquals(0, p.retCode());
        int name = ((Number) p.get("proxy")).intValue();
        Port proxyPort = KernelHarness.portOf(r.task, name);
        assertInstanceOf(ProxyRpc.Proxy.class, proxyPort.kobject());
        assertEquals(2, real.sendRights(), "the proxy holds a send right to the object");
        int live = r.h.k.ipc.livePorts();
        deallocate(name);
        assertFalse(proxyPort.isActive(), "no senders: the proxy port is destroyed");
        assertNull(proxyPort.kobject());
        assertEquals(1, real.sendRights(), "and its reference to the object dropped");
        assertEquals(live - 1, r.h.k.ipc.livePorts());
    }

    @Test
    void aNestedProxyKeepsItsTargetAlive() {
        int mo = memoryObject();
        Port real = KernelHarness.portOf(r.task, mo);
        int inner = ((Number) proxy(mo, 0, 8192).get("proxy")).intValue();
        Port innerPort = KernelHarness.portOf(r.task, inner);
        MigReply outer = proxy(inner, 4096, 4096);
        assertEquals(0, outer.retCode());
        int outerName = ((Number) outer.get("proxy")).intValue();
        Port outerPort = KernelHarness.portOf(r.task, outerName);
        deallocate(inner);
        assertTrue(innerPort.isActive(), "the outer proxy still holds a send right");
        deallocate(outerName);
        assertFalse(outerPort.isActive());
        assertFalse(innerPort.isActive(), "released by the outer proxy: reclaimed too");
        assertEquals(1, real.sendRights());
    }

    @Test
    void anotherSendRightKeepsTheProxy() {
        int mo = memoryObject();
        int name = ((Number) proxy(mo, 0, 4096).get("proxy")).intValue();
        Port proxyPort = KernelHarness.portOf(r.task, name);
        assertEquals(0, call("mach_port.defs", "mach_port_mod_refs", self, "name", name, "right", 0, "delta", 1).retCode());
        deallocate(name);
        assertTrue(proxyPort.isActive(), "one user reference left");
        deallocate(name);
        assertFalse(proxyPort.isActive());
    }

    /**
     * Found by module-mach-fuzz2: a request that moves the last send right of a proxy to the
     * proxy port itself. The destination right is released after the server ran (as GNU Mach's
     * ipc_kobject_server), so the request is served with its object and the proxy is reclaimed
     * afterwards; releasing it first reclaimed the port and served a request without object (a
     * host NullPointerException).
     */
    @Test
    void aRequestMovingTheLastSendRightIsServedBeforeTheProxyIsReclaimed() {
        int mo = memoryObject();
        int name = ((Number) proxy(mo, 0, 4096).get("proxy")).intValue();
        Port proxyPort = KernelHarness.portOf(r.task, name);
        r.patch = b -> {
            b[0] = 17; // MACH_MSG_TYPE_MOVE_SEND as the remote disposition
            return b;
        };
        MigReply m = call("mach4.defs", "memory_object_create_proxy", name, "max_protection", 3,
                "object", new Object[] {mo}, "offset", new long[] {0}, "start", new long[] {0}, "len", new long[] {1});
        r.patch = b -> b;
        assertNotEquals(0, m.retCode(), "a proxy port serves no routine");
        assertFalse(proxyPort.isActive(), "then its last send right is gone: reclaimed");
        assertEquals(1, KernelHarness.portOf(r.task, mo).sendRights(), "and its reference to the object dropped");
    }
}
