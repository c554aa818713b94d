package org.armach.mig;

/** A message that MIG rules reject; {@link #code()} is the MIG return code to report. */
public class MigException extends RuntimeException {
    private final int code;

    public MigException(int code, String message) {
        super(message + " (" + code + ")");
        this.code = code;
    }

    public int code() { return code; }
}
