package org.armach.core.load;

/**
 * Guest physical memory as loaders see it: RAM and ROM (flash) windows that images may be
 * placed in. Implementations throw {@link ImageFormatException} when the range is not
 * loadable or overlaps an image loaded before (as QEMU's ROM blob overlap check does).
 */
public interface LoadTarget {
    /** Copies {@code len} bytes of {@code data} from {@code off} to guest physical {@code pa}; {@code what} names the image in messages. */
    void load(String what, long pa, byte[] data, int off, int len);

    /** Zero-fills {@code len} bytes at {@code pa} (ELF .bss); default writes zeros through {@link #load}. */
    default void zero(String what, long pa, long len) {
        byte[] z = new byte[(int) Math.min(len, 1 << 16)];
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(z.length, len - done);
            load(what, pa + done, z, 0, n);
            done += n;
        }
    }
}
