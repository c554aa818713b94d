package org.armach.mach.ipc;

/** An out-of-line memory region in transit ({@code vm_map_copy_t}); opaque to IPC. */
public interface VmCopy {
    long size();

    /** The contents, for kernel-side consumers (Java servers). */
    byte[] bytes();

    /** Releases the region without mapping it anywhere. */
    void discard();
}
