package org.armach.mig;

/** A Java implementation of one routine. */
@FunctionalInterface
public interface MigHandler {
    /**
     * Handles a call; returns the kern_return_t for RetCode. Return {@link MigErrors#MIG_NO_REPLY}
     * to answer later with {@link MigServer#reply(MigCall, int)}.
     */
    int handle(MigCall call);
}
