package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;

/**
 * The saved EL0 register state of a thread (the pcb): what the CPU holds while the thread
 * runs and the kernel keeps while it does not. Layout-neutral; {@link ThreadState} converts
 * to and from the AArch64 thread-state flavors.
 */
public final class UserContext {
    /** SPSR value for a fresh EL0 thread: EL0t, all interrupts unmasked. */
    public static final long PSTATE_EL0 = 0;

    public final long[] x = new long[31];
    public long sp, pc, pstate = PSTATE_EL0;
    /** V0..V31 as low/high 64-bit halves. */
    public final long[] v = new long[64];
    public int fpcr, fpsr;
    public long tpidr, tpidrro;

    /**
     * Saves the integer state of the EL0 context the CPU just left (called in the EL1 hook).
     * The FP/SIMD state stays in the CPU until another context needs it ({@link #saveFp}).
     */
    public void save(Cpu c) {
        System.arraycopy(c.r, 0, x, 0, 31);
        sp = c.spOf(0);
        pc = c.elr[1];
        pstate = c.spsr[1];
        tpidr = c.tpidr[0];
        tpidrro = c.tpidrroEl0;
    }

    /** Loads the integer state so that the hook's exception return resumes it ({@link #loadFp} for FP/SIMD). */
    public void load(Cpu c) {
        System.arraycopy(x, 0, c.r, 0, 31);
        c.setSpOf(0, sp);
        c.elr[1] = pc;
        c.spsr[1] = sanitize(pstate);
        c.tpidr[0] = tpidr;
        c.tpidrroEl0 = tpidrro;
    }

    /** Saves V0..V31, FPCR and FPSR from the CPU. */
    public void saveFp(Cpu c) {
        System.arraycopy(c.v, 0, v, 0, 64);
        fpcr = c.fpcr;
        fpsr = c.fpsr;
    }

    /** Loads V0..V31, FPCR and FPSR into the CPU. */
    public void loadFp(Cpu c) {
        System.arraycopy(v, 0, c.v, 0, 64);
        c.fpcr = fpcr;
        c.fpsr = fpsr;
    }

    /** A user-supplied PSTATE may only carry EL0 flags: NZCV, BTYPE, SSBS; mode is forced to EL0t. */
    public static long sanitize(long pstate) {
        return pstate & 0xF0000C00L | (pstate & (1L << 12));
    }

    public void copyFrom(UserContext o) {
        System.arraycopy(o.x, 0, x, 0, 31);
        System.arraycopy(o.v, 0, v, 0, 64);
        sp = o.sp;
        pc = o.pc;
        pstate = o.pstate;
        fpcr = o.fpcr;
        fpsr = o.fpsr;
        tpidr = o.tpidr;
        tpidrro = o.tpidrro;
    }
}
