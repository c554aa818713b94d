package org.armach.core.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FdtWriterTest {
    static DtNode sample() {
        DtNode root = new DtNode("");
        root.cells("#address-cells", 2).cells("#size-cells", 2).string("compatible", "test,board");
        DtNode a = root.node("uart@9000000").strings("compatible", "arm,pl011", "arm,primecell").u64s("reg", 0x9000000L, 0x1000);
        a.flag("dma-coherent");
        root.node("uart@9001000").strings("compatible", "arm,pl011", "arm,primecell").u64s("reg", 0x9001000L, 0x1000);
        root.node("chosen").string("bootargs", "console=ttyAMA0 odd-length").cells("linux,initrd-start", 0x48000000L);
        root.node("cpus").node("cpu@0").cells("reg", 0);
        return root;
    }

    static int be32(byte[] b, int off) { return DtNode.getBe32(b, off); }

    @Test
    void headerIsVersion17WithReservations() {
        byte[] blob = new FdtWriter().reserve(0x48000000L, 0x200000L).write(sample());
        assertEquals(0xd00dfeed, be32(blob, 0));
        assertEquals(blob.length, be32(blob, 4));
        assertEquals(17, be32(blob, 20));
        assertEquals(16, be32(blob, 24));
        int rsv = be32(blob, 16);
        assertEquals(0, rsv % 8);
        assertEquals(0, be32(blob, rsv));
        assertEquals(0x48000000, be32(blob, rsv + 4));
        assertEquals(0x200000, be32(blob, rsv + 12));
        assertEquals(0, be32(blob, rsv + 16) | be32(blob, rsv + 20) | be32(blob, rsv + 24) | be32(blob, rsv + 28));
        int offStruct = be32(blob, 8), offStrings = be32(blob, 12);
        assertEquals(0, offStruct % 4);
        assertEquals(offStrings, offStruct + be32(blob, 36));
        assertEquals(blob.length, offStrings + be32(blob, 32));
    }

    @Test
    void stringsAreStoredOnce() {
        byte[] blob = new FdtWriter().write(sample());
        int offStrings = be32(blob, 12), size = be32(blob, 32);
        String strings = new String(blob, offStrings, size, StandardCharsets.UTF_8);
        assertEquals(strings.indexOf("compatible"), strings.lastIndexOf("compatible"));
        assertEquals(strings.indexOf("\0reg\0"), strings.lastIndexOf("\0reg\0"));
        assertTrue(strings.contains("linux,initrd-start"));
    }

    @Test
    void roundTripsThroughReader() {
        DtNode orig = sample();
        FdtReader r = FdtReader.parse(new FdtWriter().reserve(1, 2).padTo(1 << 16).write(orig));
        assertEquals(1, r.reservations().size());
        DtNode root = r.root();
        assertEquals(List.of("arm,pl011", "arm,primecell"), root.find("uart@9001000").getStrings("compatible"));
        assertArrayEquals(new long[] {0, 0x9000000L, 0, 0x1000}, root.find("/uart@9000000").getCells("reg"));
        assertNotNull(root.find("uart@9000000").get("dma-coherent"));
        assertEquals(0, root.find("uart@9000000").get("dma-coherent").length);
        assertEquals("console=ttyAMA0 odd-length", root.find("chosen").getString("bootargs"));
        assertEquals(0x48000000L, root.find("chosen").getCell("linux,initrd-start", -1));
        assertNotNull(root.find("cpus/cpu@0"));
        assertEquals(List.of("uart@9000000", "uart@9001000", "chosen", "cpus"),
                root.children().stream().map(DtNode::name).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void propFirstPrependsNewAndKeepsExistingInPlace() {
        DtNode n = new DtNode("chosen").string("a", "1").string("b", "2");
        n.propFirst("c", new byte[] {0});
        n.propFirst("a", new byte[] {'x', 0});
        assertEquals(List.of("c", "a", "b"), n.propNames());
        assertEquals("x", n.getString("a"));
    }

    @Test
    void readerRejectsMalformedBlobsCleanly() {
        byte[] good = new FdtWriter().write(sample());
        assertThrows(FdtReader.FdtFormatException.class, () -> FdtReader.read(new byte[10]));
        byte[] bad = good.clone();
        bad[0] = 0;
        assertThrows(FdtReader.FdtFormatException.class, () -> FdtReader.read(bad));
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThrows(FdtReader.FdtFormatException.class, () -> FdtReader.read(cut));
        // random corruption never escapes as anything but a format exception
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] m = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt();
            try {
                FdtReader.read(m);
            } catch (IllegalArgumentException e) {
                // fine: FdtFormatException or a DtNode name check
            }
        }
    }

    @Test
    void dtcAcceptsTheBlob() throws Exception {
        Dtc.assumeAvailable();
        byte[] blob = new FdtWriter().reserve(0x48000000L, 0x1000).write(sample());
        String dts = Dtc.decompile(blob);
        assertTrue(dts.contains("/memreserve/"), dts);
        assertTrue(dts.contains("compatible = \"arm,pl011\\0arm,primecell\";"), dts);
        assertTrue(dts.contains("dma-coherent;"), dts);
        assertTrue(dts.contains("bootargs = \"console=ttyAMA0 odd-length\";"), dts);
        assertTrue(dts.contains("reg = <0x00 0x9001000 0x00 0x1000>;"), dts);
        // and dtc's own blob of that source reads back the same
        DtNode back = FdtReader.read(Dtc.compile(dts));
        assertEquals("console=ttyAMA0 odd-length", back.find("chosen").getString("bootargs"));
    }
}
