package org.armach.mach.ipc;

/** An out-of-line memory region in transit ({@code vm_map_copy_t}); opaque to IPC. */
public interface VmCopy {
    long size();

    /** The contents, for kernel-side consumers (Java servers). */
    byte[] bytes();

    /** Releases the region without mapping it anywhere. */
    void discard();

    /**
     * For kernel-side consumers, before {@link #bytes()}: whether every page of the region can be
     * read now. If not, the missing pages were asked of their pagers and {@code onProgress} runs
     * when the first of them arrives (ask again then). A copy of pager memory reads absent pages
     * from the pager, never as zeros (GNU Mach's kernel consumers fault them in and wait).
     */
    default boolean ready(Runnable onProgress) { return true; }

    /** Whether a page of the region is in error (data_error, or its pager is gone): KERN_MEMORY_ERROR. */
    default boolean inError() { return false; }
}
