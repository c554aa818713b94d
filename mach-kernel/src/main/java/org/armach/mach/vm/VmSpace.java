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

    // vm_deallocate is TaskMemory.deallocate (true = KERN_SUCCESS).

    int protect(long addr, long size, boolean setMaximum, int prot);

    int inherit(long addr, long size, int inheritance);

    /** Resolves a user fault at {@code va} for {@code access}; KERN_SUCCESS, KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE. */
    int fault(long va, int access);

    /** A new space inheriting this one's entries per their inheritance (task_create with inherit_memory). */
    VmSpace fork();

    /** Makes this space current on the CPU (TTBR0_EL1 with its ASID, TLB maintenance as needed). */
    void activate(Cpu cpu);

    /** Releases everything (task termination). */
    void destroy();

    /** The kernel's page size in bytes (4K, 16K or 64K). */
    long pageSize();
}
