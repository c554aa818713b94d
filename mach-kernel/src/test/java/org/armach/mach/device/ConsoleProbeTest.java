package org.armach.mach.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.dt.DtNode;
import org.armach.core.dt.FdtReader;
import org.junit.jupiter.api.Test;

/** The console driver follows /chosen stdout-path, as GNU Mach's AArch64 port picks it. */
class ConsoleProbeTest {
    static VirtBoard board(VirtConfig.BoardType t, OutputStream out) {
        VirtConfig c = new VirtConfig();
        c.board = t;
        return new VirtBoard(c, out);
    }

    @Test
    void virtGetsThePl011() {
        VirtBoard b = board(VirtConfig.BoardType.VIRT, OutputStream.nullOutputStream());
        ConsoleProbe.Found f = ConsoleProbe.probe(FdtReader.read(b.dtb()), b.bus);
        assertTrue(f.console() instanceof Pl011Console);
        assertEquals(33, f.intid());
        assertEquals("/pl011@9000000", f.path());
    }

    @Test
    void a64GetsThe16550ThroughTheAlias() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtBoard b = board(VirtConfig.BoardType.A64, out);
        ConsoleProbe.Found f = ConsoleProbe.probe(FdtReader.read(b.dtb()), b.bus);
        assertTrue(f.console() instanceof Uart16550Console);
        assertEquals(32, f.intid());
        assertEquals("/soc/serial@1c28000", f.path());
        assertEquals("snps,dw-apb-uart", f.compatible());
        f.console().write("a\nb".getBytes(), 0, 3);
        assertEquals("a\r\nb", out.toString());
        assertEquals(-1, f.console().read());
        b.socUart.receive('q');
        assertEquals('q', f.console().read());
    }

    @Test
    void unusableTreesAreOneLineErrors() {
        VirtBoard b = board(VirtConfig.BoardType.A64, OutputStream.nullOutputStream());
        DtNode root = FdtReader.read(b.dtb());
        root.child("aliases").remove("serial0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleProbe.probe(root, b.bus)).getMessage().contains("no such alias"));
        root.child("chosen").remove("stdout-path");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleProbe.probe(root, b.bus)).getMessage().contains("stdout-path"));
        DtNode r2 = FdtReader.read(b.dtb());
        r2.find("soc/serial@1c28000").string("compatible", "acme,uart");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleProbe.probe(r2, b.bus)).getMessage().contains("no console driver for acme,uart"));
    }
}
