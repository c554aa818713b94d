package org.armach.mig;

/**
 * Bridge to the IPC layer. In a kernel-side message the 8-byte port slots and out-of-line pointer
 * slots hold whatever the IPC layer put there when it copied the message in (rights, memory
 * copies); the codec never interprets them and asks this interface instead.
 */
public interface SlotCodec {
    /** The object behind an inline port slot (header or body); {@code msgtName} is the received type. */
    Object decodePort(int msgtName, long slot);

    /** The slot value for a right sent with {@code disposition}; null objects are MACH_PORT_NULL. */
    long encodePort(Object right, int disposition);

    /** The object behind an out-of-line pointer slot of {@code number} elements. */
    Object decodeOutOfLine(MigType type, int msgtName, long pointer, int number, boolean dealloc);

    /** The pointer slot value for out-of-line data (an array, or an object from the IPC layer). */
    long encodeOutOfLine(MigType type, Object data, int number, boolean dealloc);
}
