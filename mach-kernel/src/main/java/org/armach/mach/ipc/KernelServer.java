package org.armach.mach.ipc;

/**
 * Handles a message sent to a port bound to a {@link KernelObject} (the Java MIG dispatcher).
 * The IPC layer has already consumed the destination right. The server owns the request:
 * its reply right ({@link KMsg#takeReply()}) and body rights/regions, which it keeps or
 * disposes of with {@link IpcKernel#destroy(KMsg)}. It returns the reply to queue now
 * (built with {@link KMsgBuilder}, destination = the request's reply right), or null when
 * there is no reply or it will be sent later with {@link IpcKernel#sendKernel(KMsg)}.
 */
@FunctionalInterface
public interface KernelServer {
    KMsg serve(KMsg request, KernelObject target);
}
