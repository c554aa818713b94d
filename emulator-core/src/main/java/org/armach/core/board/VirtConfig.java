package org.armach.core.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.armach.core.cpu.CpuModel;
import org.armach.core.dev.virtio.BlockBackend;

/**
 * Everything that defines a {@code virt} machine and what it boots (built by the command line).
 * The config owns the drives it lists: {@link #close()} closes them (after the run; a board
 * rebuilt on reboot reuses them).
 */
public final class VirtConfig implements AutoCloseable {
    /** QEMU's default RAM size. */
    public static final long DEFAULT_RAM = 128L << 20;

    /** Which board: QEMU's virt (default) or the Allwinner A64 / A64-OLinuXino ({@link A64Soc}). */
    public enum BoardType { VIRT, A64 }

    public BoardType board = BoardType.VIRT;
    public long ramSize = DEFAULT_RAM;
    public CpuModel cpuModel = CpuModel.CORTEX_A53;
    /** 2 or 3. */
    public int gicVersion = 2;
    /** PSCI conduit: false = hvc (QEMU's choice without EL2/EL3), true = smc. */
    public boolean psciSmc;
    /**
     * -M virt,virtualization=on: the CPU implements EL2 and enters the kernel at EL2h (PSCI over
     * smc, as QEMU does then; set {@link #psciSmc} too).
     */
    public boolean virtualization;

    public byte[] kernel;
    public String kernelName;
    public byte[] initrd;
    public String initrdName;
    /** Kernel command line (-append), or null. */
    public String append;
    /** A user device tree blob (-dtb) replacing the generated one, or null. */
    public byte[] dtb;
    public String dtbName;
    public final List<GuestModule> modules = new ArrayList<>();

    /** Wall-clock time instead of the deterministic virtual clock. */
    public boolean hostClock;

    /** A virtio-blk device ({@code -device virtio-blk-device,drive=ID[,serial=S]}). */
    public static final class BlockDevice {
        public final BlockBackend drive;
        /** GET_ID string, or null. */
        public final String serial;

        public BlockDevice(BlockBackend drive, String serial) {
            this.drive = drive;
            this.serial = serial;
        }
    }

    /**
     * virtio-blk devices in command-line order. As on QEMU, the first one sits in the highest
     * virtio-mmio slot (0x0a003e00, SPI 47), the next one below it, and so on.
     */
    public final List<BlockDevice> blockDevices = new ArrayList<>();

    /** Where one-line device warnings go (driver protocol violations). */
    public Consumer<String> warnings = s -> System.err.println("armach: " + s);

    /** Closes every drive; returns quietly (errors go to {@link #warnings}). */
    @Override
    public void close() {
        for (BlockDevice d : blockDevices) {
            try {
                d.drive.close();
            } catch (IOException e) {
                warnings.accept("closing " + d.drive + ": " + e.getMessage());
            }
        }
    }
}
