package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.List;
import java.util.Map;
import org.armach.core.cpu.Cpu;
import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.ipc.VmCopy;

/**
 * A task's address space: its {@link VmMap} of entries over anonymous {@link VmObject}s with
 * copy-on-write, and its {@link Pmap}. Implements the vm_* semantics and KERN_* results of GNU
 * Mach (vm_map.c / vm_user.c behaviour restated), the kernel-side user-memory accessor of
 * {@link org.armach.mach.ipc.TaskMemory} (never throws; faults pages in as the CPU would), and
 * out-of-line copies ({@link MapCopy}).
 */
public final class TaskVm implements VmSpace {
    /** VM_PROT_NOTIFY is accepted (and ignored) by vm_protect as in GNU Mach. */
    static final int PROT_NOTIFY = 0x10;
    static final int MATTR_CACHE = 1, MATTR_VAL_GET = 2, MATTR_VAL_ON = 1;
    static final int MATTR_VAL_CACHE_FLUSH = 6, MATTR_VAL_DCACHE_FLUSH = 7, MATTR_VAL_ICACHE_FLUSH = 8;

    private final VmSystem sys;
    private final PhysPages phys;
    private final PhysicalMemory ram;
    private final Pmap pmap;
    final VmMap map = new VmMap(VmSystem.VM_MIN_ADDRESS, VmSystem.VM_MAX_ADDRESS);
    private final long ps, pmask;
    private boolean destroyed;
    /** vm_wire_all VM_WIRE_FUTURE (map->wiring_required): new mappings are wired as they are entered. */
    boolean wiringRequired;

    TaskVm(VmSystem sys, Pmap pmap) {
        this.sys = sys;
        this.phys = sys.phys();
        this.ram = phys.ram();
        this.pmap = pmap;
        this.ps = sys.pageSize();
        this.pmask = ps - 1;
    }

    public VmSystem system() { return sys; }

    public Pmap pmap() { return pmap; }

    @Override public long pageSize() { return ps; }

    /** Number of map entries (tests, diagnostics). */
    public int entryCount() { return map.size(); }

    private long trunc(long a) { return a & ~pmask; }

    /** Page-rounds up; -1 on overflow past 2^63. */
    private long round(long a) {
        long r = (a + pmask) & ~pmask;
        return r < a ? -1 : r;
    }

    /**
     * [trunc(addr), round(addr+size)) clipped to the map as VM_MAP_RANGE_CHECK does; null if
     * empty (also when addr+size wraps around, which GNU Mach treats as an empty range).
     */
    private long[] clampRange(long addr, long size) {
        long end = addr + size;
        if (Long.compareUnsigned(addr, map.max) >= 0 || Long.compareUnsigned(end, addr) < 0) return null;
        long s = Math.max(trunc(addr), map.min);
        long e = Long.compareUnsigned(end, map.max) > 0 ? map.max : round(end);
        return s < e ? new long[] {s, e} : null;
    }

    // =====================================================================================
    // vm_allocate / vm_map / vm_deallocate
    // =====================================================================================

    @Override
    public int allocate(long[] addrInOut, long size, boolean anywhere) {
        if (destroyed) return KERN_INVALID_ARGUMENT;
        if (size == 0) {
            addrInOut[0] = 0;
            return KERN_SUCCESS;
        }
        long start = anywhere ? map.min : trunc(addrInOut[0]);
        return enter(addrInOut, start, size, 0, anywhere, PROT_DEFAULT, PROT_ALL, INHERIT_COPY);
    }

    @Override
    public long allocate(long size) {
        long[] a = {0};
        return allocate(a, size, true) == KERN_SUCCESS ? a[0] : -1;
    }

    @Override
    public int map(long[] addrInOut, long size, long mask, boolean anywhere, Object memoryObject, long offset,
            boolean copy, int curProt, int maxProt, int inheritance) {
        if (destroyed || (curProt & ~PROT_ALL) != 0 || (maxProt & ~PROT_ALL) != 0) return KERN_INVALID_ARGUMENT;
        if (inheritance < INHERIT_SHARE || inheritance > INHERIT_NONE || size == 0) return KERN_INVALID_ARGUMENT;
        if (memoryObject != null) {
            return mapObject(addrInOut, size, mask, anywhere, memoryObject, trunc(offset), copy, curProt, maxProt, inheritance);
        }
        return enter(addrInOut, trunc(addrInOut[0]), size, mask, anywhere, curProt, maxProt, inheritance);
    }

    private int enter(long[] addrOut, long start, long size, long mask, boolean anywhere, int cur, int max, int inh) {
        long at = place(start, size, mask, anywhere);
        if (at < 0) return (int) -at;
        insertAnonymous(at, round(size), cur, max, inh);
        addrOut[0] = at;
        return wireNew(at, round(size), cur);
    }

    /** The address for [start, start+size) per vm_allocate/vm_map rules, or -KERN_* on failure. */
    private long place(long start, long size, long mask, boolean anywhere) {
        long sz = round(size);
        if (size < 0 || sz <= 0) return anywhere ? -KERN_NO_SPACE : -KERN_INVALID_ADDRESS;
        if (anywhere) {
            start = start < 0 ? -1 : map.findSpace(start, sz, mask | pmask);
            return start < 0 ? -KERN_NO_SPACE : start;
        }
        if (start < map.min || start > map.max - sz) return -KERN_INVALID_ADDRESS;
        return map.isFree(start, start + sz) ? start : -KERN_NO_SPACE;
    }

    /**
     * vm_map of a memory object: the object (one per port / kernel pager, created and
     * initialized on first use) is entered directly, or through a delayed copy when {@code copy}.
     */
    private int mapObject(long[] addrInOut, long size, long mask, boolean anywhere, Object memoryObject, long offset,
            boolean copy, int cur, int max, int inh) {
        if (offset < 0) return KERN_INVALID_ARGUMENT;
        VmObject obj = sys.pagers.objectFor(memoryObject);
        if (obj == null) return KERN_INVALID_ARGUMENT;
        long at = place(trunc(addrInOut[0]), size, mask, anywhere);
        if (at < 0) {
            VmObject.release(obj, phys);
            return (int) -at;
        }
        VmMapEntry e = copy ? new VmMapEntry(at, at + round(size), mapCopy(obj, offset, round(size)), 0, cur, max, inh)
                : new VmMapEntry(at, at + round(size), obj, offset, cur, max, inh);
        if (!copy && obj.pager != null) obj.pager.addMap(this);
        if (!copy && obj.pager == null && obj.fixed == null) obj.addSharer(this); // an anonymous object behind a proxy
        map.insert(e);
        addrInOut[0] = at;
        return wireNew(at, round(size), cur);
    }

    /**
     * The private object of a vm_map with copy, consuming the caller's reference to {@code obj}:
     * a delayed copy of a paged object, an eager copy of an anonymous one (a proxy's shared
     * object is never frozen, so later writes through its other mappings must not show).
     */
    private VmObject mapCopy(VmObject obj, long offset, long size) {
        if (obj.paged()) return delayedCopy(obj, offset, size);
        VmObject c = copyRange(obj, offset, size);
        VmObject.release(obj, phys);
        return c;
    }

    /** vm_map_enter with wiring_required: the new range is wired for its protection. */
    int wireNew(long at, long size, int prot) {
        return wiringRequired && prot != 0 ? wire(at, size, prot) : KERN_SUCCESS;
    }

    /**
     * A private copy of paged object {@code obj} from {@code offset}, consuming the caller's
     * reference to {@code obj}: an object shadowing it (an external pager pushes pages into it
     * before changing them).
     */
    private VmObject delayedCopy(VmObject obj, long offset) {
        return delayedCopy(obj, offset, -1);
    }

    /**
     * vm_object_copy_strategically: an immediate copy when the pager asked for COPY_NONE and the
     * {@code len} bytes are all resident (callers that can wait made them so), else delayed.
     */
    private VmObject delayedCopy(VmObject obj, long offset, long len) {
        Pager p = obj.pager;
        if (p != null && len > 0 && p.copiesSlowly() && p.missingForCopy(offset, offset + len) == null) {
            VmObject c = p.slowCopy(offset, len);
            VmObject.release(obj, phys);
            return c;
        }
        if (p != null) return p.newCopy(offset);
        return new VmObject(obj, offset);
    }

    @Override
    public boolean copyinReady(long addr, long len) {
        pendingPage = null;
        long end = addr + len;
        if (destroyed || len <= 0 || addr < 0 || end < addr) return true;
        long cursor = trunc(addr);
        for (VmMapEntry e = map.lookupOrNext(cursor); e != null && e.start < end; e = map.next(e)) {
            // a hole before the entry: vm_map_copyin fails there (KERN_INVALID_ADDRESS) before
            // it could wait for any page behind it, so the copy-in may go ahead and fail
            if (e.start > cursor) return true;
            cursor = e.end;
            Pager p = e.object.pager;
            if (p == null || !p.copiesSlowly()) continue;
            long s = Math.max(e.start, trunc(addr)), t = Math.min(e.end, round(end));
            pendingPage = p.missingForCopy(e.offsetOf(s), e.offsetOf(t));
            if (pendingPage != null) return false;
        }
        return true;
    }

    @Override
    public PageRequest awaitCopySource(Object memoryObject, long offset, long size) {
        if (destroyed || memoryObject == null || memoryObject instanceof KernelPager) return null;
        VmObject obj = sys.pagers.objectFor(memoryObject);
        if (obj == null) return null;
        long from = trunc(offset), to = round(offset + size);
        PageRequest r = obj.pager == null || !obj.pager.copiesSlowly() || to < from ? null
                : obj.pager.missingForCopy(from, to);
        if (r == null) VmObject.release(obj, phys);
        else r.afterDone(() -> VmObject.release(obj, phys));
        return r;
    }

    /** New zero-fill memory; extends the previous entry instead when it is compatible (vm_object_coalesce). */
    private void insertAnonymous(long start, long size, int cur, int max, int inh) {
        VmMapEntry prev = map.endingAt(start);
        if (prev != null && prev.prot == cur && prev.maxProt == max && prev.inherit == inh && prev.wired == 0
                && !prev.needsCopy && !prev.shared && prev.object.refs == 1 && !prev.object.shared
                && prev.object.shadow == null && !prev.object.paged()) {
            long from = prev.offsetOf(prev.end);
            prev.object.removePages(from, from + size, phys);
            prev.end = start + size;
            return;
        }
        map.insert(new VmMapEntry(start, start + size, new VmObject(), 0, cur, max, inh));
    }

    /** vm_deallocate: holes and wrapping ranges are fine (KERN_SUCCESS, as GNU Mach). */
    @Override
    public int deallocate(long addr, long size) {
        if (destroyed) return KERN_INVALID_ARGUMENT;
        long[] r = size == 0 ? null : clampRange(addr, size);
        if (r != null) removeRange(r[0], r[1]);
        return KERN_SUCCESS;
    }

    private void removeRange(long s, long e) {
        for (VmMapEntry en : map.clipRange(s, e, phys)) {
            pmap.remove(en.start, en.end);
            map.remove(en);
            if (en.wired > 0) sys.stats.wiredPages -= en.size() / ps;
            VmObject.release(en.object, phys);
        }
    }

    // =====================================================================================
    // vm_protect / vm_inherit / vm_region / vm_statistics / vm_wire / vm_machine_attribute
    // =====================================================================================

    @Override
    public int protect(long addr, long size, boolean setMaximum, int prot) {
        if (destroyed || (prot & ~(PROT_ALL | PROT_NOTIFY)) != 0) return KERN_INVALID_ARGUMENT;
        prot &= PROT_ALL;
        long[] r = clampRange(addr, size);
        if (r == null) return KERN_SUCCESS;
        for (VmMapEntry e = map.lookupOrNext(r[0]); e != null && e.start < r[1]; e = map.next(e)) {
            if ((prot & e.maxProt) != prot) return KERN_PROTECTION_FAILURE;
        }
        for (VmMapEntry e : map.clipRange(r[0], r[1], phys)) {
            if (setMaximum) {
                e.maxProt = prot;
                e.prot &= prot;
            } else {
                e.prot = prot;
            }
            pmap.protect(e.start, e.end, e.prot);
        }
        return KERN_SUCCESS;
    }

    @Override
    public int inherit(long addr, long size, int inheritance) {
        if (destroyed || inheritance < INHERIT_SHARE || inheritance > INHERIT_NONE) return KERN_INVALID_ARGUMENT;
        long[] r = clampRange(addr, size);
        if (r == null) return KERN_SUCCESS;
        for (VmMapEntry e : map.clipRange(r[0], r[1], phys)) e.inherit = inheritance;
        return KERN_SUCCESS;
    }

    @Override
    public Region region(long addr) {
        VmMapEntry e = destroyed ? null : map.lookupOrNext(addr < 0 ? map.max : addr);
        if (e == null) return null;
        Object name = e.object.pager; // the RPC layer makes a send right to its name port
        return new Region(e.start, e.size(), e.prot, e.maxProt, e.inherit, e.shared, e.offset, name);
    }

    @Override
    public int[] statistics() { return sys.statistics(); }

    @Override
    public java.util.List<VmRegionInfo> regions() {
        java.util.List<VmRegionInfo> out = new java.util.ArrayList<>();
        if (destroyed) return out;
        for (VmMapEntry e : map.all()) {
            String kind = e.object == null ? "none" : e.object.shadow != null ? "shadow" : "anonymous";
            out.add(new VmRegionInfo(e.start, e.end, e.prot, e.maxProt, e.inherit, kind, e.shared || e.object != null
                    && e.object.shared, e.needsCopy, e.wired, resident(e)));
        }
        return out;
    }

    /** Pages of [e.offset, e.offset + size) resident anywhere in the entry's object chain. */
    private long resident(VmMapEntry e) {
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        long from = e.offset / ps, n = e.size() / ps, shift = 0;
        for (VmObject o = e.object; o != null; shift += o.shadowOffset / ps, o = o.shadow) {
            for (long idx : o.pages.keySet()) {
                long rel = idx - shift - from;
                if (rel >= 0 && rel < n) seen.add(rel);
            }
        }
        return seen.size();
    }

    @Override
    public int wire(long addr, long size, int access) {
        if (destroyed || (access & ~PROT_ALL) != 0) return KERN_INVALID_ARGUMENT;
        long[] r = clampRange(addr, size);
        if (r == null) return KERN_SUCCESS;
        VmMapEntry first = map.lookup(r[0]);
        if (first == null) return KERN_INVALID_ADDRESS;
        long at = r[0];
        for (VmMapEntry e = first; at < r[1]; e = map.next(e)) {
            if (e == null || e.start > at) return KERN_INVALID_ARGUMENT;
            if (access == 0 && e.wired == 0) return KERN_INVALID_ARGUMENT;
            if ((e.prot & access) != access) return KERN_PROTECTION_FAILURE;
            at = e.end;
        }
        for (VmMapEntry e : map.clipRange(r[0], r[1], phys)) {
            if (access == 0) {
                if (--e.wired == 0) sys.stats.wiredPages -= e.size() / ps;
                continue;
            }
            if (e.wired++ == 0) sys.stats.wiredPages += e.size() / ps;
            boolean write = (access & PROT_WRITE) != 0;
            for (long va = e.start; va < e.end; va += ps) {
                int kr = resolve(e, va, write, null);
                if (kr != KERN_SUCCESS) return kr;
            }
        }
        return KERN_SUCCESS;
    }

    @Override
    public int machineAttribute(long addr, long size, int attribute, int[] valueInOut) {
        if (destroyed || addr < map.min || size < 0 || addr + size > map.max || addr + size < addr) return KERN_INVALID_ARGUMENT;
        if (attribute != MATTR_CACHE) return KERN_INVALID_ARGUMENT;
        switch (valueInOut[0]) {
            case MATTR_VAL_GET:
                valueInOut[0] = MATTR_VAL_ON;
                return KERN_SUCCESS;
            case MATTR_VAL_CACHE_FLUSH:
            case MATTR_VAL_DCACHE_FLUSH:
            case MATTR_VAL_ICACHE_FLUSH:
                return KERN_SUCCESS; // coherent: the CPU drops decoded code when RAM is written
            default:
                return KERN_INVALID_ARGUMENT;
        }
    }

    // =====================================================================================
    // Faults and copy-on-write
    // =====================================================================================

    @Override
    public int fault(long va, int access) {
        return fault(va, access, null);
    }

    @Override
    public int fault(long va, int access, PageRequest[] wait) {
        if (destroyed) return KERN_INVALID_ADDRESS;
        VmMapEntry e = va < 0 ? null : map.lookup(va);
        if (e == null) return KERN_INVALID_ADDRESS;
        int need = access & PROT_ALL;
        if ((e.prot & need) != need) return KERN_PROTECTION_FAILURE;
        sys.stats.faults++;
        return resolve(e, trunc(va), (access & ACCESS_WRITE) != 0, wait);
    }

    @Override
    public boolean dirtyFault(long va, int access) {
        if (destroyed || (access & ACCESS_WRITE) == 0 || va < 0) return false;
        VmMapEntry e = map.lookup(va);
        if (e == null || (e.prot & PROT_WRITE) == 0 || e.needsCopy || e.object.pager == null) return false;
        Pager p = e.object.pager;
        long page = trunc(va), idx = e.offsetOf(page) / ps;
        Long pa = e.object.pages.get(idx);
        // GNU Mach write-protects on read faults too when the object has a copy (the write pushes)
        if (pa == null || p.locks.lock(idx) != 0 || !p.copies.isEmpty() || pmap.extract(page) != pa) return false;
        p.dirty.add(idx);
        return pmap.enter(page, pa, e.prot);
    }

    /** Makes page {@code page} of entry {@code e} resident and maps it (writable only when allowed). */
    private int resolve(VmMapEntry e, long page, boolean write, PageRequest[] wait) {
        if (write && e.needsCopy) breakCopy(e);
        VmObject top = e.object;
        long off = e.offsetOf(page), idx = off / ps;
        if (top.paged()) return resolvePaged(e, page, off, write, wait);
        Long resident = top.pages.get(idx);
        long pa;
        int rights = e.prot;
        if (resident != null) {
            pa = resident;
        } else {
            long below = top.shadow == null ? SRC_ZERO : source(top.shadow, off + top.shadowOffset, wait);
            if (below == SRC_WAIT) return FAULT_WAIT;
            if (below == SRC_ERROR) return KERN_MEMORY_ERROR;
            if (below == SRC_ZERO) {
                pa = phys.allocZeroed();
                if (pa < 0) return KERN_RESOURCE_SHORTAGE;
                top.pages.put(idx, pa);
                sys.stats.zeroFill++;
            } else if (write || srcPaged) {
                pa = copyUp(top, idx, below); // a pager's frame is only mapped by its own entries
                if (pa < 0) return KERN_RESOURCE_SHORTAGE;
            } else {
                pa = below;
                rights &= ~PROT_WRITE;
            }
        }
        if (e.needsCopy) rights &= ~PROT_WRITE;
        return pmap.enter(page, pa, rights) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
    }

    private static final long SRC_ZERO = -1, SRC_WAIT = -2, SRC_ERROR = -3;
    /** Whether the last {@link #source} frame belongs to a pager (kernel is single-threaded). */
    private boolean srcPaged;

    /**
     * The frame of byte {@code off} of {@code o}'s chain: a frame, SRC_ZERO (absent everywhere),
     * SRC_WAIT (requested from the pager, request in wait[0]) or SRC_ERROR.
     */
    private long source(VmObject o, long off, PageRequest[] wait) {
        srcPaged = false;
        for (; o != null; off += o.shadowOffset, o = o.shadow) {
            Long pa = o.pages.get(off / ps);
            if (pa != null && o.pager != null && (o.pager.locks.lock(off / ps) & PROT_READ) != 0) {
                PageRequest r = o.pager.unlock(off / ps, PROT_READ);
                if (wait != null) wait[0] = r;
                return SRC_WAIT;
            }
            if (pa != null) {
                srcPaged = o.pager != null;
                return pa;
            }
            if (o.fixed != null) {
                srcPaged = true;
                long f = off < o.fixed.size() ? o.fixed.frameAt(off) : -1;
                return f < 0 ? SRC_ERROR : f;
            }
            if (o.pager != null) return missingPage(o.pager, off, PROT_READ, wait);
        }
        return SRC_ZERO;
    }

    /** A page absent from a pager's object: its error state, or the (new or pending) request. */
    private long missingPage(Pager p, long off, int access, PageRequest[] wait) {
        if (p.takeError(off / ps) || p.terminated) return SRC_ERROR;
        PageRequest r = p.request(off, access);
        if (wait != null) wait[0] = r;
        return SRC_WAIT;
    }

    /** A fault on an entry mapping a pager's object itself. */
    private int resolvePaged(VmMapEntry e, long page, long off, boolean write, PageRequest[] wait) {
        VmObject o = e.object;
        if (o.fixed != null) {
            long f = off < o.fixed.size() ? o.fixed.frameAt(off) : -1;
            if (f < 0) return KERN_MEMORY_ERROR;
            return pmap.enter(page, f, e.prot) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
        }
        Pager p = o.pager;
        long idx = off / ps;
        Long pa = o.pages.get(idx);
        if (pa == null) {
            long r = missingPage(p, off, write ? PROT_READ | PROT_WRITE : PROT_READ, wait);
            return r == SRC_ERROR ? KERN_MEMORY_ERROR : FAULT_WAIT;
        }
        int required = write ? PROT_READ | PROT_WRITE : PROT_READ, lock = p.locks.lock(idx);
        if ((required & lock) != 0) {
            PageRequest r = p.unlock(idx, required);
            if (wait != null) wait[0] = r;
            return FAULT_WAIT;
        }
        p.addMap(this);
        int rights = e.prot & ~lock;
        if (write) {
            p.pushToCopies(idx);
            p.dirty.add(idx);
        } else {
            rights &= ~PROT_WRITE; // the first write marks the page dirty
        }
        return pmap.enter(page, pa, rights) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
    }

    /** Resolves a pending copy: the sole owner just keeps the object, otherwise a shadow goes in front. */
    private void breakCopy(VmMapEntry e) {
        e.needsCopy = false;
        if (e.object.refs == 1 && !e.object.shared) return;
        e.object = new VmObject(e.object, e.offset);
        e.offset = 0;
    }

    private long copyUp(VmObject top, long idx, long src) {
        long pa = phys.alloc();
        if (pa < 0) return -1;
        phys.copy(src, pa);
        top.pages.put(idx, pa);
        sys.stats.cowFaults++;
        if (top.sharers != null) {
            for (TaskVm t : top.sharers) t.unmapObjectPage(top, idx * ps);
        }
        return pa;
    }

    /** Write-protects this map's translations of byte offset {@code off} of {@code o}. */
    void writeProtectObjectPage(VmObject o, long off) {
        for (VmMapEntry e : map.all()) {
            if (e.object == o && off >= e.offset && off < e.offset + e.size()) {
                long va = e.start + (off - e.offset);
                pmap.protect(va, va + ps, e.prot & ~PROT_WRITE);
            }
        }
    }

    /** Write-protects every translation of {@code o} in this map (a delayed copy of it was made). */
    void writeProtectObject(VmObject o) {
        for (VmMapEntry e : map.all()) {
            if (e.object == o) pmap.protect(e.start, e.end, e.prot & ~PROT_WRITE);
        }
    }

    /** Removes this map's translations of byte offset {@code off} of {@code o} (a page copied up into it). */
    void unmapObjectPage(VmObject o, long off) {
        for (VmMapEntry e : map.all()) {
            if (e.object == o && off >= e.offset && off < e.offset + e.size()) {
                long va = e.start + (off - e.offset);
                pmap.remove(va, va + ps);
            }
        }
    }

    /** Copies must be made eagerly from shared objects (never frozen) and wired entries. */
    private static boolean eager(VmMapEntry e) {
        return e.object.shared || e.wired > 0;
    }

    /** A new object holding copies of the resident pages of [off, off+len) of {@code src}'s chain. */
    private VmObject copyRange(VmObject src, long off, long len) {
        VmObject out = new VmObject();
        long base = off;
        for (VmObject o = src; o != null; base += o.shadowOffset, o = o.shadow) {
            for (Map.Entry<Long, Long> p : o.pages.entrySet()) {
                long po = p.getKey() * ps;
                if (po < base || po >= base + len) continue;
                long idx = (po - base) / ps;
                if (out.pages.containsKey(idx)) continue; // a shallower object's page wins
                long pa = phys.alloc();
                if (pa < 0) return out; // out of memory: the rest reads as zeros
                phys.copy(p.getValue(), pa);
                out.pages.put(idx, pa);
            }
        }
        return out;
    }

    // =====================================================================================
    // fork, activation, destruction
    // =====================================================================================

    /** task_create with inherited memory; null if no memory is left for the new pmap. */
    @Override
    public VmSpace fork() {
        TaskVm child = destroyed ? null : sys.createSpace();
        if (child == null) return null;
        for (VmMapEntry e : map.all()) {
            if (e.inherit == INHERIT_NONE) continue;
            VmMapEntry c = e.slice(e.start, e.end);
            c.wired = 0;
            if (e.object.paged()) {
                forkPaged(e, c, child);
            } else if (e.inherit == INHERIT_SHARE) {
                if (e.needsCopy) breakCopy(e);
                c.object = e.object;
                c.offset = e.offset;
                c.needsCopy = false;
                e.object.refs++;
                e.object.addSharer(this);
                e.object.addSharer(child);
                e.shared = c.shared = true;
            } else if (eager(e)) {
                c.object = copyRange(e.object, e.offset, e.size());
                c.offset = 0;
                c.needsCopy = c.shared = false;
            } else {
                e.object.refs++;
                e.needsCopy = c.needsCopy = true;
                c.shared = false;
                pmap.protect(e.start, e.end, e.prot & ~PROT_WRITE);
            }
            child.map.insert(c);
        }
        return child;
    }

    /** fork of an entry mapping a pager's object: shared as is, or a delayed copy for the child. */
    private void forkPaged(VmMapEntry e, VmMapEntry c, TaskVm child) {
        e.object.refs++;
        c.needsCopy = false;
        if (e.inherit == INHERIT_SHARE) {
            if (e.object.pager != null) e.object.pager.addMap(child);
            e.shared = c.shared = true;
            return;
        }
        c.object = delayedCopy(e.object, e.offset, e.size());
        c.offset = 0;
        c.shared = false;
    }

    @Override
    public void activate(Cpu cpu) {
        if (!destroyed) pmap.activate(cpu);
    }

    @Override
    public void destroy() {
        if (destroyed) return;
        removeRange(map.min, map.max);
        pmap.destroy();
        destroyed = true;
    }

    // =====================================================================================
    // Out-of-line copies: copyin / copyout / overwrite; vm_read / vm_write / vm_copy
    // =====================================================================================

    @Override
    public VmCopy copyin(long addr, long size, boolean deallocate) {
        MapCopy[] out = new MapCopy[1];
        return copyin(addr, size, deallocate, out) == KERN_SUCCESS ? out[0] : null;
    }

    /** vm_map_copyin: KERN_SUCCESS with the copy, KERN_INVALID_ADDRESS (hole) or KERN_PROTECTION_FAILURE. */
    private int copyin(long addr, long size, boolean dealloc, MapCopy[] out) {
        if (destroyed) return KERN_INVALID_ARGUMENT;
        if (size == 0) {
            out[0] = new MapCopy(sys, 0, 0);
            return KERN_SUCCESS;
        }
        long end = addr + size;
        if (addr < 0 || size < 0 || end < addr || end > map.max) return KERN_INVALID_ADDRESS;
        long s = trunc(addr), e = round(end);
        int kr = map.checkCovered(s, e, PROT_READ);
        if (kr != KERN_SUCCESS) return kr;
        MapCopy c = new MapCopy(sys, size, addr - s);
        for (VmMapEntry en : map.clipRange(s, e, phys)) {
            if (en.object.paged()) {
                en.object.refs++;
                c.add(delayedCopy(en.object, en.offset, en.size()), 0, en.size());
                continue;
            }
            if (eager(en)) {
                c.add(copyRange(en.object, en.offset, en.size()), 0, en.size());
                continue;
            }
            en.object.refs++;
            c.add(en.object, en.offset, en.size());
            if (!dealloc) {
                en.needsCopy = true;
                pmap.protect(en.start, en.end, en.prot & ~PROT_WRITE);
            }
        }
        if (dealloc) removeRange(s, e);
        out[0] = c;
        return KERN_SUCCESS;
    }

    /** vm_map_copyout: maps the copy anywhere (copy-on-write), returning the data's address; -1 if no room. */
    @Override
    public long copyout(VmCopy copy) {
        if (destroyed) return -1;
        if (!(copy instanceof MapCopy mc) || mc.sys != sys) return copyoutBytes(copy);
        if (mc.consumed) return -1;
        long span = mc.span();
        if (span == 0) {
            mc.consumed = true;
            return 0;
        }
        long start = map.findSpace(map.min, span, pmask);
        if (start < 0) return -1;
        long at = start;
        for (int i = 0; i < mc.count; i++) {
            VmMapEntry en = new VmMapEntry(at, at + mc.lengths[i], mc.objects[i], mc.offsets[i],
                    PROT_DEFAULT, PROT_ALL, INHERIT_COPY);
            en.needsCopy = true;
            map.insert(en);
            at += mc.lengths[i];
        }
        mc.consumed = true;
        wireNew(start, span, PROT_DEFAULT); // vm_map_copyout: must_wire = wiring_required
        return start + mc.subOffset;
    }

    private long copyoutBytes(VmCopy copy) {
        byte[] b = copy.bytes();
        long a = allocate(b.length);
        if (a < 0 || !write(a, b, 0, b.length)) return -1;
        copy.discard();
        return a;
    }

    @Override
    public int read(long addr, long size, VmCopy[] out) {
        MapCopy[] c = new MapCopy[1];
        int kr = copyin(addr, size, false, c);
        out[0] = c[0];
        return kr;
    }

    /** vm_map_copy_overwrite (whole pages only); the copy is consumed whatever the outcome. */
    @Override
    public int write(long addr, VmCopy data) {
        try {
            if (destroyed) return KERN_INVALID_ARGUMENT;
            long size = data.size(), sub = data instanceof MapCopy mc ? mc.subOffset : 0;
            if (size == 0) return KERN_SUCCESS;
            if ((addr & pmask) != 0 || (size & pmask) != 0 || sub != 0) return KERN_INVALID_ARGUMENT;
            long end = addr + size;
            if (addr < 0 || end < addr || end > map.max) return KERN_INVALID_ADDRESS;
            int kr = map.checkCovered(addr, end, PROT_WRITE);
            if (kr != KERN_SUCCESS) return kr;
            byte[] b = data.bytes();
            return write(addr, b, 0, b.length) ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
        } finally {
            data.discard();
        }
    }

    @Override
    public int copy(long src, long size, long dst) {
        MapCopy[] c = new MapCopy[1];
        int kr = copyin(src, size, false, c);
        return kr != KERN_SUCCESS ? kr : write(dst, c[0]);
    }

    // =====================================================================================
    // Kernel-side access to user memory (mach_msg copyin/out, trap arguments)
    // =====================================================================================

    /** Reads user memory with the task's permissions (absent pages read as zeros); false on any bad byte. */
    @Override
    public boolean read(long addr, byte[] dst, int off, int len) {
        pendingPage = null;
        if (len < 0 || off < 0 || off + len > dst.length) return false;
        long va = addr;
        for (int done = 0; done < len; ) {
            VmMapEntry e = va < 0 ? null : map.lookup(va);
            if (e == null || (e.prot & PROT_READ) == 0) return false;
            int n = (int) Math.min(len - done, trunc(va) + ps - va);
            long pa = pmap.extract(va);
            if (pa < 0 && chainPaged(e.object)) {
                if (kernelFault(e, trunc(va), false) != KERN_SUCCESS) return false;
                pa = pmap.extract(va);
            }
            if (pa < 0) {
                long frame = e.object.find(e.offsetOf(trunc(va)), ps);
                pa = frame < 0 ? -1 : frame + (va & pmask);
            }
            if (pa >= 0) ram.copyOut(pa, dst, off + done, n);
            else java.util.Arrays.fill(dst, off + done, off + done + n, (byte) 0);
            done += n;
            va += n;
        }
        return true;
    }

    /** Writes user memory with the task's permissions, resolving copy-on-write; false on any bad byte. */
    @Override
    public boolean write(long addr, byte[] src, int off, int len) {
        pendingPage = null;
        if (len < 0 || off < 0 || off + len > src.length) return false;
        long va = addr;
        for (int done = 0; done < len; ) {
            int n = (int) Math.min(len - done, trunc(va) + ps - va);
            long pa = writablePa(va);
            if (pa < 0) return false;
            ram.load(pa, src, off + done, n);
            sys.cpus().invalidateCode(pa, n);
            done += n;
            va += n;
        }
        return true;
    }

    private long writablePa(long va) {
        if ((pmap.rights(va) & PROT_WRITE) == 0) {
            VmMapEntry e = va < 0 ? null : map.lookup(va);
            if (e == null || (e.prot & PROT_WRITE) == 0 || kernelFault(e, trunc(va), true) != KERN_SUCCESS) return -1;
        }
        return pmap.extract(va);
    }

    /** Reads a little-endian 64-bit word; {@code dflt} if unreadable (trap arguments on the user stack). */
    public long read64(long addr, long dflt) {
        byte[] b = new byte[8];
        if (!read(addr, b, 0, 8)) return dflt;
        return (long) PhysicalMemory.LE64.get(b, 0);
    }

    /** Writes a little-endian 64-bit word; false if not writable. */
    public boolean write64(long addr, long value) {
        byte[] b = new byte[8];
        PhysicalMemory.LE64.set(b, 0, value);
        return write(addr, b, 0, 8);
    }

    // ---- kernel-side accesses that must wait for a pager ----

    /** The request a failed kernel-side access stopped at (a page on its way from a pager), or null. */
    private PageRequest pendingPage;
    private final PageRequest[] kernelWait = new PageRequest[1];

    /** A fault taken by a kernel-side access: a FAULT_WAIT leaves its request in {@link #pendingPage}. */
    private int kernelFault(VmMapEntry e, long page, boolean write) {
        int kr = resolve(e, page, write, kernelWait);
        if (kr == FAULT_WAIT) pendingPage = kernelWait[0];
        kernelWait[0] = null;
        return kr;
    }

    @Override
    public boolean pagePending() { return pendingPage != null; }

    @Override
    public java.util.function.Consumer<Runnable> takePendingWait() {
        PageRequest r = takePendingPage();
        return r == null ? Runnable::run : r::whenDone;
    }

    @Override
    public PageRequest takePendingPage() {
        PageRequest r = pendingPage;
        pendingPage = null;
        return r;
    }

    /**
     * Faults in the pager-backed pages of [addr, addr+len) for a kernel-side access that must not
     * fail halfway; false (request in {@link #takePendingPage}) when one must first come from a
     * pager. Invalid memory answers true: the access itself reports it.
     */
    @Override
    public boolean ready(long addr, long len, boolean write) {
        pendingPage = null;
        long end = addr + len;
        if (destroyed || len <= 0 || addr < 0 || end < addr) return true;
        for (long va = trunc(addr); va < end; va += ps) {
            if (write ? (pmap.rights(va) & PROT_WRITE) != 0 : pmap.extract(va) >= 0) continue;
            VmMapEntry e = map.lookup(va);
            if (e == null) return true;
            if ((e.prot & (write ? PROT_WRITE : PROT_READ)) == 0 || !chainPaged(e.object)) continue;
            if (kernelFault(e, va, write) == FAULT_WAIT) return pendingPage == null;
        }
        return true;
    }

    /**
     * vm_map(copy = TRUE) of an external memory object whose pager is not ready: GNU Mach waits
     * for memory_object_ready before choosing the copy strategy. Returns the request that
     * completes then (the object keeps one reference until it has, and all its waiters ran),
     * or null when there is nothing to wait for.
     */
    @Override
    public PageRequest awaitReady(Object memoryObject) {
        if (destroyed || memoryObject == null || memoryObject instanceof KernelPager) return null;
        VmObject obj = sys.pagers.objectFor(memoryObject);
        if (obj == null) return null;
        PageRequest r = obj.pager == null ? null : obj.pager.readyRequest();
        if (r == null) VmObject.release(obj, phys);
        else r.afterDone(() -> VmObject.release(obj, phys));
        return r;
    }

    private static boolean chainPaged(VmObject o) {
        for (; o != null; o = o.shadow) if (o.paged()) return true;
        return false;
    }

    /** Entries as a list (tests). */
    List<VmMapEntry> entries() {
        List<VmMapEntry> l = new java.util.ArrayList<>();
        map.all().forEach(l::add);
        return l;
    }
}
