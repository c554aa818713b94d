package org.armach.core.dev.virtio;

/**
 * A split virtqueue (virtio 1.x, 2.7): descriptor table, driver (available) ring and device
 * (used) ring in guest RAM, set up by the driver through the transport. The device side pops
 * available descriptor chains ({@link #pop}), returns them through the used ring
 * ({@link #push}) and asks whether the driver wants an interrupt ({@link #needsInterrupt}),
 * honouring VRING_AVAIL_F_NO_INTERRUPT or, with VIRTIO_RING_F_EVENT_IDX, used_event; it
 * publishes avail_event so that event-idx drivers keep notifying.
 *
 * <p>Every guest-controlled value is checked: ring and buffer addresses outside RAM, heads or
 * next indexes beyond the table, chains that loop or exceed {@link #MAX_SEGMENTS} segments,
 * zero-length buffers, readable segments after writable ones, nested or misplaced or
 * non-negotiated indirect tables, and an available index that runs more than a queue size ahead
 * are {@link VirtioException}s, never host exceptions.
 */
public final class Virtqueue {
    public static final int DESC_F_NEXT = 1, DESC_F_WRITE = 2, DESC_F_INDIRECT = 4;
    public static final int AVAIL_F_NO_INTERRUPT = 1;
    /** Most segments in one chain (QEMU's VIRTQUEUE_MAX_SIZE), also the largest indirect table. */
    public static final int MAX_SEGMENTS = 1024;

    public final int index;
    public final int maxSize;
    private final GuestMemory mem;

    int size;
    boolean ready;
    long desc, driver, device;
    boolean eventIdx, indirect;
    private int lastAvail, usedIdx;

    Virtqueue(int index, int maxSize, GuestMemory mem) {
        this.index = index;
        this.maxSize = maxSize;
        this.mem = mem;
        reset();
    }

    void reset() {
        size = maxSize;
        ready = false;
        desc = driver = device = 0;
        lastAvail = usedIdx = 0;
        eventIdx = indirect = false;
    }

    public boolean ready() { return ready; }

    public int size() { return size; }

    public long descAddr() { return desc; }

    public long driverAddr() { return driver; }

    public long deviceAddr() { return device; }

    /** The device's shadow of used.idx (16 bits). */
    public int usedIndex() { return usedIdx; }

    /** Next available-ring position the device will read (16 bits). */
    public int lastAvailIndex() { return lastAvail; }

    private boolean usable() { return ready && size > 0; }

    /** Pops the next available descriptor chain, or returns null if the driver has made none available. */
    public DescriptorChain pop() throws VirtioException {
        if (!usable()) return null;
        int availIdx = mem.read16(driver + 2, "avail.idx");
        int pending = (availIdx - lastAvail) & 0xffff;
        if (pending == 0) return null;
        if (pending > size)
            throw new VirtioException(String.format("queue %d: avail.idx moved from %d to %d, more than the queue size %d", index, lastAvail, availIdx, size));
        int head = mem.read16(driver + 4 + 2L * (lastAvail % size), "avail ring");
        lastAvail = (lastAvail + 1) & 0xffff;
        if (head >= size) throw new VirtioException(String.format("queue %d: available head %d is beyond the queue size %d", index, head, size));
        return walk(head);
    }

    private DescriptorChain walk(int head) throws VirtioException {
        DescriptorChain c = new DescriptorChain(head);
        long table = desc;
        int max = size, i = head, visited = 0;
        boolean inIndirect = false, sawWritable = false;
        while (true) {
            long da = table + 16L * i;
            long addr = mem.read64(da, "descriptor");
            int len = (int) mem.read32(da + 8, "descriptor");
            int flags = mem.read16(da + 12, "descriptor");
            int next = mem.read16(da + 14, "descriptor");
            if ((flags & DESC_F_INDIRECT) != 0) {
                if (!indirect) throw err("indirect descriptor without VIRTIO_RING_F_INDIRECT_DESC negotiated");
                if (inIndirect) throw err("indirect descriptor inside an indirect table");
                if (visited != 0) throw err("indirect descriptor that is not the head of its chain");
                long tl = len & 0xffffffffL;
                if (tl == 0 || tl % 16 != 0) throw err("indirect table size " + tl + " is not a non-zero multiple of 16");
                if (tl / 16 > MAX_SEGMENTS) throw err("indirect table of " + tl / 16 + " descriptors (at most " + MAX_SEGMENTS + ")");
                if (!mem.contains(addr, tl)) throw err(String.format("indirect table at 0x%x (0x%x bytes) is outside guest RAM", addr, tl));
                table = addr;
                max = (int) (tl / 16);
                i = 0;
                inIndirect = true;
                continue;
            }
            if (++visited > max) throw err("descriptor chain loops (more than " + max + " descriptors)");
            if (c.segments() >= MAX_SEGMENTS) throw err("descriptor chain of more than " + MAX_SEGMENTS + " segments");
            long l = len & 0xffffffffL;
            if (l == 0) throw err("zero-length buffer in descriptor " + i);
            boolean w = (flags & DESC_F_WRITE) != 0;
            if (!w && sawWritable) throw err("device-readable descriptor after a device-writable one");
            sawWritable |= w;
            if (!mem.contains(addr, l)) throw err(String.format("buffer at 0x%x (0x%x bytes) is outside guest RAM", addr, l));
            c.add(addr, len, w);
            if ((flags & DESC_F_NEXT) == 0) return c;
            if (next >= max) throw err("next descriptor " + next + " is beyond the " + (inIndirect ? "indirect table of " : "queue size ") + max);
            i = next;
        }
    }

    private VirtioException err(String msg) {
        return new VirtioException("queue " + index + ": " + msg);
    }

    /** Returns a chain to the driver with the number of bytes written into its writable area. */
    public void push(DescriptorChain c, long written) throws VirtioException {
        if (!usable()) return;
        long e = device + 4 + 8L * (usedIdx % size);
        mem.write32(e, c.head, "used ring");
        mem.write32(e + 4, Math.min(written, c.writableBytes()), "used ring");
        usedIdx = (usedIdx + 1) & 0xffff;
        mem.write16(device + 2, usedIdx, "used.idx");
    }

    /** After popping all available chains: tells an event-idx driver where the device stands. */
    public void publishAvailEvent() throws VirtioException {
        if (usable() && eventIdx) mem.write16(device + 4 + 8L * size, lastAvail, "used ring avail_event");
    }

    /** Whether the driver wants an interrupt for the buffers used since {@code oldUsed}. */
    public boolean needsInterrupt(int oldUsed) throws VirtioException {
        if (!usable() || usedIdx == oldUsed) return false;
        if (eventIdx) {
            int usedEvent = mem.read16(driver + 4 + 2L * size, "avail ring used_event");
            return ((usedIdx - usedEvent - 1) & 0xffff) < ((usedIdx - oldUsed) & 0xffff);
        }
        return (mem.read16(driver, "avail.flags") & AVAIL_F_NO_INTERRUPT) == 0;
    }
}
