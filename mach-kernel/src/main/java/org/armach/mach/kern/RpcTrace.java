package org.armach.mach.kern;

/** Observer of kernel RPCs and user mach_msg sends, named from the .defs (MIG model). */
@FunctionalInterface
public interface RpcTrace {
    /**
     * @param who     the calling thread (null for kernel-generated messages)
     * @param msgId   msgh_id
     * @param name    "subsystem.routine" from the .defs, or null if unknown
     * @param retCode the kernel server's RetCode, or Integer.MIN_VALUE for a user-to-user send
     */
    void message(KThread who, int msgId, String name, int retCode);
}
