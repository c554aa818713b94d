package org.armach.core.board;

import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.a64.A64;
import org.armach.core.dev.GenericTimer;
import org.armach.core.dev.IrqLine;
import org.armach.core.dev.gic.Gic;
import org.armach.core.dev.gic.GicV2;
import org.armach.core.dev.gic.GicV3;
import org.armach.core.dev.Pl011;
import org.armach.core.dev.Pl031;
import org.armach.core.dev.Psci;
import org.armach.core.dev.Rom;
import org.armach.core.dev.Uart16550;
import org.armach.core.dev.UartPort;
import org.armach.core.dev.virtio.GuestMemory;
import org.armach.core.dev.virtio.VirtioBlk;
import org.armach.core.dev.virtio.VirtioMmio;
import org.armach.core.dt.DtNode;
import org.armach.core.dt.FdtReader;
import org.armach.core.dt.FdtWriter;
import org.armach.core.load.BootStub;
import org.armach.core.load.DirectKernelBoot;
import org.armach.core.load.ImageFormatException;
import org.armach.core.load.LoadTarget;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;

/**
 * QEMU's {@code virt} board with one CPU: RAM at 0x4000_0000, flash banks at 0 (read-only
 * windows images may be loaded into), a GICv2 or GICv3 at 0x0800_0000, the generic timer
 * (PPIs 30 and 27) on the board's {@link Clock}, PL011 at 0x0900_0000 (SPI 1), PL031 at
 * 0x0901_0000 (SPI 2), 32 virtio-mmio transports at 0x0a00_0000 + n*0x200 (SPI 16+n;
 * virtio-blk devices from the config fill them from the top slot down, as QEMU), PSCI
 * firmware, and a generated device tree shaped like QEMU 7.2's. {@link #boot()} loads the
 * kernel, initrd, guest-loader modules and DTB where QEMU puts them and sets up the CPU.
 *
 * <p>With {@link VirtConfig#board} = A64 the same class builds the Allwinner A64 /
 * A64-OLinuXino instead ({@link A64Soc}: GIC-400 at 0x01C8_1000, DesignWare UART0 at
 * 0x01C2_8000, PSCI over SMC, its own device tree); loading works the same on both, as RAM
 * starts at 0x4000_0000 on both. The virt-only devices (PL011, PL031, flash, virtio) are then
 * null or empty, and {@link #serial} is the console UART on either board.
 */
public final class VirtBoard {
    public static final long RAM_BASE = 0x4000_0000L;
    public static final long FLASH_BASE = 0, FLASH_BANK_SIZE = 0x0400_0000L;
    public static final long GIC_DIST = 0x0800_0000L, GIC_DIST_SIZE = 0x1_0000L;
    public static final long GIC_CPU = 0x0801_0000L, GIC_CPU_SIZE = 0x1_0000L;
    public static final long GIC_REDIST = 0x080a_0000L, GIC_REDIST_SIZE = 0xf6_0000L;
    public static final long UART_BASE = 0x0900_0000L, RTC_BASE = 0x0901_0000L, DEV_SIZE = 0x1000;
    public static final int UART_SPI = 1, RTC_SPI = 2;
    public static final long VIRTIO_BASE = 0x0a00_0000L;
    public static final int VIRTIO_SLOTS = 32, VIRTIO_SPI = 16;
    public static final int PHANDLE_CLK = 0x8000, PHANDLE_CPU = 0x8001, PHANDLE_GIC = 0x8002;
    /** Largest RAM the virt memory map holds below the PCIe windows at 256 GiB (QEMU's limit). */
    public static final long MAX_RAM = 255L << 30;
    /** QEMU's generated blobs are this large (FDT_MAX_SIZE). */
    public static final int FDT_MAX_SIZE = 1 << 20;

    public final VirtConfig config;
    public final PhysicalMemory ram;
    public final Bus bus;
    public final Cpu cpu;
    /** The virt board's PL011 (null on a64). */
    public final Pl011 uart;
    /** The a64 board's UART0 (null on virt). */
    public final Uart16550 socUart;
    /** The console UART the run loop feeds: {@link #uart} or {@link #socUart}. */
    public final UartPort serial;
    /** The virt board's PL031 (null on a64). */
    public final Pl031 rtc;
    public final Psci psci;
    /** The virt board's flash banks (null on a64). */
    public final Rom flash0, flash1;
    public final Gic gic;
    public final Clock clock;
    public final GenericTimer timer;
    /** The virtio-mmio transports by slot (index n at VIRTIO_BASE + n*0x200); empty slots have no device. */
    public final VirtioMmio[] virtio = new VirtioMmio[VIRTIO_SLOTS];

    private final List<long[]> loadedRanges = new ArrayList<>();
    private final List<String> loadedNames = new ArrayList<>();
    private DirectKernelBoot.Layout layout;
    private byte[] dtbBlob;
    private long dtbAddr = -1;

    public VirtBoard(VirtConfig config, OutputStream console) {
        this.config = config;
        if (config.ramSize <= 0 || (config.ramSize & (PhysicalMemory.PAGE_SIZE - 1)) != 0)
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB");
        if (config.board == VirtConfig.BoardType.A64) {
            if (config.ramSize > A64Soc.MAX_RAM) throw new IllegalArgumentException("RAM size " + (config.ramSize >> 20) + " MiB exceeds the a64 board's maximum of 2 GiB");
            if (config.gicVersion != 2) throw new IllegalArgumentException("the a64 board has a GIC-400 (GICv2): gic-version=" + config.gicVersion + " is not available");
            if (config.virtualization) throw new IllegalArgumentException("the a64 board boots at EL1 (EL2 is ATF's/U-Boot's and is not emulated)");
            if (!config.blockDevices.isEmpty()) throw new IllegalArgumentException("the a64 board has no virtio-mmio transports (no disks)");
            ram = new PhysicalMemory(A64Soc.RAM_BASE, config.ramSize);
            bus = new Bus(ram);
            cpu = new Cpu(config.cpuModel, bus, A64.table());
            GicV2 g = new GicV2(new Cpu[] {cpu}, A64Soc.NUM_IRQ);
            g.wire(bus, A64Soc.GICD, A64Soc.GICD_SIZE, A64Soc.GICC, A64Soc.GICC_SIZE);
            gic = g;
            clock = new Clock(cpu, config.hostClock ? Clock.Source.HOST : Clock.Source.VIRTUAL);
            timer = new GenericTimer(cpu, clock, gic.cpuSink(0));
            flash0 = flash1 = null;
            uart = null;
            rtc = null;
            socUart = new Uart16550(console, spi(A64Soc.UART0_SPI), 2, A64Soc.UART_FIFO, true);
            bus.map(A64Soc.UART0, A64Soc.UART_SIZE, socUart);
            serial = socUart;
            A64Soc.mapUnmodelled(bus);
            psci = new Psci(true, config.cpuModel.mpidrAff); // ATF's PSCI, reached by SMC
            cpu.firmware = psci;
            return;
        }
        socUart = null;
        if (config.ramSize > MAX_RAM) throw new IllegalArgumentException("RAM size " + (config.ramSize >> 20) + " MiB exceeds the virt board's maximum of " + (MAX_RAM >> 30) + " GiB");
        if (config.gicVersion != 2 && config.gicVersion != 3) throw new IllegalArgumentException("GIC version must be 2 or 3");
        ram = new PhysicalMemory(RAM_BASE, config.ramSize);
        bus = new Bus(ram);
        cpu = new Cpu(config.cpuModel, bus, A64.table());
        if (config.gicVersion == 2) {
            GicV2 g = new GicV2(new Cpu[] {cpu});
            g.wire(bus, GIC_DIST, GIC_CPU);
            gic = g;
        } else {
            GicV3 g = new GicV3(new Cpu[] {cpu});
            g.wire(bus, GIC_DIST, GIC_REDIST);
            gic = g;
        }
        clock = new Clock(cpu, config.hostClock ? Clock.Source.HOST : Clock.Source.VIRTUAL);
        timer = new GenericTimer(cpu, clock, gic.cpuSink(0));
        flash0 = new Rom("flash0", FLASH_BANK_SIZE);
        flash1 = new Rom("flash1", FLASH_BANK_SIZE);
        bus.map(FLASH_BASE, FLASH_BANK_SIZE, flash0);
        bus.map(FLASH_BASE + FLASH_BANK_SIZE, FLASH_BANK_SIZE, flash1);
        uart = new Pl011(console, spi(UART_SPI));
        bus.map(UART_BASE, DEV_SIZE, uart);
        serial = uart;
        rtc = new Pl031(config.hostClock ? () -> System.currentTimeMillis() / 1000 : () -> Pl031.VIRTUAL_EPOCH + cpu.icount / 1_000_000_000L,
                spi(RTC_SPI));
        bus.map(RTC_BASE, DEV_SIZE, rtc);
        psci = new Psci(config.psciSmc, config.cpuModel.mpidrAff);
        cpu.firmware = psci;
        cpu.el2Enabled = config.virtualization;
        if (config.blockDevices.size() > VIRTIO_SLOTS)
            throw new IllegalArgumentException("too many virtio devices: the virt board has " + VIRTIO_SLOTS + " virtio-mmio slots");
        GuestMemory dma = GuestMemory.of(cpu, ram);
        for (int slot = 0; slot < VIRTIO_SLOTS; slot++) {
            int k = VIRTIO_SLOTS - 1 - slot; // QEMU: the first -device gets the highest address
            long base = VIRTIO_BASE + (long) slot * VirtioMmio.WINDOW_SIZE;
            VirtioBlk dev = null;
            if (k < config.blockDevices.size()) {
                VirtConfig.BlockDevice bd = config.blockDevices.get(k);
                dev = new VirtioBlk(bd.drive, bd.serial, dma);
            }
            VirtioMmio t = new VirtioMmio(dev, dma, spi(VIRTIO_SPI + slot));
            if (dev != null) {
                String where = String.format("virtio-blk at 0x%x (%s)", base, config.blockDevices.get(k).drive);
                t.setErrorListener(m -> config.warnings.accept(where + ": guest error: " + m));
            }
            virtio[slot] = t;
            bus.map(base, VirtioMmio.WINDOW_SIZE, t);
        }
    }

    /** The transport of the i-th configured virtio-blk device (command-line order). */
    public VirtioMmio blockTransport(int i) {
        return virtio[VIRTIO_SLOTS - 1 - i];
    }

    /** The interrupt line of shared peripheral interrupt {@code n} (INTID 32 + n). */
    public IrqLine spi(int n) {
        return level -> gic.setLevel(32 + n, level);
    }

    // =====================================================================================
    // Device tree
    // =====================================================================================

    /** The DT compatible string of a CPU model, as QEMU's (its "max" CPU says cortex-a57). */
    public static String cpuCompatible(CpuModel m) {
        switch (m.name) {
            case "cortex-a53": return "arm,cortex-a53";
            case "cortex-a72": return "arm,cortex-a72";
            default: return "arm,cortex-a57";
        }
    }

    /**
     * The board's device tree as QEMU's machvirt_init builds it (nodes in the order dtc
     * shows QEMU's blob), before the boot-time amendments ({@link #amendTree}) that add the
     * memory and psci nodes and /chosen properties.
     */
    public DtNode baseTree() {
        if (config.board == VirtConfig.BoardType.A64) return A64Soc.baseTree();
        int gic = config.gicVersion;
        // PPI flags: level-low (4) plus, on GICv2, the CPU mask for one CPU (1 << 8)
        long ppiFlags = 4 | (gic == 2 ? 1 << 8 : 0);
        DtNode root = new DtNode("");
        root.cells("interrupt-parent", PHANDLE_GIC);
        root.string("model", "linux,dummy-virt");
        root.cells("#size-cells", 2);
        root.cells("#address-cells", 2);
        root.string("compatible", "linux,dummy-virt");

        // QEMU adds the transports in reverse so that the tree lists them lowest address first
        for (int slot = 0; slot < VIRTIO_SLOTS; slot++) {
            long base = VIRTIO_BASE + (long) slot * VirtioMmio.WINDOW_SIZE;
            root.node(String.format("virtio_mmio@%x", base))
                    .flag("dma-coherent")
                    .cells("interrupts", 0, VIRTIO_SPI + slot, 1)
                    .u64s("reg", base, VirtioMmio.WINDOW_SIZE)
                    .string("compatible", "virtio,mmio");
        }

        root.node("pl031@9010000")
                .string("clock-names", "apb_pclk")
                .cells("clocks", PHANDLE_CLK)
                .cells("interrupts", 0, RTC_SPI, 4)
                .u64s("reg", RTC_BASE, DEV_SIZE)
                .strings("compatible", "arm,pl031", "arm,primecell");
        root.node("pl011@9000000")
                .strings("clock-names", "uartclk", "apb_pclk")
                .cells("clocks", PHANDLE_CLK, PHANDLE_CLK)
                .cells("interrupts", 0, UART_SPI, 4)
                .u64s("reg", UART_BASE, DEV_SIZE)
                .strings("compatible", "arm,pl011", "arm,primecell");

        DtNode intc = root.node("intc@8000000").cells("phandle", PHANDLE_GIC);
        if (gic == 2) {
            intc.u64s("reg", GIC_DIST, GIC_DIST_SIZE, GIC_CPU, GIC_CPU_SIZE);
            intc.string("compatible", "arm,cortex-a15-gic");
        } else {
            // With EL2, QEMU advertises the GIC maintenance interrupt (PPI 9)
            if (config.virtualization) intc.cells("interrupts", 1, 9, 4);
            intc.u64s("reg", GIC_DIST, GIC_DIST_SIZE, GIC_REDIST, GIC_REDIST_SIZE);
            intc.cells("#redistributor-regions", 1);
            intc.string("compatible", "arm,gic-v3");
        }
        intc.flag("ranges").cells("#size-cells", 2).cells("#address-cells", 2)
                .flag("interrupt-controller").cells("#interrupt-cells", 3);

        DtNode cpus = root.node("cpus").cells("#size-cells", 0).cells("#address-cells", 1);
        cpus.node("cpu-map").node("socket0").node("cluster0").node("core0").cells("cpu", PHANDLE_CPU);
        cpus.node("cpu@0")
                .cells("phandle", PHANDLE_CPU)
                .cells("reg", 0)
                .string("compatible", cpuCompatible(config.cpuModel))
                .string("device_type", "cpu");

        root.node("timer")
                .cells("interrupts", 1, 13, ppiFlags, 1, 14, ppiFlags, 1, 11, ppiFlags, 1, 10, ppiFlags)
                .flag("always-on")
                .strings("compatible", "arm,armv8-timer", "arm,armv7-timer");

        root.node("apb-pclk")
                .cells("phandle", PHANDLE_CLK)
                .string("clock-output-names", "clk24mhz")
                .cells("clock-frequency", 24_000_000)
                .cells("#clock-cells", 0)
                .string("compatible", "fixed-clock");

        // QEMU seeds the guest's RNG and KASLR from the host; under the virtual clock the
        // seeds are fixed so that runs are reproducible.
        Random rnd = config.hostClock ? new SecureRandom() : new Random(0x61726d616368L);
        long[] rng = new long[8];
        for (int i = 0; i < rng.length; i++) rng[i] = rnd.nextInt() & 0xffffffffL;
        root.node("chosen")
                .string("stdout-path", "/pl011@9000000")
                .cells("rng-seed", rng)
                .cells("kaslr-seed", rnd.nextInt() & 0xffffffffL, rnd.nextInt() & 0xffffffffL);
        return root;
    }

    /**
     * Applies what QEMU does to the tree at load time (arm_load_dtb and the guest-loader):
     * replaces the memory nodes by one for this RAM, adds /chosen bootargs and the initrd
     * range, a psci node if there is none, and the guest-loader module nodes.
     */
    public void amendTree(DtNode root, long initrdStart, long initrdSize) {
        long acells = root.getCell("#address-cells", -1), scells = root.getCell("#size-cells", -1);
        if (acells <= 0 || scells <= 0 || acells > 2 || scells > 2)
            throw new ImageFormatException("dtb file invalid (#address-cells or #size-cells missing, 0 or larger than 2)");
        if (scells < 2 && config.ramSize >= (4L << 30)) throw new ImageFormatException("dtb file not compatible with RAM size > 4GB");
        DtNode chosen = root.child("chosen");
        if (chosen == null) chosen = root.addFirst(new DtNode("chosen"));
        if (!config.modules.isEmpty() && (acells != 2 || scells != 2)) {
            // as the U-Boot session that boots GNU Mach on the A64 does (fdt set /chosen #address-cells <2>)
            chosen.propFirst("#size-cells", cell(2));
            chosen.propFirst("#address-cells", cell(2));
        }
        // guest-loader devices are realized before the DTB is loaded: their nodes come first
        for (GuestModule m : config.modules) {
            if (chosen.child(m.nodeName()) != null) throw new ImageFormatException("two guest-loader blobs at the same address " + m.nodeName().substring(7));
            DtNode n = chosen.addFirst(new DtNode(m.nodeName()));
            n.u64s("reg", m.addr, m.data.length);
            if (m.kernel) {
                n.propFirst("compatible", strings("multiboot,module", "multiboot,kernel"));
                if (m.bootargs != null) n.propFirst("bootargs", strings(m.bootargs));
            } else {
                n.propFirst("compatible", strings("multiboot,module", "multiboot,ramdisk"));
            }
        }
        for (DtNode c : new ArrayList<>(root.children())) {
            if (c.name().equals("memory") || c.name().startsWith("memory@")) root.removeChild(c.name());
        }
        DtNode mem = root.addFirst(new DtNode(String.format("memory@%x", RAM_BASE)));
        mem.string("device_type", "memory");
        mem.propFirst("reg", sizedCells((int) acells, RAM_BASE, (int) scells, config.ramSize));
        if (config.append != null && !config.append.isEmpty()) chosen.propFirst("bootargs", strings(config.append));
        if (initrdSize > 0) {
            chosen.propFirst("linux,initrd-start", cell(initrdStart));
            chosen.propFirst("linux,initrd-end", cell(initrdStart + initrdSize));
        }
        if (root.child("psci") == null) {
            DtNode p = root.addFirst(new DtNode("psci"));
            p.strings("compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
            p.propFirst("method", strings(psci.method()));
            p.propFirst("cpu_suspend", cell(Psci.DT_CPU_SUSPEND));
            p.propFirst("cpu_off", cell(Psci.DT_CPU_OFF));
            p.propFirst("cpu_on", cell(Psci.DT_CPU_ON));
            p.propFirst("migrate", cell(Psci.DT_MIGRATE));
        }
    }

    private static byte[] strings(String... s) { return new DtNode("x").strings("v", s).get("v"); }

    private static byte[] cell(long v) { return new DtNode("x").cells("v", v).get("v"); }

    private static byte[] sizedCells(int acells, long addr, int scells, long size) {
        long[] c = new long[acells + scells];
        if (acells == 2) {
            c[0] = addr >>> 32;
            c[1] = addr & 0xffffffffL;
        } else c[0] = addr;
        if (scells == 2) {
            c[acells] = size >>> 32;
            c[acells + 1] = size & 0xffffffffL;
        } else c[acells] = size;
        return new DtNode("x").cells("v", c).get("v");
    }

    // =====================================================================================
    // Boot
    // =====================================================================================

    private final LoadTarget loader = new LoadTarget() {
        @Override
        public void load(String what, long pa, byte[] data, int off, int len) {
            if (len == 0) return;
            long end = pa + len;
            for (int i = 0; i < loadedRanges.size(); i++) {
                long[] r = loadedRanges.get(i);
                if (Long.compareUnsigned(pa, r[1]) < 0 && Long.compareUnsigned(r[0], end) < 0)
                    throw new ImageFormatException(String.format("%s [0x%x-0x%x) overlaps %s [0x%x-0x%x)", what, pa, end, loadedNames.get(i), r[0], r[1]));
            }
            if (ram.contains(pa, len)) {
                ram.load(pa, data, off, len);
            } else if (flash0 != null && Long.compareUnsigned(pa - FLASH_BASE, 2 * FLASH_BANK_SIZE) < 0 && Long.compareUnsigned(end - FLASH_BASE, 2 * FLASH_BANK_SIZE) <= 0) {
                long o = pa - FLASH_BASE;
                for (int i = 0; i < len; ) {
                    long a = o + i;
                    Rom bank = a < FLASH_BANK_SIZE ? flash0 : flash1;
                    long bo = a % FLASH_BANK_SIZE;
                    int n = (int) Math.min(len - i, FLASH_BANK_SIZE - bo);
                    bank.load(bo, data, off + i, n);
                    i += n;
                }
            } else {
                if (flash0 == null) throw new ImageFormatException(String.format("%s (0x%x bytes at 0x%x) does not fit in RAM [0x%x-0x%x)",
                        what, len, pa, RAM_BASE, RAM_BASE + config.ramSize));
                throw new ImageFormatException(String.format("%s (0x%x bytes at 0x%x) does not fit in RAM [0x%x-0x%x) or flash [0x0-0x%x)",
                        what, len, pa, RAM_BASE, RAM_BASE + config.ramSize, 2 * FLASH_BANK_SIZE));
            }
            loadedRanges.add(new long[] {pa, end});
            loadedNames.add(what);
        }
    };

    /** The loader used for images (for tests and tools). */
    public LoadTarget loadTarget() { return loader; }

    /**
     * Loads kernel, initrd, guest-loader modules and the DTB as QEMU does and points the CPU
     * at the boot stub (Linux-style kernels) or the ELF entry. Image problems raise
     * {@link ImageFormatException}.
     */
    public void boot() {
        if (config.kernel == null) throw new ImageFormatException("no kernel given (use -kernel FILE)");
        layout = DirectKernelBoot.load(config.kernel, config.kernelName, config.initrd, config.initrdName, RAM_BASE, config.ramSize, loader);
        for (GuestModule m : config.modules) {
            if (m.data.length > config.ramSize) throw new ImageFormatException("Cannot load specified image " + m.name + " (larger than RAM)");
            loader.load(m.name, m.addr, m.data, 0, m.data.length);
        }
        dtbBlob = buildDtb(layout.initrdStart, layout.initrdSize);
        if (layout.dtbLimit != 0 && Long.compareUnsigned(layout.dtbLimit, layout.dtbStart) > 0
                && dtbBlob.length > layout.dtbLimit - layout.dtbStart) {
            dtbAddr = -1; // no room below the ELF image: QEMU silently boots without a DTB
        } else {
            loader.load("dtb", layout.dtbStart, dtbBlob, 0, dtbBlob.length);
            dtbAddr = layout.dtbStart;
        }
        cpu.reset();
        if (config.virtualization) cpu.enterEl2();
        if (layout.isLinux) {
            byte[] stub = BootStub.aarch64Bytes(layout.dtbStart, layout.entry);
            loader.load("bootloader", RAM_BASE, stub, 0, stub.length);
            cpu.pc = cpu.npc = RAM_BASE;
        } else {
            cpu.pc = cpu.npc = layout.entry;
        }
    }

    /**
     * Builds the DTB QEMU would load: the generated tree (or the -dtb blob) with the load-time
     * amendments, padded as QEMU's blobs are (1 MiB generated, (size + 10000) * 2 from a file).
     */
    public byte[] buildDtb(long initrdStart, long initrdSize) {
        DtNode root;
        int pad;
        FdtWriter w = new FdtWriter();
        if (config.dtb != null) {
            FdtReader r;
            try {
                r = FdtReader.parse(config.dtb);
            } catch (IllegalArgumentException e) {
                throw new ImageFormatException("Couldn't open dtb file " + config.dtbName + ": " + e.getMessage());
            }
            root = r.root();
            for (long[] res : r.reservations()) w.reserve(res[0], res[1]);
            pad = (config.dtb.length + 10000) * 2;
        } else {
            root = baseTree();
            pad = FDT_MAX_SIZE;
        }
        amendTree(root, initrdStart, initrdSize);
        byte[] blob = w.padTo(pad).write(root);
        if (blob.length > pad) blob = w.padTo(0).write(root);
        return blob;
    }

    /** The DTB as loaded by {@link #boot()} (or built without a kernel, for --dump-dtb). */
    public byte[] dtb() {
        if (dtbBlob == null) dtbBlob = buildDtb(0, 0);
        return dtbBlob.clone();
    }

    /** Guest physical address of the DTB, or -1 if none was loaded. */
    public long dtbAddress() { return dtbAddr; }

    public DirectKernelBoot.Layout layout() { return layout; }

    /** Virtual nanoseconds since power-on under the virtual clock (one instruction = 1 ns). */
    public static long virtualNanos(Cpu cpu) { return cpu.icount; }
}
