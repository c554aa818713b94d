package org.armach.mach.ipc;

/** The 8-byte LP64 {@code mach_msg_type_t} (short and long form share the layout). */
public final class MsgDescriptor {
    public static final int SIZE = 8;
    public static final int INLINE = 1 << 29;
    public static final int LONGFORM = 1 << 30;
    public static final int DEALLOCATE = 1 << 31;

    public final int name;
    public final int sizeBits;
    public final int unused;
    public final boolean inline;
    public final boolean longform;
    public final boolean deallocate;
    public final int number;

    public MsgDescriptor(int word0, int number) {
        this.name = word0 & 0xff;
        this.sizeBits = (word0 >>> 8) & 0xffff;
        this.unused = (word0 >>> 24) & 0x1f;
        this.inline = (word0 & INLINE) != 0;
        this.longform = (word0 & LONGFORM) != 0;
        this.deallocate = (word0 & DEALLOCATE) != 0;
        this.number = number;
    }

    public static MsgDescriptor read(byte[] b, int off) {
        return new MsgDescriptor(Le.i32(b, off), Le.i32(b, off + 4));
    }

    /** Encodes word 0 of a descriptor. */
    public static int word0(int name, int sizeBits, boolean inline, boolean longform, boolean dealloc) {
        return (name & 0xff) | (sizeBits & 0xffff) << 8 | (inline ? INLINE : 0)
                | (longform ? LONGFORM : 0) | (dealloc ? DEALLOCATE : 0);
    }

    /** Writes a descriptor at {@code off}. */
    public static void write(byte[] b, int off, int word0, int number) {
        Le.put32(b, off, word0);
        Le.put32(b, off + 4, number);
    }

    /** Data length in bytes, rounding up ({@code (number*size+7)/8}). */
    public long length() {
        return ((number & 0xffffffffL) * sizeBits + 7) >>> 3;
    }

    public boolean isPort() {
        return MsgType.isPortAny(name);
    }

    /** {@code MACH_SEND_INVALID_TYPE} conditions of {@code ipc_kmsg_copyin_body}. */
    public boolean invalidForSend() {
        boolean port = isPort();
        return (port && !inline && sizeBits != 32) || (port && inline && sizeBits != 64)
                || unused != 0 || (deallocate && inline);
    }

    public static int align8(int off) {
        return (off + 7) & ~7;
    }
}
