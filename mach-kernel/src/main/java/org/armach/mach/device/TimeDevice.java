package org.armach.mach.device;

import java.util.HashMap;

import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.ipc.KernReturn;
import org.armach.mach.ipc.Port;
import org.armach.mach.kern.Kernel;
import org.armach.mach.vm.KernelPager;

/**
 * The "time" device: one kernel page holding GNU Mach's {@code mapped_time_value_t} (LP64 layout
 * of the 2024 AArch64 branch, 40 bytes):
 * <pre>
 *   0 integer_t seconds   4 integer_t microseconds   8 integer_t check_seconds   (12 pad)
 *  16 int64 time_value.seconds  24 int64 time_value.nanoseconds  32 int64 check_seconds64
 * </pre>
 * written as kern/mach_clock.c's update_mapped_time does (check_seconds and check_seconds64
 * first, then the fractions, then seconds), from the virtual clock plus the RTC epoch (the
 * same source as host_get_time) on every clock tick (hz = 100) and on every kernel entry.
 * device_map answers a {@link KernelPager} over that page.
 */
public final class TimeDevice {
    static final long TICK_NS = 10_000_000L;
    private final Kernel k;
    final DeviceMaster.Device device = new DeviceMaster.Device("time");
    private long frame = -1;
    private long lastNs = -1;
    private final HashMap<Long, Port> pagers = new HashMap<>();

    TimeDevice(Kernel k) {
        this.k = k;
        device.port = k.ipc.createKernelPort(device);
    }

    /** device_open: allocates the page and starts the tick on first use; false if no page is left. */
    boolean open() {
        if (frame >= 0) return true;
        frame = k.vmFactory() == null ? -1 : k.vmFactory().allocKernelPage();
        if (frame < 0) return false;
        update();
        k.timers().at(k.clock().nowNs() + TICK_NS, this::tick);
        k.onKernelEntry(this::update);
        return true;
    }

    private void tick() {
        update();
        k.timers().at(k.clock().nowNs() + TICK_NS, this::tick);
    }

    /** device_map: prot outside RWX → D_INVALID_OPERATION; else a send right to the pager (out[0]). */
    int map(int prot, long offset, long size, Port[] out) {
        if ((prot & ~7) != 0) return DeviceMaster.D_INVALID_OPERATION;
        if (frame < 0) return DeviceMaster.D_NO_SUCH_DEVICE;
        boolean writable = (prot & 2) != 0;
        long key = offset << 1 | (writable ? 1 : 0);
        Port p = pagers.computeIfAbsent(key, x -> k.ipc.createKernelPort(new Pager(offset, writable)));
        out[0] = p.makeSend();
        return KernReturn.KERN_SUCCESS;
    }

    /** The pager of one device_map: the time page at device offset 0; writes refused (as timemmap). */
    private final class Pager implements KernelPager {
        private final long base;
        private final boolean writable;

        Pager(long base, boolean writable) {
            this.base = base;
            this.writable = writable;
        }

        @Override public long size() { return k.pageSize(); }

        @Override
        public long frameAt(long offset) {
            return writable || base + offset != 0 ? -1 : frame;
        }
    }

    /** update_mapped_time from the virtual clock; nothing when the time has not moved. */
    void update() {
        long ns = k.clock().nowNs();
        if (frame < 0 || ns == lastNs) return;
        lastNs = ns;
        long secs = k.host.epochSeconds + ns / 1_000_000_000L, nanos = ns % 1_000_000_000L;
        PhysicalMemory ram = k.cpu.ram;
        ram.write(frame + 8, 4, secs);           // check_seconds
        ram.write(frame + 32, 8, secs);          // check_seconds64
        ram.write(frame + 4, 4, nanos / 1000);   // microseconds
        ram.write(frame + 24, 8, nanos);         // time_value.nanoseconds
        ram.write(frame, 4, secs);               // seconds
        ram.write(frame + 16, 8, secs);          // time_value.seconds
    }
}
