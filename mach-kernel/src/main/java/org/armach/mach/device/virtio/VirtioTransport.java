package org.armach.mach.device.virtio;

import org.armach.core.mem.Bus;
import org.armach.mach.kern.MmioRegs;

/**
 * Driver side of one virtio-mmio transport (virtio 1.x, 4.2.2, version 2 registers): probe,
 * reset, feature negotiation, queue setup, notification and interrupt acknowledgement, all
 * through the transport's MMIO registers.
 */
public final class VirtioTransport {
    static final int MAGIC_VALUE = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, DEVICE_FEATURES = 0x010,
            DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030,
            QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050,
            INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070, QUEUE_DESC = 0x080,
            QUEUE_DRIVER = 0x090, QUEUE_DEVICE = 0x0a0, CONFIG = 0x100;
    static final int MAGIC = 0x74726976;
    static final int S_ACKNOWLEDGE = 1, S_DRIVER = 2, S_DRIVER_OK = 4, S_FEATURES_OK = 8, S_FAILED = 0x80;
    public static final long F_VERSION_1 = 1L << 32;

    private final MmioRegs regs;
    public final long base;

    public VirtioTransport(Bus bus, long base) {
        this.regs = new MmioRegs(bus, base);
        this.base = base;
    }

    /** The virtio device ID behind a transport (0: empty slot or not a version-2 virtio-mmio window). */
    public static int probe(Bus bus, long base) {
        Bus.Region r = bus.findRegion(base);
        if (r == null || r.device == null) return 0;
        MmioRegs m = new MmioRegs(bus, base);
        if (m.read(MAGIC_VALUE) != MAGIC || m.read(VERSION) != 2) return 0;
        return m.read(DEVICE_ID);
    }

    /**
     * Resets the device and negotiates features: accepts the offered ones among {@code wanted}
     * plus VERSION_1. Returns the accepted set, or -1 when the device refuses FEATURES_OK.
     */
    public long negotiate(long wanted) {
        regs.write(STATUS, 0);
        regs.write(STATUS, S_ACKNOWLEDGE);
        regs.write(STATUS, S_ACKNOWLEDGE | S_DRIVER);
        long offered = 0;
        for (int sel = 0; sel < 2; sel++) {
            regs.write(DEVICE_FEATURES_SEL, sel);
            offered |= (regs.read(DEVICE_FEATURES) & 0xffffffffL) << (32 * sel);
        }
        if ((offered & F_VERSION_1) == 0) return fail();
        long accept = offered & (wanted | F_VERSION_1);
        for (int sel = 0; sel < 2; sel++) {
            regs.write(DRIVER_FEATURES_SEL, sel);
            regs.write(DRIVER_FEATURES, (int) (accept >>> (32 * sel)));
        }
        regs.write(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
        if ((regs.read(STATUS) & S_FEATURES_OK) == 0) return fail();
        return accept;
    }

    private long fail() {
        regs.write(STATUS, regs.read(STATUS) | S_FAILED);
        return -1;
    }

    /** The largest size queue {@code q} supports (0: no such queue). */
    public int queueMax(int q) {
        regs.write(QUEUE_SEL, q);
        return regs.read(QUEUE_NUM_MAX);
    }

    /** Gives queue {@code q} its rings and enables it. */
    public void setupQueue(int q, SplitRing ring) {
        regs.write(QUEUE_SEL, q);
        regs.write(QUEUE_NUM, ring.size);
        regs.write64(QUEUE_DESC, ring.descAddr());
        regs.write64(QUEUE_DRIVER, ring.availAddr());
        regs.write64(QUEUE_DEVICE, ring.usedAddr());
        regs.write(QUEUE_READY, 1);
    }

    public void driverOk() {
        regs.write(STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    }

    public void notifyQueue(int q) {
        regs.write(QUEUE_NOTIFY, q);
    }

    /** Reads and acknowledges InterruptStatus; returns the bits that were set. */
    public int acknowledgeInterrupt() {
        int isr = regs.read(INTERRUPT_STATUS);
        if (isr != 0) regs.write(INTERRUPT_ACK, isr);
        return isr;
    }

    public int config32(int off) {
        return regs.read(CONFIG + off);
    }

    public long config64(int off) {
        return (config32(off) & 0xffffffffL) | (long) config32(off + 4) << 32;
    }
}
