package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.core.load.ElfLoader;
import org.armach.mach.vm.VmSpace;

/**
 * Loads an ELF module into a task as GNU Mach's user_bootstrap does: each PT_LOAD segment
 * is allocated at its fixed (page-rounded) address, its file bytes copied, then protected
 * as the segment says if that is not RWX.
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
        for (ElfLoader.Segment s : elf.segments) {
            int prot = prot(s.flags);
            long start = s.vaddr & -ps, end = (s.vaddr + s.memSize + ps - 1) & -ps;
            if (prot != 7) vm.protect(start, end - start, false, prot);
        }
        return elf.entry;
    }

    /** ELF p_flags (X 1, W 2, R 4) to VM_PROT (R 1, W 2, X 4). */
    static int prot(int flags) {
        return ((flags & 4) != 0 ? 1 : 0) | ((flags & 2) != 0 ? 2 : 0) | ((flags & 1) != 0 ? 4 : 0);
    }
}
