package org.armach.mach.kern;

/** kern_return_t values the IPC layer's {@code KernReturn} does not define. */
public final class KernCodes {
    private KernCodes() {}

    public static final int KERN_INVALID_HOST = 22, KERN_TIMEDOUT = 27, KERN_INTERRUPTED = 28;
}
