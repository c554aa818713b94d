package org.armach.core.dev.virtio;

/**
 * The driver broke the virtio protocol (malformed descriptor chain, ring outside RAM, request
 * without headers...). Never escapes to the CPU: the transport catches it, marks the device
 * DEVICE_NEEDS_RESET and raises a configuration-change interrupt, as QEMU's virtio_error does.
 */
public final class VirtioException extends Exception {
    private static final long serialVersionUID = 1L;

    public VirtioException(String message) {
        super(message, null, false, false);
    }
}
