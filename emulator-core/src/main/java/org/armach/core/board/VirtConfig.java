package org.armach.core.board;

import java.util.ArrayList;
import java.util.List;

import org.armach.core.cpu.CpuModel;

/** Everything that defines a {@code virt} machine and what it boots (built by the command line). */
public final class VirtConfig {
    /** QEMU's default RAM size. */
    public static final long DEFAULT_RAM = 128L << 20;

    public long ramSize = DEFAULT_RAM;
    public CpuModel cpuModel = CpuModel.CORTEX_A53;
    /** 2 or 3. */
    public int gicVersion = 2;
    /** PSCI conduit: false = hvc (QEMU's choice without EL2/EL3), true = smc. */
    public boolean psciSmc;

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
}
