package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;
import static org.armach.mach.ipc.MsgType.*;
import static org.armach.mach.ipc.PortConst.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageTest {
    IpcKernel k;
    TestTask a;
    TestTask b;
    int pb;   // b's receive right
    int sa;   // a's send right to it
    int reply; // a's reply port

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        a = new TestTask(k, "a");
        b = new TestTask(k, "b");
        pb = b.port();
        sa = b.giveTo(a, pb, MAKE_SEND);
        reply = a.port();
    }

    @Test
    void simpleMessageByteExact() {
        byte[] m = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 1234).int32(0xCAFE).build();
        assertEquals(MACH_MSG_SUCCESS, a.sendNow(m));
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertEquals(MACH_MSG_SUCCESS, b.rcv(pb));
        int rn = 2; // b: 1 = pb, 2 = the reply send-once right
        String expect = "12110000 30000000 " + String.format("%02x", rn) + "000000 00000000 "
                + "01000000 00000000 00000000 d2040000 02200020 01000000 feca0000 00000000";
        assertEquals(expect.replace(" ", ""), TestTask.hex(b.buf(48)).replace(" ", ""));
        assertEquals(TYPE_SEND_ONCE, b.type(rn));
        assertEquals(TYPE_SEND, a.type(sa));
        assertEquals(1, a.refs(sa, RIGHT_SEND));
    }

    @Test
    void headerPortUpperHalvesAreIgnored() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 7).build();
        Le.put32(m, 12, 0xDEADBEEF);
        assertEquals(MACH_MSG_SUCCESS, a.sendNow(m));
        assertEquals(MACH_MSG_SUCCESS, b.rcv(pb));
        assertEquals(0x1100, b.bufInt(0));
        assertEquals(0L, b.bufLong(8));
        assertEquals(pb, b.bufLong(16));
    }

    @Test
    void seqnoCountsPerPort() {
        for (int i = 0; i < 3; i++) assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, 0, 0, i).build()));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.rcv(pb));
            assertEquals(i, b.bufInt(24));
            assertEquals(i, b.bufInt(28));
        }
        assertEquals(MACH_RCV_TIMED_OUT, b.rcv(pb));
    }

    @Test
    void moveSendOfLastUrefRemovesName() {
        assertEquals(0, a.sendNow(new UMsg(MOVE_SEND, sa, 0, 0, 1).build()));
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(sa));
        Port p = IpcIntrospect.portOf(b.space, pb);
        assertEquals(1, p.sendRights());
        assertEquals(0, b.rcv(pb));
        assertEquals(0, p.sendRights());
    }

    @Test
    void complexBitClearedWithoutRightsOrMemory() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 1).complex().int32(5).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, b.rcv(pb));
        assertEquals(0x1100, b.bufInt(0));
    }

    @Test
    void nonComplexBodyIsNotTranslated() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 1).ports(MOVE_SEND, sa).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(1, a.refs(sa, RIGHT_SEND));
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(MOVE_SEND, got[32]);
        assertEquals(sa, Le.i32(got, 40));
    }

    @Test
    void inlinePortDispositionsAreConverted() {
        int r = a.port();
        int so = a.port();
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 9).complex()
                .ports(COPY_SEND, sa)
                .ports(MAKE_SEND, r)
                .ports(MAKE_SEND_ONCE, so)
                .ports(MOVE_RECEIVE, so)
                .build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(0x80001100, Le.i32(got, 0));
        int[] names = new int[4];
        int[] expectType = {PORT_SEND, PORT_SEND, PORT_SEND_ONCE, PORT_RECEIVE};
        for (int i = 0; i < 4; i++) {
            int off = 32 + 16 * i;
            assertEquals(MsgDescriptor.word0(expectType[i], 64, true, false, false), Le.i32(got, off));
            assertEquals(1, Le.i32(got, off + 4));
            long slot = Le.i64(got, off + 8);
            assertEquals(slot & 0xffffffffL, slot, "zero-extended slot");
            names[i] = (int) slot;
        }
        assertEquals(pb, names[0], "a send right for our own receive right coalesces with it");
        assertEquals(TYPE_SEND_RECEIVE, b.type(pb));
        assertEquals(TYPE_SEND, b.type(names[1]));
        assertEquals(TYPE_SEND_ONCE, b.type(names[2]));
        assertEquals(TYPE_RECEIVE, b.type(names[3]));
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(so));
        assertEquals(TYPE_RECEIVE, a.type(r));
        // the send-once right now in b names the port whose receive right b also holds: distinct names
        assertNotEquals(names[2], names[3]);
    }

    @Test
    void longformAndMultiplePortsPerDescriptor() {
        int r1 = a.port();
        int r2 = a.port();
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 9).complex()
                .desc(MAKE_SEND, 64, 3, true, true, false).data8(r1).data8(0).data8(r2)
                .build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(MsgDescriptor.word0(PORT_SEND, 64, true, true, false), Le.i32(got, 32));
        assertEquals(3, Le.i32(got, 36));
        assertEquals(TYPE_SEND, b.type(Le.i32(got, 40)));
        assertEquals(0L, Le.i64(got, 48));
        assertEquals(TYPE_SEND, b.type(Le.i32(got, 56)));
    }

    @Test
    void outOfLineData() {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        long addr = a.mem.allocate(100);
        a.mem.write(addr, data, 0, 100);
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 5).complex()
                .ool(BYTE, 8, 100, addr, true)
                .ool(BYTE, 8, 0, 0x1234, false)
                .build();
        assertEquals(0, a.sendNow(m));
        assertFalse(a.mem.isMapped(addr), "deallocate moved the region");
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(0x80001100, Le.i32(got, 0));
        assertEquals(MsgDescriptor.word0(BYTE, 8, false, true, true), Le.i32(got, 32));
        assertEquals(100, Le.i32(got, 36));
        long raddr = Le.i64(got, 40);
        assertArrayEquals(data, b.read(raddr, 100));
        assertEquals(0L, Le.i64(got, 56), "empty OOL region arrives as address 0");
        assertEquals(0, a.mem.liveCopies());
    }

    @Test
    void outOfLinePortArray() {
        int r1 = a.port();
        int r2 = a.port();
        long addr = a.mem.allocate(16);
        byte[] names = new byte[12];
        Le.put32(names, 0, r1);
        Le.put32(names, 4, DEAD);
        Le.put32(names, 8, r2);
        a.mem.write(addr, names, 0, 12);
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 5).complex().oolPorts(MAKE_SEND, addr, 3, false).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(MsgDescriptor.word0(PORT_SEND, 32, false, true, false), Le.i32(got, 32));
        byte[] rn = b.read(Le.i64(got, 40), 12);
        assertEquals(TYPE_SEND, b.type(Le.i32(rn, 0)));
        assertEquals(DEAD, Le.i32(rn, 4));
        assertEquals(TYPE_SEND, b.type(Le.i32(rn, 8)));
    }

    @Test
    void deadNamesTravelAsDead() {
        int[] d = {0};
        MachPortNames.allocate(a.space, RIGHT_DEAD_NAME, d);
        MachPortRefs.modRefs(a.space, d[0], RIGHT_DEAD_NAME, 1);
        byte[] m = new UMsg(COPY_SEND, sa, MOVE_SEND, d[0], 5).complex().ports(COPY_SEND, d[0]).build();
        assertEquals(0, a.sendNow(m));
        assertEquals(1, a.refs(d[0], RIGHT_DEAD_NAME), "the reply MOVE_SEND consumed a uref, COPY_SEND none");
        assertEquals(0, b.rcv(pb));
        byte[] got = b.buf(m.length);
        assertEquals(0xFFFFFFFFL, Le.i64(got, 8));
        assertEquals(0xFFFFFFFFL, Le.i64(got, 40));
        assertEquals(0x80001111, Le.i32(got, 0));
    }

    @Test
    void protectedPayloadReplacesLocalPort() {
        assertEquals(0, MachPortReceive.setProtectedPayload(b.space, pb, 0x1122334455667788L));
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, 0, 0, 1).build()));
        assertEquals(0, b.rcv(pb));
        assertEquals(MsgBits.bits(0, PROTECTED_PAYLOAD), b.bufInt(0));
        assertEquals(0x1122334455667788L, b.bufLong(16));
        assertEquals(0, MachPortReceive.clearProtectedPayload(b.space, pb));
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, 0, 0, 1).build()));
        assertEquals(0, b.rcv(pb));
        assertEquals(0x1100, b.bufInt(0));
        assertEquals(pb, b.bufLong(16));
    }

    @Test
    void sendSizeErrors() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 1).build();
        a.write(m);
        assertEquals(MACH_SEND_MSG_TOO_SMALL, MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG, 28, 0, 0, 0, 0).code());
        assertEquals(MACH_SEND_MSG_TOO_SMALL, MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG, 34, 0, 0, 0, 0).code());
        assertEquals(MACH_SEND_MSG_TOO_SMALL, MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG, -8, 0, 0, 0, 0).code());
        assertEquals(MACH_SEND_INVALID_DATA, MachMsg.trap(a.space, 0x9999000, MsgBits.SEND_MSG, 32, 0, 0, 0, 0).code());
        assertEquals(MACH_SEND_NO_BUFFER, MachMsg.trap(a.space, TestTask.BUF, MsgBits.SEND_MSG, 64 << 20, 0, 0, 0, 0).code());
    }

    @Test
    void headerErrors() {
        assertEquals(MACH_SEND_INVALID_HEADER, a.sendNow(new UMsg(MOVE_RECEIVE, sa, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_HEADER, a.sendNow(new UMsg(0, sa, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_HEADER, a.sendNow(new UMsg(COPY_SEND, sa, 0, reply, 1).build()));
        assertEquals(MACH_SEND_INVALID_HEADER, a.sendNow(new UMsg(COPY_SEND, sa, MOVE_RECEIVE, reply, 1).build()));
        assertEquals(MACH_SEND_INVALID_HEADER, a.sendNow(new UMsg(COPY_SEND, sa, 22, reply, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(COPY_SEND, 0, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(COPY_SEND, DEAD, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(COPY_SEND, 77, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(COPY_SEND, reply, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(MAKE_SEND, sa, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(MOVE_SEND_ONCE, sa, 0, 0, 1).build()));
        assertEquals(MACH_SEND_INVALID_REPLY, a.sendNow(new UMsg(COPY_SEND, sa, MAKE_SEND, 77, 1).build()));
        assertEquals(MACH_SEND_INVALID_REPLY, a.sendNow(new UMsg(COPY_SEND, sa, MOVE_SEND_ONCE, reply, 1).build()));
        assertEquals(MACH_SEND_INVALID_REPLY, a.sendNow(new UMsg(MOVE_SEND, sa, MAKE_SEND, sa, 1).build()));
        assertEquals(1, a.refs(sa, RIGHT_SEND), "failed header copyin leaves the rights alone");
        assertEquals(0, IpcIntrospect.portOf(b.space, pb).msgCount());
    }

    @Test
    void deadDestinationIsInvalidDest() {
        MachPortRefs.destroy(b.space, pb);
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(COPY_SEND, sa, 0, 0, 1).build()));
        assertEquals(TYPE_DEAD_NAME, a.type(sa));
    }

    @Test
    void sameNameDestAndReply() {
        MachPortRefs.modRefs(a.space, sa, RIGHT_SEND, 1);
        assertEquals(0, a.sendNow(new UMsg(MOVE_SEND, sa, MOVE_SEND, sa, 1).build()));
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(sa));
        assertEquals(0, b.rcv(pb));
        assertEquals(0x1111, b.bufInt(0));
        assertEquals(pb, b.bufInt(8), "the reply send right coalesces with the receive right");
        assertEquals(TYPE_SEND_RECEIVE, b.type(pb));
        assertEquals(1, b.refs(pb, RIGHT_SEND));
        int sb = b.giveTo(a, pb, MAKE_SEND);
        assertEquals(MACH_SEND_INVALID_DEST, a.sendNow(new UMsg(MOVE_SEND, sb, MOVE_SEND, sb, 1).build()));
        assertEquals(0, a.sendNow(new UMsg(MOVE_SEND, sb, COPY_SEND, sb, 1).build()));
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(sb));
        int r = a.port();
        assertEquals(MACH_SEND_INVALID_REPLY, a.sendNow(new UMsg(MAKE_SEND, r, MOVE_SEND_ONCE, r, 1).build()));
        assertEquals(0, a.sendNow(new UMsg(MAKE_SEND, r, MAKE_SEND_ONCE, r, 1).build()));
        assertEquals(0, a.rcv(r));
        assertEquals(0x1112, a.bufInt(0));
    }

    @Test
    void bodyTypeErrorsDestroyHeaderRights() {
        MachPortRefs.modRefs(a.space, sa, RIGHT_SEND, 7);
        byte[][] bad = {
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(INTEGER_32, 32, 1, true, false, false).data4(1).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().rawBody(MsgDescriptor.word0(INTEGER_32, 32, true, false, false) | (1 << 24), 1).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(INTEGER_32, 32, 1, true, false, true).data8(1).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(COPY_SEND, 32, 1, true, false, false).data8(sa).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(COPY_SEND, 64, 1, false, false, false).data8(0).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(INTEGER_32, 32, 100, true, false, false).data8(0).build(),
            new UMsg(MOVE_SEND, sa, 0, 0, 1).complex().desc(BYTE, 8, 4, false, false, false).build(),
        };
        int[] expect = {MACH_SEND_MSG_TOO_SMALL, MACH_SEND_INVALID_TYPE, MACH_SEND_INVALID_TYPE,
            MACH_SEND_INVALID_TYPE, MACH_SEND_INVALID_TYPE, MACH_SEND_MSG_TOO_SMALL, MACH_SEND_MSG_TOO_SMALL};
        for (int i = 0; i < bad.length; i++) {
            int before = a.refs(sa, RIGHT_SEND);
            if (i == 0) bad[i] = java.util.Arrays.copyOf(bad[i], bad[i].length - 8);
            if (i == 0) Le.put32(bad[i], 4, bad[i].length);
            assertEquals(expect[i], a.sendNow(bad[i]), "case " + i);
            assertEquals(before - 1, a.refs(sa, RIGHT_SEND), "MOVE_SEND dest consumed in case " + i);
        }
        assertEquals(0, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).sendRights());
    }

    @Test
    void invalidRightInBodyDestroysEarlierItems() {
        int r = a.port();
        long addr = a.mem.allocate(8);
        byte[] m = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 1).complex()
                .ports(MOVE_RECEIVE, r)
                .ool(BYTE, 8, 8, addr, false)
                .ports(COPY_SEND, 999)
                .build();
        assertEquals(MACH_SEND_INVALID_RIGHT, a.sendNow(m));
        assertEquals(-KernReturn.KERN_INVALID_NAME, a.type(r), "the moved receive right was destroyed");
        assertEquals(1, k.livePorts() - 1, "only b's port and the reply port remain");
        assertEquals(0, a.mem.liveCopies());
        // the reply send-once right was destroyed: a send-once notification arrived on reply
        assertEquals(0, a.rcv(reply));
        assertEquals(NotifyId.SEND_ONCE, a.bufInt(28));
        assertEquals(MsgBits.bits(0, PORT_SEND_ONCE), a.bufInt(0));
        assertEquals(32, a.bufInt(4));
    }

    @Test
    void invalidMemory() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 1).complex().ool(BYTE, 8, 16, 0x7777000, false).build();
        assertEquals(MACH_SEND_INVALID_MEMORY, a.sendNow(m));
        byte[] m2 = new UMsg(COPY_SEND, sa, 0, 0, 1).complex().oolPorts(COPY_SEND, 0x7777000, 2, false).build();
        assertEquals(MACH_SEND_INVALID_MEMORY, a.sendNow(m2));
        assertEquals(1, a.refs(sa, RIGHT_SEND));
    }

    @Test
    void receiveErrors() {
        assertEquals(MACH_RCV_INVALID_NAME, b.rcv(0));
        assertEquals(MACH_RCV_INVALID_NAME, b.rcv(55));
        int sendName = a.giveTo(b, reply, MAKE_SEND);
        assertEquals(MACH_RCV_INVALID_NAME, b.rcv(sendName));
        int s = b.pset();
        MachPortReceive.moveMember(b.space, pb, s);
        assertEquals(MACH_RCV_IN_SET, b.rcv(pb));
        assertEquals(MACH_RCV_TIMED_OUT, b.rcv(s));
    }

    @Test
    void receiveIntoBadBufferIsInvalidData() {
        assertEquals(0, a.sendNow(new UMsg(COPY_SEND, sa, 0, 0, 1).build()));
        MsgOutcome o = MachMsg.trap(b.space, 0x5555000, MsgBits.RCV_MSG | MsgBits.RCV_TIMEOUT, 0, 100, pb, 0, 0);
        assertEquals(MACH_RCV_INVALID_DATA, o.code());
        assertEquals(0, IpcIntrospect.portOf(b.space, pb).msgCount());
    }

    @Test
    void tooLargeWithoutLargeDropsBodyKeepsHeader() {
        int r = a.port();
        byte[] m = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 77).complex().ports(MOVE_RECEIVE, r).int32(1).build();
        assertEquals(0, a.sendNow(m));
        MsgOutcome o = b.receive(pb, 40, MsgBits.RCV_TIMEOUT, 0);
        assertEquals(MACH_RCV_TOO_LARGE, o.code());
        assertEquals(0x80001112, b.bufInt(0));
        assertEquals(m.length, b.bufInt(4));
        assertEquals(0L, b.bufLong(8));
        assertEquals(pb, b.bufLong(16));
        assertEquals(77, b.bufInt(28));
        assertEquals(0, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertEquals("[1:0x20000/0]", b.names());
        // the carried receive right died; the reply right got a send-once notification
        assertEquals(2, k.livePorts());
        assertEquals(0, a.rcv(reply));
        assertEquals(NotifyId.SEND_ONCE, a.bufInt(28));
    }

    @Test
    void tooLargeWithLargeLeavesMessageQueued() {
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 77).int32(1).int32(2).build();
        assertEquals(0, a.sendNow(m));
        b.write(new byte[64]);
        assertEquals(MACH_RCV_TOO_LARGE, b.receive(pb, 40, MsgBits.RCV_TIMEOUT | MsgBits.RCV_LARGE, 0).code());
        assertEquals(m.length, b.bufInt(4));
        assertEquals(0, b.bufInt(0), "only msgh_size is written");
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertEquals(0, b.receive(pb, m.length, MsgBits.RCV_TIMEOUT, 0).code());
        assertEquals(2, Le.i32(b.buf(m.length), 56));
    }
}
