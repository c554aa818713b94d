package org.armach.mach.ipc;

import static org.armach.mach.ipc.MsgType.*;
import static org.armach.mach.ipc.PortConst.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationTest {
    IpcKernel k;
    TestTask a;
    TestTask b;
    int pa;      // a's port
    int notify;  // b's notification port

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        a = new TestTask(k, "a");
        b = new TestTask(k, "b");
        pa = a.port();
        notify = b.port();
    }

    private Port so(TestTask t, int name) {
        return IpcIntrospect.portOf(t.space, name).makeSendOnce();
    }

    @Test
    void deadNameNotificationLayoutAndUref() {
        int n = a.giveTo(b, pa, MAKE_SEND);
        Port[] prev = {null};
        assertEquals(0, MachPortRequests.request(b.space, n, NotifyId.DEAD_NAME, 0, so(b, notify), prev));
        assertEquals(0, MachPortRefs.destroy(a.space, pa));
        assertEquals(0, b.rcv(notify));
        String expect = "00120000 30000000 00000000 00000000 " + String.format("%02x", notify)
                + "000000 00000000 00000000 48000000 0f200020 01000000 " + String.format("%02x", n) + "000000 00000000";
        assertEquals(expect.replace(" ", ""), TestTask.hex(b.buf(48)).replace(" ", ""));
        assertEquals(TYPE_DEAD_NAME, b.type(n));
        assertEquals(2, b.refs(n, RIGHT_DEAD_NAME), "the notification carries a uref");
    }

    @Test
    void deadNameImmediateOnDeadName() {
        int[] d = {0};
        MachPortNames.allocate(b.space, RIGHT_DEAD_NAME, d);
        Port[] prev = {null};
        assertEquals(0, MachPortRequests.request(b.space, d[0], NotifyId.DEAD_NAME, 1, so(b, notify), prev));
        assertEquals(2, b.refs(d[0], RIGHT_DEAD_NAME));
        assertEquals(0, b.rcv(notify));
        assertEquals(NotifyId.DEAD_NAME, b.bufInt(28));
        assertEquals(d[0], b.bufInt(40));
    }

    @Test
    void portDeletedWhenLastSendRightGoes() {
        int n = a.giveTo(b, pa, MAKE_SEND);
        Port[] prev = {null};
        MachPortRequests.request(b.space, n, NotifyId.DEAD_NAME, 0, so(b, notify), prev);
        assertEquals(0, MachPortRefs.deallocate(b.space, n));
        assertEquals(0, b.rcv(notify));
        assertEquals(NotifyId.PORT_DELETED, b.bufInt(28));
        assertEquals(48, b.bufInt(4));
        assertEquals(MsgDescriptor.word0(PORT_NAME, 32, true, false, false), b.bufInt(32));
        assertEquals(n, b.bufInt(40));
        assertEquals(0, IpcIntrospect.portOf(b.space, notify).sendOnceRights());
    }

    @Test
    void noSendersWithMakeSendCount() {
        Port[] prev = {null};
        int n = a.giveTo(b, pa, MAKE_SEND);
        a.giveTo(b, pa, MAKE_SEND);
        int nn = a.port();
        assertEquals(0, MachPortRequests.request(a.space, pa, NotifyId.NO_SENDERS, 0, so(a, nn), prev));
        assertEquals(MachMsgReturn.MACH_RCV_TIMED_OUT, a.rcv(nn));
        assertEquals(0, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, -2));
        assertEquals(0, a.rcv(nn));
        String expect = "00120000 30000000 00000000 00000000 " + String.format("%02x", nn)
                + "000000 00000000 00000000 46000000 02200020 01000000 02000000 00000000";
        assertEquals(expect.replace(" ", ""), TestTask.hex(a.buf(48)).replace(" ", ""));
        int[] st = new int[9];
        MachPortReceive.getReceiveStatus(a.space, pa, st);
        assertEquals(0, st[8], "request consumed");
    }

    @Test
    void noSendersArmedImmediatelyWhenNoSenders() {
        int nn = a.port();
        Port[] prev = {null};
        assertEquals(0, MachPortRequests.request(a.space, pa, NotifyId.NO_SENDERS, 1, so(a, nn), prev));
        assertEquals(MachMsgReturn.MACH_RCV_TIMED_OUT, a.rcv(nn), "sync 1 > mscount 0: wait");
        assertEquals(0, MachPortRequests.request(a.space, pa, NotifyId.NO_SENDERS, 0, so(a, nn), prev));
        assertNotNull(prev[0]);
        k.releaseRight(prev[0], PORT_SEND_ONCE);
        assertEquals(0, a.rcv(nn));
        assertEquals(NotifyId.NO_SENDERS, a.bufInt(28));
        assertEquals(0, a.bufInt(40));
        assertEquals(0, a.rcv(nn));
        assertEquals(NotifyId.SEND_ONCE, a.bufInt(28), "the replaced request was destroyed");
    }

    @Test
    void portDestroyedReturnsReceiveRight() {
        Port[] prev = {null};
        a.makeSend(pa);
        int sendInB = a.giveTo(b, pa, COPY_SEND);
        assertEquals(0, MachPortRequests.request(a.space, pa, NotifyId.PORT_DESTROYED, 0, so(b, notify), prev));
        assertEquals(0, MachPortRefs.modRefs(a.space, pa, RIGHT_RECEIVE, -1));
        assertEquals(TYPE_SEND, a.type(pa), "a keeps its send right to the still-living port");
        assertEquals(1, k.livePorts() - 1);
        assertEquals(0, b.rcv(notify));
        byte[] got = b.buf(48);
        assertEquals(0x80001200, Le.i32(got, 0));
        assertEquals(48, Le.i32(got, 4));
        assertEquals(NotifyId.PORT_DESTROYED, Le.i32(got, 28));
        assertEquals(MsgDescriptor.word0(PORT_RECEIVE, 64, true, false, false), Le.i32(got, 32));
        int rn = (int) Le.i64(got, 40);
        assertEquals(sendInB, rn, "the receive right coalesces with b's send right");
        assertEquals(TYPE_SEND_RECEIVE, b.type(rn));
        int[] st = new int[9];
        MachPortReceive.getReceiveStatus(b.space, rn, st);
        assertEquals(0, st[2], "mscount reset when the receive right moved");
    }

    @Test
    void sendOnceNotificationWhenRightDestroyed() {
        int n = a.giveTo(b, pa, MAKE_SEND_ONCE);
        assertEquals(0, MachPortRefs.deallocate(b.space, n));
        assertEquals(0, a.rcv(pa));
        String expect = "00120000 20000000 00000000 00000000 " + String.format("%02x", pa)
                + "000000 00000000 00000000 47000000";
        assertEquals(expect.replace(" ", ""), TestTask.hex(a.buf(32)).replace(" ", ""));
        assertEquals(0, IpcIntrospect.portOf(a.space, pa).sendOnceRights());
    }

    @Test
    void destroyingQueuedMessagesReleasesTheirRights() {
        int other = b.port();
        int sb = a.giveTo(b, pa, MAKE_SEND);
        byte[] m = new UMsg(COPY_SEND, sb, MAKE_SEND_ONCE, other, 1).complex().ports(MAKE_SEND, other).build();
        assertEquals(0, b.sendNow(m));
        Port op = IpcIntrospect.portOf(b.space, other);
        assertEquals(1, op.sendRights());
        assertEquals(1, op.sendOnceRights());
        assertEquals(0, MachPortRefs.destroy(a.space, pa));
        assertEquals(0, op.sendRights());
        assertEquals(0, b.rcv(other));
        assertEquals(NotifyId.SEND_ONCE, b.bufInt(28), "reply right destroyed -> send-once notification");
        assertEquals(TYPE_DEAD_NAME, b.type(sb));
    }

    @Test
    void circularReceiveRightIsDestroyed() {
        int sb = a.giveTo(a, pa, MAKE_SEND);
        byte[] m = new UMsg(COPY_SEND, sb, 0, 0, 1).complex().ports(MOVE_RECEIVE, pa).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, k.livePorts() - 1);
        assertEquals(TYPE_DEAD_NAME, a.type(sb));
    }

    @Test
    void destroySpaceReleasesEverything() {
        int sb = a.giveTo(b, pa, MAKE_SEND);
        int q = b.port();
        b.giveTo(a, q, MAKE_SEND_ONCE);
        Port[] prev = {null};
        MachPortRequests.request(b.space, sb, NotifyId.DEAD_NAME, 0, so(b, q), prev);
        k.destroySpace(a.space);
        assertEquals(TYPE_DEAD_NAME, b.type(sb));
        assertEquals(0, b.rcv(q));
        assertEquals(0, b.rcv(q));
        assertEquals(MachMsgReturn.MACH_RCV_TIMED_OUT, b.rcv(q));
        assertEquals(2, k.livePorts());
    }
}
