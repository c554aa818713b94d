package org.armach.core.dev;

import org.armach.core.mem.MmioDevice;

/**
 * A read-only memory window (the virt board's flash banks) that images can be loaded into
 * by the host, as QEMU's ROM blobs are loaded into its pflash: guest reads of any size
 * return the contents (zero where nothing was loaded); guest writes are ignored (flash
 * command sequences are not modelled). Storage is allocated per 4 KiB page on first load.
 */
public final class Rom implements MmioDevice {
    private static final int PAGE = 4096;
    private final String name;
    private final long size;
    private final byte[][] pages;

    public Rom(String name, long size) {
        if (size <= 0 || size % PAGE != 0 || size / PAGE > Integer.MAX_VALUE) throw new IllegalArgumentException("bad ROM size");
        this.name = name;
        this.size = size;
        this.pages = new byte[(int) (size / PAGE)][];
    }

    public long size() { return size; }

    /** Host-side load of {@code len} bytes at {@code offset} into the window. */
    public void load(long offset, byte[] data, int off, int len) {
        if (offset < 0 || len < 0 || offset + len > size) throw new IllegalArgumentException("outside " + name);
        for (int i = 0; i < len; ) {
            long a = offset + i;
            int po = (int) (a % PAGE);
            int n = Math.min(len - i, PAGE - po);
            int pi = (int) (a / PAGE);
            if (pages[pi] == null) pages[pi] = new byte[PAGE];
            System.arraycopy(data, off + i, pages[pi], po, n);
            i += n;
        }
    }

    private int byteAt(long a) {
        byte[] p = pages[(int) (a / PAGE)];
        return p == null ? 0 : p[(int) (a % PAGE)] & 0xff;
    }

    @Override
    public long read(long offset, int sz) {
        long v = 0;
        for (int i = 0; i < sz; i++) v |= (long) byteAt(offset + i) << (8 * i);
        return v;
    }

    @Override
    public void write(long offset, int sz, long value) {
        // flash programming is not modelled
    }

    @Override
    public boolean accepts(long offset, int sz, boolean write) {
        return (offset & (sz - 1)) == 0 && offset + sz <= size;
    }

    @Override
    public String name() { return name; }
}
