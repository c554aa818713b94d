package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.function.Function;

import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.VmCopy;
import org.armach.mig.MigCall;
import org.armach.mig.MigErrors;
import org.armach.mig.MigServer;
import org.armach.mig.OutOfLine;

/**
 * The memory-object routines of mach.defs that a pager sends to the control port
 * (memory_object_data_supply, _data_unavailable, _data_error, _lock_request, _ready,
 * _change_attributes, _get_attributes, _destroy), and vm_map / vm_region with memory objects.
 * A request port that is not a live control port answers KERN_INVALID_ARGUMENT (nothing for
 * the simple routines, whose OOL data is discarded).
 *
 * <pre>
 * PagerRpc.install(machServer, spaceOf, link);   // after VmRpc.install: replaces vm_map, vm_region, vm_write, vm_copy
 * </pre>
 */
public final class PagerRpc {
    private PagerRpc() {}

    public static MigServer install(MigServer mach, Function<Object, VmSpace> taskToSpace, PagerLink link) {
        return mach
            .on("memory_object_data_supply", c -> withPager(c, link, p -> p.dataSupply(c.getLong("offset"),
                    copyOf(c.get("data")), c.getInt("lock_value"), c.getBoolean("precious"), link.takeRight(c.get("reply_to")))))
            .on("memory_object_data_unavailable", c -> withPager(c, link, p ->
                    p.dataUnavailable(c.getLong("offset"), c.getLong("size"))))
            .on("memory_object_data_error", c -> withPager(c, link, p ->
                    p.dataError(c.getLong("offset"), c.getLong("size"), c.getInt("error_value"))))
            .on("memory_object_lock_request", c -> withPager(c, link, p -> p.lockRequest(c.getLong("offset"),
                    c.getLong("size"), c.getInt("should_return"), c.getBoolean("should_flush"), c.getInt("lock_value"),
                    link.takeRight(c.get("reply_to")))))
            .on("memory_object_ready", c -> withPager(c, link, p ->
                    p.ready(c.getBoolean("may_cache"), c.getInt("copy_strategy"))))
            .on("memory_object_change_attributes", c -> withPager(c, link, p -> p.changeAttributes(
                    c.getBoolean("may_cache"), c.getInt("copy_strategy"), link.takeRight(c.get("reply_to")))))
            .on("memory_object_get_attributes", c -> withPager(c, link, p -> {
                c.set("object_ready", p.ready() ? 1 : 0).set("may_cache", p.mayCache() ? 1 : 0)
                    .set("copy_strategy", p.copyStrategy());
                return KERN_SUCCESS;
            }))
            .on("memory_object_destroy", c -> withPager(c, link, p -> p.destroy(c.getInt("reason"))))
            .on("vm_map", c -> withSpace(c, taskToSpace, s -> vmMap(c, s, link)))
            .on("vm_write", c -> withSpace(c, taskToSpace, s -> vmWrite(c, s, link)))
            .on("vm_copy", c -> withSpace(c, taskToSpace, s -> vmCopy(c, s, link)))
            .on("vm_read", c -> withSpace(c, taskToSpace, s -> vmRead(c, s, link)))
            .on("vm_region", c -> withSpace(c, taskToSpace, s -> vmRegion(c, s, link)));
    }

    private interface PagerOp {
        int run(Pager p);
    }

    private interface SpaceOp {
        int run(VmSpace s);
    }

    private static int withPager(MigCall c, PagerLink link, PagerOp op) {
        if (c.requestPort() instanceof Pager p && !p.terminated()) return op.run(p);
        VmCopy data = c.has("data") ? copyOf(c.get("data")) : null;
        if (data != null) data.discard();
        if (c.has("reply_to")) link.dropReply(link.takeRight(c.get("reply_to")));
        return KERN_INVALID_ARGUMENT;
    }

    private static int withSpace(MigCall c, Function<Object, VmSpace> taskToSpace, SpaceOp op) {
        VmSpace s = taskToSpace.apply(c.requestPort());
        return s == null ? KERN_INVALID_ARGUMENT : op.run(s);
    }

    private static VmCopy copyOf(Object o) {
        if (o instanceof OutOfLine ool) o = ool.data();
        if (o instanceof VmCopy v) return v;
        if (o instanceof byte[] b) return new ByteVmCopy(b);
        return null;
    }

    /**
     * vm_map; with copy = TRUE on an external object whose pager is not ready yet, the reply
     * waits for memory_object_ready (GNU Mach's vm_object_copy_strategically waits there).
     */
    private static int vmMap(MigCall c, VmSpace s, PagerLink link) {
        Object memoryObject = link.memoryObjectOf(c.get("memory_object"));
        PageRequest r = copyWait(c, s, memoryObject);
        PagerLink.Later later = r == null ? null : link.defer(c);
        if (later == null) return map(c, s, memoryObject);
        mapWhenReady(c, s, memoryObject, r, later);
        return MigErrors.MIG_NO_REPLY;
    }

    /**
     * What vm_map(copy = TRUE) waits for: memory_object_ready, then, for COPY_NONE (an
     * immediate copy, vm_object_copy_slowly), every page of the range.
     */
    private static PageRequest copyWait(MigCall c, VmSpace s, Object memoryObject) {
        if (!c.getBoolean("copy")) return null;
        PageRequest r = s.awaitReady(memoryObject);
        return r != null ? r : s.awaitCopySource(memoryObject, c.getLong("offset"), c.getLong("size"));
    }

    private static void mapWhenReady(MigCall c, VmSpace s, Object memoryObject, PageRequest r, PagerLink.Later later) {
        r.whenDone(() -> {
            PageRequest next = copyWait(c, s, memoryObject);
            if (next == null) later.reply(map(c, s, memoryObject));
            else mapWhenReady(c, s, memoryObject, next, later);
        });
    }

    private static int map(MigCall c, VmSpace s, Object memoryObject) {
        long[] a = {c.getLong("address")};
        int kr = s.map(a, c.getLong("size"), c.getLong("mask"), c.getBoolean("anywhere"), memoryObject,
            c.getLong("offset"), c.getBoolean("copy"), c.getInt("cur_protection"), c.getInt("max_protection"),
            c.getInt("inheritance"));
        c.set("address", a[0]);
        return kr;
    }

    /**
     * vm_write: when the target range has pager pages that are not there yet (or write-locked),
     * the reply waits until they are (the data is kept meanwhile), as GNU Mach's copy overwrite
     * faults and waits.
     */
    private static int vmWrite(MigCall c, VmSpace s, PagerLink link) {
        VmCopy data = copyOf(c.get("data"));
        if (data == null) return KERN_INVALID_ARGUMENT;
        long addr = c.getLong("address");
        if (s.ready(addr, data.size(), true)) return s.write(addr, data);
        PagerLink.Later later = link.defer(c);
        if (later == null) return s.write(addr, data);
        VmCopy held = new ByteVmCopy(data.bytes());
        data.discard();
        writeWhenReady(s, addr, held, later);
        return MigErrors.MIG_NO_REPLY;
    }

    /**
     * vm_copy: the source is captured at once (a copy-on-write snapshot); absent pager pages of
     * it are asked for and the reply waits until they are there, then until the destination is
     * writable, as vm_write. A source page in error answers KERN_MEMORY_ERROR.
     */
    private static int vmCopy(MigCall c, VmSpace s, PagerLink link) {
        VmCopy[] out = new VmCopy[1];
        int kr = s.read(c.getLong("source_address"), c.getLong("size"), out);
        if (kr != KERN_SUCCESS) return kr;
        VmCopy data = out[0];
        long dst = c.getLong("dest_address");
        PagerLink.Later later = null;
        if (!data.ready(() -> { }) || !s.ready(dst, data.size(), true)) later = link.defer(c);
        if (later == null) return writeChecked(s, dst, data);
        copyWhenReady(s, dst, data, later);
        return MigErrors.MIG_NO_REPLY;
    }

    private static void copyWhenReady(VmSpace s, long dst, VmCopy data, PagerLink.Later later) {
        if (!data.ready(() -> copyWhenReady(s, dst, data, later))) return;
        if (data.inError()) {
            later.reply(writeChecked(s, dst, data));
            return;
        }
        VmCopy held = new ByteVmCopy(data.bytes());
        data.discard();
        if (s.ready(dst, held.size(), true)) later.reply(s.write(dst, held));
        else writeWhenReady(s, dst, held, later);
    }

    private static int writeChecked(VmSpace s, long dst, VmCopy data) {
        if (!data.inError()) return s.write(dst, data);
        data.discard();
        return KERN_MEMORY_ERROR;
    }

    private static void writeWhenReady(VmSpace s, long addr, VmCopy data, PagerLink.Later later) {
        PageRequest r = s.takePendingPage();
        Runnable attempt = () -> {
            if (s.ready(addr, data.size(), true)) later.reply(s.write(addr, data));
            else writeWhenReady(s, addr, data, later);
        };
        if (r == null) later.reply(s.write(addr, data));
        else r.whenDone(attempt);
    }

    /**
     * vm_read; a range of memory whose pager asked for immediate copies (COPY_NONE) waits (the
     * reply is deferred) until its pages are there, as vm_object_copy_slowly faults them in.
     */
    private static int vmRead(MigCall c, VmSpace s, PagerLink link) {
        long addr = c.getLong("address"), size = c.getLong("size");
        if (size < 0 || size > Integer.MAX_VALUE) return KERN_INVALID_ARGUMENT;
        if (s.copyinReady(addr, size)) return read(c, s, addr, size);
        PagerLink.Later later = link.defer(c);
        if (later == null) return read(c, s, addr, size);
        readWhenReady(c, s, addr, size, later);
        return MigErrors.MIG_NO_REPLY;
    }

    private static void readWhenReady(MigCall c, VmSpace s, long addr, long size, PagerLink.Later later) {
        PageRequest r = s.takePendingPage();
        if (r == null) {
            later.reply(read(c, s, addr, size));
            return;
        }
        r.whenDone(() -> {
            if (s.copyinReady(addr, size)) later.reply(read(c, s, addr, size));
            else readWhenReady(c, s, addr, size, later);
        });
    }

    private static int read(MigCall c, VmSpace s, long addr, long size) {
        VmCopy[] out = new VmCopy[1];
        int kr = s.read(addr, size, out);
        if (kr == KERN_SUCCESS) c.set("data", new OutOfLine(out[0], (int) size, false));
        return kr;
    }

    private static int vmRegion(MigCall c, VmSpace s, PagerLink link) {
        Region r = s.region(c.getLong("address"));
        if (r == null) return KERN_NO_SPACE;
        Object name = r.objectName() instanceof Pager p ? link.nameRight(p) : null;
        c.set("address", r.start()).set("size", r.size()).set("protection", r.protection())
            .set("max_protection", r.maxProtection()).set("inheritance", r.inheritance())
            .set("is_shared", r.shared() ? 1 : 0).set("object_name", name).set("offset", r.offset());
        return KERN_SUCCESS;
    }
}
