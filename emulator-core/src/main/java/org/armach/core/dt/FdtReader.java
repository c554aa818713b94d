package org.armach.core.dt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a flattened device tree blob into a {@link DtNode} tree (used for {@code -dtb}
 * blobs that the board amends as QEMU does, and by tests). Malformed blobs raise
 * {@link FdtFormatException} with a message, never an index exception.
 */
public final class FdtReader {
    /** A malformed DTB. */
    public static final class FdtFormatException extends IllegalArgumentException {
        public FdtFormatException(String msg) { super(msg); }
    }

    private final byte[] b;
    private final List<long[]> reservations = new ArrayList<>();
    private DtNode root;

    private FdtReader(byte[] blob) { this.b = blob; }

    /** Parses a blob and returns the root node. */
    public static DtNode read(byte[] blob) {
        return parse(blob).root;
    }

    /** Parses a blob, keeping the reservation block too. */
    public static FdtReader parse(byte[] blob) {
        FdtReader r = new FdtReader(blob);
        r.run();
        return r;
    }

    public DtNode root() { return root; }

    public List<long[]> reservations() { return reservations; }

    private int u32(int off) {
        if (off < 0 || off + 4 > b.length) throw new FdtFormatException("truncated device tree blob");
        return DtNode.getBe32(b, off);
    }

    private void run() {
        if (b.length < FdtWriter.HEADER_SIZE) throw new FdtFormatException("not a device tree blob (too short)");
        if (u32(0) != FdtWriter.FDT_MAGIC) throw new FdtFormatException("not a device tree blob (bad magic)");
        long total = u32(4) & 0xffffffffL;
        int offStruct = u32(8), offStrings = u32(12), offRsv = u32(16), version = u32(20);
        if (total > b.length) throw new FdtFormatException("device tree blob truncated: header says " + total + " bytes, file has " + b.length);
        if (version < 16) throw new FdtFormatException("device tree blob version " + version + " is not supported (need 16 or later)");
        int sizeStrings = u32(32);
        if (offStruct < 0 || offStrings < 0 || offRsv < 0 || offStrings + (long) sizeStrings > total)
            throw new FdtFormatException("device tree blob has bad block offsets");
        for (int p = offRsv; ; p += 16) {
            long a = ((long) u32(p) << 32) | (u32(p + 4) & 0xffffffffL);
            long s = ((long) u32(p + 8) << 32) | (u32(p + 12) & 0xffffffffL);
            if (a == 0 && s == 0) break;
            reservations.add(new long[] {a, s});
            if (reservations.size() > 4096) throw new FdtFormatException("device tree reservation block not terminated");
        }
        List<DtNode> stack = new ArrayList<>();
        int p = offStruct;
        while (true) {
            int tag = u32(p);
            p += 4;
            switch (tag) {
                case FdtWriter.FDT_BEGIN_NODE: {
                    int end = p;
                    while (end < b.length && b[end] != 0) end++;
                    if (end >= b.length) throw new FdtFormatException("unterminated node name in device tree");
                    String name = new String(b, p, end - p, StandardCharsets.UTF_8);
                    p = align4(end + 1);
                    DtNode n;
                    if (stack.isEmpty()) {
                        if (root != null) throw new FdtFormatException("device tree has more than one root node");
                        n = root = new DtNode("");
                    } else {
                        if (name.isEmpty() || name.indexOf('/') >= 0) throw new FdtFormatException("bad node name '" + name + "' in device tree");
                        DtNode parent = stack.get(stack.size() - 1);
                        if (parent.child(name) != null) throw new FdtFormatException("duplicate node '" + name + "' in device tree");
                        n = parent.node(name);
                    }
                    stack.add(n);
                    break;
                }
                case FdtWriter.FDT_END_NODE:
                    if (stack.isEmpty()) throw new FdtFormatException("unbalanced node end in device tree");
                    stack.remove(stack.size() - 1);
                    break;
                case FdtWriter.FDT_PROP: {
                    int len = u32(p), nameOff = u32(p + 4);
                    p += 8;
                    if (len < 0 || p + (long) len > b.length) throw new FdtFormatException("device tree property runs past the end of the blob");
                    if (stack.isEmpty()) throw new FdtFormatException("device tree property outside any node");
                    if (nameOff < 0 || nameOff >= sizeStrings) throw new FdtFormatException("bad property name offset in device tree");
                    int s = offStrings + nameOff, e = s;
                    while (e < offStrings + sizeStrings && b[e] != 0) e++;
                    String key = new String(b, s, e - s, StandardCharsets.UTF_8);
                    byte[] v = new byte[len];
                    System.arraycopy(b, p, v, 0, len);
                    stack.get(stack.size() - 1).prop(key, v);
                    p = align4(p + len);
                    break;
                }
                case FdtWriter.FDT_NOP:
                    break;
                case FdtWriter.FDT_END:
                    if (!stack.isEmpty() || root == null) throw new FdtFormatException("device tree structure ends inside a node");
                    return;
                default:
                    throw new FdtFormatException(String.format("bad token 0x%x in device tree structure", tag));
            }
        }
    }

    private static int align4(int v) { return (v + 3) & ~3; }
}
