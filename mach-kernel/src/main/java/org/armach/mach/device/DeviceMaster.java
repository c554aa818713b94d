package org.armach.mach.device;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.ArrayDeque;

import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;
import org.armach.mach.ipc.VmCopy;
import org.armach.mach.kern.Kernel;
import org.armach.mach.kern.KernelRpc;
import org.armach.mig.MigCall;
import org.armach.mig.MigErrors;
import org.armach.mig.OutOfLine;

/**
 * The device master port (${device-port}) and device.defs: the "console" device writes to
 * and reads from the console driver; reads with no input wait (deferred replies) until the
 * receive interrupt brings some, unless D_NOWAIT is given.
 */
public final class DeviceMaster {
    public static final int D_IO_ERROR = 2500, D_WOULD_BLOCK = 2501, D_NO_SUCH_DEVICE = 2502,
            D_INVALID_OPERATION = 2505, D_INVALID_SIZE = 2507;
    public static final int D_NOWAIT = 8;
    private static final int RING = 4096;

    /** The object behind the master device port. */
    static final class Master implements KernelObject {
        @Override public KObjectKind kind() { return KObjectKind.MASTER_DEVICE; }
    }

    /** An open device. */
    public static final class Device implements KernelObject {
        public final String name;
        Port port;

        Device(String name) { this.name = name; }

        @Override public KObjectKind kind() { return KObjectKind.DEVICE; }
    }

    private record PendingRead(KernelRpc.Deferred reply, int wanted, boolean inband) { }

    private final Kernel k;
    private final Port masterPort;
    private final Device console = new Device("console");
    private final TimeDevice time;
    private final ArrayDeque<Integer> input = new ArrayDeque<>();
    /** The console's receive interrupt is masked because the ring is full. */
    private boolean rxMasked;
    private final ArrayDeque<PendingRead> readers = new ArrayDeque<>();

    public DeviceMaster(Kernel k) {
        this.k = k;
        this.masterPort = k.ipc.createKernelPort(new Master());
        console.port = k.ipc.createKernelPort(console);
        time = new TimeDevice(k);
    }

    public Port masterPort() { return masterPort; }

    public void register(KernelRpc rpc) {
        rpc.server("device.defs")
                .on("device_open", c -> open(c, c.getString("name")))
                .on("device_open_new", c -> open(c, c.getString("name")))
                .on("device_close", c -> dev(c) != null ? KERN_SUCCESS : D_NO_SUCH_DEVICE)
                .on("device_write", c -> write(c, ((VmCopy) ((OutOfLine) c.get("data")).data())))
                .on("device_write_inband", c -> write(c, c.get("data")))
                .on("device_read", c -> read(rpc, c, false))
                .on("device_read_inband", c -> read(rpc, c, true))
                .on("device_map", this::map)
                .on("device_get_status", c -> dev(c) != null ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE)
                .on("device_set_status", c -> dev(c) != null ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE)
                // ds_device_set_filter: only network devices (d_async_in) take packet filters; none exists here
                .on("device_set_filter", c -> anyDevice(c) ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE)
                // ds_device_intr_register / _ack: user-level interrupts need an "irq" device; none exists here
                .on("device_intr_register", c -> D_INVALID_OPERATION)
                .on("device_intr_ack", c -> anyDevice(c) ? D_INVALID_OPERATION : D_NO_SUCH_DEVICE);
    }

    /** An open device of any driver (console, time, disks). */
    private static boolean anyDevice(MigCall c) {
        Object o = c.requestPort();
        return o instanceof Device || o instanceof DiskDevices.Disk;
    }

    private static Device dev(MigCall c) {
        return c.requestPort() instanceof Device ? (Device) c.requestPort() : null;
    }

    private int open(MigCall c, String name) {
        if (!(c.requestPort() instanceof Master)) return D_NO_SUCH_DEVICE;
        Device d = "console".equals(name) ? console : "time".equals(name) && time.open() ? time.device : null;
        if (d == null) return D_NO_SUCH_DEVICE;
        c.set("device", d.port.makeSend());
        return KERN_SUCCESS;
    }

    /** device_map: the time device answers a pager over its page; the console cannot be mapped. */
    private int map(MigCall c) {
        Device d = dev(c);
        if (d == null) return D_NO_SUCH_DEVICE;
        if (d != time.device) return D_INVALID_OPERATION;
        Port[] out = new Port[1];
        int kr = time.map(c.getInt("prot"), c.getLong("offset"), c.getLong("size"), out);
        if (kr == KERN_SUCCESS) c.set("pager", out[0]);
        return kr;
    }

    private int write(MigCall c, Object data) {
        if (dev(c) == null) return D_NO_SUCH_DEVICE;
        byte[] b;
        if (data instanceof VmCopy) b = ((VmCopy) data).bytes();
        else if (data instanceof byte[]) b = (byte[]) data;
        else if (data instanceof String) b = ((String) data).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        else b = new byte[0];
        k.console().write(b, 0, b.length);
        c.set("bytes_written", b.length);
        return KERN_SUCCESS;
    }

    private int read(KernelRpc rpc, MigCall c, boolean inband) {
        if (dev(c) == null) return D_NO_SUCH_DEVICE;
        int wanted = c.getInt("bytes_wanted");
        if (wanted < 0) return D_INVALID_SIZE;
        drain();
        if (input.isEmpty()) {
            if ((c.getInt("mode") & D_NOWAIT) != 0) return D_WOULD_BLOCK;
            readers.add(new PendingRead(rpc.defer(c), wanted, inband));
            return MigErrors.MIG_NO_REPLY;
        }
        c.set("data", take(wanted, inband));
        drain();
        return KERN_SUCCESS;
    }

    private Object take(int wanted, boolean inband) {
        int n = Math.min(Math.min(wanted, input.size()), inband ? 128 : RING);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (int) input.poll();
        return inband ? b : new OutOfLine(b, n, true);
    }

    private void drain() {
        int b;
        while (input.size() < RING && (b = k.console().read()) >= 0) input.add(b);
        boolean full = input.size() >= RING;
        if (full != rxMasked) {
            rxMasked = full;
            k.console().rxInterrupt(!full);
        }
    }

    /** Called on every IRQ: moves received bytes in and answers waiting readers. */
    public void interrupt() {
        drain();
        while (!input.isEmpty() && !readers.isEmpty()) {
            PendingRead r = readers.poll();
            r.reply().call().set("data", take(r.wanted(), r.inband()));
            r.reply().reply(KERN_SUCCESS);
        }
        drain();
    }
}
