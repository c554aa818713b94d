package org.armach.mach.device;

import static org.armach.mach.ipc.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.armach.core.mem.Bus;
import org.armach.mach.device.virtio.BlockRequest;
import org.armach.mach.device.virtio.FrameSource;
import org.armach.mach.device.virtio.VirtioBlkDriver;
import org.armach.mach.device.virtio.VirtioTransport;
import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;
import org.armach.mach.ipc.VmCopy;
import org.armach.mach.kern.DeviceTreeInfo;
import org.armach.mach.kern.Kernel;
import org.armach.mach.kern.KernelRpc;
import org.armach.mig.MigCall;
import org.armach.mig.MigErrors;
import org.armach.mig.MigHandler;
import org.armach.mig.MigServer;
import org.armach.mig.OutOfLine;

/**
 * The disks: every virtio-blk device the device tree lists is {@code hdN} (N in command-line
 * order, i.e. from the highest virtio-mmio slot down, as the board fills them), each partition
 * {@code hdNsK}. Records are 512-byte sectors. Requests are split into driver requests and the
 * RPC reply is deferred until the last completion interrupt. The routines of device.defs are
 * installed around the device master's: requests for other names and other devices go to the
 * handlers registered before.
 */
public final class DiskDevices {
    public static final int D_READ = 1, D_WRITE = 2;
    public static final int D_INVALID_RECNUM = 2506, D_INVALID_SIZE = 2507, D_READ_ONLY = 2509;
    public static final int DEV_GET_SIZE = 0, DEV_GET_RECORDS = 1, SECTOR = 512;
    static final int VIRTIO_BLOCK = 2, INBAND_MAX = 128;
    /** Largest transfer of one device_read / device_write (the reply is built in kernel memory). */
    static final int MAX_TRANSFER = 64 << 20;

    /** A disk or a partition behind a device port. */
    public static final class Disk implements KernelObject {
        public final String name;
        final VirtioBlkDriver drv;
        public final long start, sectors;
        Port port;

        Disk(String name, VirtioBlkDriver drv, long start, long sectors) {
            this.name = name;
            this.drv = drv;
            this.start = start;
            this.sectors = sectors;
        }

        public boolean readOnly() { return drv.readOnly; }

        @Override public KObjectKind kind() { return KObjectKind.DEVICE; }

        @Override public String toString() { return "device " + name; }
    }

    private final Kernel k;
    private final List<Disk> disks = new ArrayList<>();

    private DiskDevices(Kernel k) {
        this.k = k;
    }

    /** Starts a driver for every virtio-blk transport among {@code nodes} and reads its partition table. */
    public static DiskDevices probe(Kernel k, Bus bus, List<DeviceTreeInfo.MmioNode> nodes, FrameSource frames) {
        DiskDevices d = new DiskDevices(k);
        List<DeviceTreeInfo.MmioNode> blk = new ArrayList<>();
        for (DeviceTreeInfo.MmioNode n : nodes) if (VirtioTransport.probe(bus, n.base()) == VIRTIO_BLOCK) blk.add(n);
        blk.sort(Comparator.comparingLong(DeviceTreeInfo.MmioNode::base).reversed());
        for (DeviceTreeInfo.MmioNode n : blk) {
            VirtioBlkDriver drv = VirtioBlkDriver.start(bus, n.base(), frames);
            if (drv == null) continue;
            String name = "hd" + d.unitCount();
            d.disks.add(new Disk(name, drv, 0, drv.capacity));
            for (Partitions.Part p : Partitions.scan((s, c) -> readSync(drv, s, c), drv.capacity))
                d.disks.add(new Disk(name + "s" + p.number(), drv, p.start(), p.sectors()));
            if (n.intid() >= 0) k.attachInterrupt(n.intid(), drv::interrupt);
        }
        return d;
    }

    private int unitCount() {
        int n = 0;
        for (Disk x : disks) if (x.start == 0 && x.name.indexOf('s') < 0) n++;
        return n;
    }

    /** Boot-time read with polling (interrupts are not taken yet). */
    private static byte[] readSync(VirtioBlkDriver drv, long sector, int count) {
        if (sector + count > drv.capacity) return null;
        byte[] b = new byte[count * SECTOR];
        BlockRequest r = new BlockRequest(BlockRequest.T_IN, sector, b.length, b, 0, b.length, x -> { });
        drv.submit(r);
        return drv.poll(r) && r.status == BlockRequest.S_OK ? b : null;
    }

    public List<Disk> disks() { return List.copyOf(disks); }

    Disk byName(String name) {
        for (Disk x : disks) if (x.name.equals(name)) return x;
        return null;
    }

    /** Installs the disk routines around the ones already registered on device.defs. */
    public void install(KernelRpc rpc) {
        MigServer s = rpc.server("device.defs");
        wrapOpen(s, "device_open");
        wrapOpen(s, "device_open_new");
        wrap(s, "device_close", this::close);
        wrap(s, "device_read", c -> read(rpc, c, false));
        wrap(s, "device_read_inband", c -> read(rpc, c, true));
        wrap(s, "device_write", c -> write(rpc, c, c.get("data")));
        wrap(s, "device_write_inband", c -> write(rpc, c, c.get("data")));
        wrap(s, "device_get_status", this::getStatus);
        wrap(s, "device_set_status", c -> DeviceMaster.D_INVALID_OPERATION);
        wrap(s, "device_map", c -> DeviceMaster.D_INVALID_OPERATION);
    }

    private static int fallback(MigHandler prev, MigCall c) {
        return prev == null ? MigErrors.MIG_BAD_ID : prev.handle(c);
    }

    private void wrapOpen(MigServer s, String routine) {
        MigHandler prev = s.handler(routine);
        s.on(routine, c -> {
            Disk d = c.requestPort() instanceof DeviceMaster.Master ? byName(c.getString("name")) : null;
            return d == null ? fallback(prev, c) : open(c, d);
        });
    }

    private static void wrap(MigServer s, String routine, MigHandler mine) {
        MigHandler prev = s.handler(routine);
        s.on(routine, c -> c.requestPort() instanceof Disk ? mine.handle(c) : fallback(prev, c));
    }

    private int open(MigCall c, Disk d) {
        if ((c.getInt("mode") & D_WRITE) != 0 && d.readOnly()) return D_READ_ONLY;
        if (d.port == null) d.port = k.ipc.createKernelPort(d);
        c.set("device", d.port.makeSend());
        return KERN_SUCCESS;
    }

    /** device_close: completes once the drive has flushed its write cache. */
    private int close(MigCall c) {
        Disk d = (Disk) c.requestPort();
        if (!d.drv.flush || d.readOnly()) return KERN_SUCCESS;
        KernelRpc.Deferred reply = k.rpc().defer(c);
        d.drv.submit(new BlockRequest(BlockRequest.T_FLUSH, 0, 0, null, 0, 0,
                r -> reply.reply(r.status == BlockRequest.S_OK ? KERN_SUCCESS : DeviceMaster.D_IO_ERROR)));
        return MigErrors.MIG_NO_REPLY;
    }

    /** The range check of GNU Mach's block devices: recnum inside the device, size not negative. */
    private static int checkRange(Disk d, long recnum, long bytes) {
        if (bytes < 0 || bytes > MAX_TRANSFER) return D_INVALID_SIZE;
        if (Long.compareUnsigned(recnum, d.sectors) > 0 || (recnum == d.sectors && bytes > 0)) return D_INVALID_RECNUM;
        return KERN_SUCCESS;
    }

    private int read(KernelRpc rpc, MigCall c, boolean inband) {
        Disk d = (Disk) c.requestPort();
        long recnum = c.getLong("recnum");
        int wanted = c.getInt("bytes_wanted");
        int kr = checkRange(d, recnum, wanted);
        if (kr != KERN_SUCCESS) return kr;
        int n = (int) Math.min(Math.min(wanted, inband ? INBAND_MAX : Integer.MAX_VALUE), (d.sectors - recnum) * SECTOR);
        byte[] data = new byte[n];
        Object out = inband ? data : new OutOfLine(data, n, true);
        if (n == 0) {
            c.set("data", out);
            return KERN_SUCCESS;
        }
        KernelRpc.Deferred reply = rpc.defer(c);
        transfer(d, BlockRequest.T_IN, recnum, data, status -> {
            if (status == KERN_SUCCESS) reply.call().set("data", out);
            reply.reply(status);
        });
        return MigErrors.MIG_NO_REPLY;
    }

    private int write(KernelRpc rpc, MigCall c, Object data) {
        Disk d = (Disk) c.requestPort();
        byte[] b = bytes(data);
        long recnum = c.getLong("recnum");
        if (d.readOnly()) return D_READ_ONLY;
        int kr = checkRange(d, recnum, b.length);
        if (kr != KERN_SUCCESS) return kr;
        long sectors = (b.length + SECTOR - 1) / SECTOR;
        if (recnum + sectors > d.sectors) return D_INVALID_SIZE;
        if (b.length == 0) {
            c.set("bytes_written", 0);
            return KERN_SUCCESS;
        }
        KernelRpc.Deferred reply = rpc.defer(c);
        java.util.function.IntConsumer done = status -> {
            reply.call().set("bytes_written", status == KERN_SUCCESS ? b.length : 0);
            reply.reply(status);
        };
        if (b.length % SECTOR == 0) transfer(d, BlockRequest.T_OUT, recnum, b, done);
        else writePartial(d, recnum, b, done);
        return MigErrors.MIG_NO_REPLY;
    }

    /** A write that ends inside a sector: the rest of that sector is read first and kept. */
    private static void writePartial(Disk d, long recnum, byte[] b, java.util.function.IntConsumer done) {
        int whole = b.length / SECTOR * SECTOR;
        byte[] buf = java.util.Arrays.copyOf(b, whole + SECTOR);
        byte[] last = new byte[SECTOR];
        transfer(d, BlockRequest.T_IN, recnum + whole / SECTOR, last, status -> {
            if (status != KERN_SUCCESS) {
                done.accept(status);
                return;
            }
            System.arraycopy(last, b.length - whole, buf, b.length, SECTOR - (b.length - whole));
            transfer(d, BlockRequest.T_OUT, recnum, buf, done);
        });
    }

    private static byte[] bytes(Object data) {
        if (data instanceof OutOfLine) data = ((OutOfLine) data).data();
        if (data instanceof VmCopy) return ((VmCopy) data).bytes();
        if (data instanceof byte[]) return (byte[]) data;
        if (data instanceof String) return ((String) data).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return new byte[0];
    }

    /** Splits a transfer into driver requests; {@code done} gets KERN_SUCCESS or D_IO_ERROR after the last. */
    private static void transfer(Disk d, int type, long recnum, byte[] buf, java.util.function.IntConsumer done) {
        int chunk = d.drv.maxBytes() / SECTOR * SECTOR;
        int parts = (buf.length + chunk - 1) / chunk;
        int[] left = {parts}, status = {KERN_SUCCESS};
        for (int i = 0; i < parts; i++) {
            int off = i * chunk, len = Math.min(chunk, buf.length - off);
            int bytes = (len + SECTOR - 1) / SECTOR * SECTOR;
            d.drv.submit(new BlockRequest(type, d.start + recnum + off / SECTOR, bytes, buf, off, len, r -> {
                if (r.status != BlockRequest.S_OK) status[0] = DeviceMaster.D_IO_ERROR;
                if (--left[0] == 0) done.accept(status[0]);
            }));
        }
    }

    private int getStatus(MigCall c) {
        Disk d = (Disk) c.requestPort();
        int flavor = c.getInt("flavor");
        if (flavor != DEV_GET_SIZE && flavor != DEV_GET_RECORDS) return DeviceMaster.D_INVALID_OPERATION;
        if (c.getInt("statusCnt") < 2) return D_INVALID_SIZE;
        long first = flavor == DEV_GET_SIZE ? d.sectors * SECTOR : d.sectors;
        c.set("status", new int[] {(int) first, SECTOR});
        return KERN_SUCCESS;
    }
}
