package org.armach.mach.ipc;

import static org.armach.mach.ipc.MsgType.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelServerTest {
    IpcKernel k;
    TestTask a;
    Port kport;
    int sa;
    int reply;
    KMsg deferred;
    Port deferredReply;

    record Obj(KObjectKind kind) implements KernelObject { }

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        a = new TestTask(k, "a");
        kport = k.createKernelPort(new Obj(KObjectKind.HOST));
        int[] n = {0};
        assertEquals(0, RightCopyout.copyout(a.space, kport.makeSend(), PORT_SEND, false, n));
        sa = n[0];
        reply = a.port();
    }

    @Test
    void synchronousReplyArrivesBeforeReceivePhase() {
        k.registerServer(KObjectKind.HOST, (req, obj) -> {
            assertEquals(2000, req.id());
            assertEquals(PORT_SEND_ONCE, req.localType());
            int v = Le.i32(req.body(), 8);
            Port r = req.takeReply();
            byte[] body = new byte[32];
            MsgDescriptor.write(body, 0, MsgDescriptor.word0(INTEGER_32, 32, true, false, false), 1);
            MsgDescriptor.write(body, 16, MsgDescriptor.word0(INTEGER_32, 32, true, false, false), 1);
            Le.put32(body, 24, v + 1);
            k.destroy(req);
            return new KMsgBuilder(r, PORT_SEND_ONCE, null, 0, 2100).body(body).build();
        });
        byte[] req = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 2000).int32(41).build();
        a.write(req);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG, req.length, 4096, reply, 0, 0);
        assertFalse(o.isBlocked());
        assertEquals(0, o.code());
        assertEquals(0x1200, a.bufInt(0));
        assertEquals(64, a.bufInt(4));
        assertEquals(2100, a.bufInt(28));
        assertEquals(42, a.bufInt(56));
        assertEquals(1, kport.sendRights(), "the request's copied send right was consumed");
        assertEquals(0, IpcIntrospect.portOf(a.space, reply).sendOnceRights());
    }

    @Test
    void deferredReplyThroughSavedSendOnce() {
        k.registerServer(KObjectKind.HOST, (req, obj) -> {
            deferredReply = req.takeReply();
            deferred = req;
            return null;
        });
        byte[] req = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 2000).build();
        a.write(req);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG, req.length, 4096, reply, 0, 0);
        assertTrue(o.isBlocked());
        k.destroy(deferred);
        k.sendKernel(MigReplies.retCode(deferredReply, PORT_SEND_ONCE, 2100, 0));
        assertEquals(0, MachMsg.resume(o.waitObject()).code());
        assertEquals(48, a.bufInt(4));
        assertEquals(2100, a.bufInt(28));
    }

    @Test
    void noServerRepliesMigBadId() {
        byte[] req = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 2000).build();
        a.write(req);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG, req.length, 4096, reply, 0, 0);
        assertEquals(0, o.code());
        assertEquals(2100, a.bufInt(28));
        assertEquals(KernReturn.MIG_BAD_ID, a.bufInt(40));
        assertEquals(MsgDescriptor.word0(INTEGER_32, 32, true, false, false), a.bufInt(32));
    }

    @Test
    void serverReceivesRightsAndRegions() {
        KMsg[] got = {null};
        k.registerServer(KObjectKind.HOST, (req, obj) -> {
            got[0] = req;
            return null;
        });
        long addr = a.mem.allocate(8);
        a.mem.write(addr, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
        byte[] req = new UMsg(COPY_SEND, sa, 0, 0, 2001).complex()
                .ports(MAKE_SEND, reply).ool(BYTE, 8, 8, addr, false).build();
        assertEquals(0, a.sendNow(req));
        KMsg m = got[0];
        assertEquals(2, m.items().size());
        MsgItem ports = m.items().get(0);
        assertEquals(PORT_SEND, ports.rightType);
        assertSame(IpcIntrospect.portOf(a.space, reply), ports.ports()[0]);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, m.items().get(1).copy().bytes());
        k.destroy(m);
        assertEquals(0, IpcIntrospect.portOf(a.space, reply).sendRights());
        assertEquals(0, a.mem.liveCopies());
    }

    @Test
    void kernelBuiltReplyWithRightsAndOutOfLineData() {
        int other = a.port();
        Port op = IpcIntrospect.portOf(a.space, other);
        byte[] body = new byte[32];
        MsgDescriptor.write(body, 0, MsgDescriptor.word0(PORT_SEND, 64, true, false, false), 1);
        MsgDescriptor.write(body, 16, MsgDescriptor.word0(BYTE, 8, false, true, false), 3);
        KMsg m = new KMsgBuilder(IpcIntrospect.portOf(a.space, reply).makeSendOnce(), PORT_SEND_ONCE, null, 0, 9)
                .body(body).rights(op.makeSend()).regions(new ByteVmCopy(new byte[] {9, 8, 7})).build();
        assertTrue(m.isComplex());
        k.sendKernel(m);
        assertEquals(0, a.rcv(reply));
        assertEquals(0x80001200, a.bufInt(0));
        assertEquals(other, a.bufInt(40));
        assertArrayEquals(new byte[] {9, 8, 7}, a.read(a.bufLong(56), 3));
        assertThrows(IllegalArgumentException.class, () -> new KMsgBuilder(null, 0, null, 0, 1).body(body).build());
    }

    @Test
    void destroyingKernelPortMakesNamesDead() {
        k.destroyKernelPort(kport);
        assertEquals(PortConst.TYPE_DEAD_NAME, a.type(sa));
    }
}
