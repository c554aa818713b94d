package org.armach.core.cpu;

/**
 * Thrown inside the execution loop when an instruction takes a synchronous exception
 * (abort, UNDEFINED, SVC, ...). The architectural details are recorded in the CPU before
 * the throw; the single shared instance carries no stack trace, so raising one costs
 * little. It never leaves {@link Cpu#run(long)}.
 */
public final class GuestException extends RuntimeException {
    public static final GuestException INSTANCE = new GuestException();

    private GuestException() {
        super("guest exception", null, false, false);
    }
}
