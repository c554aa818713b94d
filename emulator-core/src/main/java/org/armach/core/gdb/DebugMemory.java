package org.armach.core.gdb;

import org.armach.core.cpu.Cpu;
import org.armach.core.mem.PhysicalMemory;

/**
 * Guest memory as a debugger sees it: virtual addresses translated by the current regime of
 * the CPU (permissions ignored, as QEMU's debug accesses), RAM only. Nothing is recorded as a
 * fault, the soft TLB and the exclusive monitor are untouched; writes drop decoded code they
 * overlap. Device registers are refused rather than read (a read may have side effects).
 */
final class DebugMemory {
    private DebugMemory() {}

    /** The physical address of {@code va}, or -1 if it does not translate to RAM. */
    static long ramAddress(Cpu c, long va) {
        long pa = c.translator().debugTranslate(c, va);
        return pa != -1 && c.ram.contains(pa) ? pa : -1;
    }

    /** Reads up to {@code len} bytes; returns fewer (possibly none) if an address does not translate to RAM. */
    static byte[] read(Cpu c, long va, int len) {
        byte[] out = new byte[len];
        int n = 0;
        while (n < len) {
            long a = va + n;
            long pa = ramAddress(c, a);
            if (pa == -1) break;
            int chunk = (int) Math.min(len - n, PhysicalMemory.PAGE_SIZE - (a & PhysicalMemory.PAGE_MASK));
            for (int i = 0; i < chunk; i++) out[n + i] = (byte) c.ram.read8(pa + i);
            n += chunk;
        }
        return n == len ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Writes all of {@code data} or nothing; false if some address does not translate to RAM. */
    static boolean write(Cpu c, long va, byte[] data) {
        for (int n = 0; n < data.length; ) {
            long a = va + n;
            if (ramAddress(c, a) == -1) return false;
            n += (int) Math.min(data.length - n, PhysicalMemory.PAGE_SIZE - (a & PhysicalMemory.PAGE_MASK));
        }
        for (int n = 0; n < data.length; ) {
            long a = va + n;
            long pa = ramAddress(c, a);
            int chunk = (int) Math.min(data.length - n, PhysicalMemory.PAGE_SIZE - (a & PhysicalMemory.PAGE_MASK));
            for (int i = 0; i < chunk; i++) c.ram.write(pa + i, 1, data[n + i]);
            c.invalidateCode(pa, chunk);
            n += chunk;
        }
        return true;
    }
}
