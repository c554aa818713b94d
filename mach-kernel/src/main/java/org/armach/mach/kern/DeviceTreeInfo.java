package org.armach.mach.kern;

import java.util.ArrayList;
import java.util.List;

import org.armach.core.dt.DtNode;
import org.armach.core.dt.FdtReader;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;

/** What the kernel learns from the flattened device tree: memory, command line, boot modules. */
public final class DeviceTreeInfo {
    public long memoryBase, memorySize;
    public String commandLine = "";
    public final List<BootModule> modules = new ArrayList<>();
    /** The "virtio,mmio" transports: MMIO window and interrupt (INTID), in device-tree order. */
    public final List<MmioNode> virtio = new ArrayList<>();

    /** A device's MMIO window and its GIC INTID (SPI n = 32 + n), -1 when it has none. */
    public record MmioNode(long base, long size, int intid) { }

    /** Reads the FDT at {@code pa} from RAM (its size from the header), and the module images. */
    public static DeviceTreeInfo read(Bus bus, long pa) {
        PhysicalMemory ram = bus.ram();
        byte[] hdr = new byte[8];
        ram.copyOut(pa, hdr, 0, 8);
        int total = (hdr[4] & 0xff) << 24 | (hdr[5] & 0xff) << 16 | (hdr[6] & 0xff) << 8 | (hdr[7] & 0xff);
        if (total <= 0 || !ram.contains(pa, total)) throw new IllegalArgumentException("no device tree at 0x" + Long.toHexString(pa));
        byte[] blob = new byte[total];
        ram.copyOut(pa, blob, 0, total);
        return parse(FdtReader.parse(blob).root(), bus);
    }

    /** Copies physical memory (RAM or a ROM/flash window) into {@code dst}; false if unbacked. */
    static boolean readPhys(Bus bus, long pa, byte[] dst) {
        PhysicalMemory ram = bus.ram();
        if (ram.contains(pa, dst.length)) {
            ram.copyOut(pa, dst, 0, dst.length);
            return true;
        }
        for (int i = 0; i < dst.length; i++) {
            Bus.Region r = bus.findRegion(pa + i);
            if (r == null) return false;
            dst[i] = (byte) r.device.read(pa + i - r.base, 1);
        }
        return true;
    }

    static DeviceTreeInfo parse(DtNode root, Bus bus) {
        DeviceTreeInfo info = new DeviceTreeInfo();
        int ac = (int) root.getCell("#address-cells", 2), sc = (int) root.getCell("#size-cells", 1);
        for (DtNode n : root.children()) {
            if (n.name().equals("memory") || n.name().startsWith("memory@")) {
                long[] r = reg(n, ac, sc);
                info.memoryBase = r[0];
                info.memorySize = r[1];
            }
            if (n.has("compatible") && n.getStrings("compatible").contains("virtio,mmio") && n.has("reg")) {
                long[] r = reg(n, ac, sc);
                info.virtio.add(new MmioNode(r[0], r[1], intid(n)));
            }
        }
        DtNode chosen = root.child("chosen");
        if (chosen == null) return info;
        if (chosen.has("bootargs")) info.commandLine = chosen.getString("bootargs");
        // the modules' reg uses /chosen's own cells when it has them (U-Boot on the A64 sets 2/2)
        int cac = (int) chosen.getCell("#address-cells", ac), csc = (int) chosen.getCell("#size-cells", sc);
        List<DtNode> mods = new ArrayList<>();
        for (DtNode n : chosen.children()) {
            if (n.has("compatible") && n.getStrings("compatible").contains("multiboot,module")) mods.add(n);
        }
        mods.sort((a, b) -> Long.compareUnsigned(reg(a, cac, csc)[0], reg(b, cac, csc)[0]));
        for (DtNode n : mods) {
            long[] r = reg(n, cac, csc);
            if (r[1] <= 0 || r[1] > Integer.MAX_VALUE) continue;
            byte[] img = new byte[(int) r[1]];
            if (!readPhys(bus, r[0], img)) continue;
            info.modules.add(new BootModule(r[0], img, n.has("bootargs") ? n.getString("bootargs") : null));
        }
        return info;
    }

    /** GIC interrupt specifier {type, number, flags}: SPI (0) n → 32 + n, PPI (1) n → 16 + n. */
    private static int intid(DtNode n) {
        if (!n.has("interrupts")) return -1;
        long[] c = n.getCells("interrupts");
        if (c.length < 2) return -1;
        return (int) (c[0] == 1 ? 16 + c[1] : 32 + c[1]);
    }

    private static long[] reg(DtNode n, int ac, int sc) {
        long[] c = n.getCells("reg");
        long a = 0, s = 0;
        for (int i = 0; i < ac && i < c.length; i++) a = a << 32 | c[i];
        for (int i = 0; i < sc && ac + i < c.length; i++) s = s << 32 | c[ac + i];
        return new long[] {a, s};
    }
}
