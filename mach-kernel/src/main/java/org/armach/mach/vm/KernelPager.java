package org.armach.mach.vm;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;

/**
 * A memory object served inside the kernel whose pages are fixed physical frames (GNU Mach's
 * device pager over a device's mmap function). Bind it to a port ({@code ipc.createKernelPort})
 * and hand out send rights: {@code vm_map} of such a port maps {@link #frameAt} directly, with no
 * memory_object messages. One VM object exists per KernelPager (shared by every mapping); its
 * frames belong to the pager and are never freed by the VM.
 */
public interface KernelPager extends KernelObject {
    /** Size of the object in bytes (a multiple of the page size). */
    long size();

    /**
     * The physical frame backing page-aligned byte {@code offset}, or -1 when there is none (the
     * fault becomes EXC_BAD_ACCESS / KERN_MEMORY_ERROR, as a pager's data_error would).
     */
    long frameAt(long offset);

    @Override
    default KObjectKind kind() { return KObjectKind.PAGER; }
}
