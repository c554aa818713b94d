package org.armach.mach.ipc;

import java.util.Map;
import java.util.TreeMap;

/**
 * Simple task memory: a set of byte-array regions, eager copies, bump allocation.
 * For tests and for Java-side tasks; the VM layer provides the real one.
 */
public final class ArrayTaskMemory implements TaskMemory {
    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private long next;
    private int liveCopies;

    public ArrayTaskMemory(long allocBase) {
        this.next = allocBase;
    }

    /** Maps a zeroed region at a fixed address (test setup). */
    public void map(long addr, int size) {
        regions.put(addr, new byte[size]);
    }

    public boolean isMapped(long addr) {
        return locate(addr, 1) != null;
    }

    public int regionCount() {
        return regions.size();
    }

    /** Number of {@link VmCopy} objects made by copyin and not yet consumed. */
    public int liveCopies() {
        return liveCopies;
    }

    private Map.Entry<Long, byte[]> locate(long addr, long len) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(addr);
        if (e == null || len < 0) return null;
        long off = addr - e.getKey();
        return off + len <= e.getValue().length ? e : null;
    }

    @Override
    public boolean read(long addr, byte[] dst, int off, int len) {
        Map.Entry<Long, byte[]> e = locate(addr, len);
        if (e == null) return len == 0;
        System.arraycopy(e.getValue(), (int) (addr - e.getKey()), dst, off, len);
        return true;
    }

    @Override
    public boolean write(long addr, byte[] src, int off, int len) {
        Map.Entry<Long, byte[]> e = locate(addr, len);
        if (e == null) return len == 0;
        System.arraycopy(src, off, e.getValue(), (int) (addr - e.getKey()), len);
        return true;
    }

    @Override
    public VmCopy copyin(long addr, long size, boolean deallocate) {
        if (size > Integer.MAX_VALUE - 8) return null;
        byte[] b = new byte[(int) size];
        if (!read(addr, b, 0, b.length)) return null;
        if (deallocate && deallocate(addr, size) != KernReturn.KERN_SUCCESS) return null;
        liveCopies++;
        return new TrackedCopy(b);
    }

    @Override
    public long copyout(VmCopy copy) {
        byte[] b = copy.bytes();
        long a = allocate(b.length);
        if (a < 0) return -1;
        write(a, b, 0, b.length);
        copy.discard();
        return a;
    }

    @Override
    public long allocate(long size) {
        if (size <= 0 || size > Integer.MAX_VALUE - 8) return -1;
        long a = next;
        regions.put(a, new byte[(int) size]);
        next += (size + 0xfff) & ~0xfffL;
        return a;
    }

    @Override
    public int deallocate(long addr, long size) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(addr);
        if (e == null || size == 0) return size == 0 ? KernReturn.KERN_SUCCESS : KernReturn.KERN_INVALID_ADDRESS;
        if (e.getKey() == addr && e.getValue().length == size) {
            regions.remove(addr);
            return KernReturn.KERN_SUCCESS;
        }
        return locate(addr, size) != null ? KernReturn.KERN_SUCCESS : KernReturn.KERN_INVALID_ADDRESS;
    }

    private final class TrackedCopy implements VmCopy {
        private final byte[] data;
        private boolean done;

        TrackedCopy(byte[] data) { this.data = data; }
        @Override public long size() { return data.length; }
        @Override public byte[] bytes() { return data; }
        @Override public void discard() {
            if (!done) { done = true; liveCopies--; }
        }
    }
}
