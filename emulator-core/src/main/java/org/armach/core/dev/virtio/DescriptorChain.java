package org.armach.core.dev.virtio;

import java.io.IOException;

/**
 * One available buffer popped from a virtqueue: its head index and its segments in chain
 * order, device-readable ones first, then device-writable ones (the order the spec requires
 * and {@link Virtqueue#pop} enforces). Offsets passed to the copy helpers are relative to the
 * start of the readable (driver-to-device) or writable (device-to-driver) area.
 */
public final class DescriptorChain {
    public final int head;
    private long[] addr = new long[8];
    private int[] len = new int[8];
    private int count, readable;
    private long readableBytes, writableBytes;

    DescriptorChain(int head) {
        this.head = head;
    }

    void add(long a, int l, boolean write) {
        if (count == addr.length) {
            addr = java.util.Arrays.copyOf(addr, count * 2);
            len = java.util.Arrays.copyOf(len, count * 2);
        }
        addr[count] = a;
        len[count] = l;
        count++;
        if (write) {
            writableBytes += l & 0xffffffffL;
        } else {
            readable++;
            readableBytes += l & 0xffffffffL;
        }
    }

    /** Number of segments. */
    public int segments() { return count; }

    /** Number of device-readable segments (they come first). */
    public int readableSegments() { return readable; }

    public long address(int i) { return addr[i]; }

    public long length(int i) { return len[i] & 0xffffffffL; }

    public boolean writable(int i) { return i >= readable; }

    /** Total bytes the driver gave the device to read. */
    public long readableBytes() { return readableBytes; }

    /** Total bytes the device may write. */
    public long writableBytes() { return writableBytes; }

    /**
     * Visits {@code n} bytes of the readable ({@code write} false) or writable area starting at
     * {@code offset} as host arrays; returns the bytes visited (less than n if the area is shorter).
     */
    public long visit(GuestMemory m, boolean write, long offset, long n, GuestMemory.ChunkVisitor v) throws VirtioException, IOException {
        int first = write ? readable : 0, end = write ? count : readable;
        long skip = offset, done = 0;
        for (int i = first; i < end && done < n; i++) {
            long l = length(i);
            if (skip >= l) {
                skip -= l;
                continue;
            }
            long take = Math.min(l - skip, n - done);
            final long base = done;
            m.visit(addr[i] + skip, take, write, (page, off, len, d) -> v.visit(page, off, len, base + d), write ? "device-writable buffer" : "device-readable buffer");
            done += take;
            skip = 0;
        }
        return done;
    }

    /** Copies readable bytes at {@code offset} into dst; returns the number copied. */
    public int gather(GuestMemory m, long offset, byte[] dst, int off, int n) throws VirtioException {
        try {
            return (int) visit(m, false, offset, n, (page, po, l, d) -> System.arraycopy(page, po, dst, off + (int) d, l));
        } catch (IOException e) {
            throw new AssertionError(e); // the copy visitor does no I/O
        }
    }

    /** Copies src into the writable area at {@code offset}; returns the number copied. */
    public int scatter(GuestMemory m, long offset, byte[] src, int off, int n) throws VirtioException {
        try {
            return (int) visit(m, true, offset, n, (page, po, l, d) -> System.arraycopy(src, off + (int) d, page, po, l));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
