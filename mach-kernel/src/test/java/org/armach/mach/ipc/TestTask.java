package org.armach.mach.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** A task for tests: a space, eager memory, and a message buffer at {@link #BUF}. */
final class TestTask {
    static final long BUF = 0x10000;
    static final int BUF_SIZE = 0x10000;
    final IpcKernel k;
    final ArrayTaskMemory mem;
    final IpcSpace space;

    TestTask(IpcKernel k, String label) {
        this.k = k;
        this.mem = new ArrayTaskMemory(0x100000);
        mem.map(BUF, BUF_SIZE);
        mem.map(0x40000, 0x10000);
        this.space = k.createSpace(mem, label);
    }

    int port() {
        int[] n = {0};
        assertEquals(0, MachPortNames.allocate(space, PortConst.RIGHT_RECEIVE, n));
        return n[0];
    }

    int pset() {
        int[] n = {0};
        assertEquals(0, MachPortNames.allocate(space, PortConst.RIGHT_PORT_SET, n));
        return n[0];
    }

    /** A send right for our own receive right {@code name} (MAKE_SEND, coalesced). */
    void makeSend(int name) {
        Port[] p = {null};
        int[] t = {0};
        assertEquals(0, MachPortRights.extractRight(space, name, MsgType.MAKE_SEND, p, t));
        assertEquals(0, MachPortRights.insertRight(space, name, p[0], t[0]));
    }

    /** Gives {@code other} a right to our port {@code name}; returns its name there. */
    int giveTo(TestTask other, int name, int disp) {
        Port[] p = {null};
        int[] t = {0};
        assertEquals(0, MachPortRights.extractRight(space, name, disp, p, t));
        int[] n = {0};
        assertEquals(0, RightCopyout.copyout(other.space, p[0], t[0], false, n));
        return n[0];
    }

    int type(int name) {
        int[] t = {0};
        int kr = MachPortNames.type(space, name, t);
        return kr == 0 ? t[0] : -kr;
    }

    int refs(int name, int right) {
        int[] r = {0};
        assertEquals(0, MachPortRefs.getRefs(space, name, right, r));
        return r[0];
    }

    void write(byte[] msg) {
        mem.write(BUF, msg, 0, msg.length);
    }

    MsgOutcome send(byte[] msg) {
        write(msg);
        return MachMsg.trap(space, BUF, MsgBits.SEND_MSG, msg.length, 0, 0, 0, 0);
    }

    int sendNow(byte[] msg) {
        MsgOutcome o = send(msg);
        assert !o.isBlocked();
        return o.code();
    }

    MsgOutcome receive(int name, int size, int options, int timeout) {
        return MachMsg.trap(space, BUF, MsgBits.RCV_MSG | options, 0, size, name, timeout, 0);
    }

    /** Non-blocking receive (RCV_TIMEOUT 0). */
    int rcv(int name) {
        return receive(name, BUF_SIZE, MsgBits.RCV_TIMEOUT, 0).code();
    }

    byte[] buf(int len) {
        byte[] b = new byte[len];
        mem.read(BUF, b, 0, len);
        return b;
    }

    int bufInt(int off) {
        return Le.i32(buf(off + 4), off);
    }

    long bufLong(int off) {
        return Le.i64(buf(off + 8), off);
    }

    byte[] read(long addr, int len) {
        byte[] b = new byte[len];
        if (!mem.read(addr, b, 0, len)) throw new AssertionError("unmapped " + addr);
        return b;
    }

    String names() {
        return IpcIntrospect.names(space).toString();
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0 && i % 8 == 0) sb.append(' ');
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return Arrays.copyOf(out, n);
    }
}
