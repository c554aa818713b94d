package org.armach.core.dev.virtio;

import java.util.function.Consumer;

import org.armach.core.dev.IrqLine;
import org.armach.core.mem.MmioDevice;

/**
 * The virtio-mmio transport, version 2 (virtio 1.x, 4.2.2), as QEMU's {@code virtio-mmio} with
 * {@code force-legacy=off}: magic "virt", version 2, vendor 0x554D4551 ("QEMU"), 64-bit feature
 * words through selectors, per-queue size/ready/descriptor/driver/device addresses, queue notify,
 * interrupt status/acknowledge (bit 0 used buffer, bit 1 configuration change), status with
 * reset on 0, configuration generation, and the device's configuration space at 0x100.
 *
 * <p>As QEMU: a slot without a device reads magic, version and vendor and 0 everywhere else
 * (device ID 0 makes Linux skip it) and ignores writes; registers other than the configuration
 * space want 32-bit accesses (other sizes read 0 and are ignored), configuration space takes 8-,
 * 16-, 32- and 64-bit accesses and reads all-ones past its end; write-only registers read 0.
 *
 * <p>Feature negotiation: FEATURES_OK is refused (not set in the status) when the driver
 * accepts bits the device does not offer or does not accept VIRTIO_F_VERSION_1. Requests are
 * processed synchronously when the driver writes QueueNotify. A protocol violation
 * ({@link VirtioException}) puts the device in DEVICE_NEEDS_RESET: it stops processing until
 * reset and raises a configuration-change interrupt (QEMU's virtio_error); the message goes to
 * the error listener. The interrupt output is a level: InterruptStatus != 0.
 */
public final class VirtioMmio implements MmioDevice {
    public static final int MAGIC_VALUE = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c,
            DEVICE_FEATURES = 0x010, DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024,
            QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050,
            INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064, STATUS = 0x070,
            QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090, QUEUE_DRIVER_HIGH = 0x094,
            QUEUE_DEVICE_LOW = 0x0a0, QUEUE_DEVICE_HIGH = 0x0a4, SHM_SEL = 0x0ac, SHM_LEN_LOW = 0x0b0, SHM_LEN_HIGH = 0x0b4,
            SHM_BASE_LOW = 0x0b8, SHM_BASE_HIGH = 0x0bc, CONFIG_GENERATION = 0x0fc, CONFIG = 0x100;
    public static final int MAGIC = 0x74726976, VERSION_2 = 2, VENDOR_QEMU = 0x554d4551;
    /** Size of one transport window on the virt board. */
    public static final int WINDOW_SIZE = 0x200;

    public static final int STATUS_ACKNOWLEDGE = 1, STATUS_DRIVER = 2, STATUS_DRIVER_OK = 4, STATUS_FEATURES_OK = 8,
            STATUS_DEVICE_NEEDS_RESET = 0x40, STATUS_FAILED = 0x80;
    public static final int INT_USED_BUFFER = 1, INT_CONFIG_CHANGE = 2;

    public static final int F_RING_INDIRECT_DESC = 28, F_RING_EVENT_IDX = 29, F_VERSION_1 = 32;
    /** Transport/ring features offered with every device. */
    public static final long TRANSPORT_FEATURES = (1L << F_VERSION_1) | (1L << F_RING_INDIRECT_DESC) | (1L << F_RING_EVENT_IDX);

    private final VirtioDevice dev;
    private final IrqLine irq;
    private final Virtqueue[] queues;
    private Consumer<String> errorListener = m -> {};

    private int status, deviceFeaturesSel, driverFeaturesSel, queueSel, isr, configGeneration;
    private long driverFeatures;
    private boolean broken, irqOut;
    private String lastError;

    /**
     * @param dev the device, or null for an empty slot
     * @param mem guest RAM for the device's DMA
     */
    public VirtioMmio(VirtioDevice dev, GuestMemory mem, IrqLine irq) {
        this.dev = dev;
        this.irq = irq == null ? IrqLine.NONE : irq;
        int n = dev == null ? 0 : dev.queueCount();
        queues = new Virtqueue[n];
        for (int i = 0; i < n; i++) queues[i] = new Virtqueue(i, dev.queueMaxSize(i), mem);
    }

    /** Receives one-line descriptions of driver protocol violations. */
    public void setErrorListener(Consumer<String> l) { errorListener = l == null ? m -> {} : l; }

    public VirtioDevice device() { return dev; }

    public Virtqueue queue(int q) { return queues[q]; }

    public int status() { return status; }

    public int interruptStatus() { return isr; }

    public long driverFeatures() { return driverFeatures; }

    /** Features the device offers (device bits plus the transport's). */
    public long offeredFeatures() { return dev == null ? 0 : dev.deviceFeatures() | TRANSPORT_FEATURES; }

    /** True after a protocol violation, until the driver resets the device. */
    public boolean broken() { return broken; }

    /** The last protocol violation, or null. */
    public String lastError() { return lastError; }

    public boolean irqLevel() { return irqOut; }

    private void resetDevice() {
        status = deviceFeaturesSel = driverFeaturesSel = queueSel = isr = 0;
        driverFeatures = 0;
        broken = false;
        for (Virtqueue q : queues) q.reset();
        dev.reset();
        updateIrq();
    }

    private void updateIrq() {
        boolean level = isr != 0;
        if (level != irqOut) {
            irqOut = level;
            irq.set(level);
        }
    }

    /** Raises the used-buffer interrupt if the driver wants one for buffers used since {@code oldUsed}. */
    public void usedBuffersAdded(Virtqueue q, int oldUsed) {
        try {
            if (q.needsInterrupt(oldUsed)) {
                isr |= INT_USED_BUFFER;
                updateIrq();
            }
        } catch (VirtioException e) {
            fail(e.getMessage());
        }
    }

    /** The driver broke the protocol: DEVICE_NEEDS_RESET, stop processing, configuration-change interrupt. */
    public void fail(String message) {
        lastError = message;
        errorListener.accept(message);
        broken = true;
        status |= STATUS_DEVICE_NEEDS_RESET;
        if ((status & STATUS_DRIVER_OK) != 0) isr |= INT_CONFIG_CHANGE;
        updateIrq();
    }

    /** The device changed its configuration space (e.g. capacity): bump the generation, notify. */
    public void configChanged() {
        configGeneration++;
        if ((status & STATUS_DRIVER_OK) != 0) {
            isr |= INT_CONFIG_CHANGE;
            updateIrq();
        }
    }

    private void notifyQueue(int q) {
        if (broken || q < 0 || q >= queues.length) return;
        Virtqueue vq = queues[q];
        if (!vq.ready()) return;
        int oldUsed = vq.usedIndex();
        try {
            dev.process(this, vq);
            vq.publishAvailEvent();
        } catch (VirtioException e) {
            fail(dev.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // a device bug must not take the machine down; report it as a device failure
            fail(dev.name() + ": internal error: " + e);
        }
        usedBuffersAdded(vq, oldUsed);
    }

    @Override
    public boolean accepts(long offset, int size, boolean write) {
        return (offset & (size - 1)) == 0;
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (dev == null) {
            if (size != 4) return 0;
            switch (off) {
                case MAGIC_VALUE: return MAGIC;
                case VERSION: return VERSION_2;
                case VENDOR_ID: return VENDOR_QEMU;
                default: return 0;
            }
        }
        if (off >= CONFIG) return readConfig(off - CONFIG, size);
        if (size != 4) return 0;
        Virtqueue q = queueSel < queues.length ? queues[queueSel] : null;
        switch (off) {
            case MAGIC_VALUE: return MAGIC;
            case VERSION: return VERSION_2;
            case DEVICE_ID: return dev.deviceId();
            case VENDOR_ID: return VENDOR_QEMU;
            case DEVICE_FEATURES:
                if (deviceFeaturesSel > 1) return 0;
                return (offeredFeatures() >>> (32 * deviceFeaturesSel)) & 0xffffffffL;
            case QUEUE_NUM_MAX: return q == null ? 0 : q.maxSize;
            case QUEUE_READY: return q != null && q.ready() ? 1 : 0;
            case INTERRUPT_STATUS: return isr;
            case STATUS: return status;
            case CONFIG_GENERATION: return configGeneration & 0xffffffffL;
            case SHM_LEN_LOW: case SHM_LEN_HIGH: case SHM_BASE_LOW: case SHM_BASE_HIGH:
                return 0xffffffffL; // no shared memory regions
            default: return 0; // write-only or reserved
        }
    }

    private long readConfig(int off, int size) {
        if (off + size > dev.configSize()) return size == 8 ? -1L : (1L << (8 * size)) - 1;
        return dev.readConfig(off, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        if (dev == null) return;
        int off = (int) offset;
        if (off >= CONFIG) {
            if (off - CONFIG + size <= dev.configSize()) dev.writeConfig(off - CONFIG, size, value);
            return;
        }
        if (size != 4) return;
        int v = (int) value;
        Virtqueue q = queueSel < queues.length ? queues[queueSel] : null;
        switch (off) {
            case DEVICE_FEATURES_SEL: deviceFeaturesSel = v; break;
            case DRIVER_FEATURES:
                if (driverFeaturesSel <= 1 && (status & STATUS_FEATURES_OK) == 0) {
                    int sh = 32 * driverFeaturesSel;
                    driverFeatures = (driverFeatures & ~(0xffffffffL << sh)) | ((v & 0xffffffffL) << sh);
                    for (Virtqueue x : queues) {
                        x.indirect = (driverFeatures & (1L << F_RING_INDIRECT_DESC)) != 0;
                        x.eventIdx = (driverFeatures & (1L << F_RING_EVENT_IDX)) != 0;
                    }
                }
                break;
            case DRIVER_FEATURES_SEL: driverFeaturesSel = v; break;
            case QUEUE_SEL: queueSel = v; break;
            case QUEUE_NUM:
                if (q != null && !q.ready() && Integer.compareUnsigned(v, q.maxSize) <= 0) q.size = v;
                break;
            case QUEUE_READY:
                if (q != null) q.ready = (v & 1) != 0;
                break;
            case QUEUE_NOTIFY: notifyQueue(v & 0xffff); break;
            case INTERRUPT_ACK:
                isr &= ~v;
                updateIrq();
                break;
            case STATUS: writeStatus(v & 0xff); break;
            case QUEUE_DESC_LOW: if (q != null) q.desc = low(q.desc, v); break;
            case QUEUE_DESC_HIGH: if (q != null) q.desc = high(q.desc, v); break;
            case QUEUE_DRIVER_LOW: if (q != null) q.driver = low(q.driver, v); break;
            case QUEUE_DRIVER_HIGH: if (q != null) q.driver = high(q.driver, v); break;
            case QUEUE_DEVICE_LOW: if (q != null) q.device = low(q.device, v); break;
            case QUEUE_DEVICE_HIGH: if (q != null) q.device = high(q.device, v); break;
            default: break; // read-only, legacy (GuestPageSize, QueueAlign, QueuePFN) or reserved
        }
    }

    private static long low(long old, int v) { return (old & 0xffffffff00000000L) | (v & 0xffffffffL); }

    private static long high(long old, int v) { return (old & 0xffffffffL) | ((long) v << 32); }

    private void writeStatus(int v) {
        if (v == 0) {
            resetDevice();
            return;
        }
        if ((v & STATUS_FEATURES_OK) != 0 && (status & STATUS_FEATURES_OK) == 0) {
            boolean ok = (driverFeatures & ~offeredFeatures()) == 0 && (driverFeatures & (1L << F_VERSION_1)) != 0;
            if (!ok) v &= ~STATUS_FEATURES_OK;
        }
        status = v | (broken ? STATUS_DEVICE_NEEDS_RESET : 0);
    }

    @Override
    public String name() { return dev == null ? "virtio-mmio" : "virtio-mmio (" + dev.name() + ")"; }
}
