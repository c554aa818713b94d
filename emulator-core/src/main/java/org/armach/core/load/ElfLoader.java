package org.armach.core.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads ELF64 little-endian AArch64 executables as QEMU's {@code load_elf} does for
 * {@code -kernel}: every PT_LOAD segment is copied to its physical address (p_paddr),
 * memsz beyond filesz is zero-filled, and the entry point is e_entry. Malformed files are
 * rejected with an {@link ImageFormatException} that says what is wrong.
 */
public final class ElfLoader {
    private ElfLoader() {}

    public static final int EM_AARCH64 = 183;
    public static final int PT_LOAD = 1;
    public static final int ET_EXEC = 2, ET_DYN = 3;

    /** One loadable segment. */
    public static final class Segment {
        public final long paddr, vaddr, fileOffset, fileSize, memSize;
        public final int flags;

        Segment(long paddr, long vaddr, long fileOffset, long fileSize, long memSize, int flags) {
            this.paddr = paddr;
            this.vaddr = vaddr;
            this.fileOffset = fileOffset;
            this.fileSize = fileSize;
            this.memSize = memSize;
            this.flags = flags;
        }
    }

    /** A parsed executable. */
    public static final class Elf {
        public final long entry;
        public final int type;
        public final List<Segment> segments;

        Elf(long entry, int type, List<Segment> segments) {
            this.entry = entry;
            this.type = type;
            this.segments = Collections.unmodifiableList(segments);
        }

        /** Lowest physical address loaded. */
        public long low() {
            long lo = -1;
            for (Segment s : segments) if (s.memSize > 0 && Long.compareUnsigned(s.paddr, lo) < 0) lo = s.paddr;
            return segments.isEmpty() ? 0 : lo;
        }

        /** One past the highest physical address loaded. */
        public long high() {
            long hi = 0;
            for (Segment s : segments) if (Long.compareUnsigned(s.paddr + s.memSize, hi) > 0) hi = s.paddr + s.memSize;
            return hi;
        }

        /** Bytes loaded (sum of memsz), QEMU's kernel_size for ELF. */
        public long size() {
            long n = 0;
            for (Segment s : segments) n += s.memSize;
            return n;
        }
    }

    /** Whether the file starts with the ELF magic. */
    public static boolean isElf(byte[] file) {
        return file.length >= 4 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';
    }

    /** Parses and validates the headers of an ELF64 LE AArch64 executable. */
    public static Elf parse(byte[] f, String name) {
        if (!isElf(f)) throw new ImageFormatException(name + ": not an ELF file");
        if (f.length < 64) throw new ImageFormatException(name + ": truncated ELF header");
        if (f[4] != 2) throw new ImageFormatException(name + ": not a 64-bit ELF file (ELF class " + f[4] + ")");
        if (f[5] != 1) throw new ImageFormatException(name + ": not a little-endian ELF file");
        if (f[6] != 1) throw new ImageFormatException(name + ": unsupported ELF version " + f[6]);
        int type = u16(f, 16);
        int machine = u16(f, 18);
        if (machine != EM_AARCH64) throw new ImageFormatException(name + ": ELF file is not for AArch64 (e_machine " + machine + ")");
        if (type != ET_EXEC && type != ET_DYN) throw new ImageFormatException(name + ": ELF file is not an executable (e_type " + type + ")");
        long entry = u64(f, 24);
        long phoff = u64(f, 32);
        int phentsize = u16(f, 54);
        int phnum = u16(f, 56);
        if (phnum == 0) throw new ImageFormatException(name + ": ELF file has no program headers");
        if (phnum == 0xffff) throw new ImageFormatException(name + ": ELF extended program header numbering is not supported");
        if (phentsize < 56) throw new ImageFormatException(name + ": bad ELF program header size " + phentsize);
        if (phoff < 0 || phoff > f.length || (long) phentsize * phnum > f.length - phoff)
            throw new ImageFormatException(name + ": ELF program headers lie outside the file");
        List<Segment> segs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (u32(f, p) != PT_LOAD) continue;
            int flags = u32(f, p + 4);
            long off = u64(f, p + 8), vaddr = u64(f, p + 16), paddr = u64(f, p + 24);
            long filesz = u64(f, p + 32), memsz = u64(f, p + 40);
            if (Long.compareUnsigned(filesz, memsz) > 0)
                throw new ImageFormatException(String.format("%s: ELF segment %d has filesz 0x%x larger than memsz 0x%x", name, i, filesz, memsz));
            if (off < 0 || filesz < 0 || off > f.length || filesz > f.length - off)
                throw new ImageFormatException(String.format("%s: ELF segment %d (offset 0x%x, size 0x%x) lies outside the file (0x%x bytes)", name, i, off, filesz, f.length));
            if (memsz < 0 || Long.compareUnsigned(paddr + memsz, paddr) < 0)
                throw new ImageFormatException(String.format("%s: ELF segment %d wraps around the address space", name, i));
            segs.add(new Segment(paddr, vaddr, off, filesz, memsz, flags));
        }
        if (segs.isEmpty()) throw new ImageFormatException(name + ": ELF file has no loadable segments");
        return new Elf(entry, type, segs);
    }

    /** Parses and loads; returns the parsed file (entry, low, high). */
    public static Elf load(byte[] f, String name, LoadTarget target) {
        Elf e = parse(f, name);
        for (Segment s : e.segments) {
            if (s.fileSize > 0) target.load(name, s.paddr, f, (int) s.fileOffset, (int) s.fileSize);
            if (s.memSize > s.fileSize) target.zero(name, s.paddr + s.fileSize, s.memSize - s.fileSize);
        }
        return e;
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    static int u32(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    static long u64(byte[] b, int o) {
        return (u32(b, o) & 0xffffffffL) | ((long) u32(b, o + 4) << 32);
    }
}
