package org.armach.core.board;

/**
 * A blob loaded by QEMU's {@code -device guest-loader}: the file's bytes, loaded as they are
 * at {@link #addr}, and described in the device tree as {@code /chosen/module@0x<addr>}
 * with {@code compatible = "multiboot,module", "multiboot,kernel"} (or "multiboot,ramdisk"
 * for an initrd), {@code reg = <addr size>} (64-bit each) and {@code bootargs}.
 */
public final class GuestModule {
    public final long addr;
    public final byte[] data;
    /** File name for messages. */
    public final String name;
    /** True for kernel=, false for initrd=. */
    public final boolean kernel;
    /** Command line of the module, or null. */
    public final String bootargs;

    public GuestModule(long addr, byte[] data, String name, boolean kernel, String bootargs) {
        this.addr = addr;
        this.data = data;
        this.name = name;
        this.kernel = kernel;
        this.bootargs = bootargs;
    }

    /** The DT node name exactly as QEMU's guest-loader formats it ("module@0x%08" PRIx64). */
    public String nodeName() {
        return String.format("module@0x%08x", addr);
    }
}
