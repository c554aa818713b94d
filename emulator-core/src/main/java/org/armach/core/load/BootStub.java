package org.armach.core.load;

/**
 * The AArch64 boot stub QEMU writes at the bottom of RAM for Linux-style kernels (Image
 * and raw binaries): it loads x0 with the DTB address, zeroes x1..x3 and branches to the
 * kernel through x4, so a kernel starts exactly as under QEMU (the PC sits at RAM base
 * for six instructions before reaching the kernel).
 */
public final class BootStub {
    private BootStub() {}

    /** Stub words: ldr x0, dtb; mov x1..x3, xzr; ldr x4, entry; br x4; dtb (2 words); entry (2 words). */
    public static int[] aarch64(long dtb, long entry) {
        return new int[] {
            0x580000c0, // ldr x0, #24 (arg)
            0xaa1f03e1, // mov x1, xzr
            0xaa1f03e2, // mov x2, xzr
            0xaa1f03e3, // mov x3, xzr
            0x58000084, // ldr x4, #16 (entry)
            0xd61f0080, // br x4
            (int) dtb, (int) (dtb >>> 32),
            (int) entry, (int) (entry >>> 32),
        };
    }

    public static byte[] aarch64Bytes(long dtb, long entry) {
        int[] w = aarch64(dtb, entry);
        byte[] b = new byte[w.length * 4];
        for (int i = 0; i < w.length; i++) {
            b[4 * i] = (byte) w[i];
            b[4 * i + 1] = (byte) (w[i] >>> 8);
            b[4 * i + 2] = (byte) (w[i] >>> 16);
            b[4 * i + 3] = (byte) (w[i] >>> 24);
        }
        return b;
    }
}
