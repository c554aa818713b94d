package org.armach.core.dt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a flattened device tree blob (DTB), version 17 (last compatible version 16):
 * header, memory reservation block, structure block and a strings block in which each
 * property name is stored once.
 */
public final class FdtWriter {
    public static final int FDT_MAGIC = 0xd00dfeed;
    public static final int FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9;
    static final int HEADER_SIZE = 40;

    private final List<long[]> reservations = new ArrayList<>();
    private int bootCpuId;
    private int minSize;

    /** Adds an entry to the memory reservation block. */
    public FdtWriter reserve(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    public FdtWriter bootCpuId(int id) {
        this.bootCpuId = id;
        return this;
    }

    /** Pads the blob (totalsize) to at least this many bytes of free space at the end, as QEMU's 1 MiB blobs. */
    public FdtWriter padTo(int totalSize) {
        this.minSize = totalSize;
        return this;
    }

    /** Serializes {@code root} (whose own name is ignored and written as "") into a DTB. */
    public byte[] write(DtNode root) {
        Strings strings = new Strings();
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        writeNode(struct, root, true, strings);
        be32(struct, FDT_END);
        byte[] structBytes = struct.toByteArray();
        byte[] stringBytes = strings.bytes();

        int offRsv = HEADER_SIZE; // already 8-byte aligned
        int rsvSize = 16 * (reservations.size() + 1);
        int offStruct = offRsv + rsvSize;
        int offStrings = offStruct + structBytes.length;
        int total = offStrings + stringBytes.length;
        int totalPadded = Math.max(total, minSize);

        byte[] out = new byte[totalPadded];
        DtNode.putBe32(out, 0, FDT_MAGIC);
        DtNode.putBe32(out, 4, totalPadded);
        DtNode.putBe32(out, 8, offStruct);
        DtNode.putBe32(out, 12, offStrings);
        DtNode.putBe32(out, 16, offRsv);
        DtNode.putBe32(out, 20, 17);
        DtNode.putBe32(out, 24, 16);
        DtNode.putBe32(out, 28, bootCpuId);
        DtNode.putBe32(out, 32, stringBytes.length);
        DtNode.putBe32(out, 36, structBytes.length);
        int p = offRsv;
        for (long[] r : reservations) {
            putBe64(out, p, r[0]);
            putBe64(out, p + 8, r[1]);
            p += 16;
        }
        // terminating zero entry already zero
        System.arraycopy(structBytes, 0, out, offStruct, structBytes.length);
        System.arraycopy(stringBytes, 0, out, offStrings, stringBytes.length);
        return out;
    }

    private static void writeNode(ByteArrayOutputStream s, DtNode n, boolean root, Strings strings) {
        be32(s, FDT_BEGIN_NODE);
        byte[] name = root ? new byte[0] : n.name().getBytes(StandardCharsets.UTF_8);
        s.write(name, 0, name.length);
        s.write(0);
        pad4(s);
        for (String key : n.propNames()) {
            byte[] v = n.get(key);
            be32(s, FDT_PROP);
            be32(s, v.length);
            be32(s, strings.offsetOf(key));
            s.write(v, 0, v.length);
            pad4(s);
        }
        for (DtNode c : n.children()) writeNode(s, c, false, strings);
        be32(s, FDT_END_NODE);
    }

    private static void pad4(ByteArrayOutputStream s) {
        while ((s.size() & 3) != 0) s.write(0);
    }

    private static void be32(ByteArrayOutputStream s, int v) {
        s.write(v >>> 24);
        s.write(v >>> 16);
        s.write(v >>> 8);
        s.write(v);
    }

    static void putBe64(byte[] b, int off, long v) {
        DtNode.putBe32(b, off, (int) (v >>> 32));
        DtNode.putBe32(b, off + 4, (int) v);
    }

    /** The strings block: each distinct name once, in order of first use. */
    private static final class Strings {
        private final Map<String, Integer> offsets = new HashMap<>();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        int offsetOf(String s) {
            Integer o = offsets.get(s);
            if (o != null) return o;
            int off = data.size();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            data.write(b, 0, b.length);
            data.write(0);
            offsets.put(s, off);
            return off;
        }

        byte[] bytes() { return data.toByteArray(); }
    }
}
