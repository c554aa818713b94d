package org.armach.mach.device.virtio;

import java.util.ArrayDeque;

import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;

/**
 * Driver for a virtio-blk device (virtio 1.x, 5.2) behind a virtio-mmio transport: one request
 * queue whose rings, request headers and bounce buffers live in frames from the kernel's page
 * allocator. A request is a chain header (16 bytes, device-readable) → one descriptor per data
 * frame → status byte (device-writable). Requests wait in FIFO order for descriptors; the
 * completion interrupt ({@link #interrupt}) reaps the used ring and calls each request's
 * completion, then submits waiting requests.
 */
public final class VirtioBlkDriver {
    static final int F_RO = 5, F_BLK_SIZE = 6, F_FLUSH = 9;
    /** Descriptors in the queue; header and status slots of 32 bytes each share one frame. */
    static final int QUEUE = 128;
    /** Data descriptors (frames) in one request at most. */
    static final int MAX_FRAMES = 32;

    private final VirtioTransport transport;
    private final PhysicalMemory ram;
    private final FrameSource frames;
    private final SplitRing ring;
    private final long headers;
    private final BlockRequest[] inflight = new BlockRequest[QUEUE];
    private final ArrayDeque<BlockRequest> waiting = new ArrayDeque<>();
    public final long capacity;
    public final boolean readOnly, flush;

    private VirtioBlkDriver(VirtioTransport t, PhysicalMemory ram, FrameSource frames, long ringPa, long hdrPa, long features) {
        this.transport = t;
        this.ram = ram;
        this.frames = frames;
        this.ring = new SplitRing(ram, ringPa, QUEUE);
        this.headers = hdrPa;
        this.capacity = t.config64(0);
        this.readOnly = (features & (1L << F_RO)) != 0;
        this.flush = (features & (1L << F_FLUSH)) != 0;
        t.setupQueue(0, ring);
        t.driverOk();
    }

    /** Initialises the device at {@code base}; null when it does not come up. */
    public static VirtioBlkDriver start(Bus bus, long base, FrameSource frames) {
        VirtioTransport t = new VirtioTransport(bus, base);
        long features = t.negotiate((1L << F_RO) | (1L << F_BLK_SIZE) | (1L << F_FLUSH));
        if (features < 0 || t.queueMax(0) < QUEUE || frames.frameSize() < Math.max(SplitRing.bytes(QUEUE), 32L * QUEUE)) return null;
        long ringPa = frames.alloc(), hdrPa = frames.alloc();
        if (ringPa < 0 || hdrPa < 0) return null;
        return new VirtioBlkDriver(t, bus.ram(), frames, ringPa, hdrPa, features);
    }

    /** Bytes one request may carry at most. */
    public int maxBytes() {
        return (int) Math.min(MAX_FRAMES * frames.frameSize(), 1 << 24);
    }

    /** Queues a request (submitted now if descriptors are free); its completion runs from {@link #interrupt}. */
    public void submit(BlockRequest r) {
        waiting.add(r);
        kick();
    }

    /** The completion interrupt: acknowledge, reap used chains, submit waiting requests. */
    public void interrupt() {
        transport.acknowledgeInterrupt();
        reap();
    }

    /**
     * Polls for completions instead of waiting for the interrupt (boot-time partition scan,
     * before the scheduler runs); true once {@code r} has completed.
     */
    public boolean poll(BlockRequest r) {
        for (int i = 0; i < 1000 && inflightOrWaiting(r); i++) reap();
        return !inflightOrWaiting(r);
    }

    private boolean inflightOrWaiting(BlockRequest r) {
        if (waiting.contains(r)) return true;
        for (BlockRequest x : inflight) if (x == r) return true;
        return false;
    }

    private void reap() {
        int head;
        while ((head = ring.pollUsed()) >= 0) {
            BlockRequest r = inflight[head];
            if (r == null) continue;
            inflight[head] = null;
            r.status = (int) ram.read(headers + 32L * head + 16, 1);
            if (r.type == BlockRequest.T_IN && r.status == BlockRequest.S_OK) copyIn(r);
            releaseFrames(r);
            ring.release(head, r.descs);
            r.done.accept(r);
        }
        kick();
    }

    private void kick() {
        boolean any = false;
        BlockRequest r;
        while ((r = waiting.peek()) != null) {
            int nFrames = (int) ((r.bytes + frames.frameSize() - 1) / frames.frameSize());
            if (ring.free() < nFrames + 2) break;
            waiting.poll();
            if (!allocFrames(r, nFrames)) {
                r.status = BlockRequest.S_NO_MEMORY;
                r.done.accept(r);
                continue;
            }
            build(r, nFrames);
            any = true;
        }
        if (any) transport.notifyQueue(0);
    }

    private boolean allocFrames(BlockRequest r, int n) {
        r.frames = new long[n];
        for (int i = 0; i < n; i++) {
            r.frames[i] = frames.alloc();
            if (r.frames[i] < 0) {
                releaseFrames(r);
                return false;
            }
        }
        if (r.type == BlockRequest.T_OUT) copyOut(r);
        return true;
    }

    private void releaseFrames(BlockRequest r) {
        if (r.frames == null) return;
        for (long pa : r.frames) if (pa >= 0) frames.free(pa);
        r.frames = null;
    }

    private void build(BlockRequest r, int nFrames) {
        r.descs = nFrames + 2;
        int head = ring.alloc(r.descs);
        long hdr = headers + 32L * head;
        ram.write(hdr, 4, r.type);
        ram.write(hdr + 4, 4, 0);
        ram.write(hdr + 8, 8, r.sector);
        ram.write(hdr + 16, 1, 0xff);
        ring.set(head, hdr, 16, false, false);
        int d = head;
        long fs = frames.frameSize();
        for (int i = 0; i < nFrames; i++) {
            d = ring.nextOf(d);
            int len = (int) Math.min(fs, r.bytes - i * fs);
            ring.set(d, r.frames[i], len, r.type == BlockRequest.T_IN, false);
        }
        d = ring.nextOf(d);
        ring.set(d, hdr + 16, 1, true, true);
        inflight[head] = r;
        ring.publish(head);
    }

    /** OUT: request bytes from the caller's buffer into the bounce frames. */
    private void copyOut(BlockRequest r) {
        long fs = frames.frameSize();
        for (int i = 0, done = 0; done < r.copyLen; i++) {
            int n = (int) Math.min(fs, r.copyLen - done);
            ram.load(r.frames[i], r.buf, r.off + done, n);
            done += n;
        }
    }

    /** IN: the bounce frames into the caller's buffer. */
    private void copyIn(BlockRequest r) {
        long fs = frames.frameSize();
        for (int i = 0, done = 0; done < r.copyLen; i++) {
            int n = (int) Math.min(fs, r.copyLen - done);
            ram.copyOut(r.frames[i], r.buf, r.off + done, n);
            done += n;
        }
    }
}
