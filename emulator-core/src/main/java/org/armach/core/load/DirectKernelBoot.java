package org.armach.core.load;

/**
 * QEMU's direct kernel boot for AArch64 ({@code arm_setup_direct_kernel_boot} in
 * hw/arm/boot.c), reproduced: decides what the kernel file is, where it, the initrd and
 * the DTB go, and whether the CPU enters through the boot stub.
 *
 * <ul>
 * <li>ELF files are loaded at their physical addresses and entered directly at e_entry
 *     with all registers zero ("not Linux": no initrd is loaded). The DTB goes to the RAM
 *     base if the ELF image lies wholly above or below it (limited to the space below the
 *     image), else to physical 0 (flash), as QEMU does.</li>
 * <li>Everything else is a Linux-style kernel ({@link LinuxImageLoader}): started through
 *     the boot stub at RAM base. The initrd goes to RAM + min(RAM/2, 128 MiB), or above the
 *     kernel image if that is higher, page aligned; the DTB follows the initrd at the next
 *     2 MiB boundary. With 512 MiB: initrd at 0x4800_0000, DTB at 0x4820_0000.</li>
 * </ul>
 */
public final class DirectKernelBoot {
    private DirectKernelBoot() {}

    private static final long MIB = 1L << 20;
    private static final long PAGE = 4096;

    /** Where things went. */
    public static final class Layout {
        /** Whether the kernel is entered through the boot stub with x0 = DTB (Image and raw kernels). */
        public boolean isLinux;
        /** "elf", "image", "image.gz", "raw" or "raw.gz". */
        public String kind;
        public long entry;
        public long imageLow, imageHigh;
        public long kernelSize;
        public long initrdStart, initrdSize;
        /** Where the DTB goes and the address it must end before (0 = no limit). */
        public long dtbStart, dtbLimit;
        /** Whether the DTB is loaded at all (ELF kernels whose DTB does not fit below them get none). */
        public boolean loadDtb = true;
    }

    /**
     * Loads the kernel (and, for Linux-style kernels, the initrd) into {@code target} and
     * computes the layout. {@code initrd} may be null. {@code haveDtb} is false only when
     * the board has no device tree at all.
     */
    public static Layout load(byte[] kernel, String kernelName, byte[] initrd, String initrdName,
                              long ramBase, long ramSize, LoadTarget target) {
        Layout l = new Layout();
        long ramEnd = ramBase + ramSize;
        if (kernel.length == 0) throw new ImageFormatException("could not load kernel '" + kernelName + "': file is empty");
        if (isUImage(kernel)) throw new ImageFormatException("could not load kernel '" + kernelName + "': U-Boot uImage kernels are not supported (use the Image or an ELF file)");
        if (ElfLoader.isElf(kernel)) {
            ElfLoader.Elf e = ElfLoader.load(kernel, kernelName, target);
            l.kind = "elf";
            l.isLinux = false;
            l.entry = e.entry;
            l.imageLow = e.low();
            l.imageHigh = e.high();
            l.kernelSize = e.size();
            if (Long.compareUnsigned(l.imageLow, ramBase) > 0 || Long.compareUnsigned(l.imageHigh, ramBase) < 0) {
                l.dtbStart = ramBase;
                l.dtbLimit = Long.compareUnsigned(l.imageLow, ramBase) < 0 ? 0 : l.imageLow;
            } else {
                l.dtbStart = 0;
                l.dtbLimit = 0;
            }
        } else {
            LinuxImageLoader.Kernel k = LinuxImageLoader.parse(kernel, kernelName);
            l.kind = (k.hasHeader ? "image" : "raw") + (k.gzipped ? ".gz" : "");
            l.isLinux = true;
            l.entry = ramBase + k.loadOffset;
            l.kernelSize = k.size;
            l.imageLow = l.entry;
            l.imageHigh = l.entry + k.size;
            if (Long.compareUnsigned(k.data.length, ramSize) > 0 || Long.compareUnsigned(l.entry + k.data.length, ramEnd) > 0)
                throw new ImageFormatException(String.format("kernel '%s' does not fit in RAM (0x%x bytes at 0x%x, RAM ends at 0x%x)", kernelName, k.data.length, l.entry, ramEnd));
            target.load(kernelName, l.entry, k.data, 0, k.data.length);
        }
        if (Long.compareUnsigned(l.kernelSize, ramSize) > 0)
            throw new ImageFormatException(String.format("kernel '%s' is too large to fit in RAM (kernel size %d, RAM size %d)", kernelName, l.kernelSize, ramSize));

        long initrdStart = ramBase + Math.min(ramSize / 2, 128 * MIB);
        if (l.imageHigh != 0 && Long.compareUnsigned(l.imageHigh, initrdStart) > 0) initrdStart = l.imageHigh;
        initrdStart = (initrdStart + PAGE - 1) & -PAGE;
        l.initrdStart = initrdStart;

        if (l.isLinux) {
            if (initrd != null) {
                if (Long.compareUnsigned(initrdStart, ramEnd) >= 0) throw new ImageFormatException("not enough space after kernel to load initrd");
                if (initrd.length > ramEnd - initrdStart)
                    throw new ImageFormatException("could not load initrd '" + initrdName + "': too big to fit into RAM after the kernel");
                target.load(initrdName, initrdStart, initrd, 0, initrd.length);
                l.initrdSize = initrd.length;
            }
            l.dtbStart = (initrdStart + l.initrdSize + 2 * MIB - 1) & -(2 * MIB);
            if (Long.compareUnsigned(l.dtbStart, ramEnd) >= 0) throw new ImageFormatException("not enough space for DTB after kernel/initrd");
            l.dtbLimit = 0;
        }
        return l;
    }

    /** Whether the file is a U-Boot legacy image (magic 0x27051956, big-endian). */
    public static boolean isUImage(byte[] b) {
        return b.length >= 64 && (b[0] & 0xff) == 0x27 && (b[1] & 0xff) == 0x05 && (b[2] & 0xff) == 0x19 && (b[3] & 0xff) == 0x56;
    }
}
