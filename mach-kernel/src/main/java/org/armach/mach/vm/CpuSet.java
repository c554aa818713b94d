package org.armach.mach.vm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.Translator;

/**
 * The CPUs the VM system has activated spaces on, and the maintenance the architecture requires
 * when the kernel changes translation tables or guest RAM behind them: TLB invalidation by VA +
 * ASID or by ASID, and invalidation of the CPU's decoded-instruction cache for RAM the kernel
 * writes (zero-fill, copy-on-write copies, kernel copyout).
 *
 * <p>The CPU's soft TLB keeps views per ASID; it is invalidated per 4 KiB page (a 16K/64K page
 * is several soft-TLB pages) in every view, whichever space is current. If the CPU's {@link Translator} offers
 * ASID-tagged invalidation ({@code tlbi(Cpu, int op, long xt)} with the TLBI VAE1 = 1 and
 * ASIDE1 = 2 operation codes, as the stage-1 MMU does) it is used as well, so translations the
 * MMU cached for a space that is not current are dropped too.
 */
final class CpuSet {
    private static final int TLBI_VAE1 = 1, TLBI_ASIDE1 = 2;
    private static final MethodHandle TLBI = findTlbi();
    private Cpu[] cpus = new Cpu[0];

    private static MethodHandle findTlbi() {
        try {
            return MethodHandles.publicLookup().findVirtual(Translator.class, "tlbi",
                    MethodType.methodType(void.class, Cpu.class, int.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // translator without ASID-tagged caches: the soft TLB is all there is
        }
    }

    void add(Cpu c) {
        for (Cpu x : cpus) if (x == c) return;
        cpus = Arrays.copyOf(cpus, cpus.length + 1);
        cpus[cpus.length - 1] = c;
    }

    void invalidateCode(long pa, long len) {
        for (Cpu c : cpus) c.invalidateCode(pa, len);
    }

    /** TLBI VAE1 for one page of {@code pageSize} bytes at {@code va} in address space {@code asid}. */
    void invalidatePage(int asid, long va, long pageSize) {
        for (Cpu c : cpus) {
            for (long o = 0; o < pageSize; o += 4096) c.flushTlbPage(va + o);
            tlbi(c, TLBI_VAE1, ((long) asid << 48) | ((va >>> 12) & ((1L << 44) - 1)));
        }
    }

    /** TLBI ASIDE1: everything cached for {@code asid} (used when an ASID is recycled). */
    void invalidateAsid(int asid) {
        for (Cpu c : cpus) {
            c.flushTlb();
            tlbi(c, TLBI_ASIDE1, (long) asid << 48);
        }
    }

    private static void tlbi(Cpu c, int op, long xt) {
        if (TLBI == null) return;
        try {
            TLBI.invoke(c.translator(), c, op, xt);
        } catch (Throwable t) {
            throw new IllegalStateException("TLB maintenance failed", t);
        }
    }
}
