package org.armach.core.dev.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Register semantics of the virtio-mmio version 2 transport (with a virtio-blk device behind it). */
class VirtioMmioTest {
    @TempDir
    Path dir;
    BlockBackend disk;
    TestDriver d;

    @BeforeEach
    void setUp() throws IOException {
        Path img = dir.resolve("d.img");
        Files.write(img, new byte[64 * 512 + 100]); // not a whole number of sectors: capacity rounds up
        disk = BlockBackend.open(img, false);
        d = new TestDriver(m -> new VirtioBlk(disk, "sn", m));
    }

    @AfterEach
    void tearDown() throws IOException {
        disk.close();
    }

    @Test
    void identification() {
        assertEquals(0x74726976, d.r(VirtioMmio.MAGIC_VALUE));
        assertEquals(2, d.r(VirtioMmio.VERSION));
        assertEquals(2, d.r(VirtioMmio.DEVICE_ID));
        assertEquals(0x554d4551, d.r(VirtioMmio.VENDOR_ID));
        assertEquals(0, d.r(VirtioMmio.CONFIG_GENERATION));
        assertEquals(-1, d.r(VirtioMmio.SHM_LEN_LOW));
        assertEquals(-1, d.r(VirtioMmio.SHM_LEN_HIGH));
    }

    @Test
    void emptySlotAsQemu() {
        TestDriver e = new TestDriver(null);
        assertEquals(0x74726976, e.r(VirtioMmio.MAGIC_VALUE));
        assertEquals(2, e.r(VirtioMmio.VERSION));
        assertEquals(0x554d4551, e.r(VirtioMmio.VENDOR_ID));
        assertEquals(0, e.r(VirtioMmio.DEVICE_ID));
        assertEquals(0, e.r(VirtioMmio.DEVICE_FEATURES));
        assertEquals(0, e.r(VirtioMmio.QUEUE_NUM_MAX));
        e.w(VirtioMmio.STATUS, 1);
        e.w(VirtioMmio.QUEUE_NOTIFY, 0);
        assertEquals(0, e.r(VirtioMmio.STATUS));
        assertEquals(0, e.r(VirtioMmio.CONFIG));
        assertFalse(e.irq[0]);
    }

    @Test
    void featureWordsThroughSelectors() {
        d.w(VirtioMmio.DEVICE_FEATURES_SEL, 0);
        int lo = d.r(VirtioMmio.DEVICE_FEATURES);
        d.w(VirtioMmio.DEVICE_FEATURES_SEL, 1);
        int hi = d.r(VirtioMmio.DEVICE_FEATURES);
        d.w(VirtioMmio.DEVICE_FEATURES_SEL, 2);
        assertEquals(0, d.r(VirtioMmio.DEVICE_FEATURES));
        assertEquals(1, hi, "VIRTIO_F_VERSION_1 only in the high word");
        int expect = (1 << VirtioBlk.F_SEG_MAX) | (1 << VirtioBlk.F_BLK_SIZE) | (1 << VirtioBlk.F_FLUSH)
                | (1 << VirtioMmio.F_RING_INDIRECT_DESC) | (1 << VirtioMmio.F_RING_EVENT_IDX);
        assertEquals(expect, lo);
    }

    @Test
    void readOnlyDriveOffersRo() throws IOException {
        Path img = dir.resolve("ro.img");
        Files.write(img, new byte[4096]);
        try (BlockBackend ro = BlockBackend.open(img, true)) {
            TestDriver r = new TestDriver(m -> new VirtioBlk(ro, null, m));
            r.w(VirtioMmio.DEVICE_FEATURES_SEL, 0);
            assertTrue((r.r(VirtioMmio.DEVICE_FEATURES) & (1 << VirtioBlk.F_RO)) != 0);
        }
    }

    void negotiate(long features) {
        d.w(VirtioMmio.STATUS, 0);
        d.w(VirtioMmio.STATUS, 3);
        d.w(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        d.w(VirtioMmio.DRIVER_FEATURES, features);
        d.w(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        d.w(VirtioMmio.DRIVER_FEATURES, features >>> 32);
        d.w(VirtioMmio.STATUS, 11);
    }

    @Test
    void featuresOkOnlyForAValidSubsetWithVersion1() {
        negotiate(1L << 32 | 1L << VirtioBlk.F_FLUSH);
        assertEquals(11, d.r(VirtioMmio.STATUS));
        assertEquals(1L << 32 | 1L << VirtioBlk.F_FLUSH, d.t.driverFeatures());
        negotiate(1L << VirtioBlk.F_FLUSH); // legacy driver: no VERSION_1
        assertEquals(3, d.r(VirtioMmio.STATUS));
        negotiate(1L << 32 | 1L << 63); // a feature that was not offered
        assertEquals(3, d.r(VirtioMmio.STATUS));
        negotiate(1L << 32 | 1L << VirtioBlk.F_RO); // RO is not offered on a writable drive
        assertEquals(3, d.r(VirtioMmio.STATUS));
        // after FEATURES_OK the feature words are frozen
        negotiate(1L << 32);
        d.w(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        d.w(VirtioMmio.DRIVER_FEATURES, 1 << VirtioBlk.F_FLUSH);
        assertEquals(1L << 32, d.t.driverFeatures());
    }

    @Test
    void queueRegisters() {
        d.w(VirtioMmio.QUEUE_SEL, 0);
        assertEquals(VirtioBlk.QUEUE_SIZE, d.r(VirtioMmio.QUEUE_NUM_MAX));
        assertEquals(0, d.r(VirtioMmio.QUEUE_READY));
        d.w(VirtioMmio.QUEUE_NUM, 128);
        d.w(VirtioMmio.QUEUE_DESC_LOW, 0x40001000);
        d.w(VirtioMmio.QUEUE_DESC_HIGH, 0x1);
        d.w(VirtioMmio.QUEUE_DRIVER_LOW, 0x40002000);
        d.w(VirtioMmio.QUEUE_DEVICE_LOW, 0x40003000);
        d.w(VirtioMmio.QUEUE_READY, 1);
        Virtqueue q = d.t.queue(0);
        assertEquals(128, q.size());
        assertEquals(0x1_4000_1000L, q.descAddr());
        assertEquals(0x4000_2000L, q.driverAddr());
        assertEquals(0x4000_3000L, q.deviceAddr());
        assertEquals(1, d.r(VirtioMmio.QUEUE_READY));
        // write-only registers read as zero
        assertEquals(0, d.r(VirtioMmio.QUEUE_NUM));
        assertEquals(0, d.r(VirtioMmio.QUEUE_DESC_LOW));
        assertEquals(0, d.r(VirtioMmio.QUEUE_SEL));
        // too large a size is ignored
        d.w(VirtioMmio.QUEUE_READY, 0);
        d.w(VirtioMmio.QUEUE_NUM, VirtioBlk.QUEUE_SIZE + 1);
        assertEquals(128, q.size());
        // a queue that does not exist
        d.w(VirtioMmio.QUEUE_SEL, 1);
        assertEquals(0, d.r(VirtioMmio.QUEUE_NUM_MAX));
        d.w(VirtioMmio.QUEUE_READY, 1);
        assertEquals(0, d.r(VirtioMmio.QUEUE_READY));
        d.w(VirtioMmio.QUEUE_NOTIFY, 1); // ignored
        d.w(VirtioMmio.QUEUE_NOTIFY, 0xffff);
        assertFalse(d.t.broken());
    }

    @Test
    void statusZeroResetsEverything() {
        d.init(1L << 32);
        d.t.fail("test");
        assertTrue(d.irq[0]);
        assertEquals(0x4f, d.r(VirtioMmio.STATUS));
        assertEquals(VirtioMmio.INT_CONFIG_CHANGE, d.r(VirtioMmio.INTERRUPT_STATUS));
        d.w(VirtioMmio.STATUS, 0);
        assertEquals(0, d.r(VirtioMmio.STATUS));
        assertEquals(0, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertFalse(d.irq[0]);
        assertFalse(d.t.broken());
        assertEquals(0, d.t.driverFeatures());
        assertFalse(d.t.queue(0).ready());
        assertEquals(VirtioBlk.QUEUE_SIZE, d.t.queue(0).size());
    }

    @Test
    void interruptAckClearsBitsAndLine() {
        d.init(1L << 32);
        d.t.configChanged();
        assertEquals(1, d.r(VirtioMmio.CONFIG_GENERATION));
        assertEquals(VirtioMmio.INT_CONFIG_CHANGE, d.r(VirtioMmio.INTERRUPT_STATUS));
        assertTrue(d.irq[0]);
        d.w(VirtioMmio.INTERRUPT_ACK, VirtioMmio.INT_USED_BUFFER);
        assertTrue(d.irq[0]);
        d.w(VirtioMmio.INTERRUPT_ACK, VirtioMmio.INT_CONFIG_CHANGE);
        assertFalse(d.irq[0]);
        assertEquals(0, d.r(VirtioMmio.INTERRUPT_STATUS));
    }

    @Test
    void configSpaceAccessSizes() {
        // capacity = 65 sectors (64.2 rounded up), seg_max 254, blk_size 512, num_queues 1
        assertEquals(65, d.t.read(VirtioMmio.CONFIG, 8));
        assertEquals(65, d.t.read(VirtioMmio.CONFIG, 4));
        assertEquals(0, d.t.read(VirtioMmio.CONFIG + 4, 4));
        assertEquals(65, d.t.read(VirtioMmio.CONFIG, 1));
        assertEquals(254, d.t.read(VirtioMmio.CONFIG + 0x0c, 4));
        assertEquals(512, d.t.read(VirtioMmio.CONFIG + 0x14, 4));
        assertEquals(2, d.t.read(VirtioMmio.CONFIG + 0x15, 1));
        assertEquals(512, d.t.read(VirtioMmio.CONFIG + 0x14, 2));
        assertEquals(1, d.t.read(VirtioMmio.CONFIG + 0x22, 2));
        // past the end of the config space: all ones, as QEMU
        assertEquals(0xffffffffL, d.t.read(VirtioMmio.CONFIG + VirtioBlk.CONFIG_SIZE, 4));
        assertEquals(0xffL, d.t.read(VirtioMmio.CONFIG + 0xff, 1));
        // read-only config: writes ignored
        d.t.write(VirtioMmio.CONFIG, 4, 0x1234);
        assertEquals(65, d.t.read(VirtioMmio.CONFIG, 4));
    }

    @Test
    void nonWordAccessesToRegistersAreIgnored() {
        assertEquals(0, d.t.read(VirtioMmio.MAGIC_VALUE, 2));
        assertEquals(0, d.t.read(VirtioMmio.MAGIC_VALUE, 1));
        d.t.write(VirtioMmio.STATUS, 1, 1);
        assertEquals(0, d.r(VirtioMmio.STATUS));
        assertTrue(d.t.accepts(VirtioMmio.CONFIG, 8, false));
        assertFalse(d.t.accepts(VirtioMmio.CONFIG + 2, 4, false));
    }
}
