package org.armach.core.load;

/**
 * A kernel, initrd, module or device-tree image that cannot be loaded: malformed, of an
 * unsupported kind, or not fitting the machine. The message is one line meant for users.
 */
public class ImageFormatException extends IllegalArgumentException {
    public ImageFormatException(String message) {
        super(message);
    }
}
