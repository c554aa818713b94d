package org.armach.mach.device;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/** An in-memory console (tests, tools): output collected, input queued by the caller. */
public final class StreamConsole implements Console {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ArrayDeque<Integer> in = new ArrayDeque<>();

    @Override public void write(byte[] b, int off, int len) { out.write(b, off, len); }

    @Override public int read() { return in.isEmpty() ? -1 : in.poll(); }

    public void type(String s) {
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) in.add(b & 0xff);
    }

    public String output() { return out.toString(java.nio.charset.StandardCharsets.UTF_8); }
}
