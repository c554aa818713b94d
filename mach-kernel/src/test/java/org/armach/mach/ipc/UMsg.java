package org.armach.mach.ipc;

import java.io.ByteArrayOutputStream;

/** Builds user-format (wire) messages for tests. */
final class UMsg {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int bits;
    private long remote;
    private long local;
    private int id;

    UMsg(int remoteDisp, int remote, int localDisp, int local, int id) {
        this.bits = MsgBits.bits(remoteDisp, localDisp);
        this.remote = remote & 0xffffffffL;
        this.local = local & 0xffffffffL;
        this.id = id;
    }

    UMsg complex() {
        bits |= MsgBits.COMPLEX;
        return this;
    }

    UMsg rawBits(int b) {
        bits = b;
        return this;
    }

    UMsg remoteRaw(long r) {
        remote = r;
        return this;
    }

    UMsg desc(int name, int size, int number, boolean inline, boolean longform, boolean dealloc) {
        byte[] d = new byte[8];
        MsgDescriptor.write(d, 0, MsgDescriptor.word0(name, size, inline, longform, dealloc), number);
        body.writeBytes(d);
        return this;
    }

    UMsg rawBody(int word0, int number) {
        byte[] d = new byte[8];
        MsgDescriptor.write(d, 0, word0, number);
        body.writeBytes(d);
        return data8(0);
    }

    UMsg int32(int v) {
        desc(MsgType.INTEGER_32, 32, 1, true, false, false);
        return data4(v).pad();
    }

    UMsg data4(int v) {
        byte[] d = new byte[4];
        Le.put32(d, 0, v);
        body.writeBytes(d);
        return this;
    }

    UMsg data8(long v) {
        byte[] d = new byte[8];
        Le.put64(d, 0, v);
        body.writeBytes(d);
        return this;
    }

    UMsg bytes(byte[] b) {
        body.writeBytes(b);
        return pad();
    }

    UMsg pad() {
        while (body.size() % 8 != 0) body.write(0);
        return this;
    }

    /** Inline port rights: 8-byte slots. */
    UMsg ports(int disp, int... names) {
        desc(disp, 64, names.length, true, false, false);
        for (int n : names) data8(n & 0xffffffffL);
        return this;
    }

    UMsg oolPorts(int disp, long addr, int count, boolean dealloc) {
        desc(disp, 32, count, false, true, dealloc);
        return data8(addr);
    }

    UMsg ool(int name, int size, int number, long addr, boolean dealloc) {
        desc(name, size, number, false, true, dealloc);
        return data8(addr);
    }

    byte[] build() {
        byte[] b = body.toByteArray();
        byte[] m = new byte[32 + b.length];
        Le.put32(m, 0, bits);
        Le.put32(m, 4, m.length);
        Le.put64(m, 8, remote);
        Le.put64(m, 16, local);
        Le.put32(m, 24, 0);
        Le.put32(m, 28, id);
        System.arraycopy(b, 0, m, 32, b.length);
        return m;
    }
}
