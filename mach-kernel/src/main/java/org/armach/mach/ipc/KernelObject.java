package org.armach.mach.ipc;

/** Something the kernel implements behind a port (task, thread, host, device...). */
public interface KernelObject {
    KObjectKind kind();

    /** The kernel entity (task, thread...) that owns the object; by default itself. */
    default Object owner() {
        return this;
    }
}
