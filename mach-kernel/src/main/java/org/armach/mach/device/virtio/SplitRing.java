package org.armach.mach.device.virtio;

import org.armach.core.mem.PhysicalMemory;

/**
 * The driver's side of a split virtqueue (virtio 1.x, 2.7) in one physical frame: descriptor
 * table, available ring and used ring, with a free list of descriptors. Every access goes to
 * guest RAM, where the device reads and writes the same structures.
 */
public final class SplitRing {
    public static final int DESC_F_NEXT = 1, DESC_F_WRITE = 2;

    public final int size;
    private final PhysicalMemory ram;
    private final long desc, avail, used;
    private final int[] next;
    private int freeHead, numFree;
    private int availIdx, lastUsed;

    /** {@code size} descriptors in the frame at {@code pa} (16·size + 6 + 2·size + 6 + 8·size bytes at most). */
    public SplitRing(PhysicalMemory ram, long pa, int size) {
        this.ram = ram;
        this.size = size;
        this.desc = pa;
        this.avail = pa + 16L * size;
        this.used = (avail + 6 + 2L * size + 3) & ~3L;
        this.next = new int[size];
        for (int i = 0; i < size; i++) next[i] = i + 1;
        numFree = size;
    }

    /** Bytes one frame must hold for a ring of {@code size}. */
    public static long bytes(int size) {
        long usedOff = (16L * size + 6 + 2L * size + 3) & ~3L;
        return usedOff + 6 + 8L * size;
    }

    long descAddr() { return desc; }
    long availAddr() { return avail; }
    long usedAddr() { return used; }

    public int free() { return numFree; }

    /** Takes {@code n} descriptors chained by their next fields; returns the head, or -1. */
    public int alloc(int n) {
        if (n <= 0 || n > numFree) return -1;
        int head = freeHead, d = head;
        for (int i = 1; i < n; i++) d = next[d];
        freeHead = next[d];
        numFree -= n;
        return head;
    }

    /** The descriptor after {@code d} in an allocated chain. */
    public int nextOf(int d) {
        return next[d];
    }

    /** Fills descriptor {@code d}; {@code last} ends the chain. */
    public void set(int d, long addr, int len, boolean deviceWrites, boolean last) {
        long a = desc + 16L * d;
        ram.write(a, 8, addr);
        ram.write(a + 8, 4, len & 0xffffffffL);
        ram.write(a + 12, 2, (deviceWrites ? DESC_F_WRITE : 0) | (last ? 0 : DESC_F_NEXT));
        ram.write(a + 14, 2, last ? 0 : next[d]);
    }

    /** Makes a chain available to the device (the caller then notifies). */
    public void publish(int head) {
        ram.write(avail + 4 + 2L * (availIdx % size), 2, head);
        availIdx = (availIdx + 1) & 0xffff;
        ram.write(avail + 2, 2, availIdx);
    }

    /** The head of the next chain the device has used, or -1 when none is new. */
    public int pollUsed() {
        int idx = (int) ram.read(used + 2, 2);
        if (idx == lastUsed) return -1;
        int head = (int) ram.read(used + 4 + 8L * (lastUsed % size), 4);
        lastUsed = (lastUsed + 1) & 0xffff;
        return head >= 0 && head < size ? head : -1;
    }

    /** Returns a chain of {@code n} descriptors starting at {@code head} to the free list. */
    public void release(int head, int n) {
        int d = head;
        for (int i = 1; i < n; i++) d = next[d];
        next[d] = freeHead;
        freeHead = head;
        numFree += n;
    }
}
