package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.VmCopy;

/**
 * The kernel side of one external memory object (one per memory-object port): the VM object
 * whose pages the pager provides, its attributes, the outstanding data requests, and the
 * page states GNU Mach keeps in vm_page (dirty, precious, error). It is the kernel object of the
 * control port (memory_object_control_t, {@link KObjectKind#PAGER_REQUEST}): the
 * memory_object_* routines of mach.defs ({@link PagerRpc}) call the methods below.
 *
 * <p>Pages of the object are mapped only by entries that map the object itself, read-only until
 * the first write (which marks them dirty). Copies of the object (vm_map with copy = TRUE,
 * task_create / vm_read of such entries) are delayed-copy objects shadowing it: before a page
 * is modified or flushed, it is pushed into every copy that does not have its own yet.
 */
public final class Pager implements KernelObject {
    public static final int COPY_NONE = 0, COPY_CALL = 1, COPY_DELAY = 2, COPY_TEMPORARY = 3;
    public static final int RETURN_NONE = 0, RETURN_DIRTY = 1, RETURN_ALL = 2;
    public static final int PROT_NO_CHANGE = 8;

    private final Pagers owner;
    private final PhysPages phys;
    private final long ps;
    /** The memory-object port (opaque to the VM; the link's representation). */
    public final Object memoryObject;
    final VmObject object;
    /** The control and name ports, set by {@link PagerLink#init}. */
    public Object control, name;
    boolean ready, mayCache, terminated;
    int copyStrategy = COPY_DELAY;
    /** MEMORY_OBJECT_COPY_TEMPORARY was given: the strategy is kept, copies are delayed (GNU Mach's object->temporary). */
    boolean temporary;
    final HashMap<Long, PageRequest> pending = new HashMap<>();
    final HashSet<Long> dirty = new HashSet<>(), precious = new HashSet<>(), errors = new HashSet<>();
    final PageLocks locks = new PageLocks();
    /** Completed by memory_object_ready (or termination): faults needing a ready pager wait on it. */
    private PageRequest readyWait;
    final ArrayList<VmObject> copies = new ArrayList<>(1);
    /** The maps that map {@link #object} directly (may hold maps that no longer do). */
    final ArrayList<TaskVm> maps = new ArrayList<>(2);

    Pager(Pagers owner, Object memoryObject) {
        this.owner = owner;
        this.phys = owner.sys.phys();
        this.ps = phys.pageSize();
        this.memoryObject = memoryObject;
        this.object = new VmObject();
        this.object.pager = this;
        this.object.refs = 0;
    }

    @Override public KObjectKind kind() { return KObjectKind.PAGER_REQUEST; }

    public boolean ready() { return ready; }
    public boolean mayCache() { return mayCache; }
    public int copyStrategy() { return copyStrategy; }
    public boolean terminated() { return terminated; }
    long ps() { return ps; }
    /** Number of resident pages (tests). */
    public int residentPages() { return object.pages.size(); }
    /** Outstanding data requests (tests). */
    public int pendingRequests() { return pending.size(); }

    void addMap(TaskVm t) {
        if (!maps.contains(t)) maps.add(t);
    }

    // =====================================================================================
    // Faults
    // =====================================================================================

    /** The outstanding request for page-aligned {@code off}, sending data_request if there is none. */
    PageRequest request(long off, int access) {
        long idx = off / ps;
        PageRequest r = pending.get(idx);
        if (r == null) {
            r = new PageRequest(off);
            pending.put(idx, r);
            owner.link.dataRequest(this, off, ps, access);
        }
        return r;
    }

    /**
     * A fault needing {@code required} on resident page {@code idx}, which the page lock forbids:
     * sends memory_object_data_unlock(offset, page size, accumulated request) unless an earlier
     * one covers it, and returns what the thread waits for (the pager lowering the lock, or
     * memory_object_ready first: GNU Mach sends data_unlock only to a ready pager).
     */
    PageRequest unlock(long idx, int required) {
        long off = idx * ps;
        if ((required & locks.unlockRequest(idx)) != required) {
            if (!ready) return readyRequest();
            owner.link.dataUnlock(this, off, ps, locks.requestUnlock(idx, required));
        }
        return locks.waitFor(idx, off);
    }

    /** What waits for memory_object_ready; null once the pager is ready or gone. */
    PageRequest readyRequest() {
        if (ready || terminated) return null;
        if (readyWait == null) readyWait = new PageRequest(0);
        return readyWait;
    }

    /** Consumes the error state of a page (GNU Mach frees the error page when a fault sees it). */
    boolean takeError(long idx) {
        return errors.remove(idx);
    }

    /** Before page {@code idx} of the object changes or goes: gives copies lacking it their own. */
    void pushToCopies(long idx) {
        Long pa = object.pages.get(idx);
        if (pa == null || copies.isEmpty()) return;
        long off = idx * ps;
        for (VmObject c : copies) {
            if (off < c.shadowOffset) continue;
            long ci = (off - c.shadowOffset) / ps;
            if (c.pages.containsKey(ci)) continue;
            long np = phys.alloc();
            if (np < 0) return;
            phys.copy(pa, np);
            c.pages.put(ci, np);
        }
    }

    /**
     * Whether copies are immediate (vm_object_copy_slowly): MEMORY_OBJECT_COPY_NONE on a
     * non-temporary object. Every other strategy makes a delayed copy here (COPY_DELAY, and
     * COPY_TEMPORARY as GNU Mach's vm_object_copy_strategically; COPY_CALL is not implemented).
     */
    boolean copiesSlowly() {
        return copyStrategy == COPY_NONE && !temporary;
    }

    /**
     * For an immediate copy of [from, to) (byte offsets): the request of the first page that is
     * not there yet (asked for, or a read unlock), or null when all are resident and readable.
     * Pages in error or of a dead pager read as zeros in the copy.
     */
    PageRequest missingForCopy(long from, long to) {
        for (long off = from; off < to; off += ps) {
            Object r = PagerSource.lookup(object, off, ps);
            if (r instanceof PageRequest q) return q;
        }
        return null;
    }

    /** vm_object_copy_slowly: a new anonymous object with copies of the resident pages of [from, from+len). */
    VmObject slowCopy(long from, long len) {
        VmObject out = new VmObject();
        for (long off = 0; off < len; off += ps) {
            Long pa = object.pages.get((from + off) / ps);
            if (pa == null) continue;
            long np = phys.alloc();
            if (np < 0) break;
            phys.copy(pa, np);
            out.pages.put(off / ps, np);
        }
        return out;
    }

    /**
     * A delayed copy of [offset, ...) of the object, taking over the caller's reference to it:
     * all writers fault (and push) first.
     */
    VmObject newCopy(long offset) {
        VmObject c = new VmObject(object, offset);
        copies.add(c);
        for (TaskVm t : maps) t.writeProtectObject(object);
        return c;
    }

    // =====================================================================================
    // Control-port routines (memory_object_* of mach.defs)
    // =====================================================================================

    /** memory_object_data_supply: data must be whole pages at a page offset; present pages stop it. */
    public int dataSupply(long offset, VmCopy data, int lockValue, boolean precious, Object replyTo) {
        long size = data == null ? 0 : data.size();
        if ((lockValue & ~VmSpace.PROT_ALL) != 0 || (offset & (ps - 1)) != 0 || (size & (ps - 1)) != 0 || offset < 0) {
            if (data != null) data.discard();
            owner.link.dropReply(replyTo);
            return KERN_INVALID_ARGUMENT;
        }
        byte[] bytes = size == 0 ? new byte[0] : data.bytes();
        data.discard();
        int result = KERN_SUCCESS;
        long errorOffset = 0;
        for (long at = 0; at < size; at += ps) {
            long idx = (offset + at) / ps;
            if (object.pages.containsKey(idx)) {
                result = KERN_MEMORY_PRESENT;
                errorOffset = offset + at;
                break;
            }
            if (!install(idx, bytes, (int) at)) {
                result = KERN_RESOURCE_SHORTAGE;
                errorOffset = offset + at;
                break;
            }
            if (precious) this.precious.add(idx);
            locks.set(idx, lockValue);
        }
        if (replyTo != null) owner.link.supplyCompleted(replyTo, this, offset, size, result, errorOffset);
        return KERN_SUCCESS;
    }

    /** memory_object_data_unavailable: requested pages in the range become zero-filled pages. */
    public int dataUnavailable(long offset, long size) {
        long[] r = range(offset, size);
        if (r == null) return KERN_INVALID_ARGUMENT;
        for (long off = r[0]; off < r[1]; off += ps) {
            if (pending.containsKey(off / ps)) install(off / ps, null, 0);
        }
        return KERN_SUCCESS;
    }

    /**
     * memory_object_data_error: requested pages in the range are in error; the faults waiting
     * for them become EXC_BAD_ACCESS with KERN_MEMORY_ERROR (GNU Mach ignores error_value).
     */
    public int dataError(long offset, long size, int errorValue) {
        long[] r = range(offset, size);
        if (r == null) return KERN_INVALID_ARGUMENT;
        for (long off = r[0]; off < r[1]; off += ps) {
            PageRequest q = pending.remove(off / ps);
            if (q == null) continue;
            errors.add(off / ps);
            q.complete();
        }
        return KERN_SUCCESS;
    }

    /** memory_object_ready / the ready part of change_attributes. */
    public int ready(boolean mayCache, int strategy) {
        if (strategy < COPY_NONE || strategy > COPY_TEMPORARY) return KERN_INVALID_ARGUMENT;
        this.ready = true;
        this.mayCache = mayCache;
        if (strategy == COPY_TEMPORARY) temporary = true;
        else this.copyStrategy = strategy;
        wakeReady();
        if (object.refs == 0) {
            if (mayCache) owner.cached(this);
            else terminate();
        }
        return KERN_SUCCESS;
    }

    private void wakeReady() {
        PageRequest w = readyWait;
        readyWait = null;
        if (w != null) w.complete();
    }

    /** memory_object_change_attributes: as ready, then change_completed to reply_to. */
    public int changeAttributes(boolean mayCache, int strategy, Object replyTo) {
        int kr = ready(mayCache, strategy);
        if (kr != KERN_SUCCESS) {
            owner.link.dropReply(replyTo);
            return kr;
        }
        if (replyTo != null) owner.link.changeCompleted(replyTo, mayCache, copyStrategy);
        return KERN_SUCCESS;
    }

    /**
     * memory_object_lock_request: for the resident pages of [offset, offset+size) returns dirty
     * (RETURN_DIRTY) or dirty and precious (RETURN_ALL) pages with data_return (contiguous runs
     * in one message, kernel_copy = !flush), applies lock_value to the current translations,
     * flushes when asked, then sends lock_completed to reply_to.
     */
    public int lockRequest(long offset, long size, int shouldReturn, boolean flush, int lockValue, Object replyTo) {
        long[] r = range(offset, size);
        if (r == null || shouldReturn < RETURN_NONE || shouldReturn > RETURN_ALL
                || ((lockValue & ~VmSpace.PROT_ALL) != 0 && lockValue != PROT_NO_CHANGE)) {
            owner.link.dropReply(replyTo);
            return KERN_INVALID_ARGUMENT;
        }
        long runStart = -1;
        ArrayList<Long> run = new ArrayList<>();
        for (long off = r[0]; off < r[1]; off += ps) {
            long idx = off / ps;
            boolean ret = object.pages.containsKey(idx) && mustReturn(idx, shouldReturn);
            if (ret) {
                if (run.isEmpty()) runStart = off;
                run.add(idx);
            } else {
                sendRun(runStart, run, flush);
            }
        }
        sendRun(runStart, run, flush);
        for (long off = r[0]; off < r[1]; off += ps) settle(off / ps, flush, lockValue);
        if (replyTo != null) owner.link.lockCompleted(replyTo, this, offset, size);
        return KERN_SUCCESS;
    }

    private boolean mustReturn(long idx, int shouldReturn) {
        if (shouldReturn == RETURN_NONE) return false;
        return dirty.contains(idx) || shouldReturn == RETURN_ALL && precious.contains(idx);
    }

    private void sendRun(long start, List<Long> run, boolean flush) {
        if (run.isEmpty()) return;
        byte[] b = new byte[(int) (run.size() * ps)];
        boolean anyDirty = false;
        for (int i = 0; i < run.size(); i++) {
            long idx = run.get(i);
            phys.ram().copyOut(object.pages.get(idx), b, (int) (i * ps), (int) ps);
            anyDirty |= dirty.contains(idx);
            dirty.remove(idx);
            for (TaskVm t : maps) t.writeProtectObjectPage(object, idx * ps);
        }
        owner.link.dataReturn(this, start, new ByteVmCopy(b), anyDirty, !flush);
        run.clear();
    }

    /**
     * After returning: flush the page, or make lock_value its page_lock (memory_object_lock_page):
     * translations lose the newly forbidden accesses now, waiters for an unlock retry.
     */
    private void settle(long idx, boolean flush, int lockValue) {
        if (!object.pages.containsKey(idx)) return;
        if (flush) {
            removePage(idx);
            return;
        }
        if (lockValue == PROT_NO_CHANGE) return;
        int old = locks.lock(idx);
        if (((old ^ lockValue) & lockValue) != 0) restrictMappings(idx, lockValue);
        locks.set(idx, lockValue);
    }

    /** Removes {@code forbidden} from every translation of page {@code idx} (pmap_page_protect). */
    private void restrictMappings(long idx, int forbidden) {
        for (TaskVm t : maps) {
            if ((forbidden & (VmSpace.PROT_READ | VmSpace.PROT_EXECUTE)) != 0) t.unmapObjectPage(object, idx * ps);
            else t.writeProtectObjectPage(object, idx * ps);
        }
    }

    private void removePage(long idx) {
        pushToCopies(idx);
        for (TaskVm t : maps) t.unmapObjectPage(object, idx * ps);
        Long pa = object.pages.remove(idx);
        if (pa != null) phys.free(pa);
        dirty.remove(idx);
        precious.remove(idx);
        locks.forget(idx);
    }

    /** memory_object_destroy: terminates the object despite its mappings (pages are discarded). */
    public int destroy(int reason) {
        if (terminated) return KERN_SUCCESS;
        dirty.clear();
        precious.clear();
        terminate();
        return KERN_SUCCESS;
    }

    // =====================================================================================
    // Life cycle
    // =====================================================================================

    /** The object lost its last reference: cached if the pager allowed it, else terminated. */
    void lastReference() {
        if (terminated) return;
        if (mayCache) {
            owner.cached(this);
            return;
        }
        terminate();
    }

    /** A new reference to a cached object: it leaves the cache. */
    void revived() {
        owner.uncached(this);
    }

    /**
     * Returns the dirty and precious pages (kernel_copy = FALSE), frees every page, fails the
     * outstanding requests (their faults retry and find the object terminated) and sends
     * memory_object_terminate.
     */
    void terminate() {
        if (terminated) return;
        long[] idxs = object.pages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (long idx : idxs) {
            if (dirty.contains(idx) || precious.contains(idx)) {
                byte[] b = new byte[(int) ps];
                phys.ram().copyOut(object.pages.get(idx), b, 0, (int) ps);
                owner.link.dataReturn(this, idx * ps, new ByteVmCopy(b), dirty.contains(idx), false);
            }
            removePage(idx);
        }
        terminated = true;
        owner.forget(this);
        owner.uncached(this);
        for (PageRequest q : new ArrayList<>(pending.values())) q.complete();
        pending.clear();
        wakeReady();
        owner.link.terminate(this);
    }

    // =====================================================================================

    /** Installs page {@code idx} (zeros when {@code src} is null) and completes its request. */
    private boolean install(long idx, byte[] src, int at) {
        long pa = src == null ? phys.allocZeroed() : phys.alloc();
        if (pa < 0) return false;
        if (src != null) phys.ram().load(pa, src, at, (int) ps);
        owner.sys.cpus().invalidateCode(pa, (int) ps);
        object.pages.put(idx, pa);
        PageRequest q = pending.remove(idx);
        if (q != null) q.complete();
        return true;
    }

    /** [trunc(offset), round(offset+size)) or null if negative / wrapping. */
    private long[] range(long offset, long size) {
        long end = offset + size;
        if (offset < 0 || size < 0 || end < offset) return null;
        return new long[] {offset & -ps, (end + ps - 1) & -ps};
    }
}
