package org.armach.mach.host;

import org.armach.mach.kern.KernelClock;

/**
 * The host's time of day: the RTC's seconds at power-on plus the kernel clock (virtual under
 * the default clock, so deterministic) plus the offset host_set_time / host_set_time64 set.
 */
public final class HostTime {
    static final long NS = 1_000_000_000L;
    private final KernelClock clock;
    private final long epochNs;
    private long offsetNs;

    HostTime(KernelClock clock, long epochSeconds) {
        this.clock = clock;
        this.epochNs = epochSeconds * NS;
    }

    /** Nanoseconds since 1970. */
    public long nowNs() {
        return epochNs + clock.nowNs() + offsetNs;
    }

    /** Makes the time of day {@code seconds} + {@code nanos} now. */
    void set(long seconds, long nanos) {
        offsetNs = seconds * NS + nanos - epochNs - clock.nowNs();
    }

    /** A time value as MIG's struct bytes: {seconds, microseconds-or-nanoseconds} as two 64-bit words. */
    static byte[] encode(long seconds, long fraction) {
        byte[] t = new byte[16];
        for (int i = 0; i < 8; i++) {
            t[i] = (byte) (seconds >>> (8 * i));
            t[8 + i] = (byte) (fraction >>> (8 * i));
        }
        return t;
    }

    /**
     * The two 64-bit words of a received time value (time_value_t: seconds, then microseconds in
     * the low 32 bits; time_value64_t: seconds, nanoseconds), whichever way MIG encoded the struct.
     */
    static long[] decode(Object v) {
        if (v instanceof long[] && ((long[]) v).length >= 2) return (long[]) v;
        long[] w = new long[2];
        if (v instanceof byte[] && ((byte[]) v).length >= 16) {
            byte[] b = (byte[]) v;
            for (int i = 0; i < 8; i++) {
                w[0] |= (b[i] & 0xffL) << (8 * i);
                w[1] |= (b[8 + i] & 0xffL) << (8 * i);
            }
        } else if (v instanceof int[] && ((int[]) v).length >= 4) {
            int[] a = (int[]) v;
            w[0] = (a[0] & 0xffffffffL) | (long) a[1] << 32;
            w[1] = (a[2] & 0xffffffffL) | (long) a[3] << 32;
        }
        return w;
    }
}
