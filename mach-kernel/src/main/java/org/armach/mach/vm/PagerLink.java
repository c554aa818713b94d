package org.armach.mach.vm;

import org.armach.mach.ipc.VmCopy;

/**
 * How the VM reaches external pagers (memory_object.defs, 2200): implemented by the kernel's
 * IPC side ({@code kern.PagerMessages}); unit tests record the calls. Every call is a simple
 * message that never blocks. Port arguments are opaque objects of the implementation.
 */
public interface PagerLink {
    /** Creates the control and name ports of {@code p} and sends memory_object_init. */
    void init(Pager p, long pageSize);

    /** memory_object_data_request(object, control, offset, length, desired_access). */
    void dataRequest(Pager p, long offset, long length, int desiredAccess);

    /** memory_object_data_unlock(object, control, offset, length, desired_access). */
    void dataUnlock(Pager p, long offset, long length, int desiredAccess);

    /** memory_object_data_return(object, control, offset, data, dirty, kernel_copy). */
    void dataReturn(Pager p, long offset, VmCopy data, boolean dirty, boolean kernelCopy);

    /** memory_object_lock_completed(reply_to, control, offset, length). */
    void lockCompleted(Object replyTo, Pager p, long offset, long length);

    /** memory_object_supply_completed(reply_to, control, offset, length, result, error_offset). */
    void supplyCompleted(Object replyTo, Pager p, long offset, long length, int result, long errorOffset);

    /** memory_object_change_completed(reply_to, may_cache, copy_strategy). */
    void changeCompleted(Object replyTo, boolean mayCache, int copyStrategy);

    /**
     * memory_object_terminate(object MOVE_SEND, control MOVE_RECEIVE, name MOVE_RECEIVE): the
     * control and name ports leave the kernel; the link drops its memory-object send right.
     */
    void terminate(Pager p);

    /** Releases an unused reply_to right (a call that does not answer). */
    default void dropReply(Object replyTo) { }

    /** A reply sent later by a kernel RPC handler that returned MIG_NO_REPLY. */
    interface Later {
        void reply(int retCode);
    }

    /**
     * Inside a kernel RPC handler: defers the reply of {@code call} (the handler then returns
     * MIG_NO_REPLY); null when replies cannot be deferred (the handler answers at once).
     */
    default Later defer(org.armach.mig.MigCall call) { return null; }

    // ---- the RPC layer's view of port arguments ----

    /**
     * vm_map's memory_object argument as the VM keys it: a {@link KernelPager} bound to the port,
     * else the port itself; null for MACH_PORT_NULL or a dead name (anonymous memory, as GNU Mach).
     */
    default Object memoryObjectOf(Object rpcArgument) { return rpcArgument; }

    /** Takes ownership of a reply_to right of a request (null for MACH_PORT_NULL). */
    default Object takeRight(Object rpcArgument) { return rpcArgument; }

    /** A new send right to the name port of {@code p} (vm_region's object_name). */
    default Object nameRight(Pager p) { return p.name; }
}
