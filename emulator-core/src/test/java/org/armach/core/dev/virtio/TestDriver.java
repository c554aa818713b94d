package org.armach.core.dev.virtio;

import java.util.ArrayList;
import java.util.List;

import org.armach.core.mem.PhysicalMemory;

/**
 * A virtio driver written in Java for tests: guest RAM, one transport, and helpers that lay
 * out descriptors and rings in RAM exactly as a guest driver would and kick the device through
 * its MMIO registers.
 */
final class TestDriver {
    static final long RAM = 0x4000_0000L, RAM_SIZE = 4 << 20;
    static final long DESC = RAM + 0x1000, AVAIL = RAM + 0x3000, USED = RAM + 0x5000, INDIRECT = RAM + 0x8000, BUF = RAM + 0x10000;

    final PhysicalMemory ram = new PhysicalMemory(RAM, RAM_SIZE);
    final List<long[]> invalidated = new ArrayList<>();
    final GuestMemory mem = new GuestMemory(ram, (pa, len) -> invalidated.add(new long[] {pa, len}));
    final boolean[] irq = new boolean[1];
    final List<String> errors = new ArrayList<>();
    final VirtioMmio t;
    int qsize = 16;
    int availIdx, nextUsed;

    TestDriver(java.util.function.Function<GuestMemory, VirtioDevice> dev) {
        t = new VirtioMmio(dev == null ? null : dev.apply(mem), mem, level -> irq[0] = level);
        t.setErrorListener(errors::add);
    }

    int r(int off) { return (int) t.read(off, 4); }

    void w(int off, long v) { t.write(off, 4, v & 0xffffffffL); }

    /** Device initialisation as Linux's virtio_mmio + virtio core do it. */
    TestDriver init(long features) {
        w(VirtioMmio.STATUS, 0);
        w(VirtioMmio.STATUS, 1);
        w(VirtioMmio.STATUS, 3);
        w(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        w(VirtioMmio.DRIVER_FEATURES, features);
        w(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        w(VirtioMmio.DRIVER_FEATURES, features >>> 32);
        w(VirtioMmio.STATUS, 11);
        if ((r(VirtioMmio.STATUS) & 8) == 0) throw new IllegalStateException("FEATURES_OK refused");
        setupQueue(DESC, AVAIL, USED);
        w(VirtioMmio.STATUS, 15);
        availIdx = nextUsed = 0;
        return this;
    }

    void setupQueue(long desc, long avail, long used) {
        for (long a = DESC; a < BUF; a += 8) ram.write(a, 8, 0);
        w(VirtioMmio.QUEUE_SEL, 0);
        w(VirtioMmio.QUEUE_NUM, qsize);
        w(VirtioMmio.QUEUE_DESC_LOW, desc);
        w(VirtioMmio.QUEUE_DESC_HIGH, desc >>> 32);
        w(VirtioMmio.QUEUE_DRIVER_LOW, avail);
        w(VirtioMmio.QUEUE_DRIVER_HIGH, avail >>> 32);
        w(VirtioMmio.QUEUE_DEVICE_LOW, used);
        w(VirtioMmio.QUEUE_DEVICE_HIGH, used >>> 32);
        w(VirtioMmio.QUEUE_READY, 1);
    }

    /** Writes descriptor {@code i} of the table at {@code table}. */
    void desc(long table, int i, long addr, long len, int flags, int next) {
        long d = table + 16L * i;
        ram.write(d, 8, addr);
        ram.write(d + 8, 4, len);
        ram.write(d + 12, 2, flags);
        ram.write(d + 14, 2, next);
    }

    void desc(int i, long addr, long len, int flags, int next) { desc(DESC, i, addr, len, flags, next); }

    /** Makes {@code head} available and notifies queue 0. */
    void submit(int head) {
        makeAvailable(head);
        w(VirtioMmio.QUEUE_NOTIFY, 0);
    }

    void makeAvailable(int head) {
        ram.write(AVAIL + 4 + 2L * (availIdx % qsize), 2, head);
        availIdx = (availIdx + 1) & 0xffff;
        ram.write(AVAIL + 2, 2, availIdx);
    }

    int usedIdx() { return (int) ram.read(USED + 2, 2); }

    /** The next used element {id, len}; fails if the device has not used one. */
    long[] takeUsed() {
        if (usedIdx() == nextUsed) throw new AssertionError("no used buffer");
        long e = USED + 4 + 8L * (nextUsed % qsize);
        nextUsed = (nextUsed + 1) & 0xffff;
        return new long[] {ram.read(e, 4), ram.read(e + 4, 4)};
    }

    byte[] bytes(long pa, int n) {
        byte[] b = new byte[n];
        ram.copyOut(pa, b, 0, n);
        return b;
    }

    void put(long pa, byte[] b) { ram.load(pa, b, 0, b.length); }
}
