package org.armach.mach.vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.armach.core.mem.PhysicalMemory;

/**
 * The physical page allocator: page frames of the kernel's page size inside the RAM ranges
 * the device tree describes, minus the ranges the kernel reserves (boot modules, the DTB, ...).
 * Freed frames are reused first (LIFO), then the ranges are consumed in address order, so the
 * allocation sequence is deterministic. Frames are not zeroed here (see {@link #allocZeroed}).
 */
public final class PhysPages {
    private final PhysicalMemory ram;
    private final long pageSize;
    private final CpuSet cpus;
    private final long[] runNext, runEnd;
    private int run;
    private long[] freeStack = new long[64];
    private int freeTop;
    private final long total;
    private long inUse;
    private final byte[] zeros;

    PhysPages(PhysicalMemory ram, long pageSize, List<PhysRange> usable, List<PhysRange> reserved, CpuSet cpus) {
        this.ram = ram;
        this.pageSize = pageSize;
        this.cpus = cpus;
        this.zeros = new byte[(int) pageSize];
        List<long[]> runs = new ArrayList<>();
        for (PhysRange r : usable) carve(r, reserved, runs);
        runs.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        runNext = new long[runs.size()];
        runEnd = new long[runs.size()];
        long t = 0;
        for (int i = 0; i < runs.size(); i++) {
            runNext[i] = runs.get(i)[0];
            runEnd[i] = runs.get(i)[1];
            t += (runEnd[i] - runNext[i]) / pageSize;
        }
        total = t;
    }

    /** Splits one usable range (page-aligned inward, clipped to RAM) around the reserved ranges. */
    private void carve(PhysRange r, List<PhysRange> reserved, List<long[]> out) {
        long lo = Math.max(r.base(), ram.base()), hi = Math.min(r.end(), ram.base() + ram.size());
        lo = (lo + pageSize - 1) & -pageSize;
        hi &= -pageSize;
        List<long[]> pieces = new ArrayList<>();
        if (lo < hi) pieces.add(new long[] {lo, hi});
        for (PhysRange x : reserved) {
            long xs = x.base() & -pageSize, xe = (x.end() + pageSize - 1) & -pageSize;
            List<long[]> next = new ArrayList<>();
            for (long[] p : pieces) {
                if (xe <= p[0] || xs >= p[1]) { next.add(p); continue; }
                if (p[0] < xs) next.add(new long[] {p[0], xs});
                if (xe < p[1]) next.add(new long[] {xe, p[1]});
            }
            pieces = next;
        }
        out.addAll(pieces);
    }

    public long pageSize() { return pageSize; }

    public long totalPages() { return total; }

    public long freePages() { return total - inUse; }

    public long usedPages() { return inUse; }

    /** A frame, or -1 when memory is exhausted. Contents are undefined. */
    public long alloc() {
        long pa;
        if (freeTop > 0) {
            pa = freeStack[--freeTop];
        } else {
            while (run < runNext.length && runNext[run] >= runEnd[run]) run++;
            if (run == runNext.length) return -1;
            pa = runNext[run];
            runNext[run] += pageSize;
        }
        inUse++;
        return pa;
    }

    /**
     * {@code n} physically contiguous frames below {@code limit} (exclusive; 0 = none) from the
     * never-used part of the RAM ranges, lowest first; the first frame, or -1. Contents undefined.
     */
    public long allocContiguous(long n, long limit) {
        for (int i = run; i < runNext.length; i++) {
            long start = runNext[i], end = start + n * pageSize;
            if (n <= 0 || end > runEnd[i] || end < start) continue;
            if (limit != 0 && Long.compareUnsigned(end, limit) > 0) return -1;
            runNext[i] = end;
            inUse += n;
            return start;
        }
        return -1;
    }

    /** A zero-filled frame, or -1. */
    public long allocZeroed() {
        long pa = alloc();
        if (pa >= 0) zero(pa);
        return pa;
    }

    public void free(long pa) {
        if (freeTop == freeStack.length) freeStack = Arrays.copyOf(freeStack, freeTop * 2);
        freeStack[freeTop++] = pa;
        inUse--;
    }

    void zero(long pa) {
        ram.load(pa, zeros, 0, zeros.length);
        cpus.invalidateCode(pa, pageSize);
    }

    /** Copies a whole page {@code src} to {@code dst}. */
    void copy(long src, long dst) {
        byte[] buf = new byte[PhysicalMemory.PAGE_SIZE];
        for (long o = 0; o < pageSize; o += buf.length) {
            ram.copyOut(src + o, buf, 0, buf.length);
            ram.load(dst + o, buf, 0, buf.length);
        }
        cpus.invalidateCode(dst, pageSize);
    }

    PhysicalMemory ram() { return ram; }
}
