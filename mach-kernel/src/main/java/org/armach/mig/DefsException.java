package org.armach.mig;

/** A syntax or semantic error in a {@code .defs} file. */
public class DefsException extends RuntimeException {
    public DefsException(String message) { super(message); }
}
