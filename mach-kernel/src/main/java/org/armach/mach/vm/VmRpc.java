package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.function.Function;
import java.util.function.Predicate;
import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.VmCopy;
import org.armach.mig.MigCall;
import org.armach.mig.MigServer;
import org.armach.mig.OutOfLine;

/**
 * MIG handlers of the vm_* routines. The kernel core installs them on its servers:
 * <pre>
 * VmRpc.install(machServer, port -> taskOf(port) == null ? null : taskOf(port).vm());
 * VmRpc.installHost(machHostServer, port -> isHostPriv(port), port -> spaceOf(port));
 * </pre>
 * {@code taskToSpace} maps the request port object (and vm_wire's {@code task} argument) to the
 * task's {@link VmSpace}; null (not a task) answers KERN_INVALID_ARGUMENT, as GNU Mach does for a
 * null map. Out-of-line data: vm_read replies with an {@link OutOfLine} holding the
 * {@link VmCopy} (count = byte size); vm_write accepts an OutOfLine whose data is a VmCopy or a
 * byte[] and consumes it. vm_region's object_name is always MACH_PORT_NULL. vm_map with a
 * memory object answers KERN_INVALID_ARGUMENT until pagers exist.
 */
public final class VmRpc {
    static final int KERN_INVALID_HOST = 22;

    private VmRpc() {}

    /** Registers vm_allocate … vm_machine_attribute on the {@code mach} (2000) server. */
    public static MigServer install(MigServer mach, Function<Object, VmSpace> taskToSpace) {
        return install(mach, taskToSpace, o -> o == null);
    }

    /**
     * As {@link #install(MigServer, Function)}; {@code isNullPort} tells whether a body port
     * argument (vm_map's memory_object) is MACH_PORT_NULL in the server's representation.
     */
    public static MigServer install(MigServer mach, Function<Object, VmSpace> taskToSpace, Predicate<Object> isNullPort) {
        return mach
            .on("vm_allocate", c -> withSpace(c, taskToSpace, s -> {
                long[] a = {c.getLong("address")};
                int kr = s.allocate(a, c.getLong("size"), c.getBoolean("anywhere"));
                c.set("address", a[0]);
                return kr;
            }))
            .on("vm_deallocate", c -> withSpace(c, taskToSpace, s ->
                s.deallocate(c.getLong("address"), c.getLong("size"))))
            .on("vm_protect", c -> withSpace(c, taskToSpace, s ->
                s.protect(c.getLong("address"), c.getLong("size"), c.getBoolean("set_maximum"), c.getInt("new_protection"))))
            .on("vm_inherit", c -> withSpace(c, taskToSpace, s ->
                s.inherit(c.getLong("address"), c.getLong("size"), c.getInt("new_inheritance"))))
            .on("vm_read", c -> withSpace(c, taskToSpace, s -> vmRead(c, s)))
            .on("vm_write", c -> vmWrite(c, taskToSpace.apply(c.requestPort())))
            .on("vm_copy", c -> withSpace(c, taskToSpace, s ->
                s.copy(c.getLong("source_address"), c.getLong("size"), c.getLong("dest_address"))))
            .on("vm_region", c -> withSpace(c, taskToSpace, s -> vmRegion(c, s)))
            .on("vm_statistics", c -> withSpace(c, taskToSpace, s -> {
                c.set("vm_stats", s.statistics());
                return KERN_SUCCESS;
            }))
            .on("vm_map", c -> withSpace(c, taskToSpace, s -> vmMap(c, s, isNullPort)))
            .on("vm_machine_attribute", c -> withSpace(c, taskToSpace, s -> {
                int[] v = {c.getInt("value")};
                int kr = s.machineAttribute(c.getLong("address"), c.getLong("size"), c.getInt("attribute"), v);
                c.set("value", v[0]);
                return kr;
            }));
    }

    /** Registers vm_wire on the {@code mach_host} (2600) server; the request port must be host_priv. */
    public static MigServer installHost(MigServer machHost, Predicate<Object> isHostPriv, Function<Object, VmSpace> taskToSpace) {
        return machHost.on("vm_wire", c -> {
            if (!isHostPriv.test(c.requestPort())) return KERN_INVALID_HOST;
            VmSpace s = taskToSpace.apply(c.get("task"));
            if (s == null) return KERN_INVALID_TASK;
            return s.wire(c.getLong("address"), c.getLong("size"), c.getInt("access"));
        });
    }

    private interface SpaceOp {
        int run(VmSpace s);
    }

    private static int withSpace(MigCall c, Function<Object, VmSpace> taskToSpace, SpaceOp op) {
        VmSpace s = taskToSpace.apply(c.requestPort());
        return s == null ? KERN_INVALID_ARGUMENT : op.run(s);
    }

    private static int vmRead(MigCall c, VmSpace s) {
        long size = c.getLong("size");
        if (size < 0 || size > Integer.MAX_VALUE) return KERN_INVALID_ARGUMENT;
        VmCopy[] out = new VmCopy[1];
        int kr = s.read(c.getLong("address"), size, out);
        if (kr == KERN_SUCCESS) c.set("data", new OutOfLine(out[0], (int) size, false));
        return kr;
    }

    private static int vmWrite(MigCall c, VmSpace s) {
        VmCopy data = asCopy(c.get("data"));
        if (s == null || data == null) {
            if (data != null) data.discard();
            return KERN_INVALID_ARGUMENT;
        }
        return s.write(c.getLong("address"), data);
    }

    private static VmCopy asCopy(Object o) {
        if (o instanceof OutOfLine ool) o = ool.data();
        if (o instanceof VmCopy v) return v;
        if (o instanceof byte[] b) return new ByteVmCopy(b);
        return null;
    }

    private static int vmRegion(MigCall c, VmSpace s) {
        Region r = s.region(c.getLong("address"));
        if (r == null) return KERN_NO_SPACE;
        c.set("address", r.start()).set("size", r.size()).set("protection", r.protection())
            .set("max_protection", r.maxProtection()).set("inheritance", r.inheritance())
            .set("is_shared", r.shared() ? 1 : 0).set("object_name", null).set("offset", r.offset());
        return KERN_SUCCESS;
    }

    private static int vmMap(MigCall c, VmSpace s, Predicate<Object> isNullPort) {
        long[] a = {c.getLong("address")};
        Object memoryObject = c.get("memory_object");
        if (isNullPort.test(memoryObject)) memoryObject = null;
        int kr = s.map(a, c.getLong("size"), c.getLong("mask"), c.getBoolean("anywhere"), memoryObject,
            c.getLong("offset"), c.getBoolean("copy"), c.getInt("cur_protection"), c.getInt("max_protection"),
            c.getInt("inheritance"));
        c.set("address", a[0]);
        return kr;
    }
}
