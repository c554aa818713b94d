package org.armach.core.mem;

/**
 * A device register window mapped on the physical bus. Offsets are relative to the
 * start of the window; sizes are 1, 2, 4 or 8 bytes. A device that does not accept
 * an access returns {@code false} from {@link #accepts(long, int, boolean)}, which the
 * bus turns into an external abort for the accessing CPU.
 */
public interface MmioDevice {
    long read(long offset, int size);

    void write(long offset, int size, long value);

    /** Whether an access of this size at this offset is legal (default: any naturally aligned one). */
    default boolean accepts(long offset, int size, boolean write) {
        return (offset & (size - 1)) == 0;
    }

    default String name() {
        return getClass().getSimpleName();
    }
}
