package org.armach.mach.device.virtio;

/** Physical frames for driver memory (rings, request headers, DMA buffers). */
public interface FrameSource {
    /** A zero-filled frame, or -1 when memory is exhausted. */
    long alloc();

    void free(long pa);

    long frameSize();
}
