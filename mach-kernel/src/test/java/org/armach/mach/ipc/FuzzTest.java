package org.armach.mach.ipc;

import static org.armach.mach.ipc.MsgType.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random (fixed-seed) malformed messages: no host exception, no leaked rights. */
class FuzzTest {
    @Test
    void randomMessagesNeverThrowNorLeak() {
        Random rnd = new Random(0x1234_5678L);
        for (int round = 0; round < 300; round++) runRound(rnd);
    }

    private void runRound(Random rnd) {
        IpcKernel k = new IpcKernel();
        TestTask a = new TestTask(k, "a");
        TestTask b = new TestTask(k, "b");
        int pb = b.port();
        int sa = b.giveTo(a, pb, MAKE_SEND);
        MachPortRefs.modRefs(a.space, sa, PortConst.RIGHT_SEND, 3);
        int r1 = a.port();
        int r2 = a.port();
        a.makeSend(r2);
        int[] dead = {0};
        MachPortNames.allocate(a.space, PortConst.RIGHT_DEAD_NAME, dead);
        int so = b.giveTo(a, pb, MAKE_SEND_ONCE);
        long ool = a.mem.allocate(64);
        int[] names = {0, sa, r1, r2, dead[0], so, 99, -1};
        for (int i = 0; i < 20; i++) {
            byte[] m = randomMessage(rnd, names, ool);
            MsgOutcome o = a.send(m);
            if (o.isBlocked()) MachMsg.timeout(o.waitObject());
            if (rnd.nextInt(3) == 0) drain(b, pb, rnd);
        }
        drain(b, pb, rnd);
        k.destroySpace(b.space);
        k.destroySpace(a.space);
        assertEquals(0, k.livePorts(), "round leaked ports");
        assertEquals(0, a.mem.liveCopies() + b.mem.liveCopies(), "leaked regions");
    }

    private void drain(TestTask b, int pb, Random rnd) {
        int size = rnd.nextBoolean() ? TestTask.BUF_SIZE : 32 + rnd.nextInt(64);
        int opt = MsgBits.RCV_TIMEOUT | (rnd.nextBoolean() ? MsgBits.RCV_LARGE : 0);
        for (int i = 0; i < 10; i++) {
            MsgOutcome o = b.receive(pb, size, opt, 0);
            if (o.code() == MachMsgReturn.MACH_RCV_TIMED_OUT) break;
            if (o.code() == MachMsgReturn.MACH_RCV_TOO_LARGE && (opt & MsgBits.RCV_LARGE) != 0) size = TestTask.BUF_SIZE;
        }
    }

    private byte[] randomMessage(Random rnd, int[] names, long ool) {
        int[] disps = {0, MOVE_RECEIVE, MOVE_SEND, MOVE_SEND_ONCE, COPY_SEND, MAKE_SEND, MAKE_SEND_ONCE, 22, 255};
        UMsg u = new UMsg(disps[rnd.nextInt(disps.length)], pick(rnd, names),
                rnd.nextInt(3) == 0 ? 0 : disps[rnd.nextInt(disps.length)], pick(rnd, names), rnd.nextInt());
        if (rnd.nextBoolean()) u.complex();
        int items = rnd.nextInt(5);
        for (int i = 0; i < items; i++) item(u, rnd, names, ool);
        byte[] m = u.build();
        if (rnd.nextInt(4) == 0) m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
        if (rnd.nextInt(6) == 0) m = java.util.Arrays.copyOf(m, Math.max(0, m.length - 4 * rnd.nextInt(4)));
        return m;
    }

    private int pick(Random rnd, int[] names) {
        return names[rnd.nextInt(names.length)];
    }

    private void item(UMsg u, Random rnd, int[] names, long ool) {
        int disp = MOVE_RECEIVE + rnd.nextInt(6);
        switch (rnd.nextInt(5)) {
            case 0: u.int32(rnd.nextInt()); break;
            case 1: u.ports(disp, pick(rnd, names), pick(rnd, names)); break;
            case 2: u.ool(BYTE, 8, rnd.nextInt(80), rnd.nextBoolean() ? ool : rnd.nextLong(), rnd.nextInt(4) == 0); break;
            case 3: u.desc(rnd.nextInt(256), rnd.nextInt(1 << 16), rnd.nextInt(), rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean()).data8(rnd.nextLong()); break;
            default: u.desc(disp, 32, 2, false, true, false).data8(ool); break;
        }
    }
}
