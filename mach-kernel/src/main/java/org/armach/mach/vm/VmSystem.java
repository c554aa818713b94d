package org.armach.mach.vm;

import java.util.List;
import org.armach.core.mem.PhysicalMemory;

/**
 * The machine-wide VM state: page size and granule, the physical page allocator, ASIDs, the
 * CPUs spaces were activated on, and the counters of vm_statistics. One per kernel.
 *
 * <pre>
 * VmSystem vm = new VmSystem(cpu.ram, pageSize, dtMemoryRanges, List.of(dtbRange, moduleRanges...));
 * TaskVm space = vm.createSpace();     // a new empty task address space
 * </pre>
 */
public final class VmSystem {
    /** User address range of every map: [0, 2^48) (VM_MAX_ADDRESS 0x1_0000_0000_0000). */
    public static final long VM_MIN_ADDRESS = 0, VM_MAX_ADDRESS = 1L << 48;

    private final long pageSize;
    private final Granule granule;
    private final CpuSet cpus = new CpuSet();
    private final PhysPages phys;
    private final AsidPool asids = new AsidPool();
    final VmStats stats = new VmStats();
    final Pagers pagers = new Pagers(this);

    public VmSystem(PhysicalMemory ram, long pageSize, List<PhysRange> usable, List<PhysRange> reserved) {
        this.granule = Granule.of(pageSize);
        this.pageSize = pageSize;
        this.phys = new PhysPages(ram, pageSize, usable, reserved, cpus);
    }

    public long pageSize() { return pageSize; }

    public Granule granule() { return granule; }

    public PhysPages phys() { return phys; }

    CpuSet cpus() { return cpus; }

    /** Installs the carrier of kernel → pager messages; without one vm_map of an external port fails. */
    public void setPagerLink(PagerLink link) { pagers.link = link; }

    /** The pager of a memory-object port that has been mapped, or null (tests, introspection). */
    public Pager pagerOf(Object memoryObject) { return pagers.pagerOf(memoryObject); }

    /** vm_object_cached_max: how many unreferenced may_cache objects are kept (default 100). */
    public void setCachedMax(int max) { pagers.cachedMax = Math.max(0, max); }

    /** Number of unreferenced objects kept because their pager allowed caching. */
    public int cachedObjects() { return pagers.cachedCount(); }

    /** A new, empty address space; null if no page is left for its root translation table. */
    public TaskVm createSpace() {
        if (phys.freePages() == 0) return null;
        return new TaskVm(this, new Pmap(phys, cpus, asids, granule));
    }

    /**
     * {@code vm_statistics_data_t}: pagesize, free_count, active_count, inactive_count,
     * wire_count, zero_fill_count, reactivations, pageins, pageouts, faults, cow_faults,
     * lookups, hits (13 integer_t). There is no paging: inactive, reactivations, pageins and
     * pageouts are 0; active = pages in use (objects and translation tables) minus wired ones.
     */
    public int[] statistics() {
        long used = phys.usedPages();
        return new int[] {
            (int) pageSize, sat(phys.freePages()), sat(used - stats.wiredPages), 0, sat(stats.wiredPages),
            sat(stats.zeroFill), 0, 0, 0, sat(stats.faults), sat(stats.cowFaults), sat(stats.lookups), sat(stats.hits)
        };
    }

    private static int sat(long v) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
    }
}
