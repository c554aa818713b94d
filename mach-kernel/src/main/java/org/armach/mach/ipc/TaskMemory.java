package org.armach.mach.ipc;

/**
 * The user memory of one task as the IPC layer sees it. The VM layer implements it over
 * the task's page tables (copy-on-write copies); {@link ArrayTaskMemory} is an eager-copy
 * implementation for tests and Java-side tasks. No method throws on a bad guest address.
 */
public interface TaskMemory {
    /** Reads {@code len} bytes at {@code addr}; false if any byte is not readable. */
    boolean read(long addr, byte[] dst, int off, int len);

    /** Writes {@code len} bytes at {@code addr}; false if any byte is not writable. */
    boolean write(long addr, byte[] src, int off, int len);

    /** {@code vm_map_copyin}: captures [addr, addr+size); deallocates it if asked; null on failure. */
    VmCopy copyin(long addr, long size, boolean deallocate);

    /** {@code vm_map_copyout}: maps the copy anywhere, consuming it; -1 if there is no room. */
    long copyout(VmCopy copy);

    /**
     * Makes [addr, addr+len) accessible (for writing when {@code write}) without blocking. False
     * only when a page is still on its way (a pager provides it): the caller must not commit
     * anything and restarts its operation once the page is there ({@link #pagePending} is then
     * true). Memory that is simply invalid answers true; the access itself then fails.
     */
    default boolean ready(long addr, long len, boolean write) { return true; }

    /** Whether the last failed read, write or {@link #ready} stopped at a page on its way. */
    default boolean pagePending() { return false; }

    /**
     * How to wait for the page the last failed access stopped at (taken: the next call answers
     * for a later failure): the consumer runs its argument once the page is there (at once if
     * there is none).
     */
    default java.util.function.Consumer<Runnable> takePendingWait() { return Runnable::run; }

    /**
     * Before {@link #copyin} of [addr, addr+len): false when the copy must read pages that are
     * still on their way (memory whose pager asked for immediate copies, MEMORY_OBJECT_COPY_NONE);
     * as {@link #ready}, the caller commits nothing and restarts once the page is there.
     */
    default boolean copyinReady(long addr, long len) { return true; }

    /** {@code vm_allocate} anywhere; -1 if there is no room. */
    long allocate(long size);

    /**
     * {@code vm_deallocate}: a {@code KERN_*} code (KERN_SUCCESS = 0). An int, not a boolean,
     * so that {@code org.armach.mach.vm.VmSpace} can extend this interface with the same method.
     */
    int deallocate(long addr, long size);
}
