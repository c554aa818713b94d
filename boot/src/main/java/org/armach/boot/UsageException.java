package org.armach.boot;

/** A problem with the command line or the files it names: reported as one line, exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
