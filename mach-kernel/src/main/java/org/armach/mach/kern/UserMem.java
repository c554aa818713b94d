package org.armach.mach.kern;

import org.armach.mach.ipc.TaskMemory;

/** Small typed accesses to a task's memory (copyin/copyout); false/-1 on a bad address. */
final class UserMem {
    private final byte[] scratch = new byte[8];

    boolean readLong(TaskMemory m, long addr, long[] out, int idx) {
        if (!m.read(addr, scratch, 0, 8)) return false;
        out[idx] = getLong(scratch, 0);
        return true;
    }

    boolean writeLong(TaskMemory m, long addr, long v) {
        putLong(scratch, 0, v);
        return m.write(addr, scratch, 0, 8);
    }

    boolean writeInt(TaskMemory m, long addr, int v) {
        putLong(scratch, 0, v);
        return m.write(addr, scratch, 0, 4);
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes; null on a bad address. */
    static String readString(TaskMemory m, long addr, int max) {
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[64];
        while (sb.length() < max) {
            int n = (int) Math.min(64, 64 - (addr & 63));
            if (!m.read(addr, b, 0, n)) {
                if (n == 1 || !m.read(addr, b, 0, 1)) return null;
                n = 1;
            }
            for (int i = 0; i < n; i++) {
                if (b[i] == 0 || sb.length() >= max) return sb.toString();
                sb.append((char) (b[i] & 0xff));
            }
            addr += n;
        }
        return sb.toString();
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[off + i] & 0xff);
        return v;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
