package org.armach.core.board;

import org.armach.core.dev.RazWi;
import org.armach.core.dt.DtNode;
import org.armach.core.mem.Bus;

/**
 * The Allwinner A64 as on the Olimex A64-OLinuXino ({@code -M a64}): the memory map and the
 * generated device tree, shaped like Linux's sun50i-a64-olinuxino.dts (sun50i-a64.dtsi) for the
 * nodes that are modelled. {@link VirtBoard} builds the machine from these.
 *
 * <ul>
 * <li>DRAM at 0x4000_0000, up to 2 GiB (3 GiB of address space on the SoC, 2 GiB on the board).
 * <li>GIC-400 (GICv2): GICD 0x01C8_1000 (4 KiB), GICC 0x01C8_2000 (8 KiB), 160 interrupts
 *     (SPIs 0..127). The virtualization interfaces (GICH/GICV) are not modelled and not in the
 *     tree, nor is the maintenance interrupt.
 * <li>UART0, a DesignWare APB UART ({@code snps,dw-apb-uart}, reg-shift 2, reg-io-width 4,
 *     64-byte FIFOs) at 0x01C2_8000, SPI 0 (INTID 32).
 * <li>The generic timer: PPIs 13, 14, 11, 10 as in the dtsi (with the dtsi's
 *     {@code allwinner,erratum-unknown1}, which makes Linux read the counter defensively).
 * <li>PSCI over SMC, as ATF (bl31) provides it on the real board: one CPU, so CPU_ON of the
 *     other three cores fails.
 * </ul>
 * No clock controller (CCU) is modelled: the UART's {@code clocks} point at the 24 MHz
 * {@code osc24M} fixed clock instead of {@code <&ccu CLK_BUS_UART0>}, and the UART has no
 * {@code resets}/pinctrl properties. The peripheral register space 0x01C0_0000..0x01CF_FFFF and
 * the R_ block 0x01F0_0000..0x01F0_3FFF read as zero and ignore writes outside the modelled
 * devices (their APB/AHB bridges answer every access); everything else outside RAM, including
 * the SRAMs and the boot ROM, is unmapped and raises an external abort as on virt.
 */
public final class A64Soc {
    private A64Soc() {}

    public static final long RAM_BASE = 0x4000_0000L;
    public static final long MAX_RAM = 2L << 30;
    public static final long GICD = 0x01C8_1000L, GICD_SIZE = 0x1000, GICC = 0x01C8_2000L, GICC_SIZE = 0x2000;
    public static final int NUM_IRQ = 160;
    public static final long UART0 = 0x01C2_8000L, UART_SIZE = 0x400;
    public static final int UART0_SPI = 0;
    /** UART0 FIFO depth (the A64 user manual: 64-byte transmit and receive FIFOs). */
    public static final int UART_FIFO = 64;
    public static final int OSC24M_HZ = 24_000_000;
    public static final long PERIPH_BASE = 0x01C0_0000L, PERIPH_END = 0x01D0_0000L;
    public static final long R_BASE = 0x01F0_0000L, R_END = 0x01F0_4000L;
    static final int PHANDLE_OSC24M = 1, PHANDLE_GIC = 2, PHANDLE_CPU0 = 3;
    static final String UART0_PATH = "/soc/serial@1c28000";

    /** Maps the RAZ/WI peripheral windows around the modelled devices (call after mapping them). */
    static void mapUnmodelled(Bus bus) {
        long[][] modelled = {{UART0, UART0 + UART_SIZE}, {GICD, GICD + GICD_SIZE}, {GICC, GICC + GICC_SIZE}};
        long at = PERIPH_BASE;
        for (long[] m : modelled) {
            if (m[0] > at) bus.map(at, m[0] - at, new RazWi("a64-peripherals"));
            at = m[1];
        }
        bus.map(at, PERIPH_END - at, new RazWi("a64-peripherals"));
        bus.map(R_BASE, R_END - R_BASE, new RazWi("a64-r-peripherals"));
    }

    /** The board's tree before the load-time amendments (memory node, /chosen bootargs, initrd, modules). */
    static DtNode baseTree() {
        long ppi = 0xf04; // GIC_CPU_MASK_SIMPLE(4) | IRQ_TYPE_LEVEL_HIGH, as in the dtsi
        DtNode root = new DtNode("");
        root.cells("interrupt-parent", PHANDLE_GIC);
        root.cells("#address-cells", 1);
        root.cells("#size-cells", 1);
        root.string("model", "Olimex A64-Olinuxino");
        root.strings("compatible", "olimex,a64-olinuxino", "allwinner,sun50i-a64");

        root.node("chosen").string("stdout-path", "serial0:115200n8");
        root.node("aliases").string("serial0", UART0_PATH);

        DtNode cpus = root.node("cpus").cells("#address-cells", 1).cells("#size-cells", 0);
        cpus.node("cpu@0")
                .string("compatible", "arm,cortex-a53")
                .string("device_type", "cpu")
                .cells("reg", 0)
                .string("enable-method", "psci")
                .cells("phandle", PHANDLE_CPU0);

        root.node("osc24M_clk")
                .cells("#clock-cells", 0)
                .string("compatible", "fixed-clock")
                .cells("clock-frequency", OSC24M_HZ)
                .cells("clock-accuracy", 50000)
                .string("clock-output-names", "osc24M")
                .cells("phandle", PHANDLE_OSC24M);

        root.node("psci")
                .string("compatible", "arm,psci-0.2")
                .string("method", "smc");

        root.node("timer")
                .string("compatible", "arm,armv8-timer")
                .flag("allwinner,erratum-unknown1")
                .flag("arm,no-tick-in-suspend")
                .cells("interrupts", 1, 13, ppi, 1, 14, ppi, 1, 11, ppi, 1, 10, ppi);

        DtNode soc = root.node("soc")
                .string("compatible", "simple-bus")
                .cells("#address-cells", 1)
                .cells("#size-cells", 1)
                .flag("ranges");
        soc.node("serial@1c28000")
                .string("compatible", "snps,dw-apb-uart")
                .cells("reg", UART0, UART_SIZE)
                .cells("interrupts", 0, UART0_SPI, 4)
                .cells("reg-shift", 2)
                .cells("reg-io-width", 4)
                .cells("clocks", PHANDLE_OSC24M)
                .string("status", "okay");
        soc.node("interrupt-controller@1c81000")
                .string("compatible", "arm,gic-400")
                .cells("reg", GICD, GICD_SIZE, GICC, GICC_SIZE)
                .cells("#interrupt-cells", 3)
                .cells("#address-cells", 0)
                .flag("interrupt-controller")
                .cells("phandle", PHANDLE_GIC);
        return root;
    }
}
