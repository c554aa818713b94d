package org.armach.core.dev.virtio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtio-blk requests driven from Java through the transport and a split virtqueue in RAM. */
class VirtioBlkTest {
    static final int SECTORS = 64;
    static final long VERSION_1 = 1L << 32;
    static final int NEXT = Virtqueue.DESC_F_NEXT, WRITE = Virtqueue.DESC_F_WRITE, INDIRECT = Virtqueue.DESC_F_INDIRECT;
    static final long HDR = TestDriver.BUF, DATA = TestDriver.BUF + 0x1000, STATUS = TestDriver.BUF + 0xff0;

    @TempDir
    Path dir;
    Path img;
    byte[] initial;
    BlockBackend disk;
    VirtioBlk blk;
    TestDriver d;

    @BeforeEach
    void setUp() throws IOException {
        img = dir.resolve("disk.img");
        initial = new byte[SECTORS * 512];
        new Random(7).nextBytes(initial);
        Files.write(img, initial);
        disk = BlockBackend.open(img, false);
        d = new TestDriver(m -> blk = new VirtioBlk(disk, "ARMACH0001", m));
    }

    @AfterEach
    void tearDown() throws IOException {
        disk.close();
    }

    void header(int type, long sector) {
        d.ram.write(HDR, 4, type);
        d.ram.write(HDR + 4, 4, 0);
        d.ram.write(HDR + 8, 8, sector);
        d.ram.write(STATUS, 1, 0xff);
    }

    /** A three-descriptor request: header, data (len bytes; device-writable if in), status. */
    long[] request(int type, long sector, long dataAddr, int len, boolean in) {
        header(type, sector);
        d.desc(0, HDR, 16, NEXT, 1);
        d.desc(1, dataAddr, len, NEXT | (in ? WRITE : 0), 2);
        d.desc(2, STATUS, 1, WRITE, 0);
        d.submit(0);
        return d.takeUsed();
    }

    int status() { return d.ram.read8(STATUS); }

    byte[] file() throws IOException { return Files.readAllBytes(img); }

    @Test
    void readSectors() {
        d.init(VERSION_1);
        long[] u = request(VirtioBlk.T_IN, 3, DATA, 1024, true);
        assertEquals(0, u[0]);
        assertEquals(1025, u[1], "used length: data + status byte");
        assertEquals(VirtioBlk.S_OK, status());
        assertArrayEquals(Arrays.copyOfRange(initial, 3 * 512, 5 * 512), d.bytes(DATA, 1024));
        assertEquals(VirtioMmio.INT_USED_BUFFER, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertTrue(d.irq[0]);
        d.w(VirtioMmio.INTERRUPT_ACK, 1);
        assertFalse(d.irq[0]);
        // DMA writes drop decoded code in the range they touch
        assertTrue(d.invalidated.stream().anyMatch(r -> r[0] == DATA && r[1] == 1024));
        assertTrue(d.invalidated.stream().anyMatch(r -> r[0] == STATUS && r[1] == 1));
    }

    @Test
    void writesReachTheFileAndFlushSucceeds() throws IOException {
        d.init(VERSION_1 | 1L << VirtioBlk.F_FLUSH);
        byte[] data = new byte[1536];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + 1);
        d.put(DATA, data);
        long[] u = request(VirtioBlk.T_OUT, 10, DATA, data.length, false);
        assertEquals(VirtioBlk.S_OK, status());
        assertEquals(1, u[1], "only the status byte was written");
        // visible in the file at once, before any flush
        byte[] f = file();
        assertArrayEquals(data, Arrays.copyOfRange(f, 10 * 512, 13 * 512));
        assertArrayEquals(Arrays.copyOfRange(initial, 0, 10 * 512), Arrays.copyOfRange(f, 0, 10 * 512));
        assertArrayEquals(Arrays.copyOfRange(initial, 13 * 512, initial.length), Arrays.copyOfRange(f, 13 * 512, f.length));
        // FLUSH: header + status only
        header(VirtioBlk.T_FLUSH, 0);
        d.desc(0, HDR, 16, NEXT, 2);
        d.desc(2, STATUS, 1, WRITE, 0);
        d.submit(0);
        assertEquals(1, d.takeUsed()[1]);
        assertEquals(VirtioBlk.S_OK, status());
        assertEquals(0, blk.ioErrors());
    }

    @Test
    void scatterGatherAcrossPagesAndSegments() {
        d.init(VERSION_1);
        // header and data split over four descriptors, one crossing a page boundary
        header(VirtioBlk.T_IN, 1);
        long a = TestDriver.BUF + 0x3f00, b = TestDriver.BUF + 0x6000;
        d.desc(0, HDR, 8, NEXT, 1); // header in two pieces
        d.desc(1, HDR + 8, 8, NEXT, 2);
        d.desc(2, a, 0x200 + 0x100, NEXT | WRITE, 3); // crosses 0x4000
        d.desc(3, b, 0x100, NEXT | WRITE, 4);
        d.desc(4, STATUS, 1, WRITE, 0);
        d.submit(0);
        long[] u = d.takeUsed();
        assertEquals(1025, u[1]);
        assertEquals(VirtioBlk.S_OK, status());
        byte[] got = new byte[1024];
        System.arraycopy(d.bytes(a, 0x300), 0, got, 0, 0x300);
        System.arraycopy(d.bytes(b, 0x100), 0, got, 0x300, 0x100);
        assertArrayEquals(Arrays.copyOfRange(initial, 512, 1536), got);
    }

    @Test
    void statusByteAtTheEndOfTheLastWritableBuffer() {
        d.init(VERSION_1);
        // data and status in one writable buffer of 513 bytes
        header(VirtioBlk.T_IN, 2);
        d.desc(0, HDR, 16, NEXT, 1);
        d.desc(1, DATA, 513, WRITE, 0);
        d.ram.write(DATA + 512, 1, 0xff);
        d.submit(0);
        assertEquals(513, d.takeUsed()[1]);
        assertEquals(0, d.ram.read8(DATA + 512));
        assertArrayEquals(Arrays.copyOfRange(initial, 1024, 1536), d.bytes(DATA, 512));
    }

    @Test
    void indirectDescriptors() {
        d.init(VERSION_1 | 1L << VirtioMmio.F_RING_INDIRECT_DESC);
        header(VirtioBlk.T_IN, 5);
        d.desc(TestDriver.INDIRECT, 0, HDR, 16, NEXT, 1);
        d.desc(TestDriver.INDIRECT, 1, DATA, 512, NEXT | WRITE, 2);
        d.desc(TestDriver.INDIRECT, 2, STATUS, 1, WRITE, 0);
        d.desc(7, TestDriver.INDIRECT, 48, INDIRECT, 0);
        d.submit(7);
        long[] u = d.takeUsed();
        assertEquals(7, u[0]);
        assertEquals(513, u[1]);
        assertEquals(VirtioBlk.S_OK, status());
        assertArrayEquals(Arrays.copyOfRange(initial, 5 * 512, 6 * 512), d.bytes(DATA, 512));
    }

    @Test
    void batchOfRequestsAndRingWrapAround() throws IOException {
        d.qsize = 4;
        d.init(VERSION_1);
        // 10 one-sector writes through a 4-entry ring, two per notify; each request is two
        // descriptors: header + data in one readable buffer, then the status byte
        for (int round = 0; round < 5; round++) {
            for (int k = 0; k < 2; k++) {
                int n = round * 2 + k, head = k * 2;
                long buf = DATA + 0x400L * k;
                byte[] req = new byte[16 + 512];
                ByteBuffer.wrap(req).order(ByteOrder.LITTLE_ENDIAN).putInt(0, VirtioBlk.T_OUT).putLong(8, 20 + n);
                Arrays.fill(req, 16, req.length, (byte) (0x40 + n));
                d.put(buf, req);
                d.desc(head, buf, req.length, NEXT, head + 1);
                d.desc(head + 1, STATUS + k, 1, WRITE, 0);
                d.makeAvailable(head);
            }
            d.w(VirtioMmio.QUEUE_NOTIFY, 0);
            for (int k = 0; k < 2; k++) {
                long[] u = d.takeUsed();
                assertEquals(k * 2, u[0]);
                assertEquals(1, u[1]);
                assertEquals(VirtioBlk.S_OK, d.ram.read8(STATUS + k));
            }
        }
        assertEquals(10, d.usedIdx());
        byte[] f = file();
        for (int n = 0; n < 10; n++) assertEquals((byte) (0x40 + n), f[(20 + n) * 512 + 100], "sector " + (20 + n));
        assertEquals(initial[19 * 512], f[19 * 512]);
        assertEquals(initial[30 * 512], f[30 * 512]);
    }

    @Test
    void errorsGiveStatusBytes() throws IOException {
        d.init(VERSION_1);
        request(VirtioBlk.T_IN, SECTORS, DATA, 512, true);
        assertEquals(VirtioBlk.S_IOERR, status(), "read at the capacity");
        request(VirtioBlk.T_IN, SECTORS - 1, DATA, 1024, true);
        assertEquals(VirtioBlk.S_IOERR, status(), "read across the end");
        request(VirtioBlk.T_IN, -1L, DATA, 512, true);
        assertEquals(VirtioBlk.S_IOERR, status(), "sector 2^64-1");
        request(VirtioBlk.T_IN, 0x7fffffffffffffffL, DATA, 512, true);
        assertEquals(VirtioBlk.S_IOERR, status());
        request(VirtioBlk.T_IN, 0, DATA, 100, true);
        assertEquals(VirtioBlk.S_IOERR, status(), "not whole sectors");
        request(VirtioBlk.T_OUT, SECTORS, DATA, 512, false);
        assertEquals(VirtioBlk.S_IOERR, status(), "write at the capacity");
        long[] u = request(99, 0, DATA, 512, true);
        assertEquals(VirtioBlk.S_UNSUPP, status());
        assertEquals(1, u[1]);
        request(11, 0, DATA, 512, false); // DISCARD is not offered
        assertEquals(VirtioBlk.S_UNSUPP, status());
        assertArrayEquals(initial, file());
        assertEquals(6, blk.ioErrors());
        assertFalse(d.t.broken());
        // the last sector is fine
        request(VirtioBlk.T_IN, SECTORS - 1, DATA, 512, true);
        assertEquals(VirtioBlk.S_OK, status());
    }

    @Test
    void readOnlyDriveRefusesWrites() throws IOException {
        Path ro = dir.resolve("ro.img");
        Files.write(ro, initial);
        try (BlockBackend rb = BlockBackend.open(ro, true)) {
            d = new TestDriver(m -> new VirtioBlk(rb, null, m));
            d.init(VERSION_1 | 1L << VirtioBlk.F_RO);
            d.put(DATA, new byte[512]);
            request(VirtioBlk.T_OUT, 0, DATA, 512, false);
            assertEquals(VirtioBlk.S_IOERR, status());
            request(VirtioBlk.T_IN, 1, DATA, 512, true);
            assertEquals(VirtioBlk.S_OK, status());
            header(VirtioBlk.T_FLUSH, 0);
            d.desc(0, HDR, 16, NEXT, 2);
            d.desc(2, STATUS, 1, WRITE, 0);
            d.submit(0);
            d.takeUsed();
            assertEquals(VirtioBlk.S_OK, status());
        }
        assertArrayEquals(initial, Files.readAllBytes(ro));
    }

    @Test
    void getId() {
        d.init(VERSION_1);
        byte[] junk = new byte[32];
        Arrays.fill(junk, (byte) 0xee);
        d.put(DATA, junk);
        long[] u = request(VirtioBlk.T_GET_ID, 0, DATA, 20, true);
        assertEquals(VirtioBlk.S_OK, status());
        assertEquals("ARMACH0001", new String(d.bytes(DATA, 10)));
        assertEquals(0, d.ram.read8(DATA + 10), "NUL-terminated when shorter than 20");
        assertEquals(0xee, d.ram.read8(DATA + 11));
        assertEquals(12, u[1]);
        Path p2 = dir.resolve("l.img");
        try {
            Files.write(p2, new byte[512]);
            try (BlockBackend b2 = BlockBackend.open(p2, false)) {
                d = new TestDriver(m -> new VirtioBlk(b2, "0123456789abcdefghijKLMNOP", m));
                d.init(VERSION_1);
                d.put(DATA, junk);
                request(VirtioBlk.T_GET_ID, 0, DATA, 20, true);
                assertEquals("0123456789abcdefghij", new String(d.bytes(DATA, 20)));
                assertEquals(0xee, d.ram.read8(DATA + 20));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void noInterruptFlagSuppressesTheInterrupt() {
        d.init(VERSION_1);
        d.ram.write(TestDriver.AVAIL, 2, Virtqueue.AVAIL_F_NO_INTERRUPT);
        request(VirtioBlk.T_IN, 0, DATA, 512, true);
        assertEquals(0, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertFalse(d.irq[0]);
    }

    @Test
    void eventIdxSuppressesInterruptsAndPublishesAvailEvent() {
        d.qsize = 8;
        d.init(VERSION_1 | 1L << VirtioMmio.F_RING_EVENT_IDX);
        long usedEvent = TestDriver.AVAIL + 4 + 2 * 8, availEvent = TestDriver.USED + 4 + 8 * 8;
        d.ram.write(usedEvent, 2, 1); // interrupt only when used idx passes 1 (the second buffer)
        request(VirtioBlk.T_IN, 0, DATA, 512, true);
        assertEquals(0, d.r(VirtioMmio.INTERRUPT_STATUS), "first buffer: no interrupt wanted");
        assertEquals(1, d.ram.read(availEvent, 2), "avail_event = next available index");
        request(VirtioBlk.T_IN, 0, DATA, 512, true);
        assertEquals(VirtioMmio.INT_USED_BUFFER, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertEquals(2, d.ram.read(availEvent, 2));
    }

    @Test
    void notifyBeforeReadyOrWithoutBuffersDoesNothing() {
        d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        d.init(VERSION_1);
        d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        assertEquals(0, d.usedIdx());
        assertEquals(0, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertFalse(d.t.broken());
    }

    // ---- malformed chains: errors, never exceptions ------------------------------------------

    void assertBroken(String what, String messagePart) {
        assertTrue(d.t.broken(), what + ": device should need a reset");
        assertNotNull(d.t.lastError());
        assertTrue(d.t.lastError().contains(messagePart), what + ": " + d.t.lastError());
        assertFalse(d.t.lastError().contains("internal error"), d.t.lastError());
        assertEquals(0x40, d.r(VirtioMmio.STATUS) & 0x40);
        assertTrue((d.r(VirtioMmio.INTERRUPT_STATUS) & VirtioMmio.INT_CONFIG_CHANGE) != 0);
        assertTrue(d.irq[0]);
        assertEquals(1, d.errors.size());
        // further notifies are ignored until reset; a reset recovers the device
        d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        assertEquals(1, d.errors.size());
        d.errors.clear();
        d.init(VERSION_1 | 1L << VirtioMmio.F_RING_INDIRECT_DESC);
        assertFalse(d.t.broken());
        request(VirtioBlk.T_IN, 0, DATA, 512, true);
        assertEquals(VirtioBlk.S_OK, status(), what + ": works again after reset");
    }

    void malformed(String what, String messagePart, Runnable layout) {
        d.init(VERSION_1 | 1L << VirtioMmio.F_RING_INDIRECT_DESC);
        header(VirtioBlk.T_IN, 0);
        layout.run();
        assertBroken(what, messagePart);
    }

    @Test
    void loopingChain() {
        malformed("loop", "loops", () -> {
            d.desc(0, HDR, 16, NEXT, 1);
            d.desc(1, DATA, 16, NEXT, 0);
            d.submit(0);
        });
        malformed("self loop", "loops", () -> {
            d.desc(3, DATA, 16, NEXT | WRITE, 3);
            d.submit(3);
        });
    }

    @Test
    void loopInsideIndirectTable() {
        malformed("indirect loop", "loops", () -> {
            d.desc(TestDriver.INDIRECT, 0, HDR, 16, NEXT, 1);
            d.desc(TestDriver.INDIRECT, 1, DATA, 16, NEXT, 0);
            d.desc(0, TestDriver.INDIRECT, 32, INDIRECT, 0);
            d.submit(0);
        });
    }

    @Test
    void addressesOutsideRam() {
        malformed("buffer below RAM", "outside guest RAM", () -> {
            d.desc(0, 0x1000, 16, NEXT, 1);
            d.desc(1, STATUS, 1, WRITE, 0);
            d.submit(0);
        });
        malformed("buffer running past the end of RAM", "outside guest RAM", () -> {
            d.desc(0, HDR, 16, NEXT, 1);
            d.desc(1, TestDriver.RAM + TestDriver.RAM_SIZE - 100, 512, NEXT | WRITE, 2);
            d.desc(2, STATUS, 1, WRITE, 0);
            d.submit(0);
        });
        malformed("length wrapping the address space", "outside guest RAM", () -> {
            d.desc(0, HDR, 16, NEXT, 1);
            d.desc(1, -16L, 0xffffffffL, WRITE, 0);
            d.submit(0);
        });
        malformed("indirect table outside RAM", "outside guest RAM", () -> {
            d.desc(0, 0x8000_0000_0000L, 48, INDIRECT, 0);
            d.submit(0);
        });
        // rings outside RAM
        d.init(VERSION_1);
        d.w(VirtioMmio.QUEUE_READY, 0);
        d.w(VirtioMmio.QUEUE_DRIVER_LOW, 0x100);
        d.w(VirtioMmio.QUEUE_DRIVER_HIGH, 0);
        d.w(VirtioMmio.QUEUE_READY, 1);
        d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        assertBroken("avail ring outside RAM", "outside guest RAM");
        d.init(VERSION_1);
        d.w(VirtioMmio.QUEUE_READY, 0);
        d.w(VirtioMmio.QUEUE_DEVICE_LOW, 0xfffffff0L);
        d.w(VirtioMmio.QUEUE_DEVICE_HIGH, 0xffffffffL);
        d.w(VirtioMmio.QUEUE_READY, 1);
        header(VirtioBlk.T_IN, 0);
        d.desc(0, HDR, 16, NEXT, 1);
        d.desc(1, STATUS, 1, WRITE, 0);
        d.submit(0);
        assertBroken("used ring outside RAM", "outside guest RAM");
    }

    @Test
    void chainsTooLong() {
        // a direct chain cannot be longer than the queue: 16 distinct descriptors + 1 revisits one
        malformed("direct chain longer than the queue", "loops", () -> {
            for (int i = 0; i < 16; i++) d.desc(i, DATA + 16 * i, 16, NEXT, (i + 1) % 16);
            d.submit(0);
        });
        // an indirect table of more than 1024 descriptors
        malformed("huge indirect table", "at most 1024", () -> {
            d.desc(0, TestDriver.INDIRECT, 16 * 1025, INDIRECT, 0);
            d.submit(0);
        });
        malformed("indirect table with a length of 4 GiB", "at most 1024", () -> {
            d.desc(0, TestDriver.INDIRECT, 0xfffffff0L, INDIRECT, 0);
            d.submit(0);
        });
    }

    @Test
    void badIndexesAndOrders() {
        malformed("head beyond the queue", "beyond the queue size", () -> d.submit(16));
        malformed("next beyond the queue", "beyond the queue size", () -> {
            d.desc(0, HDR, 16, NEXT, 16);
            d.submit(0);
        });
        malformed("avail.idx jumps", "more than the queue size", () -> {
            d.ram.write(TestDriver.AVAIL + 2, 2, 17);
            d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        });
        malformed("readable after writable", "after a device-writable", () -> {
            d.desc(0, STATUS, 1, NEXT | WRITE, 1);
            d.desc(1, HDR, 16, 0, 0);
            d.submit(0);
        });
        malformed("zero-length buffer", "zero-length", () -> {
            d.desc(0, HDR, 16, NEXT, 1);
            d.desc(1, DATA, 0, NEXT | WRITE, 2);
            d.desc(2, STATUS, 1, WRITE, 0);
            d.submit(0);
        });
    }

    @Test
    void badIndirectTables() {
        malformed("nested indirect", "inside an indirect table", () -> {
            d.desc(TestDriver.INDIRECT, 0, TestDriver.INDIRECT, 32, INDIRECT, 0);
            d.desc(0, TestDriver.INDIRECT, 32, INDIRECT, 0);
            d.submit(0);
        });
        malformed("indirect size not a multiple of 16", "multiple of 16", () -> {
            d.desc(0, TestDriver.INDIRECT, 40, INDIRECT, 0);
            d.submit(0);
        });
        malformed("indirect not at the head", "not the head", () -> {
            d.desc(0, HDR, 16, NEXT, 1);
            d.desc(1, TestDriver.INDIRECT, 32, INDIRECT, 0);
            d.submit(0);
        });
        malformed("indirect next beyond the table", "beyond the indirect table", () -> {
            d.desc(TestDriver.INDIRECT, 0, HDR, 16, NEXT, 5);
            d.desc(0, TestDriver.INDIRECT, 32, INDIRECT, 0);
            d.submit(0);
        });
        // without negotiating VIRTIO_RING_F_INDIRECT_DESC
        d.init(VERSION_1);
        d.desc(0, TestDriver.INDIRECT, 48, INDIRECT, 0);
        d.submit(0);
        assertBroken("indirect not negotiated", "INDIRECT_DESC negotiated");
    }

    @Test
    void requestsWithoutHeadersOrStatus() {
        malformed("short header", "16-byte header", () -> {
            d.desc(0, HDR, 8, NEXT, 1);
            d.desc(1, STATUS, 1, WRITE, 0);
            d.submit(0);
        });
        malformed("no status byte", "status byte", () -> {
            d.desc(0, HDR, 16, 0, 0);
            d.submit(0);
        });
    }

    @Test
    void requestsBeforeTheErrorAreCompleted() {
        d.init(VERSION_1);
        header(VirtioBlk.T_IN, 0);
        d.desc(0, HDR, 16, NEXT, 1);
        d.desc(1, STATUS, 1, WRITE, 0);
        d.makeAvailable(0);
        d.desc(2, HDR, 16, NEXT, 2); // loops
        d.makeAvailable(2);
        d.w(VirtioMmio.QUEUE_NOTIFY, 0);
        assertEquals(1, d.usedIdx());
        assertTrue(d.t.broken());
        assertEquals(VirtioMmio.INT_USED_BUFFER | VirtioMmio.INT_CONFIG_CHANGE, d.r(VirtioMmio.INTERRUPT_STATUS));
    }

    @Test
    void randomGarbageNeverThrows() throws IOException {
        Random rnd = new Random(42);
        for (int iter = 0; iter < 3000; iter++) {
            d.errors.clear();
            d.qsize = 1 + rnd.nextInt(16);
            d.init(VERSION_1 | (rnd.nextBoolean() ? 1L << VirtioMmio.F_RING_INDIRECT_DESC : 0)
                    | (rnd.nextBoolean() ? 1L << VirtioMmio.F_RING_EVENT_IDX : 0));
            // random descriptors pointing around RAM (mostly near the buffers, sometimes anywhere)
            for (long a = TestDriver.INDIRECT; a < TestDriver.INDIRECT + 0x400; a += 8) d.ram.write(a, 8, rnd.nextLong());
            for (int i = 0; i < d.qsize; i++) {
                long addr = rnd.nextInt(4) == 0 ? rnd.nextLong() : TestDriver.BUF + rnd.nextInt(0x8000);
                long len = rnd.nextInt(4) == 0 ? rnd.nextLong() & 0xffffffffL : rnd.nextInt(2048);
                int flags = rnd.nextInt(8);
                if ((flags & INDIRECT) != 0 && rnd.nextBoolean()) addr = TestDriver.INDIRECT;
                d.desc(i, addr, len, flags, rnd.nextInt(d.qsize + 2));
            }
            for (long a = TestDriver.BUF; a < TestDriver.BUF + 0x100; a += 8) d.ram.write(a, 8, rnd.nextLong() & 0x0000_00ff_0000_000fL);
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) d.makeAvailable(rnd.nextInt(d.qsize + 1));
            if (rnd.nextInt(10) == 0) d.ram.write(TestDriver.AVAIL + 2, 2, rnd.nextInt(65536));
            d.w(VirtioMmio.QUEUE_NOTIFY, 0);
            for (String e : d.errors) assertFalse(e.contains("internal error"), e);
        }
        assertFalse(d.t.lastError() != null && d.t.lastError().contains("internal error"));
    }

    @Test
    void imageLocking() throws IOException {
        IOException e = assertThrows(IOException.class, () -> BlockBackend.open(img, false));
        assertTrue(e.getMessage().contains("lock"), e.getMessage());
        disk.close();
        try (BlockBackend again = BlockBackend.open(img, false)) {
            assertEquals(SECTORS, again.sectors());
        }
        disk = BlockBackend.open(img, true);
    }
}
