package org.armach.mach.ipc;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.ipc.PortConst.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MachPortOpsTest {
    IpcKernel k;
    TestTask a;
    TestTask b;

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        a = new TestTask(k, "a");
        b = new TestTask(k, "b");
    }

    @Test
    void namesStartAtOneAndAscend() {
        assertEquals(1, a.port());
        assertEquals(2, a.pset());
        int[] n = {0};
        assertEquals(KERN_SUCCESS, MachPortNames.allocate(a.space, RIGHT_DEAD_NAME, n));
        assertEquals(3, n[0]);
        assertEquals(TYPE_RECEIVE, a.type(1));
        assertEquals(TYPE_PORT_SET, a.type(2));
        assertEquals(TYPE_DEAD_NAME, a.type(3));
    }

    @Test
    void freedNamesAreReusedLastInFirstOut() {
        for (int i = 1; i <= 5; i++) assertEquals(i, a.port());
        assertEquals(0, MachPortRefs.destroy(a.space, 2));
        assertEquals(0, MachPortRefs.destroy(a.space, 4));
        assertEquals(4, a.port());
        assertEquals(2, a.port());
        assertEquals(6, a.port());
    }

    @Test
    void freeListHoldsAtMost64Names() {
        for (int i = 1; i <= 70; i++) assertEquals(i, a.port());
        for (int i = 1; i <= 70; i++) assertEquals(0, MachPortRefs.destroy(a.space, i));
        // names 1..64 went on the free list (LIFO); 65..70 left the tree
        assertEquals(64, a.port());
        for (int i = 63; i >= 1; i--) assertEquals(i, a.port());
        assertEquals(65, a.port());
    }

    @Test
    void allocateErrors() {
        int[] n = {0};
        assertEquals(KERN_INVALID_VALUE, MachPortNames.allocate(a.space, RIGHT_SEND, n));
        assertEquals(KERN_INVALID_VALUE, MachPortNames.allocate(a.space, 7, n));
        assertEquals(KERN_INVALID_VALUE, MachPortNames.allocateName(a.space, RIGHT_RECEIVE, 0));
        assertEquals(KERN_INVALID_VALUE, MachPortNames.allocateName(a.space, RIGHT_RECEIVE, DEAD));
        assertEquals(KERN_INVALID_VALUE, MachPortNames.allocateName(a.space, RIGHT_SEND_ONCE, 5));
        assertEquals(KERN_SUCCESS, MachPortNames.allocateName(a.space, RIGHT_RECEIVE, 0x1234));
        assertEquals(KERN_NAME_EXISTS, MachPortNames.allocateName(a.space, RIGHT_PORT_SET, 0x1234));
        assertEquals(1, a.port());
        assertEquals(TYPE_RECEIVE, a.type(0x1234));
    }

    @Test
    void allocateNameTakesNameOffFreeList() {
        a.port();
        a.port();
        assertEquals(0, MachPortRefs.destroy(a.space, 1));
        assertEquals(0, MachPortNames.allocateName(a.space, RIGHT_DEAD_NAME, 1));
        assertEquals(3, a.port());
    }

    @Test
    void typeAndRefsOfUnknownNames() {
        int[] t = {0};
        assertEquals(KERN_INVALID_NAME, MachPortNames.type(a.space, 9, t));
        assertEquals(KERN_INVALID_NAME, MachPortNames.type(a.space, 0, t));
        int[] r = {0};
        assertEquals(KERN_INVALID_NAME, MachPortRefs.getRefs(a.space, 9, RIGHT_SEND, r));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.getRefs(a.space, 9, 5, r));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.getRefs(a.space, 9, -1, r));
    }

    @Test
    void getRefsPerRight() {
        int p = a.port();
        a.makeSend(p);
        a.makeSend(p);
        assertEquals(TYPE_SEND_RECEIVE, a.type(p));
        assertEquals(2, a.refs(p, RIGHT_SEND));
        assertEquals(1, a.refs(p, RIGHT_RECEIVE));
        assertEquals(0, a.refs(p, RIGHT_SEND_ONCE));
        assertEquals(0, a.refs(p, RIGHT_PORT_SET));
        assertEquals(0, a.refs(p, RIGHT_DEAD_NAME));
        int s = a.pset();
        assertEquals(1, a.refs(s, RIGHT_PORT_SET));
    }

    @Test
    void sendRightsCoalesceUnderOneName() {
        int p = a.port();
        int n1 = a.giveTo(b, p, MsgType.MAKE_SEND);
        int n2 = a.giveTo(b, p, MsgType.MAKE_SEND);
        assertEquals(n1, n2);
        assertEquals(2, b.refs(n1, RIGHT_SEND));
        Port port = IpcIntrospect.portOf(a.space, p);
        assertEquals(1, port.sendRights());
        assertEquals(2, port.mscount());
        int so1 = a.giveTo(b, p, MsgType.MAKE_SEND_ONCE);
        int so2 = a.giveTo(b, p, MsgType.MAKE_SEND_ONCE);
        assertNotEquals(so1, so2);
        assertEquals(TYPE_SEND_ONCE, b.type(so1));
        assertEquals(2, port.sendOnceRights());
    }

    @Test
    void modRefsSendArithmetic() {
        int p = a.port();
        int n = a.giveTo(b, p, MsgType.MAKE_SEND);
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, 4));
        assertEquals(5, b.refs(n, RIGHT_SEND));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, -6));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, 0));
        assertEquals(KERN_UREFS_OVERFLOW, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, UREFS_MAX));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, UREFS_MAX - 5));
        assertEquals(UREFS_MAX, b.refs(n, RIGHT_SEND));
        assertEquals(KERN_UREFS_OVERFLOW, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, 1));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, -UREFS_MAX));
        assertEquals(-KERN_INVALID_NAME, b.type(n));
        assertEquals(0, IpcIntrospect.portOf(a.space, p).sendRights());
    }

    @Test
    void modRefsWrongRightKinds() {
        int p = a.port();
        int ps = a.pset();
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(a.space, p, RIGHT_SEND, 1));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(a.space, p, RIGHT_DEAD_NAME, 1));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(a.space, p, RIGHT_PORT_SET, -1));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(a.space, p, RIGHT_SEND_ONCE, -1));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(a.space, p, RIGHT_RECEIVE, 1));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(a.space, p, RIGHT_RECEIVE, -2));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(a.space, p, RIGHT_RECEIVE, 0));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(a.space, ps, RIGHT_PORT_SET, 1));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(a.space, p, RIGHT_NUMBER, 0));
        assertEquals(KERN_INVALID_NAME, MachPortRefs.modRefs(a.space, 77, RIGHT_SEND, 1));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(a.space, ps, RIGHT_PORT_SET, -1));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(a.space, p, RIGHT_RECEIVE, -1));
        assertEquals("[]", a.names());
        assertEquals(0, k.livePorts());
        assertEquals(0, k.livePortSets());
    }

    @Test
    void deadNameRefs() {
        int[] n = {0};
        MachPortNames.allocate(a.space, RIGHT_DEAD_NAME, n);
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(a.space, n[0], RIGHT_DEAD_NAME, 2));
        assertEquals(3, a.refs(n[0], RIGHT_DEAD_NAME));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(a.space, n[0], RIGHT_SEND, 1));
        assertEquals(KERN_SUCCESS, MachPortRefs.deallocate(a.space, n[0]));
        assertEquals(2, a.refs(n[0], RIGHT_DEAD_NAME));
        assertEquals(KERN_INVALID_VALUE, MachPortRefs.modRefs(a.space, n[0], RIGHT_DEAD_NAME, -3));
        assertEquals(KERN_SUCCESS, MachPortRefs.modRefs(a.space, n[0], RIGHT_DEAD_NAME, -2));
        assertEquals(-KERN_INVALID_NAME, a.type(n[0]));
    }

    @Test
    void deallocateErrorsAndSendReceive() {
        int p = a.port();
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.deallocate(a.space, p));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.deallocate(a.space, a.pset()));
        assertEquals(KERN_INVALID_NAME, MachPortRefs.deallocate(a.space, 0));
        assertEquals(KERN_INVALID_NAME, MachPortRefs.deallocate(a.space, 99));
        a.makeSend(p);
        assertEquals(KERN_SUCCESS, MachPortRefs.deallocate(a.space, p));
        assertEquals(TYPE_RECEIVE, a.type(p));
        assertEquals(0, IpcIntrospect.portOf(a.space, p).sendRights());
    }

    @Test
    void destroyReceiveTurnsRemoteSendRightsIntoDeadNames() {
        int p = a.port();
        int n = a.giveTo(b, p, MsgType.MAKE_SEND);
        MachPortRefs.modRefs(b.space, n, RIGHT_SEND, 2);
        int so = a.giveTo(b, p, MsgType.MAKE_SEND_ONCE);
        assertEquals(KERN_SUCCESS, MachPortRefs.destroy(a.space, p));
        assertEquals(TYPE_DEAD_NAME, b.type(n));
        assertEquals(3, b.refs(n, RIGHT_DEAD_NAME));
        assertEquals(TYPE_DEAD_NAME, b.type(so));
        assertEquals(1, b.refs(so, RIGHT_DEAD_NAME));
        assertEquals(KERN_INVALID_RIGHT, MachPortRefs.modRefs(b.space, n, RIGHT_SEND, -1));
        assertEquals(0, k.livePorts());
    }

    @Test
    void renameMovesEverything() {
        int p = a.port();
        a.makeSend(p);
        assertEquals(KERN_SUCCESS, MachPortNames.rename(a.space, p, 100));
        assertEquals(TYPE_SEND_RECEIVE, a.type(100));
        assertEquals(-KERN_INVALID_NAME, a.type(p));
        assertEquals(100, IpcIntrospect.portOf(a.space, 100).receiverName());
        assertEquals(KERN_INVALID_VALUE, MachPortNames.rename(a.space, 100, 0));
        assertEquals(KERN_NAME_EXISTS, MachPortNames.rename(a.space, 100, 100));
        assertEquals(KERN_INVALID_NAME, MachPortNames.rename(a.space, 5, 6));
        int q = a.port();
        assertEquals(KERN_NAME_EXISTS, MachPortNames.rename(a.space, q, 100));
        // a send right copied out again still coalesces with the renamed entry
        int n = b.giveTo(a, b.port(), MsgType.MAKE_SEND);
        assertEquals(KERN_SUCCESS, MachPortNames.rename(a.space, n, 200));
        assertEquals(TYPE_SEND, a.type(200));
        assertEquals(0, MachPortRights.insertRight(a.space, 200, portOfB(200), MsgType.PORT_SEND));
        assertEquals(2, a.refs(200, RIGHT_SEND));
    }

    private Port portOfB(int aName) {
        return IpcIntrospect.portOf(a.space, aName).copySend();
    }

    @Test
    void namesListsAscendingWithTypes() {
        int p = a.port();
        int s = a.pset();
        a.makeSend(p);
        int[][] nt = new int[2][];
        assertEquals(0, MachPortNames.names(a.space, nt));
        assertArrayEquals(new int[] {p, s}, nt[0]);
        assertArrayEquals(new int[] {TYPE_SEND_RECEIVE, TYPE_PORT_SET}, nt[1]);
    }

    @Test
    void insertRightErrors() {
        int p = a.port();
        Port port = IpcIntrospect.portOf(a.space, p);
        assertEquals(KERN_INVALID_VALUE, MachPortRights.insertRight(b.space, 0, port, MsgType.PORT_SEND));
        assertEquals(KERN_INVALID_VALUE, MachPortRights.insertRight(b.space, 5, port, MsgType.INTEGER_32));
        assertEquals(KERN_INVALID_CAPABILITY, MachPortRights.insertRight(b.space, 5, Port.DEAD, MsgType.PORT_SEND));
        assertEquals(0, MachPortRights.insertRight(b.space, 5, port.makeSend(), MsgType.PORT_SEND));
        assertEquals(KERN_RIGHT_EXISTS, MachPortRights.insertRight(b.space, 6, port.makeSend(), MsgType.PORT_SEND));
        k.releaseRight(port, MsgType.PORT_SEND);
        assertEquals(KERN_NAME_EXISTS, MachPortRights.insertRight(b.space, 5, port.makeSendOnce(), MsgType.PORT_SEND_ONCE));
        k.releaseRight(port, MsgType.PORT_SEND_ONCE);
        int q = b.port();
        Port qp = IpcIntrospect.portOf(b.space, q);
        assertEquals(KERN_RIGHT_EXISTS, MachPortRights.insertRight(b.space, 5, qp.makeSend(), MsgType.PORT_SEND));
        k.releaseRight(qp, MsgType.PORT_SEND);
        assertEquals("[5:0x10000/1, " + q + ":0x20000/0]", b.names());
        // the failed insert at 6 created and freed entry 6: like GNU Mach it went on the free list
        assertEquals(6, q);
    }

    @Test
    void insertRightUrefsOverflow() {
        int p = a.port();
        Port port = IpcIntrospect.portOf(a.space, p);
        MachPortRights.insertRight(b.space, 5, port.makeSend(), MsgType.PORT_SEND);
        MachPortRefs.modRefs(b.space, 5, RIGHT_SEND, UREFS_MAX - 1);
        assertEquals(KERN_UREFS_OVERFLOW, MachPortRights.insertRight(b.space, 5, port.makeSend(), MsgType.PORT_SEND));
    }

    @Test
    void extractRightDispositions() {
        int p = a.port();
        Port[] out = {null};
        int[] t = {0};
        assertEquals(KERN_INVALID_VALUE, MachPortRights.extractRight(a.space, p, MsgType.INTEGER_32, out, t));
        assertEquals(KERN_INVALID_NAME, MachPortRights.extractRight(a.space, 42, MsgType.MAKE_SEND, out, t));
        assertEquals(KERN_INVALID_RIGHT, MachPortRights.extractRight(a.space, p, MsgType.COPY_SEND, out, t));
        assertEquals(KERN_INVALID_RIGHT, MachPortRights.extractRight(a.space, p, MsgType.MOVE_SEND_ONCE, out, t));
        assertEquals(KERN_SUCCESS, MachPortRights.extractRight(a.space, p, MsgType.MOVE_RECEIVE, out, t));
        assertEquals(MsgType.PORT_RECEIVE, t[0]);
        assertTrue(out[0].inTransit());
        assertEquals("[]", a.names());
        assertEquals(KERN_SUCCESS, MachPortRights.insertRight(b.space, 9, out[0], t[0]));
        assertEquals(TYPE_RECEIVE, b.type(9));
        // dead names can be moved out as DEAD
        int[] n = {0};
        MachPortNames.allocate(a.space, RIGHT_DEAD_NAME, n);
        assertEquals(KERN_SUCCESS, MachPortRights.extractRight(a.space, n[0], MsgType.MOVE_SEND, out, t));
        assertSame(Port.DEAD, out[0]);
        assertEquals("[]", a.names());
    }

    @Test
    void receiveStatusAndSettings() {
        int p = a.port();
        int s = a.pset();
        a.makeSend(p);
        assertEquals(0, MachPortReceive.setQlimit(a.space, p, 16));
        assertEquals(KERN_INVALID_VALUE, MachPortReceive.setQlimit(a.space, p, 17));
        assertEquals(KERN_INVALID_VALUE, MachPortReceive.setQlimit(a.space, 99, -1));
        assertEquals(KERN_INVALID_NAME, MachPortReceive.setQlimit(a.space, 99, 1));
        assertEquals(KERN_INVALID_RIGHT, MachPortReceive.setQlimit(a.space, s, 1));
        assertEquals(0, MachPortReceive.setSeqno(a.space, p, 41));
        assertEquals(0, MachPortReceive.setMscount(a.space, p, 7));
        assertEquals(0, MachPortReceive.moveMember(a.space, p, s));
        int[] st = new int[9];
        assertEquals(0, MachPortReceive.getReceiveStatus(a.space, p, st));
        assertArrayEquals(new int[] {s, 41, 7, 16, 0, 0, 1, 0, 0}, st);
        assertEquals(KERN_INVALID_RIGHT, MachPortReceive.getReceiveStatus(a.space, s, st));
        int[][] mem = new int[1][];
        assertEquals(0, MachPortReceive.getSetStatus(a.space, s, mem));
        assertArrayEquals(new int[] {p}, mem[0]);
        assertEquals(KERN_INVALID_RIGHT, MachPortReceive.getSetStatus(a.space, p, mem));
        assertEquals(0, MachPortReceive.moveMember(a.space, p, NULL));
        assertEquals(0, MachPortReceive.getSetStatus(a.space, s, mem));
        assertEquals(0, mem[0].length);
    }

    @Test
    void moveMemberErrors() {
        int p = a.port();
        int s = a.pset();
        assertEquals(KERN_INVALID_NAME, MachPortReceive.moveMember(a.space, 99, s));
        assertEquals(KERN_INVALID_RIGHT, MachPortReceive.moveMember(a.space, s, s));
        assertEquals(KERN_INVALID_NAME, MachPortReceive.moveMember(a.space, p, 99));
        assertEquals(KERN_INVALID_RIGHT, MachPortReceive.moveMember(a.space, p, p));
    }

    @Test
    void requestNotificationErrors() {
        int p = a.port();
        int nport = a.port();
        Port notify = IpcIntrospect.portOf(a.space, nport);
        Port[] prev = {null};
        assertEquals(KERN_INVALID_VALUE, MachPortRequests.request(a.space, p, 66, 0, notify, prev));
        assertEquals(KERN_INVALID_NAME, MachPortRequests.request(a.space, 99, NotifyId.DEAD_NAME, 0, notify, prev));
        assertEquals(KERN_INVALID_RIGHT, MachPortRequests.request(a.space, a.pset(), NotifyId.DEAD_NAME, 0, notify, prev));
        int[] d = {0};
        MachPortNames.allocate(a.space, RIGHT_DEAD_NAME, d);
        assertEquals(KERN_INVALID_ARGUMENT, MachPortRequests.request(a.space, d[0], NotifyId.DEAD_NAME, 0, notify, prev));
        int sendOnly = a.giveTo(b, p, MsgType.MAKE_SEND);
        assertEquals(KERN_INVALID_RIGHT, MachPortRequests.request(b.space, sendOnly, NotifyId.NO_SENDERS, 0, notify, prev));
        assertEquals(KERN_INVALID_RIGHT, MachPortRequests.request(b.space, sendOnly, NotifyId.PORT_DESTROYED, 0, notify, prev));
        assertEquals(KERN_INVALID_NAME, MachPortRequests.request(b.space, 77, NotifyId.NO_SENDERS, 0, notify, prev));
    }

    @Test
    void dnrequestShowsInType() {
        int p = a.port();
        int n = a.giveTo(b, p, MsgType.MAKE_SEND);
        int np = b.port();
        Port notify = IpcIntrospect.portOf(b.space, np).makeSendOnce();
        Port[] prev = {null};
        assertEquals(0, MachPortRequests.request(b.space, n, NotifyId.DEAD_NAME, 0, notify, prev));
        assertNull(prev[0]);
        assertEquals(TYPE_SEND | TYPE_DNREQUEST, b.type(n));
        assertEquals(0, MachPortRequests.request(b.space, n, NotifyId.DEAD_NAME, 0, null, prev));
        assertSame(notify, prev[0]);
        assertEquals(TYPE_SEND, b.type(n));
    }
}
