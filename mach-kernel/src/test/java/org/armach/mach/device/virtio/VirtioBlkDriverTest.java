package org.armach.mach.device.virtio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.armach.core.dev.virtio.BlockBackend;
import org.armach.core.dev.virtio.GuestMemory;
import org.armach.core.dev.virtio.VirtioBlk;
import org.armach.core.dev.virtio.VirtioMmio;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against the emulator's virtio-mmio transport and virtio-blk, through MMIO and RAM only. */
class VirtioBlkDriverTest {
    static final long RAM = 0x4000_0000L, SLOT = 0x0a00_0000L;

    @TempDir
    Path dir;

    final PhysicalMemory ram = new PhysicalMemory(RAM, 16L << 20);
    final Bus bus = new Bus(ram);
    final boolean[] irq = {false};
    final List<Long> freed = new ArrayList<>();

    /** A bump allocator of 4 KiB frames that records frees. */
    final FrameSource frames = new FrameSource() {
        long next = RAM + 0x10_0000L;

        @Override public long alloc() { long pa = next; next += 4096; return pa; }
        @Override public void free(long pa) { freed.add(pa); }
        @Override public long frameSize() { return 4096; }
    };

    private VirtioBlkDriver driver(byte[] image, boolean readOnly) throws Exception {
        Path f = dir.resolve("disk.img");
        Files.write(f, image);
        VirtioBlk blk = new VirtioBlk(BlockBackend.open(f, readOnly), null, new GuestMemory(ram, (pa, len) -> { }));
        bus.map(SLOT, VirtioMmio.WINDOW_SIZE, new VirtioMmio(blk, new GuestMemory(ram, (pa, len) -> { }), level -> irq[0] = level));
        assertEquals(2, VirtioTransport.probe(bus, SLOT));
        VirtioBlkDriver d = VirtioBlkDriver.start(bus, SLOT, frames);
        assertNotNull(d);
        return d;
    }

    @Test
    void readWriteAndErrorsCompleteThroughTheInterrupt() throws Exception {
        byte[] img = new byte[64 * 512];
        for (int i = 0; i < img.length; i++) img[i] = (byte) (i * 3 + i / 512);
        VirtioBlkDriver d = driver(img, false);
        assertEquals(64, d.capacity);
        assertFalse(d.readOnly);
        assertTrue(d.flush);

        byte[] buf = new byte[3 * 512];
        int[] done = {-9};
        d.submit(new BlockRequest(BlockRequest.T_IN, 2, buf.length, buf, 0, buf.length, r -> done[0] = r.status));
        assertTrue(irq[0], "completion raises the interrupt");
        assertEquals(-9, done[0], "completion waits for the interrupt handler");
        d.interrupt();
        assertFalse(irq[0], "acknowledged");
        assertEquals(BlockRequest.S_OK, done[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(img, 1024, 1024 + buf.length), buf);

        // past the end: the device's IOERR status
        d.submit(new BlockRequest(BlockRequest.T_IN, 63, 1024, new byte[1024], 0, 1024, r -> done[0] = r.status));
        d.interrupt();
        assertEquals(1, done[0], "VIRTIO_BLK_S_IOERR");
        assertEquals(2, freed.size(), "frames after the failed read: " + freed);

        byte[] w = new byte[512];
        java.util.Arrays.fill(w, (byte) 0x5a);
        d.submit(new BlockRequest(BlockRequest.T_OUT, 10, 512, w, 0, 512, r -> done[0] = r.status));
        d.submit(new BlockRequest(BlockRequest.T_FLUSH, 0, 0, null, 0, 0, r -> done[0] = r.status + 100));
        d.interrupt();
        assertEquals(100, done[0], "write then flush completed in order");
        byte[] file = Files.readAllBytes(dir.resolve("disk.img"));
        assertArrayEquals(w, java.util.Arrays.copyOfRange(file, 10 * 512, 11 * 512), "the write reached the file");
        assertEquals(3, freed.size(), "bounce frames returned: " + freed);
    }

    @Test
    void manyRequestsWaitForDescriptors() throws Exception {
        byte[] img = new byte[2048 * 512];
        for (int i = 0; i < img.length; i++) img[i] = (byte) (i / 512);
        VirtioBlkDriver d = driver(img, true);
        assertTrue(d.readOnly);
        int n = 20;
        byte[][] bufs = new byte[n][32 * 4096];
        int[] completed = {0};
        for (int i = 0; i < n; i++) {
            byte[] b = bufs[i];
            d.submit(new BlockRequest(BlockRequest.T_IN, 64L * i, b.length, b, 0, b.length, r -> {
                assertEquals(BlockRequest.S_OK, r.status);
                completed[0]++;
            }));
        }
        for (int round = 0; round < n && completed[0] < n; round++) d.interrupt();
        assertEquals(n, completed[0], "every request completed once descriptors were free again");
        for (int i = 0; i < n; i++) assertEquals((byte) (64 * i + 100), bufs[i][100 * 512]);
    }
}
