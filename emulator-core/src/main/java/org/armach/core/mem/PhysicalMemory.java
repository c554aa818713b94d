package org.armach.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM: a contiguous physical range backed by 4 KiB host pages allocated on first
 * touch, so a 2 GiB guest costs only what it uses. Accessors take physical addresses.
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;

    public static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long base;
    private final long size;
    private final byte[][] pages;

    public PhysicalMemory(long base, long size) {
        if (size <= 0 || (size & PAGE_MASK) != 0) throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB");
        if (size > (1L << 40)) throw new IllegalArgumentException("RAM size too large");
        this.base = base;
        this.size = size;
        this.pages = new byte[(int) (size >>> PAGE_SHIFT)][];
    }

    public long base() { return base; }

    public long size() { return size; }

    public boolean contains(long pa) {
        return Long.compareUnsigned(pa - base, size) < 0;
    }

    public boolean contains(long pa, long len) {
        return contains(pa) && Long.compareUnsigned(len, size - (pa - base)) <= 0;
    }

    /** Index of the 4 KiB page holding {@code pa}, which must be inside RAM. */
    public int pageIndex(long pa) {
        return (int) ((pa - base) >>> PAGE_SHIFT);
    }

    /** The host array for page {@code index}, allocated on first use. */
    public byte[] page(int index) {
        byte[] p = pages[index];
        if (p == null) {
            p = new byte[PAGE_SIZE];
            pages[index] = p;
        }
        return p;
    }

    /** Number of host pages allocated so far. */
    public int allocatedPages() {
        int n = 0;
        for (byte[] p : pages) if (p != null) n++;
        return n;
    }

    public int read8(long pa) { return page(pageIndex(pa))[(int) (pa & PAGE_MASK)] & 0xff; }

    public void write8(long pa, int v) { page(pageIndex(pa))[(int) (pa & PAGE_MASK)] = (byte) v; }

    public long read(long pa, int size) {
        int off = (int) (pa & PAGE_MASK);
        if (off + size <= PAGE_SIZE) {
            byte[] p = page(pageIndex(pa));
            switch (size) {
                case 1: return p[off] & 0xffL;
                case 2: return ((short) LE16.get(p, off)) & 0xffffL;
                case 4: return ((int) LE32.get(p, off)) & 0xffffffffL;
                case 8: return (long) LE64.get(p, off);
                default: break;
            }
        }
        long v = 0;
        for (int i = 0; i < size; i++) v |= (long) read8(pa + i) << (8 * i);
        return v;
    }

    public void write(long pa, int size, long v) {
        int off = (int) (pa & PAGE_MASK);
        if (off + size <= PAGE_SIZE) {
            byte[] p = page(pageIndex(pa));
            switch (size) {
                case 1: p[off] = (byte) v; return;
                case 2: LE16.set(p, off, (short) v); return;
                case 4: LE32.set(p, off, (int) v); return;
                case 8: LE64.set(p, off, v); return;
                default: break;
            }
        }
        for (int i = 0; i < size; i++) write8(pa + i, (int) (v >>> (8 * i)));
    }

    public void load(long pa, byte[] data, int off, int len) {
        if (!contains(pa, len)) throw new IllegalArgumentException(String.format("0x%x+0x%x is outside RAM", pa, len));
        for (int i = 0; i < len; ) {
            long a = pa + i;
            int po = (int) (a & PAGE_MASK);
            int n = Math.min(len - i, PAGE_SIZE - po);
            System.arraycopy(data, off + i, page(pageIndex(a)), po, n);
            i += n;
        }
    }

    public void copyOut(long pa, byte[] dst, int off, int len) {
        for (int i = 0; i < len; ) {
            long a = pa + i;
            int po = (int) (a & PAGE_MASK);
            int n = Math.min(len - i, PAGE_SIZE - po);
            System.arraycopy(page(pageIndex(a)), po, dst, off + i, n);
            i += n;
        }
    }
}
