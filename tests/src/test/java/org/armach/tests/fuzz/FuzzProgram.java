package org.armach.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Encoding;

/**
 * Generates random instruction sequences from the decode table and packs them with the
 * prebuilt fuzz harness into one bare-metal ELF that QEMU and armach both run.
 *
 * <p>Most words are drawn from the table's encodings (random field values inside each
 * encoding's fixed bits), the rest are random words of the data-processing and load/store
 * spaces, so encodings the table lacks show up as mismatches too. Branch, exception and
 * system encodings are excluded (they would leave the harness). Loads and stores are
 * steered into the harness's scratch buffer: their base register becomes X28 or SP (both
 * point at the middle of it), register offsets become XZR, large immediates are clamped,
 * and the transfer registers are kept distinct from the base and from each other so no
 * CONSTRAINED UNPREDICTABLE overlap is generated.
 */
public final class FuzzProgram {
    public static final long TABLE_ADDR = 0x4100_0000L;
    public static final int MAGIC = 0x5a5a5546; // "FUZZ"

    private final DecodeTable table;
    private final CpuModel model;
    private final List<Encoding> pool = new ArrayList<>();

    private final boolean definedOnly;

    /**
     * @param definedOnly keep only words armach decodes as defined instructions: used against
     *     QEMU's "max", which implements extensions armach does not (SVE, FP16, crypto...), so
     *     only the behaviour of what armach implements is compared. With false, UNDEFINED words
     *     are compared too (against a QEMU CPU model with the same feature set).
     */
    public FuzzProgram(DecodeTable table, CpuModel model, boolean definedOnly) {
        this.table = table;
        this.model = model;
        this.definedOnly = definedOnly;
        for (Encoding e : table.encodings()) {
            String s = e.section.toLowerCase();
            if (s.contains("branch") || s.contains("system") || s.contains("exception")) continue;
            pool.add(e);
        }
    }

    public int poolSize() { return pool.size(); }

    /** One random instruction word. */
    public int word(SplittableRandom rnd) {
        for (;;) {
            int w;
            if (rnd.nextInt(10) == 0 || pool.isEmpty()) {
                w = rnd.nextInt();
            } else {
                Encoding e = pool.get(rnd.nextInt(pool.size()));
                w = (rnd.nextInt() & ~e.mask) | e.value;
            }
            int op0 = (w >>> 25) & 0xf;
            if ((op0 & 0xe) == 0xa) continue; // branches, exception generation, system
            if ((op0 & 0x5) == 0x4) w = steerLoadStore(w, rnd);
            if (isCrypto(w)) continue;
            Insn in = new Insn(w);
            Encoding e = table.decode(w, in, model);
            if (e != null && (op0 & 0x5) != 0x4 && (in.rd == 28 || in.rd == Cpu.SP)) {
                // keep X28 and SP (the load/store bases) pointing into the scratch buffer
                continue;
            }
            if (e == null && definedOnly) continue;
            if (e != null) {
                String s = e.section.toLowerCase();
                if (s.contains("branch") || s.contains("system")) continue;
                // Load-acquire/store-release (non-exclusive) must fault on unaligned addresses
                // in ARMv8.0; QEMU 7.2 does not check, so they are covered by the diff guests
                // with aligned addresses instead.
                if (e.name.startsWith("LDAR") || e.name.startsWith("STLR") || e.name.startsWith("LDAPR")) continue;
            }
            return w;
        }
    }

    /**
     * The optional crypto extension (AES, SHA1/SHA256, 64-bit PMULL), which QEMU's Cortex
     * models implement and armach's models do not advertise.
     */
    static boolean isCrypto(int w) {
        return (w & 0xff3e0c00) == 0x4e280800 // AES
                || (w & 0xff208c00) == 0x5e000000 // SHA three-register
                || (w & 0xff3e0c00) == 0x5e280800 // SHA two-register
                || (w & 0xbfe0fc00) == 0x0ee0e000; // PMULL/PMULL2 .1Q
    }

    private static int field(int w, int lo) { return (w >>> lo) & 31; }

    private static int setField(int w, int lo, int v) { return (w & ~(31 << lo)) | (v << lo); }

    static int steerLoadStore(int w, SplittableRandom rnd) {
        // literal: 0bxx011x00 at [29:24]: keep the PC-relative offset within +-256 bytes
        if ((w & 0x3b000000) == 0x18000000) {
            int imm19 = rnd.nextInt(129) - 64;
            int rt = distinct(field(w, 0), new int[] {28}, rnd);
            return (w & 0xff000000) | ((imm19 & 0x7ffff) << 5) | rt;
        }
        int base = rnd.nextInt(4) == 0 ? 31 : 28;
        // keep transfer/status registers distinct from each other and from X28
        int a = field(w, 0), b = field(w, 10), c = field(w, 16);
        int[] used = {28, -1, -1};
        a = distinct(a, used, rnd);
        used[1] = a;
        b = distinct(b, used, rnd);
        used[2] = b;
        c = distinct(c, new int[] {28, a, b}, rnd);
        w = setField(w, 0, a);
        w = setField(w, 10, b);
        w = setField(w, 16, c);
        w = setField(w, 5, base);
        boolean simdStruct = (w & 0xbf000000) == 0x0c000000 || (w & 0xbf000000) == 0x0d000000;
        if (simdStruct) {
            // AdvSIMD structure loads/stores: post-index by register becomes post-index by size
            if ((w & (1 << 23)) != 0) w = setField(w, 16, 31);
            return w;
        }
        int op = (w >>> 24) & 0x3b; // bits [29:27] and [25:24]
        if ((op & 0x3b) == 0x39) {
            // load/store register (unsigned immediate): clamp imm12 to 0..31
            w = (w & ~(0xfff << 10)) | ((w >>> 10) & 0x1f) << 10;
        } else if ((op & 0x3b) == 0x38 && (w & (1 << 21)) != 0 && ((w >>> 10) & 3) == 2) {
            // register offset: index register XZR
            w = setField(w, 16, 31);
        }
        return w;
    }

    private static int distinct(int r, int[] avoid, SplittableRandom rnd) {
        for (;;) {
            boolean clash = false;
            for (int x : avoid) if (x == r) clash = true;
            if (!clash) return r;
            r = rnd.nextInt(31);
        }
    }

    /** count sequences of len words each, derived from seed. */
    public int[] sequences(long seed, int count, int len) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] words = new int[count * len];
        for (int i = 0; i < words.length; i++) words[i] = word(rnd);
        return words;
    }

    /** Writes an ELF: the harness's loadable segments plus the sequence table at TABLE_ADDR. */
    public static void writeImage(Path harnessElf, Path out, int seed, int count, int len, int[] words) throws IOException {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) ids[i] = i;
        writeImage(harnessElf, out, seed, len, words, ids, 0);
    }

    /**
     * Writes an ELF whose sequence i runs {@code words[i*len .. i*len+len)} from the initial
     * state number {@code stateIds[i]}; flags bit 0 makes the harness print the whole state.
     */
    public static void writeImage(Path harnessElf, Path out, int seed, int len, int[] words, int[] stateIds, int flags) throws IOException {
        int count = stateIds.length;
        byte[] h = Files.readAllBytes(harnessElf);
        ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        long entry = hb.getLong(24);
        long phoff = hb.getLong(32);
        int phentsize = hb.getShort(54) & 0xffff, phnum = hb.getShort(56) & 0xffff;
        List<long[]> segs = new ArrayList<>(); // vaddr, offset, filesz, memsz, flags
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (hb.getInt(p) != 1) continue;
            segs.add(new long[] {hb.getLong(p + 16), hb.getLong(p + 8), hb.getLong(p + 32), hb.getLong(p + 40), hb.getInt(p + 4)});
        }
        ByteBuffer tb = ByteBuffer.allocate(32 + count * (len + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
        tb.putInt(MAGIC).putInt(count).putInt(len).putInt(seed).putInt(flags).putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < count; i++) {
            tb.putInt(stateIds[i]);
            for (int k = 0; k < len; k++) tb.putInt(words[i * len + k]);
        }
        byte[] tableBytes = tb.array();

        int nseg = segs.size() + 1;
        long dataOff = 64 + 56L * nseg;
        dataOff = (dataOff + 15) & ~15L;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer hdr = ByteBuffer.allocate((int) dataOff).order(ByteOrder.LITTLE_ENDIAN);
        hdr.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        hdr.position(16);
        hdr.putShort((short) 2).putShort((short) 183).putInt(1).putLong(entry).putLong(64).putLong(0);
        hdr.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) nseg).putShort((short) 64).putShort((short) 0).putShort((short) 0);
        long cur = dataOff;
        List<long[]> placed = new ArrayList<>();
        for (long[] s : segs) {
            placed.add(new long[] {s[0], cur, s[2], s[3], s[4]});
            body.write(h, (int) s[1], (int) s[2]);
            cur += s[2];
            long pad = (16 - (cur & 15)) & 15;
            body.write(new byte[(int) pad]);
            cur += pad;
        }
        placed.add(new long[] {TABLE_ADDR, cur, tableBytes.length, tableBytes.length, 4});
        body.write(tableBytes);
        for (long[] s : placed) {
            hdr.putInt(1).putInt((int) s[4]).putLong(s[1]).putLong(s[0]).putLong(s[0]).putLong(s[2]).putLong(s[3]).putLong(16);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(hdr.array());
        all.write(body.toByteArray());
        Files.write(out, all.toByteArray());
    }
}
