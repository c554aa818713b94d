package org.armach.mach.vm;

import org.armach.core.cpu.Cpu;
import org.armach.mach.ipc.TaskMemory;

/**
 * A task's address space as the rest of the kernel sees it: the machine-independent map
 * (entries, objects, copy-on-write) plus its pmap (real AArch64 translation tables in guest
 * RAM). All results are {@code KERN_*} codes; no method throws for a bad guest address.
 * Protections use the Mach bits VM_PROT_READ = 1, VM_PROT_WRITE = 2, VM_PROT_EXECUTE = 4.
 */
public interface VmSpace extends TaskMemory {
    int PROT_READ = 1, PROT_WRITE = 2, PROT_EXECUTE = 4;
    int INHERIT_SHARE = 0, INHERIT_COPY = 1, INHERIT_NONE = 2;
    int ACCESS_READ = 1, ACCESS_WRITE = 2, ACCESS_EXECUTE = 4;

    /** vm_allocate: addrInOut[0] is the hint (or the fixed address when !anywhere) and receives the address. */
    int allocate(long[] addrInOut, long size, boolean anywhere);

    // vm_deallocate is TaskMemory.deallocate (a KERN_* code).

    int protect(long addr, long size, boolean setMaximum, int prot);

    int inherit(long addr, long size, int inheritance);

    /** Resolves a user fault at {@code va} for {@code access}; KERN_SUCCESS, KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE. */
    int fault(long va, int access);

    /**
     * A write fault that only records the first modification of a pager page (mapped read-only
     * by a read fault to track dirtiness where GNU Mach maps the entry's protection): resolved
     * here without any message to the pager; the caller counts no fault (task_events_info,
     * vm_statistics) since GNU Mach takes none. False: handle it with {@link #fault}.
     */
    default boolean dirtyFault(long va, int access) { return false; }

    /** {@link #fault} result: the page must come from a pager; the thread waits for the request and retries. */
    int FAULT_WAIT = -1;

    /**
     * As {@link #fault}; may also answer {@link #FAULT_WAIT} with the outstanding data request in
     * {@code wait[0]} (the faulting thread blocks until it completes, then re-executes), or
     * KERN_MEMORY_ERROR when the pager declared the page in error or the object was terminated.
     */
    default int fault(long va, int access, PageRequest[] wait) { return fault(va, access); }

    /** A new space inheriting this one's entries per their inheritance (task_create with inherit_memory). */
    VmSpace fork();

    /** Makes this space current on the CPU (TTBR0_EL1 with its ASID, TLB maintenance as needed). */
    void activate(Cpu cpu);

    /** Releases everything (task termination). */
    void destroy();

    /** The kernel's page size in bytes (4K, 16K or 64K). */
    long pageSize();

    // ---- additive: the rest of the vm_* routines (defaults answer KERN_INVALID_ARGUMENT) -------

    int PROT_NONE = 0, PROT_DEFAULT = 3, PROT_ALL = 7;

    /** vm_read: a copy-on-write capture of [addr, addr+size) in {@code out[0]}. */
    default int read(long addr, long size, org.armach.mach.ipc.VmCopy[] out) { return 4; }

    /** vm_write: overwrites [addr, addr+data.size()) with the copy (page-aligned, whole pages), consuming it. */
    default int write(long addr, org.armach.mach.ipc.VmCopy data) { return 4; }

    /** vm_copy: copies [src, src+size) over [dst, dst+size). */
    default int copy(long src, long size, long dst) { return 4; }

    /** vm_region: the entry containing {@code addr} or the next one; null for KERN_NO_SPACE. */
    default Region region(long addr) { return null; }

    /** Introspection: every map entry in address order (empty for spaces that keep no map). */
    default java.util.List<VmRegionInfo> regions() { return java.util.List.of(); }

    /** vm_statistics: the 13 integers of vm_statistics_data_t (pagesize first). */
    default int[] statistics() { return new int[13]; }

    /**
     * vm_map: {@code memoryObject} null maps anonymous memory; a {@link KernelPager} maps its
     * frames; any other object is an external memory-object port (its pager gets
     * memory_object_init on the first mapping). {@code copy} maps a delayed copy of the object.
     */
    default int map(long[] addrInOut, long size, long mask, boolean anywhere, Object memoryObject, long offset,
            boolean copy, int curProt, int maxProt, int inheritance) { return 4; }

    /** The request a failed kernel-side access stopped at (taken: later calls answer null). */
    default PageRequest takePendingPage() { return null; }

    /**
     * vm_map(copy = TRUE): the request completing at memory_object_ready of the external object
     * {@code memoryObject} (which stays referenced until then), or null if it is ready.
     */
    default PageRequest awaitReady(Object memoryObject) { return null; }

    /**
     * vm_map(copy = TRUE) of an external object whose pager asked for immediate copies
     * (MEMORY_OBJECT_COPY_NONE): the request of the first page of [offset, offset+size) not there
     * yet (asked for now), or null when the copy can be made at once.
     */
    default PageRequest awaitCopySource(Object memoryObject, long offset, long size) { return null; }

    /** vm_wire (host_priv): wires for {@code access} (!= 0) or unwires (0). */
    default int wire(long addr, long size, int access) { return 4; }

    /** vm_machine_attribute: {@code valueInOut[0]} in and out. */
    default int machineAttribute(long addr, long size, int attribute, int[] valueInOut) { return 4; }
}
