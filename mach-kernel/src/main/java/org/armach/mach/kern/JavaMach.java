package org.armach.mach.kern;

import java.util.ServiceLoader;

import org.armach.core.board.A64Soc;
import org.armach.core.board.GuestModule;
import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.dt.FdtReader;
import org.armach.core.load.ImageFormatException;
import org.armach.mach.device.Console;
import org.armach.mach.device.ConsoleProbe;
import org.armach.mach.device.DiskDevices;
import org.armach.mach.device.virtio.FrameSource;

/**
 * Boots the Java GNU Mach on a virt or a64 board instead of a guest kernel: loads the guest-loader
 * modules and the generated device tree where QEMU would, installs the kernel as the CPU's
 * EL1, reads memory, command line and modules back from the device tree, picks the console
 * driver from its stdout-path ({@link ConsoleProbe}), runs the boot
 * script and enters EL0.
 */
public final class JavaMach {
    private JavaMach() {}

    /** The VM layer registered as a {@link VmFactory} service, or null. */
    public static VmFactory serviceVm() {
        return ServiceLoader.load(VmFactory.class).findFirst().orElse(null);
    }

    /** Driver memory from the VM layer's page allocator. */
    static FrameSource frames(VmFactory vm, long pageSize) {
        return new FrameSource() {
            @Override public long alloc() { return vm.allocFrame(); }
            @Override public void free(long pa) { vm.freeFrame(pa); }
            @Override public long frameSize() { return pageSize; }
        };
    }

    public static Kernel boot(VirtBoard board, long pageSize, VmFactory vm) {
        if (vm == null) throw new ImageFormatException("--java-mach: no VM layer available (no org.armach.mach.kern.VmFactory service on the class path)");
        for (GuestModule m : board.config.modules) board.loadTarget().load(m.name, m.addr, m.data, 0, m.data.length);
        byte[] dtb = board.buildDtb(0, 0);
        long dtbAddr = VirtBoard.RAM_BASE;
        board.loadTarget().load("dtb", dtbAddr, dtb, 0, dtb.length);
        DeviceTreeInfo info = DeviceTreeInfo.read(board.bus, dtbAddr);
        vm.attach(board.cpu, pageSize, info.memoryBase, info.memorySize);
        Kernel.Config c = new Kernel.Config();
        c.pageSize = pageSize;
        c.vm = vm;
        ConsoleProbe.Found found;
        try {
            found = ConsoleProbe.probe(FdtReader.parse(dtb).root(), board.bus); // the driver stdout-path asks for
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException("console: " + e.getMessage());
        }
        Console console = found.console();
        c.console = console;
        boolean a64 = board.config.board == VirtConfig.BoardType.A64;
        c.irq = board.gic.version == 3
                ? new GicV3Driver(board.cpu, board.bus, VirtBoard.GIC_DIST, VirtBoard.GIC_REDIST)
                : new GicV2Driver(board.bus, a64 ? A64Soc.GICD : VirtBoard.GIC_DIST, a64 ? A64Soc.GICC : VirtBoard.GIC_CPU);
        c.clock = new TimerClock(board.cpu);
        c.timerIntid = TimerClock.PPI_VIRTUAL_TIMER;
        c.consoleIntid = found.intid();
        c.irq.enable(c.timerIntid);
        c.irq.enable(c.consoleIntid);
        Kernel k = new Kernel(board.cpu, c);
        k.install();
        if (Boolean.getBoolean("armach.mach.trace")) {
            k.setTrace((who, id, name, ret) -> System.err.println("mach-trace: " + who + " " + id + " " + name
                    + (ret == Integer.MIN_VALUE ? "" : " -> 0x" + Integer.toHexString(ret))));
        }
        console.enableRxInterrupt();
        DiskDevices.probe(k, board.bus, info.virtio, frames(vm, pageSize)).install(k.rpc());
        try {
            new Bootstrap(k, info.commandLine).run(info.modules);
        } catch (BootScript.ScriptException | IllegalArgumentException e) {
            throw new ImageFormatException("boot script: " + e.getMessage());
        }
        k.kick();
        return k;
    }
}
