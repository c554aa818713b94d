package org.armach.mach.vm;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The memory objects of one VM system: one {@link Pager} per external memory-object port
 * (reused by later vm_map calls and cached ones kept after their last mapping), one VM object
 * per {@link KernelPager}, and the {@link PagerLink} that carries messages to pagers.
 */
final class Pagers {
    final VmSystem sys;
    PagerLink link;
    private final IdentityHashMap<Object, Pager> byPort = new IdentityHashMap<>();
    private final HashMap<KernelPager, VmObject> fixed = new HashMap<>();
    /** Unreferenced may_cache objects, oldest first (GNU Mach's vm_object_cached_list). */
    private final LinkedHashSet<Pager> cache = new LinkedHashSet<>();
    /** GNU Mach's vm_object_cached_max: beyond it the oldest cached object is terminated. */
    static final int DEFAULT_CACHED_MAX = 100;
    int cachedMax = DEFAULT_CACHED_MAX;

    Pagers(VmSystem sys) {
        this.sys = sys;
    }

    /**
     * The VM object of a memory object (a {@link KernelPager} or an external port) with one new
     * reference; the first mapping of a port sends memory_object_init. Null when no link exists.
     */
    VmObject objectFor(Object memoryObject) {
        if (memoryObject instanceof KernelPager kp) {
            VmObject o = fixed.computeIfAbsent(kp, k -> {
                VmObject n = new VmObject();
                n.fixed = k;
                n.owner = this;
                n.refs = 0;
                return n;
            });
            o.refs++;
            return o;
        }
        if (memoryObject instanceof InternalObject io) return io.reference();
        if (link == null) return null;
        Pager p = byPort.get(memoryObject);
        if (p == null) {
            p = new Pager(this, memoryObject);
            byPort.put(memoryObject, p);
            link.init(p, sys.pageSize());
        }
        if (p.object.refs++ == 0) p.revived();
        return p.object;
    }

    /** Live external memory objects (vm_cache_statistics' cache_object_count). */
    int externalCount() { return byPort.size(); }

    /** Resident pages of the live external memory objects (vm_cache_statistics' cache_count). */
    long externalPages() {
        long n = 0;
        for (Pager p : byPort.values()) n += p.object.pages.size();
        return n;
    }

    /** The pager of a memory-object port, or null (tests, introspection). */
    Pager pagerOf(Object memoryObject) {
        return byPort.get(memoryObject);
    }

    /** {@code p} lost its last reference and may be cached: enters the cache, trimming it to {@link #cachedMax}. */
    void cached(Pager p) {
        cache.remove(p);
        cache.add(p);
        Iterator<Pager> it = cache.iterator();
        while (cache.size() > cachedMax && it.hasNext()) {
            Pager oldest = it.next();
            it.remove();
            oldest.terminate();
            it = cache.iterator();
        }
    }

    void uncached(Pager p) {
        cache.remove(p);
    }

    /** Number of cached (unreferenced, may_cache) objects. */
    int cachedCount() { return cache.size(); }

    void forget(Pager p) {
        byPort.remove(p.memoryObject, p);
    }

    void forgetFixed(VmObject o) {
        fixed.remove(o.fixed, o);
    }
}
