package org.armach.mach.vm;

import java.util.Arrays;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.SysRegs;
import org.armach.core.mem.PhysicalMemory;

/**
 * One address space's AArch64 stage-1 translation tables, built in guest RAM with the granule
 * of the kernel's page size (see {@link Granule}), and its ASID. Only level-3 page descriptors
 * are written; intermediate tables are allocated on demand and freed with the pmap. Every
 * change to a valid descriptor is followed by TLB invalidation by VA + ASID.
 */
public final class Pmap {
    private static final long SCTLR_M = 1, SCTLR_C = 1L << 2, SCTLR_I = 1L << 12;

    private final PhysPages pages;
    private final PhysicalMemory ram;
    private final CpuSet cpus;
    private final AsidPool asids;
    private final Granule g;
    private final long root;
    private int asid;
    private long[] tables = new long[8];
    private int tableCount;

    /** Creates an empty pmap; fails with IllegalStateException only if no page is left for the root table. */
    Pmap(PhysPages pages, CpuSet cpus, AsidPool asids, Granule g) {
        this.pages = pages;
        this.ram = pages.ram();
        this.cpus = cpus;
        this.asids = asids;
        this.g = g;
        this.root = pages.allocZeroed();
        if (root < 0) throw new IllegalStateException("no memory for a translation table");
        this.asid = asids.allocate();
    }

    public long root() { return root; }

    public int asid() { return asid; }

    public Granule granule() { return g; }

    /** Number of translation-table pages (root included). */
    public int tablePages() { return tableCount + 1; }

    /** TTBR0_EL1: ASID in [63:48], root table address. */
    public long ttbr0() {
        return ((long) asid << 48) | root;
    }

    /** TCR_EL1 for this granule: T0SZ = 16, WB WA cacheable inner shareable walks, EPD1, 16-bit ASIDs. */
    public static long tcr(Granule g, int paRange) {
        long t = 16; // T0SZ
        t |= 1L << 8 | 1L << 10 | 3L << 12; // IRGN0, ORGN0 write-back write-allocate, SH0 inner
        t |= (long) g.tg0 << 14;
        t |= 16L << 16 | 1L << 23; // T1SZ, EPD1: no TTBR1 walks (the Java kernel has no kernel VA)
        t |= (long) g.tg1 << 30;
        t |= (long) Math.min(paRange, 5) << 32; // IPS
        return t | 1L << 36; // AS: 16-bit ASIDs
    }

    public static long mair() { return PteBits.MAIR; }

    /**
     * Makes this pmap current: TTBR0_EL1, TCR_EL1, MAIR_EL1 (and SCTLR_EL1.M/C/I if the MMU was
     * off). The CPU keeps soft-TLB views per ASID ({@link Cpu#writeTtbr0}), so switching
     * between spaces does not flush; a TCR/MAIR/SCTLR change does.
     */
    public void activate(Cpu c) {
        cpus.add(c);
        long tcr = tcr(g, c.model.paRange);
        boolean changed = c.sysStore[SysRegs.TCR_EL1] != tcr || c.sysStore[SysRegs.MAIR_EL1] != PteBits.MAIR;
        c.sysStore[SysRegs.TCR_EL1] = tcr;
        c.sysStore[SysRegs.MAIR_EL1] = PteBits.MAIR;
        if ((c.sctlr[1] & SCTLR_M) == 0) {
            c.sctlr[1] |= SCTLR_M | SCTLR_C | SCTLR_I;
            changed = true;
        }
        if (asid == AsidPool.SHARED) cpus.invalidateAsid(asid);
        if (changed) c.flushTlb();
        c.writeTtbr0(ttbr0());
    }

    /** Maps one page; false if a translation table could not be allocated. */
    boolean enter(long va, long pa, int rights) {
        long slot = slot(va, true);
        if (slot < 0) return false;
        long old = ram.read(slot, 8);
        long d = PteBits.page(pa, rights);
        if (old == d) return true;
        ram.write(slot, 8, d);
        if (PteBits.valid(old)) cpus.invalidatePage(asid, va, g.size);
        return true;
    }

    /** The physical address {@code va} maps to, or -1. */
    public long extract(long va) {
        long slot = slot(va, false);
        if (slot < 0) return -1;
        long d = ram.read(slot, 8);
        return PteBits.valid(d) ? g.outputAddress(d) | (va & (g.size - 1)) : -1;
    }

    /** The rights of the mapping of {@code va} (0 if unmapped). */
    public int rights(long va) {
        long slot = slot(va, false);
        return slot < 0 ? 0 : PteBits.rights(ram.read(slot, 8));
    }

    /** Removes the mappings of [start, end). */
    void remove(long start, long end) {
        walk(root, g.startLevel, 0, start, end, (slot, d, va) -> {
            ram.write(slot, 8, 0);
            cpus.invalidatePage(asid, va, g.size);
        });
    }

    /** Lowers the rights of the mappings of [start, end) to at most {@code rights}. */
    void protect(long start, long end, int rights) {
        walk(root, g.startLevel, 0, start, end, (slot, d, va) -> {
            int now = PteBits.rights(d), want = now & rights;
            if (want == now) return;
            ram.write(slot, 8, PteBits.page(g.outputAddress(d), want));
            cpus.invalidatePage(asid, va, g.size);
        });
    }

    /** Frees the tables and the ASID (TLB entries of the ASID are invalidated). */
    void destroy() {
        if (asid < 0) return;
        for (int i = 0; i < tableCount; i++) pages.free(tables[i]);
        pages.free(root);
        tableCount = 0;
        Arrays.fill(leafRegion, 0);
        asids.release(asid, cpus);
        asid = -1;
    }

    private interface Leaf {
        void at(long slot, long desc, long va);
    }

    /**
     * Level-3 tables by the VA region they cover, direct-mapped: the kernel's copyin/copyout
     * translates a page per access, and tables are freed only by {@link #destroy}.
     */
    private static final int LEAF_CACHE = 16;
    private final long[] leafRegion = new long[LEAF_CACHE];
    private final long[] leafTable = new long[LEAF_CACHE];

    /** PA of the level-3 descriptor of {@code va}, or -1 (no table, or no memory when creating). */
    private long slot(long va, boolean create) {
        if ((va >>> Granule.VA_BITS) != 0) return -1;
        long region = (va >>> g.levelShift(2)) + 1; // 0 marks an empty cache line
        int line = (int) region & (LEAF_CACHE - 1);
        if (leafRegion[line] == region) return leafTable[line] + 8L * g.index(va, 3);
        long leaf = walkToLeaf(va, create);
        if (leaf < 0) return -1;
        leafRegion[line] = region;
        leafTable[line] = leaf;
        return leaf + 8L * g.index(va, 3);
    }

    /** PA of the level-3 table covering {@code va}, or -1; creates missing tables if asked. */
    private long walkToLeaf(long va, boolean create) {
        long table = root;
        for (int level = g.startLevel; level < 3; level++) {
            long sp = table + 8L * g.index(va, level);
            long d = ram.read(sp, 8);
            if (!PteBits.valid(d)) {
                if (!create) return -1;
                long t = pages.allocZeroed();
                if (t < 0) return -1;
                addTable(t);
                d = t | PteBits.TABLE;
                ram.write(sp, 8, d);
            }
            table = g.outputAddress(d);
        }
        return table;
    }

    private void addTable(long t) {
        if (tableCount == tables.length) tables = Arrays.copyOf(tables, tableCount * 2);
        tables[tableCount++] = t;
    }

    /** Visits the valid level-3 descriptors for VAs in [start, end) under {@code table}. */
    private void walk(long table, int level, long tableBase, long start, long end, Leaf op) {
        int sh = g.levelShift(level);
        long span = 1L << sh;
        long limit = tableBase + ((long) g.entries(level) << sh);
        long va = Math.max(start, tableBase) & -span;
        for (; va < end && va < limit; va += span) {
            long sp = table + 8 * ((va - tableBase) >>> sh);
            long d = ram.read(sp, 8);
            if (!PteBits.valid(d)) continue;
            if (level == 3) op.at(sp, d, va);
            else walk(g.outputAddress(d), level + 1, va, start, end, op);
        }
    }
}
