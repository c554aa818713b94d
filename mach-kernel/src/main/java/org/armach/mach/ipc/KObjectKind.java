package org.armach.mach.ipc;

/** Kinds of kernel objects a port can be bound to ({@code IKOT_*}). */
public enum KObjectKind {
    TASK, THREAD, HOST, HOST_PRIV, PROCESSOR, PSET, PSET_NAME, DEVICE, MASTER_DEVICE,
    PAGER, PAGER_REQUEST, PAGER_NAME, CLOCK, OTHER
}
