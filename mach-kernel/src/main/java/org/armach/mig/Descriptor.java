package org.armach.mig;

/**
 * The 8-byte {@code mach_msg_type_t} of 64-bit GNU Mach as one little-endian long (PROTOCOLS 1.4):
 * bits 0-7 name, 8-23 size in bits, 24-28 unused, 29 inline, 30 longform, 31 deallocate,
 * bits 32-63 number.
 */
public final class Descriptor {
    public static final long INLINE = 1L << 29, LONGFORM = 1L << 30, DEALLOCATE = 1L << 31;
    public static final long UNUSED_MASK = 0x1FL << 24;

    private Descriptor() {}

    public static long pack(int name, int bits, int number, boolean inline, boolean longForm, boolean dealloc) {
        long w = (name & 0xFFL) | ((bits & 0xFFFFL) << 8) | ((number & 0xFFFFFFFFL) << 32);
        if (inline) w |= INLINE;
        if (longForm) w |= LONGFORM;
        if (dealloc) w |= DEALLOCATE;
        return w;
    }

    public static int name(long w) { return (int) (w & 0xFF); }

    public static int bits(long w) { return (int) ((w >>> 8) & 0xFFFF); }

    public static int number(long w) { return (int) (w >>> 32); }

    public static boolean inline(long w) { return (w & INLINE) != 0; }

    public static boolean longForm(long w) { return (w & LONGFORM) != 0; }

    public static boolean dealloc(long w) { return (w & DEALLOCATE) != 0; }

    /** Element size on the wire: out-of-line port arrays carry 32-bit names. */
    public static int wireBits(MigType t, boolean inline) {
        return t.isPort() && !inline ? 32 : t.isPort() ? 64 : t.elemBits();
    }

    /**
     * The descriptor a sender writes for an item.
     *
     * @param name    msgt_name to write (a disposition for ports)
     * @param number  element count on the wire
     * @param inline  data inline (false: pointer)
     * @param dealloc deallocate flag (out-of-line only)
     */
    public static long forItem(MigType t, int name, int number, boolean inline, boolean dealloc) {
        return pack(name, wireBits(t, inline), number, inline, t.longForm(), dealloc && !inline);
    }

    /** Readable form for error messages and dumps. */
    public static String toString(long w) {
        return String.format("{name=%d size=%d n=%d%s%s%s}", name(w), bits(w), number(w),
                inline(w) ? "" : " OOL", longForm(w) ? " LONG" : "", dealloc(w) ? " DEALLOC" : "");
    }
}
