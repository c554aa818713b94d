package org.armach.mach.host;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.kern.KernCodes.*;

import org.armach.core.dev.Pl031;
import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;
import org.armach.mach.kern.Kernel;
import org.armach.mach.kern.KernelRpc;
import org.armach.mig.MigCall;

/**
 * The host: the unprivileged host port (mach_host_self) and the privileged one
 * (${host-port}); mach_host.defs host routines and mach_aarch64.defs aarch64_get_hwcaps.
 */
public final class Host {
    public static final String VERSION = "GNU Mach 1.8 (armach Java kernel)";
    public static final int HOST_BASIC_INFO = 1, HOST_PROCESSOR_SLOTS = 2, HOST_SCHED_INFO = 3, HOST_LOAD_INFO = 4;
    public static final int RB_HALT = 0x8;
    /** CPU_TYPE_ARM64 = CPU_TYPE_ARM (12) | CPU_ARCH_ABI64 [INFERRED]. */
    public static final int CPU_TYPE = 12 | 0x01000000;

    /** The object behind a host port. */
    public static final class HostObject implements KernelObject {
        private final KObjectKind kind;

        HostObject(KObjectKind kind) { this.kind = kind; }

        @Override public KObjectKind kind() { return kind; }

        public boolean privileged() { return kind == KObjectKind.HOST_PRIV; }
    }

    private final Kernel k;
    private final HostObject host = new HostObject(KObjectKind.HOST);
    private final HostObject priv = new HostObject(KObjectKind.HOST_PRIV);
    private final Port hostPort, privPort;
    /** Wall-clock seconds at power-on (the RTC's epoch under the virtual clock). */
    public long epochSeconds = Pl031.VIRTUAL_EPOCH;
    private HostTime time;

    public Host(Kernel k) {
        this.k = k;
        hostPort = k.ipc.createKernelPort(host);
        privPort = k.ipc.createKernelPort(priv);
    }

    /** The host name port (receive right held by the kernel). */
    public Port hostPort() { return hostPort; }

    /** The privileged host port. */
    public Port privPort() { return privPort; }

    public void register(KernelRpc rpc) {
        rpc.server("mach_host.defs")
                .on("host_info", this::hostInfo)
                .on("host_get_time", c -> {
                    if (!isHost(c)) return KERN_INVALID_HOST;
                    long ns = time().nowNs();
                    c.set("current_time", HostTime.encode(ns / HostTime.NS, ns % HostTime.NS / 1000));
                    return KERN_SUCCESS;
                })
                .on("host_get_time64", c -> {
                    if (!isHost(c)) return KERN_INVALID_HOST;
                    long ns = time().nowNs();
                    c.set("current_time", HostTime.encode(ns / HostTime.NS, ns % HostTime.NS));
                    return KERN_SUCCESS;
                })
                .on("host_set_time", c -> setTime(c, 1000))
                .on("host_set_time64", c -> setTime(c, 1))
                .on("host_adjust_time", c -> adjustTime(c, false))
                .on("host_adjust_time64", c -> adjustTime(c, true))
                .on("host_get_kernel_version", c -> {
                    if (!isHost(c)) return KERN_INVALID_HOST;
                    c.set("kernel_version", VERSION);
                    return KERN_SUCCESS;
                })
                .on("host_reboot", c -> {
                    if (!isPriv(c)) return KERN_INVALID_HOST;
                    k.reboot(c.getInt("options"));
                    return KERN_SUCCESS;
                });
        rpc.server("mach_aarch64.defs").on("aarch64_get_hwcaps", c -> {
            if (!isHost(c)) return KERN_INVALID_HOST;
            int n = Math.max(0, Math.min(c.getInt("hwcapsCnt"), 2));
            long w0 = Hwcaps.hwcap(k.cpu.model), w1 = Hwcaps.hwcap2(k.cpu.model);
            int[] words = new int[n];
            if (n > 0) words[0] = (int) w0;
            if (n > 1) words[1] = (int) w1;
            c.set("hwcaps", words).set("midr_el1", k.cpu.model.midr).set("revidr_el1", k.cpu.model.revidr);
            return KERN_SUCCESS;
        });
    }

    /** The time of day (created on first use: the clock is set up after the host). */
    public HostTime time() {
        if (time == null) time = new HostTime(k.clock(), epochSeconds);
        return time;
    }

    /**
     * host_set_time (microseconds: {@code unit} 1000 ns) / host_set_time64 (nanoseconds): host_priv
     * only (the unprivileged port converts to no host: KERN_INVALID_HOST); as GNU Mach, the
     * value is taken as it is, without a range check.
     */
    private int setTime(MigCall c, long unit) {
        if (!isPriv(c)) return KERN_INVALID_HOST;
        long[] w = HostTime.decode(c.get("new_time"));
        long fraction = unit == 1 ? w[1] : (int) w[1];
        time().set(w[0], fraction * unit);
        return KERN_SUCCESS;
    }

    /**
     * host_adjust_time (time_value_t: µs) / host_adjust_time64 (time_value64_t: ns, used to the µs)
     * on host_priv (kern/mach_clock.c): the time of day is slewed by the new adjustment at
     * tickdelta µs per clock tick; the unapplied rest of the previous one is returned.
     */
    private int adjustTime(MigCall c, boolean ns64) {
        if (!isPriv(c)) return KERN_INVALID_HOST;
        long[] w = HostTime.decode(c.get("new_adjustment"));
        long us = w[0] * 1_000_000 + (ns64 ? w[1] / 1000 : (int) w[1]);
        long old = time().adjust(us);
        long sec = old / 1_000_000, frac = old % 1_000_000;
        c.set("old_adjustment", HostTime.encode(sec, ns64 ? frac * 1000 : frac));
        return KERN_SUCCESS;
    }

    private static boolean isPriv(MigCall c) {
        return c.requestPort() instanceof HostObject && ((HostObject) c.requestPort()).privileged();
    }

    private static boolean isHost(MigCall c) {
        return c.requestPort() instanceof HostObject;
    }

    private int hostInfo(MigCall c) {
        if (!isHost(c)) return KERN_INVALID_HOST;
        int[] w;
        switch (c.getInt("flavor")) {
            case HOST_BASIC_INFO:
                long mem = k.cpu.ram.size();
                w = new int[] {1, 1, (int) mem, (int) (mem >>> 32), CPU_TYPE, 0};
                break;
            case HOST_PROCESSOR_SLOTS: w = new int[] {0}; break;
            case HOST_SCHED_INFO: w = new int[] {10, (int) (k.scheduler().quantumNs() / 1_000_000)}; break;
            case HOST_LOAD_INFO: w = new int[6]; break;
            default: return KERN_INVALID_ARGUMENT;
        }
        if (c.getInt("host_info_outCnt") < w.length) return KERN_FAILURE;
        c.set("host_info_out", w);
        return KERN_SUCCESS;
    }
}
