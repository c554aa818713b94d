package org.armach.mach.ipc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A task's port name space ({@code ipc_space}). Names are plain integers (GNU Mach with the
 * radix tree has no generation bits): a freed name goes on a LIFO free list of at most 64
 * names that is used first; otherwise the lowest name never used (or released beyond the
 * free list) is taken, starting at 1.
 */
public final class IpcSpace {
    static final int FREE_LIST_LIMIT = 64;

    final IpcKernel kernel;
    final TaskMemory memory;
    final String label;
    boolean active = true;
    final TreeMap<Integer, IpcEntry> entries = new TreeMap<>(Integer::compareUnsigned);
    private final ArrayDeque<Integer> freeList = new ArrayDeque<>();
    private final Set<Integer> freeSet = new HashSet<>();
    private final Map<Port, IpcEntry> reverse = new IdentityHashMap<>();
    private long lowWater = 1;

    IpcSpace(IpcKernel kernel, TaskMemory memory, String label) {
        this.kernel = kernel;
        this.memory = memory;
        this.label = label;
    }

    public TaskMemory memory() { return memory; }
    public IpcKernel kernel() { return kernel; }
    public boolean isActive() { return active; }

    @Override
    public String toString() {
        return "IpcSpace(" + label + ")";
    }

    // ---- name allocation ----

    /** {@code ipc_entry_alloc}: a fresh entry of type NONE, registered under a new name. */
    IpcEntry alloc() {
        Integer n = freeList.poll();
        if (n != null) {
            freeSet.remove(n);
            return register(n);
        }
        long k = lowWater;
        while (k < 0xFFFFFFFFL && (entries.containsKey((int) k) || freeSet.contains((int) k))) k++;
        if (k >= 0xFFFFFFFFL) return null;
        lowWater = k + 1;
        return register((int) k);
    }

    /** {@code ipc_entry_alloc_name}: the existing entry or a new one of type NONE. */
    IpcEntry allocName(int name) {
        IpcEntry e = entries.get(name);
        if (e != null) return e;
        if (freeSet.remove(name)) freeList.remove(name);
        return register(name);
    }

    private IpcEntry register(int name) {
        IpcEntry e = new IpcEntry(name);
        entries.put(name, e);
        return e;
    }

    /** {@code ipc_entry_dealloc}. */
    void dealloc(IpcEntry e) {
        MaRequest.cancel(e);
        if (e.object instanceof Port && reverse.get(e.object) == e) reverse.remove(e.object);
        e.object = null;
        e.type = 0;
        e.urefs = 0;
        e.request = null;
        entries.remove(e.name);
        if (freeList.size() < FREE_LIST_LIMIT) {
            freeList.push(e.name);
            freeSet.add(e.name);
        } else if (Integer.compareUnsigned(e.name, (int) lowWater) < 0) {
            lowWater = e.name & 0xffffffffL;
        }
    }

    // ---- lookup ----

    /** {@code ipc_entry_lookup} + {@code ipc_right_check}: null if the name denotes nothing. */
    IpcEntry lookup(int name) {
        IpcEntry e = entries.get(name);
        if (e == null || e.type == 0) return null;
        check(e);
        return e;
    }

    /** {@code ipc_right_check}: converts a send/send-once right to a dead port to a dead name. */
    boolean check(IpcEntry e) {
        if (!(e.object instanceof Port) || e.has(PortConst.TYPE_RECEIVE)) return false;
        Port p = e.port();
        if (p.active) return false;
        if (reverse.get(p) == e) reverse.remove(p);
        MaRequest.cancel(e);
        e.type = PortConst.TYPE_DEAD_NAME;
        e.object = null;
        if (e.request != null) {
            e.request = null;
            e.urefs++;
        }
        return true;
    }

    /** {@code ipc_right_reverse}: the entry holding a send or receive right for the port. */
    IpcEntry reverse(Port p) {
        if (p.receiver == this) return entries.get(p.receiverName);
        IpcEntry e = reverse.get(p);
        if (e != null && check(e)) return null;
        return e;
    }

    void reverseInsert(Port p, IpcEntry e) {
        reverse.put(p, e);
    }

    void reverseRemove(Port p) {
        reverse.remove(p);
    }

    /** All named entries in ascending name order, after dead-name conversion. */
    List<IpcEntry> allEntries() {
        List<IpcEntry> out = new ArrayList<>();
        for (IpcEntry e : new ArrayList<>(entries.values())) {
            if (e.type == 0) continue;
            check(e);
            out.add(e);
        }
        return out;
    }
}
