package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.core.load.ElfLoader;
import org.armach.mach.vm.VmSpace;

/**
 * Loads an ELF module into a task as GNU Mach's user_bootstrap does: each PT_LOAD segment
 * is allocated at its fixed (page-rounded) address, its file bytes copied, then protected
 * as the segment says (a page shared by segments gets the union).
 */
final class ElfImage {
    private ElfImage() {}

    /** Returns the entry point, or throws IllegalArgumentException for a bad image. */
    static long load(VmSpace vm, byte[] image, String name) {
        ElfLoader.Elf elf = ElfLoader.parse(image, name);
        long ps = vm.pageSize();
        for (ElfLoader.Segment s : elf.segments) {
            long start = s.vaddr & -ps, end = (s.vaddr + s.memSize + ps - 1) & -ps;
            for (long p = start; p < end; p += ps) {
                long[] a = {p};
                int kr = vm.allocate(a, ps, false);
                if (kr != KERN_SUCCESS && kr != KERN_NO_SPACE) throw new IllegalArgumentException(name + ": cannot allocate 0x" + Long.toHexString(p));
            }
            if (s.fileSize > 0 && !vm.write(s.vaddr, image, (int) s.fileOffset, (int) s.fileSize))
                throw new IllegalArgumentException(name + ": cannot write segment at 0x" + Long.toHexString(s.vaddr));
        }
        protect(vm, elf, ps);
        return elf.entry;
    }

    /**
     * Protects every page as the union of the segments on it: with a page size larger than the
     * segments' alignment (a 4K-linked image on 16K/64K pages) text and data may share a page,
     * which must then stay both executable and writable. RWX pages are protected too:
     * vm_allocate's default protection (VM_PROT_DEFAULT, read/write) has no execute.
     */
    private static void protect(VmSpace vm, ElfLoader.Elf elf, long ps) {
        java.util.TreeMap<Long, Integer> pages = new java.util.TreeMap<>();
        for (ElfLoader.Segment s : elf.segments) {
            long start = s.vaddr & -ps, end = (s.vaddr + s.memSize + ps - 1) & -ps;
            for (long p = start; p < end; p += ps) pages.merge(p, prot(s.flags), (x, y) -> x | y);
        }
        long runStart = -1, runEnd = -1;
        int runProt = -1;
        for (java.util.Map.Entry<Long, Integer> e : pages.entrySet()) {
            if (e.getKey() != runEnd || e.getValue() != runProt) {
                if (runProt >= 0) vm.protect(runStart, runEnd - runStart, false, runProt);
                runStart = e.getKey();
                runProt = e.getValue();
            }
            runEnd = e.getKey() + ps;
        }
        if (runProt >= 0) vm.protect(runStart, runEnd - runStart, false, runProt);
    }

    /** ELF p_flags (X 1, W 2, R 4) to VM_PROT (R 1, W 2, X 4). */
    static int prot(int flags) {
        return ((flags & 4) != 0 ? 1 : 0) | ((flags & 2) != 0 ? 2 : 0) | ((flags & 1) != 0 ? 4 : 0);
    }
}
