package org.armach.mach.vm;

import java.util.ArrayDeque;

/**
 * 16-bit ASIDs (TCR_EL1.AS = 1) for the user address spaces; ASID 0 is never handed out while
 * others remain. A released ASID is invalidated on every CPU before it can be reused. If all
 * 65535 are live, further spaces share ASID 0, which {@link Pmap#activate} invalidates on
 * every switch to it.
 */
final class AsidPool {
    static final int SHARED = 0, MAX = 0xffff;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private int next = 1;

    int allocate() {
        if (!free.isEmpty()) return free.pollFirst();
        return next <= MAX ? next++ : SHARED;
    }

    void release(int asid, CpuSet cpus) {
        cpus.invalidateAsid(asid);
        if (asid != SHARED) free.addLast(asid);
    }
}
