package org.armach.core.dev.virtio;

/**
 * The device half of a virtio device behind a {@link VirtioMmio} transport. The transport owns
 * the common state (status, feature negotiation, queues, interrupts); the device supplies its
 * ID, feature bits, configuration space and request processing. Everything runs on the
 * machine's thread.
 */
public interface VirtioDevice {
    /** Virtio device ID (2 = block). */
    int deviceId();

    /** Device-specific feature bits; the transport adds VERSION_1, INDIRECT_DESC and EVENT_IDX. */
    long deviceFeatures();

    int queueCount();

    /** Largest size of queue {@code q} (QueueNumMax). */
    int queueMaxSize(int q);

    /** Size of the configuration space in bytes. */
    int configSize();

    /** Reads {@code size} (1, 2, 4 or 8) bytes of configuration space, little-endian; in range. */
    long readConfig(int offset, int size);

    /** Writes configuration space (most fields are read-only: ignore). */
    void writeConfig(int offset, int size, long value);

    /** The driver reset the device (status 0). */
    void reset();

    /**
     * The driver notified queue {@code q}: process its available buffers (pop, handle, push). The
     * transport raises the used-buffer interrupt afterwards if the driver wants one. Throw
     * {@link VirtioException} for protocol violations.
     */
    void process(VirtioMmio transport, Virtqueue q) throws VirtioException;

    /** Short name for messages ("virtio-blk"). */
    String name();
}
