package org.armach.core.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds kernel images for loader and board tests. */
public final class TestImages {
    private TestImages() {}

    /** A PT_LOAD segment description. */
    public static final class Seg {
        final long paddr, vaddr;
        final byte[] data;
        final long memsz;

        public Seg(long paddr, byte[] data, long memsz) {
            this(paddr, paddr, data, memsz);
        }

        public Seg(long paddr, long vaddr, byte[] data, long memsz) {
            this.paddr = paddr;
            this.vaddr = vaddr;
            this.data = data;
            this.memsz = memsz;
        }
    }

    /** An ELF64 LE AArch64 ET_EXEC file with the given segments. */
    public static byte[] elf(long entry, Seg... segs) {
        int phoff = 64, phsz = 56;
        int dataOff = phoff + phsz * segs.length;
        List<Integer> offs = new ArrayList<>();
        int total = dataOff;
        for (Seg s : segs) {
            offs.add(total);
            total += s.data.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2); // ET_EXEC
        b.putShort((short) 183); // EM_AARCH64
        b.putInt(1);
        b.putLong(entry);
        b.putLong(phoff);
        b.putLong(0); // shoff
        b.putInt(0); // flags
        b.putShort((short) 64);
        b.putShort((short) phsz);
        b.putShort((short) segs.length);
        b.putShort((short) 64);
        b.putShort((short) 0);
        b.putShort((short) 0);
        for (int i = 0; i < segs.length; i++) {
            Seg s = segs[i];
            b.position(phoff + i * phsz);
            b.putInt(1); // PT_LOAD
            b.putInt(5); // R X
            b.putLong(offs.get(i));
            b.putLong(s.vaddr);
            b.putLong(s.paddr);
            b.putLong(s.data.length);
            b.putLong(s.memsz);
            b.putLong(0x1000);
        }
        for (int i = 0; i < segs.length; i++) {
            b.position(offs.get(i));
            b.put(segs[i].data);
        }
        return b.array();
    }

    /** Little-endian instruction words as bytes. */
    public static byte[] words(int... w) {
        ByteBuffer b = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : w) b.putInt(x);
        return b.array();
    }

    /** An arm64 Image: 64-byte header (code0 = b +0x40... as Linux, magic at 0x38) plus a body. */
    public static byte[] image(long textOffset, long imageSize, long flags, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(64 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x14000010); // b +0x40: skip the header
        b.putInt(0);
        b.putLong(textOffset);
        b.putLong(imageSize);
        b.putLong(flags);
        b.putLong(0);
        b.putLong(0);
        b.putLong(0);
        b.put(new byte[] {'A', 'R', 'M', 0x64});
        b.putInt(0);
        b.put(body);
        return b.array();
    }

    public static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(o)) {
                g.write(data);
            }
            return o.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A LoadTarget recording into a flat map of address -> byte, with a size limit window. */
    public static final class Recorder implements LoadTarget {
        public final java.util.TreeMap<Long, byte[]> blobs = new java.util.TreeMap<>();

        @Override
        public void load(String what, long pa, byte[] data, int off, int len) {
            byte[] c = new byte[len];
            System.arraycopy(data, off, c, 0, len);
            blobs.put(pa, c);
        }

        /** The byte at {@code pa} (0 if nothing loaded there). */
        public int byteAt(long pa) {
            java.util.Map.Entry<Long, byte[]> e = blobs.floorEntry(pa);
            if (e == null) return 0;
            long o = pa - e.getKey();
            return o < e.getValue().length ? e.getValue()[(int) o] & 0xff : 0;
        }
    }
}
