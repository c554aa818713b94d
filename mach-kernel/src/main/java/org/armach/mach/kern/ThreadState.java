package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

/**
 * AArch64 thread-state flavors (PROTOCOLS §4.1) as arrays of 32-bit words:
 * AARCH64_THREAD_STATE (1) = x0..x30, sp, pc, tpidr_el0, cpsr (70 words);
 * AARCH64_FLOAT_STATE (2) = v0..v31 (128-bit), fpsr, fpcr, fpmr, reserved (136 words;
 * 132 words — without fpmr/reserved, glibc's sigcontext — are accepted).
 */
public final class ThreadState {
    private ThreadState() {}

    public static final int AARCH64_THREAD_STATE = 1, AARCH64_FLOAT_STATE = 2;
    public static final int THREAD_STATE_COUNT = 70, FLOAT_STATE_COUNT = 136, FLOAT_STATE_MIN = 132;

    /** thread_get_state: fills {@code out} (capacity {@code max} words); returns the count or a negative -kr. */
    public static int get(UserContext c, int flavor, int[] out, int max) {
        switch (flavor) {
            case AARCH64_THREAD_STATE:
                if (max < THREAD_STATE_COUNT) return -KERN_INVALID_ARGUMENT;
                for (int i = 0; i < 31; i++) put(out, i, c.x[i]);
                put(out, 31, c.sp);
                put(out, 32, c.pc);
                put(out, 33, c.tpidr);
                put(out, 34, c.pstate);
                return THREAD_STATE_COUNT;
            case AARCH64_FLOAT_STATE:
                if (max < FLOAT_STATE_MIN) return -KERN_INVALID_ARGUMENT;
                for (int i = 0; i < 64; i++) put(out, i, c.v[i]);
                put(out, 64, c.fpsr & 0xffffffffL);
                put(out, 65, c.fpcr & 0xffffffffL);
                if (max < FLOAT_STATE_COUNT) return FLOAT_STATE_MIN;
                put(out, 66, 0);
                put(out, 67, 0);
                return FLOAT_STATE_COUNT;
            default:
                return -KERN_INVALID_ARGUMENT;
        }
    }

    /** thread_set_state from {@code count} words. */
    public static int set(UserContext c, int flavor, int[] in, int count) {
        switch (flavor) {
            case AARCH64_THREAD_STATE:
                if (count < THREAD_STATE_COUNT) return KERN_INVALID_ARGUMENT;
                for (int i = 0; i < 31; i++) c.x[i] = get(in, i);
                c.sp = get(in, 31);
                c.pc = get(in, 32);
                c.tpidr = get(in, 33);
                c.pstate = UserContext.sanitize(get(in, 34));
                return KERN_SUCCESS;
            case AARCH64_FLOAT_STATE:
                if (count < FLOAT_STATE_MIN) return KERN_INVALID_ARGUMENT;
                for (int i = 0; i < 64; i++) c.v[i] = get(in, i);
                c.fpsr = (int) get(in, 64);
                c.fpcr = (int) get(in, 65);
                return KERN_SUCCESS;
            default:
                return KERN_INVALID_ARGUMENT;
        }
    }

    private static void put(int[] w, int slot, long v) {
        w[2 * slot] = (int) v;
        w[2 * slot + 1] = (int) (v >>> 32);
    }

    private static long get(int[] w, int slot) {
        return (w[2 * slot] & 0xffffffffL) | (long) w[2 * slot + 1] << 32;
    }
}
