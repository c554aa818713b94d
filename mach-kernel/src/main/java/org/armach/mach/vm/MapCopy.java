package org.armach.mach.vm;

import java.util.Arrays;
import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.ipc.VmCopy;

/**
 * A {@code vm_map_copy_t} of the entry-list kind: references to (frozen) objects covering
 * whole pages, plus the offset of the data in the first page and its byte size. Mapping it
 * ({@link TaskVm#copyout}) makes copy-on-write entries; nothing is copied until someone writes.
 */
final class MapCopy implements VmCopy {
    final VmSystem sys;
    final long size, subOffset;
    VmObject[] objects = new VmObject[2];
    long[] offsets = new long[2], lengths = new long[2];
    int count;
    boolean consumed;

    MapCopy(VmSystem sys, long size, long subOffset) {
        this.sys = sys;
        this.size = size;
        this.subOffset = subOffset;
    }

    /** Adds a piece; the copy owns one reference to {@code o}. */
    void add(VmObject o, long offset, long length) {
        if (count == objects.length) {
            objects = Arrays.copyOf(objects, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        objects[count] = o;
        offsets[count] = offset;
        lengths[count++] = length;
    }

    /** Bytes of address space the copy needs when mapped (whole pages). */
    long span() {
        long s = 0;
        for (int i = 0; i < count; i++) s += lengths[i];
        return s;
    }

    @Override public long size() { return size; }

    /** The contents (zeros where no page exists); empty if larger than a Java array. */
    @Override
    public byte[] bytes() {
        if (consumed || size > Integer.MAX_VALUE - 8) return new byte[0];
        byte[] out = new byte[(int) size];
        PhysicalMemory ram = sys.phys().ram();
        long ps = sys.pageSize(), pos = -subOffset; // position in out of the current page's first byte
        for (int i = 0; i < count; i++) {
            for (long o = 0; o < lengths[i]; o += ps, pos += ps) {
                long from = Math.max(pos, 0), to = Math.min(pos + ps, size);
                if (from >= to) continue;
                long pa = objects[i].find(offsets[i] + o, ps);
                if (pa >= 0) ram.copyOut(pa + (from - pos), out, (int) from, (int) (to - from));
            }
        }
        return out;
    }

    /** Set when a page of the copy was found in error (the pager declared it, or is gone). */
    private boolean error;

    /**
     * Asks the pagers for the absent (or read-locked) pager pages the copy reads through, as
     * GNU Mach's kernel consumers fault them in; {@code onProgress} runs when the first missing
     * one is there.
     */
    @Override
    public boolean ready(Runnable onProgress) {
        if (consumed || !paged()) return true;
        long ps = sys.pageSize();
        for (int i = 0; i < count; i++) {
            for (long o = 0; o < lengths[i]; o += ps) {
                Object r = PagerSource.lookup(objects[i], offsets[i] + o, ps);
                if (r == PagerSource.ERROR) error = true;
                if (r instanceof PageRequest q) {
                    q.whenDone(onProgress);
                    return false;
                }
            }
        }
        return true;
    }

    @Override public boolean inError() { return error; }

    private boolean paged() {
        for (int i = 0; i < count; i++) {
            for (VmObject o = objects[i]; o != null; o = o.shadow) if (o.pager != null) return true;
        }
        return false;
    }

    @Override
    public void discard() {
        if (consumed) return;
        consumed = true;
        for (int i = 0; i < count; i++) VmObject.release(objects[i], sys.phys());
    }
}
