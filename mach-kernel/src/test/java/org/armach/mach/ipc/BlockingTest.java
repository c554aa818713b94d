package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;
import static org.armach.mach.ipc.MsgType.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingTest {
    IpcKernel k;
    TestTask a;
    TestTask b;
    int pb;
    int sa;
    final List<MsgWait> woken = new ArrayList<>();

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        k.setWakeupSink(woken::add);
        a = new TestTask(k, "a");
        b = new TestTask(k, "b");
        pb = b.port();
        sa = b.giveTo(a, pb, MAKE_SEND);
    }

    private byte[] msg(int id) {
        return new UMsg(COPY_SEND, sa, 0, 0, id).build();
    }

    @Test
    void queueLimitBlocksThenResumes() {
        for (int i = 0; i < 5; i++) assertEquals(0, a.sendNow(msg(i)));
        MsgOutcome o = a.send(msg(5));
        assertTrue(o.isBlocked());
        assertEquals(MsgWait.Phase.SEND, o.waitObject().phase());
        assertFalse(o.waitObject().hasTimeout());
        assertEquals(0, b.rcv(pb));
        assertEquals(List.of(o.waitObject()), woken);
        assertEquals(0, MachMsg.resume(o.waitObject()).code());
        assertEquals(5, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertTrue(o.waitObject().isFinished());
    }

    @Test
    void sendTimeoutZeroPseudoReceivesTheMessage() {
        MachPortReceive.setQlimit(b.space, pb, 0);
        int r = a.port();
        byte[] m = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, r, 3).complex().ports(MAKE_SEND, r).build();
        a.write(m);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.SEND_TIMEOUT, m.length, 0, 0, 0, 0);
        assertEquals(MACH_SEND_TIMED_OUT, o.code());
        byte[] got = a.buf(m.length);
        assertEquals(0x80001211, Le.i32(got, 0), "dispositions converted, not swapped");
        assertEquals(sa, Le.i32(got, 8));
        assertEquals(2, a.refs(sa, PortConst.RIGHT_SEND), "copied dest right returned to the sender");
        int so = Le.i32(got, 16);
        assertEquals(PortConst.TYPE_SEND_ONCE, a.type(so));
        assertEquals(r, Le.i32(got, 40), "made send right coalesced with the receive right");
        assertEquals(PortConst.TYPE_SEND_RECEIVE, a.type(r));
    }

    @Test
    void sendTimeoutLaterAndInterrupt() {
        MachPortReceive.setQlimit(b.space, pb, 0);
        byte[] m = msg(1);
        a.write(m);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.SEND_TIMEOUT, m.length, 0, 0, 10, 0);
        assertTrue(o.isBlocked());
        assertTrue(o.waitObject().hasTimeout());
        assertEquals(10, o.waitObject().timeoutMs());
        assertEquals(MACH_SEND_TIMED_OUT, MachMsg.timeout(o.waitObject()).code());
        MsgOutcome o2 = a.send(m);
        assertEquals(MACH_SEND_INTERRUPTED, MachMsg.interrupt(o2.waitObject()).code());
        assertTrue(IpcIntrospect.portOf(b.space, pb).blockedSenders.isEmpty());
        assertThrows(IllegalStateException.class, () -> MachMsg.resume(o2.waitObject()));
    }

    @Test
    void raisingQlimitWakesSenders() {
        MachPortReceive.setQlimit(b.space, pb, 0);
        MsgOutcome o1 = a.send(msg(1));
        MsgOutcome o2 = a.send(msg(2));
        MachPortReceive.setQlimit(b.space, pb, 1);
        assertEquals(List.of(o1.waitObject()), woken);
        assertEquals(0, MachMsg.resume(o1.waitObject()).code());
        assertTrue(MachMsg.resume(o2.waitObject()).isBlocked(), "still full");
    }

    @Test
    void sendOnceDestinationIgnoresQueueLimit() {
        MachPortReceive.setQlimit(b.space, pb, 0);
        int so = b.giveTo(a, pb, MAKE_SEND_ONCE);
        assertEquals(0, a.sendNow(new UMsg(MOVE_SEND_ONCE, so, 0, 0, 1).build()));
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).msgCount());
    }

    @Test
    void blockedSenderSucceedsWhenPortDies() {
        MachPortReceive.setQlimit(b.space, pb, 0);
        MsgOutcome o = a.send(new UMsg(COPY_SEND, sa, 0, 0, 1).build());
        MachPortRefs.destroy(b.space, pb);
        assertEquals(List.of(o.waitObject()), woken);
        assertEquals(MACH_MSG_SUCCESS, MachMsg.resume(o.waitObject()).code());
        assertEquals(0, k.livePorts());
        assertEquals(PortConst.TYPE_DEAD_NAME, a.type(sa));
    }

    @Test
    void receiveBlocksUntilMessage() {
        MsgOutcome r = b.receive(pb, 4096, 0, 0);
        assertTrue(r.isBlocked());
        assertEquals(MsgWait.Phase.RECEIVE, r.waitObject().phase());
        assertEquals(0, a.sendNow(msg(42)));
        assertEquals(List.of(r.waitObject()), woken);
        assertEquals(0, MachMsg.resume(r.waitObject()).code());
        assertEquals(42, b.bufInt(28));
    }

    @Test
    void receiveTimeoutAndInterrupt() {
        MsgOutcome r = b.receive(pb, 4096, MsgBits.RCV_TIMEOUT, 5);
        assertTrue(r.isBlocked());
        assertEquals(MACH_RCV_TIMED_OUT, MachMsg.timeout(r.waitObject()).code());
        MsgOutcome r2 = b.receive(pb, 4096, 0, 0);
        assertEquals(MACH_RCV_INTERRUPTED, MachMsg.interrupt(r2.waitObject()).code());
        assertEquals(0, a.sendNow(msg(1)));
        assertTrue(woken.isEmpty(), "no parked receivers left");
    }

    @Test
    void timeoutAfterWakeStillDelivers() {
        MsgOutcome r = b.receive(pb, 4096, MsgBits.RCV_TIMEOUT, 5);
        assertEquals(0, a.sendNow(msg(7)));
        assertEquals(0, MachMsg.timeout(r.waitObject()).code());
        assertEquals(7, b.bufInt(28));
    }

    @Test
    void receiverGetsPortDiedAndPortChanged() {
        MsgOutcome r = b.receive(pb, 4096, 0, 0);
        int s = b.pset();
        MachPortReceive.moveMember(b.space, pb, s);
        assertEquals(MACH_RCV_PORT_CHANGED, MachMsg.resume(r.waitObject()).code());
        MsgOutcome rs = b.receive(s, 4096, 0, 0);
        MachPortRefs.destroy(b.space, s);
        assertEquals(MACH_RCV_PORT_DIED, MachMsg.resume(rs.waitObject()).code());
        MsgOutcome r2 = b.receive(pb, 4096, 0, 0);
        MachPortRefs.destroy(b.space, pb);
        assertEquals(MACH_RCV_PORT_DIED, MachMsg.resume(r2.waitObject()).code());
    }

    @Test
    void portSetReceivesInArrivalOrder() {
        int p2 = b.port();
        int s2a = b.giveTo(a, p2, MAKE_SEND);
        int s = b.pset();
        assertEquals(0, a.sendNow(msg(1)));
        MachPortReceive.moveMember(b.space, pb, s);
        MachPortReceive.moveMember(b.space, p2, s);
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, s2a, 0, 0, 2).build()));
        assertEquals(0, a.sendNow(msg(3)));
        int[] ids = new int[3];
        int[] locals = new int[3];
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.rcv(s));
            ids[i] = b.bufInt(28);
            locals[i] = b.bufInt(16);
        }
        assertArrayEquals(new int[] {1, 2, 3}, ids);
        assertArrayEquals(new int[] {pb, p2, pb}, locals);
        assertEquals(MACH_RCV_TIMED_OUT, b.rcv(s));
    }

    @Test
    void leavingSetTakesMessagesAlong() {
        int s = b.pset();
        MachPortReceive.moveMember(b.space, pb, s);
        assertEquals(0, a.sendNow(msg(1)));
        MachPortReceive.moveMember(b.space, pb, PortConst.NULL);
        assertEquals(MACH_RCV_TIMED_OUT, b.rcv(s));
        assertEquals(0, b.rcv(pb));
    }

    @Test
    void combinedSendAndReceiveRpc() {
        int reply = a.port();
        MsgOutcome server = b.receive(pb, 4096, 0, 0);
        byte[] req = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 100).build();
        a.write(req);
        MsgOutcome client = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG,
                req.length, 4096, reply, 0, 0);
        assertTrue(client.isBlocked());
        assertEquals(MsgWait.Phase.RECEIVE, client.waitObject().phase());
        assertEquals(0, MachMsg.resume(server.waitObject()).code());
        int replyName = b.bufInt(8);
        assertEquals(0, b.sendNow(new UMsg(MOVE_SEND_ONCE, replyName, 0, 0, 200).int32(0).build()));
        assertEquals(0, MachMsg.resume(client.waitObject()).code());
        assertEquals(200, a.bufInt(28));
        assertEquals(MsgBits.bits(0, PORT_SEND_ONCE), a.bufInt(0));
        assertEquals(reply, a.bufInt(16));
        assertEquals("[" + sa + ":0x10000/1, " + reply + ":0x20000/0]", a.names());
        assertEquals("[1:0x20000/0]", b.names());
    }
}
