package org.armach.core.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;

import org.armach.core.dev.Uart16550;
import org.armach.core.dt.Dtc;
import org.armach.core.dt.DtNode;
import org.armach.core.dt.FdtReader;
import org.armach.core.mem.Bus;
import org.junit.jupiter.api.Test;

/** -M a64: memory map, limits and the generated device tree. */
class A64BoardTest {
    static VirtConfig config(long ram) {
        VirtConfig c = new VirtConfig();
        c.board = VirtConfig.BoardType.A64;
        c.psciSmc = true;
        c.ramSize = ram;
        return c;
    }

    @Test
    void treeIsShapedLikeTheOlinuxinoOne() throws Exception {
        VirtBoard b = new VirtBoard(config(1L << 30), OutputStream.nullOutputStream());
        byte[] blob = b.dtb();
        DtNode root = FdtReader.read(blob);
        assertEquals(List.of("olimex,a64-olinuxino", "allwinner,sun50i-a64"), root.getStrings("compatible"));
        assertEquals(1, root.getCell("#address-cells", -1));
        assertArrayEquals(new long[] {0x4000_0000L, 1L << 30}, root.child("memory@40000000").getCells("reg"));
        assertEquals("serial0:115200n8", root.find("chosen").getString("stdout-path"));
        assertEquals("/soc/serial@1c28000", root.find("aliases").getString("serial0"));
        assertEquals("psci", root.find("cpus/cpu@0").getString("enable-method"));
        assertEquals("smc", root.find("psci").getString("method"));
        DtNode uart = root.find("soc/serial@1c28000");
        assertEquals("snps,dw-apb-uart", uart.getString("compatible"));
        assertArrayEquals(new long[] {0, 0, 4}, uart.getCells("interrupts"), "UART0 is SPI 0, level-high");
        assertEquals(2, uart.getCell("reg-shift", -1));
        assertEquals(4, uart.getCell("reg-io-width", -1));
        long clk = uart.getCell("clocks", -1);
        DtNode osc = root.child("osc24M_clk");
        assertEquals(clk, osc.getCell("phandle", -2), "the UART's clock is the 24 MHz oscillator");
        assertEquals(24_000_000, osc.getCell("clock-frequency", -1));
        DtNode gic = root.find("soc/interrupt-controller@1c81000");
        assertEquals("arm,gic-400", gic.getString("compatible"));
        assertArrayEquals(new long[] {0x01C8_1000L, 0x1000, 0x01C8_2000L, 0x2000}, gic.getCells("reg"));
        assertArrayEquals(new long[] {1, 13, 0xf04, 1, 14, 0xf04, 1, 11, 0xf04, 1, 10, 0xf04}, root.find("timer").getCells("interrupts"));
        if (Dtc.available()) {
            String dts = Dtc.decompile(blob);
            assertTrue(dts.contains("compatible = \"olimex,a64-olinuxino\\0allwinner,sun50i-a64\";"), dts);
        }
    }

    @Test
    void modulesInChosenUseTwoCellsAsTheUBootSession() {
        VirtConfig c = config(1L << 30);
        c.modules.add(new GuestModule(0x6000_0000L, new byte[] {1, 2, 3}, "module-hello", true, "module-hello ${host-port}"));
        c.kernel = null;
        VirtBoard b = new VirtBoard(c, OutputStream.nullOutputStream());
        DtNode chosen = FdtReader.read(b.dtb()).child("chosen");
        assertEquals(2, chosen.getCell("#address-cells", -1));
        assertEquals(2, chosen.getCell("#size-cells", -1));
        DtNode m = chosen.child("module@0x60000000");
        assertArrayEquals(new long[] {0, 0x6000_0000L, 0, 3}, m.getCells("reg"));
        assertEquals(List.of("multiboot,module", "multiboot,kernel"), m.getStrings("compatible"));
    }

    @Test
    void memoryMap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtBoard b = new VirtBoard(config(256L << 20), out);
        Bus bus = b.bus;
        assertTrue(bus.findRegion(A64Soc.UART0).device instanceof Uart16550);
        assertEquals(b.socUart, b.serial);
        assertNull(b.uart);
        assertNull(b.rtc);
        b.socUart.write(0, 4, 'k');
        assertEquals("k", out.toString());
        // CCU (not modelled): reads as zero, no abort
        Bus.Region ccu = bus.findRegion(0x01C2_0000L);
        assertEquals(0, ccu.device.read(0x0, 4));
        assertTrue(ccu.device.accepts(0, 4, true));
        assertTrue(bus.findRegion(0x01F0_1400L) != null, "R_PRCM window answers");
        assertNull(bus.findRegion(0x0000_0000L), "boot ROM/SRAM not modelled: external abort");
        assertNull(bus.findRegion(0x0900_0000L), "no PL011 here");
        assertNull(bus.findRegion(0x0800_0000L), "no virt GIC here");
        assertEquals(160, b.gic.numIrq());
    }

    @Test
    void limitsAreOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VirtBoard(config(3L << 30), OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("maximum of 2 GiB"), e.getMessage());
        VirtConfig c = config(1L << 30);
        c.gicVersion = 3;
        e = assertThrows(IllegalArgumentException.class, () -> new VirtBoard(c, OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("GIC-400"), e.getMessage());
    }
}
