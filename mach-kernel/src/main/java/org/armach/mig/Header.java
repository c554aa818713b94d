package org.armach.mig;

import java.nio.ByteBuffer;

/** Field access to the 32-byte {@code mach_msg_header_t} (PROTOCOLS 1.2, 1.3). */
public final class Header {
    public static final int BITS = 0, SIZE = 4, REMOTE = 8, LOCAL = 16, SEQNO = 24, ID = 28;
    public static final int COMPLEX = 0x80000000;

    private Header() {}

    public static int bits(int remote, int local) { return (remote & 0xFF) | ((local & 0xFF) << 8); }

    public static int remoteBits(int bits) { return bits & 0xFF; }

    public static int localBits(int bits) { return (bits >>> 8) & 0xFF; }

    /** Writes a header; port fields are raw 8-byte slots. */
    public static void write(ByteBuffer b, int bits, int size, long remote, long local, int id) {
        b.putInt(BITS, bits);
        b.putInt(SIZE, size);
        b.putLong(REMOTE, remote);
        b.putLong(LOCAL, local);
        b.putInt(SEQNO, 0);
        b.putInt(ID, id);
    }
}
