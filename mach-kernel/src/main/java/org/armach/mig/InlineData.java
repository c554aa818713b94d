package org.armach.mig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Converts inline item data between message bytes and Java values. */
final class InlineData {
    private InlineData() {}

    /** True if values of this type decode to a single scalar (Integer / Long / port object). */
    static boolean scalar(MigType t) {
        return t.kind() == TypeKind.FIXED && t.number() == 1 && !t.cString() && t.elemBits() <= 64;
    }

    static Object decode(ByteBuffer b, int off, MigType t, int name, int number, SlotCodec slots) {
        if (t.isPort()) return decodePorts(b, off, t, name, number, slots);
        if (t.cString()) return decodeString(b, off, number * t.elemBits() / 8);
        if (t.alt() != null) return bytes(b, off, structBytes(t));
        if (scalar(t)) return t.elemBits() == 64 ? (Object) b.getLong(off) : (Object) readInt(b, off, t.elemBits());
        return decodeArray(b, off, t.elemBits(), number);
    }

    private static int structBytes(MigType t) { return t.number() * t.elemBits() / 8; }

    private static int readInt(ByteBuffer b, int off, int bits) {
        switch (bits) {
            case 8: return b.get(off) & 0xFF;
            case 16: return b.getShort(off);
            default: return b.getInt(off);
        }
    }

    private static Object decodePorts(ByteBuffer b, int off, MigType t, int name, int number, SlotCodec slots) {
        if (scalar(t)) return slots.decodePort(name, b.getLong(off));
        Object[] out = new Object[number];
        for (int i = 0; i < number; i++) out[i] = slots.decodePort(name, b.getLong(off + 8 * i));
        return out;
    }

    private static String decodeString(ByteBuffer b, int off, int max) {
        int n = 0;
        while (n < max && b.get(off + n) != 0) n++;
        return new String(bytes(b, off, n), StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(ByteBuffer b, int off, int n) {
        byte[] out = new byte[n];
        b.get(off, out);
        return out;
    }

    private static Object decodeArray(ByteBuffer b, int off, int bits, int number) {
        switch (bits) {
            case 16: { short[] a = new short[number]; for (int i = 0; i < number; i++) a[i] = b.getShort(off + 2 * i); return a; }
            case 32: { int[] a = new int[number]; for (int i = 0; i < number; i++) a[i] = b.getInt(off + 4 * i); return a; }
            case 64: { long[] a = new long[number]; for (int i = 0; i < number; i++) a[i] = b.getLong(off + 8 * i); return a; }
            default: return bytes(b, off, (number * bits + 7) / 8);
        }
    }

    /** Element count of a value as it will be sent. */
    static int count(MigType t, Object v) {
        if (t.kind() == TypeKind.FIXED || t.kind() == TypeKind.OOL_FIXED) return t.number();
        if (t.cString()) return Math.min(((String) v).length() + 1, t.number());
        if (v instanceof OutOfLine) return ((OutOfLine) v).count();
        if (v instanceof int[]) return ((int[]) v).length;
        if (v instanceof long[]) return ((long[]) v).length;
        if (v instanceof short[]) return ((short[]) v).length;
        if (v instanceof Object[]) return ((Object[]) v).length;
        if (v instanceof byte[]) return ((byte[]) v).length * 8 / t.elemBits();
        return t.kind() == TypeKind.FIXED ? t.number() : 1;
    }

    /** Writes an inline value at {@code off}; ports are encoded with {@code disposition}. */
    static void encode(ByteBuffer b, int off, MigType t, Object v, int disposition, SlotCodec slots) {
        if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            for (int i = 0; i < a.length; i++) b.putLong(off + 8 * i, slots.encodePort(a[i], disposition));
        } else if (t.isPort()) b.putLong(off, slots.encodePort(v, disposition));
        else if (v instanceof String) putString(b, off, (String) v, count(t, v) * t.elemBits() / 8);
        else if (v instanceof Long) b.putLong(off, (Long) v);
        else if (v instanceof Integer) putInt(b, off, t.elemBits(), (Integer) v);
        else if (v instanceof Boolean) b.putInt(off, ((Boolean) v) ? 1 : 0);
        else encodeArray(b, off, v);
    }

    private static void putInt(ByteBuffer b, int off, int bits, int v) {
        if (bits == 64) b.putLong(off, v);
        else if (bits == 16) b.putShort(off, (short) v);
        else if (bits == 8) b.put(off, (byte) v);
        else b.putInt(off, v);
    }

    private static void putString(ByteBuffer b, int off, String s, int room) {
        byte[] raw = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < room; i++) b.put(off + i, i < raw.length ? raw[i] : 0);
    }

    private static void encodeArray(ByteBuffer b, int off, Object v) {
        if (v instanceof int[]) { int[] a = (int[]) v; for (int i = 0; i < a.length; i++) b.putInt(off + 4 * i, a[i]); }
        else if (v instanceof long[]) { long[] a = (long[]) v; for (int i = 0; i < a.length; i++) b.putLong(off + 8 * i, a[i]); }
        else if (v instanceof short[]) { short[] a = (short[]) v; for (int i = 0; i < a.length; i++) b.putShort(off + 2 * i, a[i]); }
        else if (v instanceof byte[]) b.put(off, (byte[]) v);
        else throw new IllegalArgumentException("cannot encode " + v.getClass().getName());
    }
}
