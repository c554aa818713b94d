package org.armach.core.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The framing layer of the remote protocol, without sockets. */
class PacketsTest {
    private static String s(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    @Test
    void checksumsAreTheModulo256SumAsGdbComputesThem() {
        assertEquals("$OK#9a", s(Packets.frame("OK")));
        assertEquals("$#00", s(Packets.frame("")));
        assertEquals("$qSupported#37", s(Packets.frame("qSupported")));
        assertEquals("$T05thread:01;#07", s(Packets.frame("T05thread:01;")));
    }

    @Test
    void specialBytesAreEscapedAndTheChecksumCoversTheEscapedForm() {
        // '$' '#' '}' '*' become '}' followed by the byte XOR 0x20
        assertEquals("a}\u0004}\u0003}]}\nb", Packets.escape("a$#}*b"));
        String framed = s(Packets.frame("x$y"));
        assertEquals("$x}\u0004y#" + Packets.hex2(Packets.checksum("x}\u0004y")), framed);
    }

    @Test
    void binaryXDataRoundTripsThroughEscaping() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        String esc = Packets.escape(new String(all, StandardCharsets.ISO_8859_1));
        assertEquals(256 + 4, esc.length());
        assertArrayEquals(all, Packets.unescape(esc));
        // what gdb sends for X addr,4:<0x23 0x24 0x7d 0x2a>
        assertArrayEquals(new byte[] {0x23, 0x24, 0x7d, 0x2a}, Packets.unescape("}\u0003}\u0004}]}\n"));
    }

    @Test
    void hexAndLittleEndianRegisterValues() {
        assertEquals("0000084000000000", Packets.le(0x40080000L, 8));
        assertEquals(0x40080000L, Packets.fromLe("0000084000000000", 0, 8));
        assertEquals("c5030000", Packets.le(0x3c5, 4));
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad}, Packets.unhex("dEaD"));
        assertEquals(0xffffffffffffffffL, Packets.num("ffffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> Packets.unhex("abc"));
        assertThrows(IllegalArgumentException.class, () -> Packets.unhex("zz"));
        assertThrows(IllegalArgumentException.class, () -> Packets.num(""));
    }

    @Test
    void parserYieldsPacketsInterruptsAcksAndRejectsBadChecksums() {
        Packets.Parser p = new Packets.Parser();
        int[] events = feed(p, "+$g#67");
        assertEquals(Packets.Parser.ACK, events[0]);
        assertEquals(Packets.Parser.PACKET, events[events.length - 1]);
        assertEquals("g", p.packet());
        assertEquals(Packets.Parser.INTERRUPT, p.feed(0x03));
        assertEquals(Packets.Parser.NACK, p.feed('-'));
        int[] bad = feed(p, "$g#68");
        assertEquals(Packets.Parser.BAD_CHECKSUM, bad[bad.length - 1]);
        // a packet with escaped binary data keeps its escapes for the X handler
        String body = "X40080000,1:}]";
        int[] x = feed(p, "$" + body + "#" + Packets.hex2(Packets.checksum(body)));
        assertEquals(Packets.Parser.PACKET, x[x.length - 1]);
        assertEquals(body, p.packet());
        assertArrayEquals(new byte[] {0x7d}, Packets.unescape(p.packet().substring(p.packet().indexOf(':') + 1)));
    }

    private static int[] feed(Packets.Parser p, String bytes) {
        int[] ev = new int[bytes.length()];
        for (int i = 0; i < bytes.length(); i++) ev[i] = p.feed(bytes.charAt(i));
        return java.util.Arrays.stream(ev).filter(e -> e != Packets.Parser.NONE).toArray();
    }

    @Test
    void gdbDeviceSpellings() {
        assertEquals(1234, GdbServer.parse("tcp::1234").port);
        assertEquals("", GdbServer.parse("tcp::1234").host);
        assertEquals("localhost", GdbServer.parse("tcp:localhost:4321").host);
        assertEquals("::1", GdbServer.parse("tcp:[::1]:4321").host);
        assertEquals("/tmp/g.sock", GdbServer.parse("unix:/tmp/g.sock,server").path);
        assertEquals(1234, GdbServer.parse("tcp::1234,server,nowait").port);
        for (String bad : new String[] {"tcp:1234", "tcp::x", "tcp::70000", "udp::1", "unix:", "tcp::1,bogus"})
            assertThrows(IllegalArgumentException.class, () -> GdbServer.parse(bad), bad);
    }

    @Test
    void targetDescriptionHasTheCoreAndFpuFeaturesInRegisterOrder() {
        String xml = TargetDescription.XML;
        org.junit.jupiter.api.Assertions.assertTrue(xml.contains("<feature name=\"org.gnu.gdb.aarch64.core\">"));
        org.junit.jupiter.api.Assertions.assertTrue(xml.contains("<feature name=\"org.gnu.gdb.aarch64.fpu\">"));
        org.junit.jupiter.api.Assertions.assertTrue(xml.contains("<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\" regnum=\"65\"/>"));
        org.junit.jupiter.api.Assertions.assertTrue(xml.indexOf("name=\"pc\"") > xml.indexOf("name=\"sp\""));
        org.junit.jupiter.api.Assertions.assertTrue(xml.indexOf("name=\"fpcr\"") > xml.indexOf("name=\"fpsr\""));
    }
}
