package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;
import static org.armach.mach.ipc.MsgType.*;
import static org.armach.mach.ipc.PortConst.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MACH_SEND_NOTIFY (msg-accepted), MACH_SEND_CANCEL and MACH_RCV_NOTIFY, as GNU Mach's mach_msg.c. */
class NotifyOptionsTest {
    IpcKernel k;
    TestTask a;
    TestTask b;
    int pb;      // b's port, full after fill()
    int sa;      // a's send right to pb
    int na;      // a's notification port
    final List<MsgWait> woken = new ArrayList<>();

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        k.setWakeupSink(woken::add);
        a = new TestTask(k, "a");
        b = new TestTask(k, "b");
        pb = b.port();
        sa = b.giveTo(a, pb, MAKE_SEND);
        na = a.port();
    }

    private byte[] msg(int id) {
        return new UMsg(COPY_SEND, sa, 0, 0, id).build();
    }

    private void fill() {
        MachPortReceive.setQlimit(b.space, pb, 1);
        assertEquals(0, a.sendNow(msg(1)));
    }

    private MsgOutcome sendOpt(TestTask t, byte[] m, int options, int timeout, int notify) {
        t.write(m);
        return MachMsg.trap(t.space, TestTask.BUF, MsgBits.SEND_MSG | options, m.length, 0, 0, timeout, notify);
    }

    private Port port(TestTask t, int name) {
        return IpcIntrospect.portOf(t.space, name);
    }

    // ---- MACH_SEND_NOTIFY ----

    @Test
    void sendNotifyOnFullQueueForcesTheMessageAndNotifiesWhenReceived() {
        fill();
        MsgOutcome o = sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na);
        assertFalse(o.isBlocked());
        assertEquals(MACH_SEND_WILL_NOTIFY, o.code());
        assertEquals(2, port(b, pb).msgCount(), "queued beyond the limit");
        assertEquals(TYPE_SEND | TYPE_MAREQUEST, a.type(sa));
        assertEquals(1, port(a, na).sendOnceRights());
        assertEquals(MACH_RCV_TIMED_OUT, a.rcv(na), "nothing yet");
        assertEquals(0, b.rcv(pb));
        assertEquals(1, b.bufInt(28));
        assertEquals(MACH_RCV_TIMED_OUT, a.rcv(na), "the first message had no request");
        assertEquals(0, b.rcv(pb));
        assertEquals(2, b.bufInt(28));
        assertEquals(0, a.rcv(na));
        String expect = "00120000 30000000 00000000 00000000 " + String.format("%02x", na)
                + "000000 00000000 00000000 42000000 0f200020 01000000 " + String.format("%02x", sa) + "000000 00000000";
        assertEquals(expect.replace(" ", ""), TestTask.hex(a.buf(48)).replace(" ", ""));
        assertEquals(TYPE_SEND, a.type(sa), "MAREQUEST bit cleared");
        assertEquals(0, port(a, na).sendOnceRights());
    }

    @Test
    void sendNotifyBelowTheLimitIsAPlainSend() {
        assertEquals(0, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(TYPE_SEND, a.type(sa));
        assertEquals(0, port(a, na).sendOnceRights());
    }

    @Test
    void secondForcedSendIsNotifyInProgressAndComesBack() {
        fill();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        MsgOutcome o = sendOpt(a, msg(3), MsgBits.SEND_NOTIFY, 0, na);
        assertEquals(MACH_SEND_NOTIFY_IN_PROGRESS, o.code());
        assertEquals(2, port(b, pb).msgCount());
        assertEquals(2, a.refs(sa, RIGHT_SEND), "pseudo-received: the copied right came back");
        assertEquals(sa, a.bufInt(8));
        assertEquals(1, port(a, na).sendOnceRights());
    }

    @Test
    void sendNotifyWithBadNotifyNamesFails() {
        fill();
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, 0).code());
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, 0x777).code());
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, sa).code(),
                "a send right is not a receive right");
        assertEquals(1, port(b, pb).msgCount());
        assertEquals(4, a.refs(sa, RIGHT_SEND), "each failure pseudo-received the copied right");
        assertEquals(TYPE_SEND, a.type(sa));
        assertEquals(0, port(a, na).sendOnceRights());
    }

    @Test
    void sendNotifyWithTimeoutWaitsFirst() {
        fill();
        MsgOutcome o = sendOpt(a, msg(2), MsgBits.SEND_NOTIFY | MsgBits.SEND_TIMEOUT, 50, na);
        assertTrue(o.isBlocked());
        assertTrue(o.waitObject().hasTimeout());
        assertEquals(MACH_SEND_WILL_NOTIFY, MachMsg.timeout(o.waitObject()).code());
        assertTrue(o.waitObject().isFinished());
        assertEquals(2, port(b, pb).msgCount());
    }

    @Test
    void sendNotifyWithTimeoutThatGetsRoomIsPlain() {
        fill();
        MsgOutcome o = sendOpt(a, msg(2), MsgBits.SEND_NOTIFY | MsgBits.SEND_TIMEOUT, 50, na);
        assertTrue(o.isBlocked());
        assertEquals(0, b.rcv(pb));
        assertEquals(List.of(o.waitObject()), woken);
        assertEquals(0, MachMsg.resume(o.waitObject()).code());
        assertEquals(TYPE_SEND, a.type(sa));
    }

    @Test
    void willNotifySkipsTheReceivePhase() {
        fill();
        int r = a.port();
        byte[] m = msg(2);
        a.write(m);
        MsgOutcome o = MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG | MsgBits.SEND_NOTIFY,
                m.length, TestTask.BUF_SIZE, r, 0, na);
        assertFalse(o.isBlocked());
        assertEquals(MACH_SEND_WILL_NOTIFY, o.code());
    }

    @Test
    void senderWithoutARightGetsNullName() {
        fill();
        byte[] m = new UMsg(MOVE_SEND, sa, 0, 0, 2).build();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, m, MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(sa), "the only send right moved");
        b.rcv(pb);
        b.rcv(pb);
        assertEquals(0, a.rcv(na));
        assertEquals(NotifyId.MSG_ACCEPTED, a.bufInt(28));
        assertEquals(NULL, a.bufInt(40));
    }

    @Test
    void deallocatingTheRightCancelsTheName() {
        fill();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(0, MachPortRefs.deallocate(a.space, sa));
        b.rcv(pb);
        b.rcv(pb);
        assertEquals(0, a.rcv(na));
        assertEquals(NotifyId.MSG_ACCEPTED, a.bufInt(28));
        assertEquals(NULL, a.bufInt(40));
    }

    @Test
    void renameCarriesTheRequest() {
        fill();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(0, MachPortNames.rename(a.space, sa, 0x500));
        assertEquals(TYPE_SEND | TYPE_MAREQUEST, a.type(0x500));
        b.rcv(pb);
        b.rcv(pb);
        assertEquals(0, a.rcv(na));
        assertEquals(0x500, a.bufInt(40));
        assertEquals(TYPE_SEND, a.type(0x500));
    }

    @Test
    void destroyedQueueStillSendsMsgAccepted() {
        fill();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(0, MachPortRefs.destroy(b.space, pb));
        assertEquals(0, a.rcv(na));
        assertEquals(NotifyId.MSG_ACCEPTED, a.bufInt(28));
        assertEquals(sa, a.bufInt(40), "the entry is still a (dead) right when the message is destroyed");
    }

    @Test
    void tooLargeReceiveDequeuesAndNotifies() {
        fill();
        assertEquals(MACH_SEND_WILL_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_NOTIFY, 0, na).code());
        assertEquals(0, b.rcv(pb));
        assertEquals(MACH_RCV_TOO_LARGE, b.receive(pb, 32 - 8, MsgBits.RCV_TIMEOUT, 0).code());
        assertEquals(0, a.rcv(na));
        assertEquals(sa, a.bufInt(40));
    }

    // ---- MACH_SEND_CANCEL ----

    private int deadNameRequest(TestTask t, int name, int notifyPort) {
        Port[] prev = {null};
        Port so = port(t, notifyPort).makeSendOnce();
        assertEquals(0, MachPortRequests.request(t.space, name, NotifyId.DEAD_NAME, 0, so, prev));
        return name;
    }

    @Test
    void sendCancelDropsThePortDeletedNotification() {
        deadNameRequest(a, sa, na);
        byte[] m = new UMsg(MOVE_SEND, sa, 0, 0, 2).build();
        assertEquals(0, sendOpt(a, m, MsgBits.SEND_CANCEL, 0, na).code());
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(sa));
        assertEquals(MACH_RCV_TIMED_OUT, a.rcv(na), "no port-deleted notification");
        assertEquals(0, port(a, na).sendOnceRights(), "its send-once right released quietly");
        assertEquals(0, b.rcv(pb));
    }

    @Test
    void withoutCancelThePortDeletedIsSent() {
        deadNameRequest(a, sa, na);
        byte[] m = new UMsg(MOVE_SEND, sa, 0, 0, 2).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, a.rcv(na));
        assertEquals(NotifyId.PORT_DELETED, a.bufInt(28));
    }

    @Test
    void sendCancelOnlyMatchesItsOwnNotifyPort() {
        int other = a.port();
        deadNameRequest(a, sa, other);
        byte[] m = new UMsg(MOVE_SEND, sa, 0, 0, 2).build();
        assertEquals(0, sendOpt(a, m, MsgBits.SEND_CANCEL, 0, na).code());
        assertEquals(0, a.rcv(other));
        assertEquals(NotifyId.PORT_DELETED, a.bufInt(28));
    }

    @Test
    void sendCancelLeavesACopiedRightsRequestAlone() {
        deadNameRequest(a, sa, na);
        assertEquals(0, sendOpt(a, msg(2), MsgBits.SEND_CANCEL, 0, na).code());
        assertEquals(TYPE_SEND | TYPE_DNREQUEST, a.type(sa));
        assertEquals(1, port(a, na).sendOnceRights());
    }

    @Test
    void sendCancelNotifyErrors() {
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_CANCEL, 0, 0).code());
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_CANCEL, 0, 0x777).code());
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, msg(2), MsgBits.SEND_CANCEL, 0, sa).code());
        assertEquals(0, port(b, pb).msgCount());
        assertEquals(1, a.refs(sa, RIGHT_SEND));
        byte[] bad = new UMsg(COPY_SEND, 0x999, 0, 0, 2).build();
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendOpt(a, bad, MsgBits.SEND_CANCEL, 0, 0x777).code(),
                "notify is checked before the destination");
        byte[] badBits = new UMsg(0, sa, 0, 0, 2).build();
        assertEquals(MACH_SEND_INVALID_HEADER, sendOpt(a, badBits, MsgBits.SEND_CANCEL, 0, 0x777).code(),
                "header bits are checked first");
        assertEquals(MACH_SEND_MSG_TOO_SMALL, sendOpt(a, new byte[16], MsgBits.SEND_CANCEL, 0, 0).code());
    }

    // ---- MACH_RCV_NOTIFY ----

    private MsgOutcome rcvNotify(TestTask t, int name, int notify) {
        return MachMsg.trap(t.space, TestTask.BUF, MsgBits.RCV_MSG | MsgBits.RCV_TIMEOUT | MsgBits.RCV_NOTIFY,
                0, TestTask.BUF_SIZE, name, 0, notify);
    }

    @Test
    void rcvNotifyRegistersADeadNameRequestForTheReply() {
        int nb = b.port();
        int ra = a.port();
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, ra, 7).build()));
        assertEquals(0, rcvNotify(b, pb, nb).code());
        int reply = b.bufInt(8);
        assertEquals(TYPE_SEND_ONCE | TYPE_DNREQUEST, b.type(reply));
        assertEquals(1, port(b, nb).sendOnceRights());
        assertEquals(0, MachPortRefs.destroy(a.space, ra));
        assertEquals(0, b.rcv(nb));
        assertEquals(NotifyId.DEAD_NAME, b.bufInt(28));
        assertEquals(reply, b.bufInt(40));
        assertEquals(TYPE_DEAD_NAME, b.type(reply));
        assertEquals(2, b.refs(reply, RIGHT_DEAD_NAME));
    }

    @Test
    void rcvNotifySkipsAnExistingSendRight() {
        int nb = b.port();
        int ra = a.port();
        int known = a.giveTo(b, ra, MAKE_SEND);
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND, ra, 7).build()));
        assertEquals(0, rcvNotify(b, pb, nb).code());
        assertEquals(known, b.bufInt(8));
        assertEquals(TYPE_SEND, b.type(known), "no request: the name is not new");
        assertEquals(2, b.refs(known, RIGHT_SEND));
        assertEquals(0, port(b, nb).sendOnceRights());
    }

    @Test
    void rcvNotifyNewSendRightGetsARequest() {
        int nb = b.port();
        int ra = a.port();
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND, ra, 7).build()));
        assertEquals(0, rcvNotify(b, pb, nb).code());
        assertEquals(TYPE_SEND | TYPE_DNREQUEST, b.type(b.bufInt(8)));
    }

    @Test
    void rcvNotifyWithoutReplyStillChecksNotify() {
        assertEquals(0, a.sendNow(msg(2)));
        assertEquals(0, a.sendNow(msg(3)));
        int nb = b.port();
        assertEquals(0, rcvNotify(b, pb, nb).code());
        assertEquals(2, b.bufInt(28));
        assertEquals(MACH_RCV_INVALID_NOTIFY, rcvNotify(b, pb, 0x777).code());
        assertEquals(pb, b.bufInt(16), "header only, destination named");
        assertEquals(0, port(b, pb).msgCount(), "the message was consumed");
    }

    @Test
    void rcvNotifyNullOrBadNameConsumesTheMessage() {
        int ra = a.port();
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, ra, 7).build()));
        assertEquals(MACH_RCV_INVALID_NOTIFY, rcvNotify(b, pb, 0).code());
        assertEquals(0, b.bufInt(8), "reply right destroyed, not named");
        assertEquals(pb, b.bufInt(16));
        assertEquals(0, a.rcv(ra), "the destroyed send-once right sends a send-once notification");
        assertEquals(NotifyId.SEND_ONCE, a.bufInt(28));
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, ra, 8).build()));
        assertEquals(MACH_RCV_INVALID_NOTIFY, rcvNotify(b, pb, pb + 100).code());
        assertEquals(0, port(b, pb).msgCount());
        assertEquals("[" + pb + ":0x20000/0]", b.names(), "no right left behind");
    }

    @Test
    void rcvNotifyIgnoredWithoutTheOption() {
        int ra = a.port();
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, ra, 7).build()));
        MsgOutcome o = MachMsg.trap(b.space, TestTask.BUF, MsgBits.RCV_MSG | MsgBits.RCV_TIMEOUT, 0,
                TestTask.BUF_SIZE, pb, 0, 0x777);
        assertEquals(0, o.code());
        assertEquals(TYPE_SEND_ONCE, b.type(b.bufInt(8)));
    }
}
