package org.armach.core.gdb;

import java.nio.charset.StandardCharsets;

/**
 * The framing of the GDB remote serial protocol: {@code $payload#cs} with a modulo-256 checksum
 * in two hex digits, binary data escaped with '}' (the byte XOR 0x20), and hex helpers. Payloads
 * are handled as ISO-8859-1 strings, one char per byte, so binary data survives unchanged.
 */
public final class Packets {
    private Packets() {}

    /** The modulo-256 sum of the payload bytes. */
    public static int checksum(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) sum += payload.charAt(i) & 0xff;
        return sum & 0xff;
    }

    /** {@code $payload#cs} with '$', '#', '}' and '*' in the payload escaped. */
    public static byte[] frame(String payload) {
        String body = escape(payload);
        String s = "$" + body + "#" + hex2(checksum(body));
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Escapes the bytes that may not appear raw in a packet body. */
    public static String escape(String data) {
        StringBuilder b = null;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '$' || c == '#' || c == '}' || c == '*') {
                if (b == null) b = new StringBuilder(data.substring(0, i));
                b.append('}').append((char) (c ^ 0x20));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? data : b.toString();
    }

    /** Undoes {@link #escape} (the binary data of an X packet). */
    public static byte[] unescape(String data) {
        byte[] out = new byte[data.length()];
        int n = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '}' && i + 1 < data.length()) c = (char) (data.charAt(++i) ^ 0x20);
            out[n++] = (byte) c;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public static String hex2(int b) {
        return Character.forDigit((b >>> 4) & 15, 16) + "" + Character.forDigit(b & 15, 16);
    }

    public static String hex(byte[] data) {
        StringBuilder b = new StringBuilder(data.length * 2);
        for (byte x : data) b.append(Character.forDigit((x >>> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        return b.toString();
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes pairs of hex digits; throws IllegalArgumentException on bad input. */
    public static byte[] unhex(String s) {
        if ((s.length() & 1) != 0) throw new IllegalArgumentException("odd hex length");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad hex digit");
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** A value as {@code size} little-endian bytes in hex (the register format of the g packet). */
    public static String le(long v, int size) {
        StringBuilder b = new StringBuilder(size * 2);
        for (int i = 0; i < size; i++) b.append(hex2((int) (v >>> (8 * i)) & 0xff));
        return b.toString();
    }

    /** Reads {@code size} little-endian bytes of hex at {@code off}. */
    public static long fromLe(String s, int off, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int hi = Character.digit(s.charAt(off + 2 * i), 16), lo = Character.digit(s.charAt(off + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad hex digit");
            v |= (long) (hi << 4 | lo) << (8 * i);
        }
        return v;
    }

    /** An unsigned hex number (addresses, lengths); throws IllegalArgumentException. */
    public static long num(String s) {
        if (s.isEmpty() || s.length() > 16) throw new IllegalArgumentException("bad number");
        return Long.parseUnsignedLong(s, 16);
    }

    /**
     * Incremental parser of the byte stream from gdb: yields packets (checksum verified), the
     * interrupt byte 0x03, acks and nacks. One instance per connection; not thread-safe.
     */
    public static final class Parser {
        /** Events returned by {@link #feed}. */
        public static final int NONE = 0, PACKET = 1, BAD_CHECKSUM = 2, INTERRUPT = 3, ACK = 4, NACK = 5;
        private final StringBuilder body = new StringBuilder();
        private int state; // 0 idle, 1 in body, 2 first checksum digit, 3 second
        private int sumHi;
        private String packet;

        /** Feeds one byte; returns an event. After {@link #PACKET}, {@link #packet()} is the payload (escapes kept). */
        public int feed(int b) {
            b &= 0xff;
            switch (state) {
                case 0:
                    if (b == '$') {
                        body.setLength(0);
                        state = 1;
                        return NONE;
                    }
                    if (b == 0x03) return INTERRUPT;
                    if (b == '+') return ACK;
                    if (b == '-') return NACK;
                    return NONE;
                case 1:
                    if (b == '#') state = 2;
                    else if (body.length() > (1 << 20)) state = 0; // runaway packet: drop it
                    else body.append((char) b);
                    return NONE;
                case 2:
                    sumHi = Character.digit(b, 16);
                    state = 3;
                    return NONE;
                default:
                    state = 0;
                    int lo = Character.digit(b, 16);
                    String p = body.toString();
                    if (sumHi < 0 || lo < 0 || (sumHi << 4 | lo) != checksum(p)) return BAD_CHECKSUM;
                    packet = p;
                    return PACKET;
            }
        }

        public String packet() { return packet; }
    }
}
