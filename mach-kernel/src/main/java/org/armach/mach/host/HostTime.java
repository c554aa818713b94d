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
    /** host_adjust_time: tickadj = 500 / hz µs per tick, ten times that beyond bigadj = 1 s. */
    static final long TICKADJ_US = 5, BIGADJ_US = 1_000_000, TICK_NS = 10_000_000L;
    /** The adjustment in progress: its total (µs, signed), the µs slewed per tick, its start. */
    private long adjTotalUs, tickDeltaUs, adjStartNs;

    HostTime(KernelClock clock, long epochSeconds) {
        this.clock = clock;
        this.epochNs = epochSeconds * NS;
    }

    /** Nanoseconds since 1970. */
    public long nowNs() {
        long now = clock.nowNs();
        return epochNs + now + offsetNs + appliedUs(now) * 1000;
    }

    /** Makes the time of day {@code seconds} + {@code nanos} now (an adjustment in progress goes on). */
    void set(long seconds, long nanos) {
        long now = clock.nowNs();
        offsetNs = seconds * NS + nanos - epochNs - now - appliedUs(now) * 1000;
    }

    /** The part of the adjustment in progress slewed by {@code now}: tickdelta per elapsed clock tick. */
    private long appliedUs(long now) {
        if (adjTotalUs == 0) return 0;
        long slewed = Math.min(Math.abs(adjTotalUs), (now - adjStartNs) / TICK_NS * tickDeltaUs);
        return adjTotalUs < 0 ? -slewed : slewed;
    }

    /**
     * host_adjust_time(64): replaces the adjustment still to apply by {@code deltaUs} (rounded
     * toward zero to a multiple of tickdelta, which is chosen only when no adjustment is in
     * progress) and returns the part of the previous one not yet applied, in µs.
     */
    long adjust(long deltaUs) {
        long now = clock.nowNs(), applied = appliedUs(now);
        long remaining = adjTotalUs - applied;
        offsetNs += applied * 1000;
        if (remaining == 0) tickDeltaUs = Math.abs(deltaUs) > BIGADJ_US ? 10 * TICKADJ_US : TICKADJ_US;
        adjTotalUs = deltaUs / tickDeltaUs * tickDeltaUs;
        adjStartNs = now;
        return remaining;
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
