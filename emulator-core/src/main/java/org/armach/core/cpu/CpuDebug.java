package org.armach.core.cpu;

/**
 * Breakpoints and watchpoints of an attached debugger, and why the CPU last stopped for it.
 * Breakpoints are address checks made by the CPU's instrumented loop before each instruction
 * (guest memory is never patched); watchpoints are checked on the CPU's slow memory path, which
 * every access to a watched page takes because such pages are kept out of the software TLB.
 * Installed with {@link Cpu#setDebug}; call {@link Cpu#instrumentationChanged()} after changing
 * the sets so that the CPU picks the right loop and drops stale soft-TLB entries.
 */
public final class CpuDebug {
    /** Breakpoint kinds (gdb's Z0 and Z1). */
    public static final int SOFTWARE = 0, HARDWARE = 1;
    /** Watchpoint kinds as bit sets: a write watchpoint, a read one, an access one (both). */
    public static final int WATCH_WRITE = 1, WATCH_READ = 2, WATCH_ACCESS = 3;
    /** Stop reasons. */
    public static final int STOP_NONE = 0, STOP_BREAK = 1, STOP_WATCH = 2;

    private long[] bpAddr = new long[8];
    private int[] bpKind = new int[8];
    private int bpCount;

    private long[] wpAddr = new long[4], wpLen = new long[4];
    private int[] wpKind = new int[4];
    private int wpCount;

    /** Why the CPU stopped ({@link #STOP_NONE} while it may run). */
    public int stopReason;
    /** The breakpoint's kind ({@link #SOFTWARE}, {@link #HARDWARE}) or the watchpoint's kind that hit. */
    public int stopKind;
    /** The start address of the watchpoint that hit. */
    public long stopAddr;
    /** A breakpoint or watchpoint at this PC is not reported for the first instruction after a resume (-1: none). */
    long skipPc = -1;
    /** An instruction's own accesses are in progress (a watchpoint hit then stops before it, as QEMU does for gdb on Arm). */
    boolean inInsn;

    /** Thrown out of an instruction whose access hit a watchpoint: the instruction is abandoned and re-executed on resume. */
    static final class Stop extends RuntimeException {
        static final Stop INSTANCE = new Stop();

        private Stop() { super(null, null, false, false); }
    }

    public int breakpointCount() { return bpCount; }

    public int watchpointCount() { return wpCount; }

    /** Whether the instrumented loop is needed. */
    boolean active() { return bpCount > 0 || wpCount > 0; }

    public void addBreakpoint(long addr, int kind) {
        for (int i = 0; i < bpCount; i++) if (bpAddr[i] == addr && bpKind[i] == kind) return;
        if (bpCount == bpAddr.length) {
            bpAddr = java.util.Arrays.copyOf(bpAddr, bpCount * 2);
            bpKind = java.util.Arrays.copyOf(bpKind, bpCount * 2);
        }
        bpAddr[bpCount] = addr;
        bpKind[bpCount++] = kind;
    }

    public boolean removeBreakpoint(long addr, int kind) {
        for (int i = 0; i < bpCount; i++) {
            if (bpAddr[i] == addr && bpKind[i] == kind) {
                bpCount--;
                bpAddr[i] = bpAddr[bpCount];
                bpKind[i] = bpKind[bpCount];
                return true;
            }
        }
        return false;
    }

    /** The kind of a breakpoint at {@code pc}, or -1. */
    public int breakpointAt(long pc) {
        for (int i = 0; i < bpCount; i++) if (bpAddr[i] == pc) return bpKind[i];
        return -1;
    }

    public void addWatchpoint(long addr, long len, int kind) {
        for (int i = 0; i < wpCount; i++) if (wpAddr[i] == addr && wpLen[i] == len && wpKind[i] == kind) return;
        if (wpCount == wpAddr.length) {
            wpAddr = java.util.Arrays.copyOf(wpAddr, wpCount * 2);
            wpLen = java.util.Arrays.copyOf(wpLen, wpCount * 2);
            wpKind = java.util.Arrays.copyOf(wpKind, wpCount * 2);
        }
        wpAddr[wpCount] = addr;
        wpLen[wpCount] = Math.max(1, len);
        wpKind[wpCount++] = kind;
    }

    public boolean removeWatchpoint(long addr, long len, int kind) {
        for (int i = 0; i < wpCount; i++) {
            if (wpAddr[i] == addr && wpLen[i] == Math.max(1, len) && wpKind[i] == kind) {
                wpCount--;
                wpAddr[i] = wpAddr[wpCount];
                wpLen[i] = wpLen[wpCount];
                wpKind[i] = wpKind[wpCount];
                return true;
            }
        }
        return false;
    }

    public void clearAll() {
        bpCount = 0;
        wpCount = 0;
        stopReason = STOP_NONE;
        skipPc = -1;
    }

    /** Whether a watchpoint covers any byte of the 4 KiB virtual page {@code vpn}. */
    boolean watchesPage(long vpn) {
        for (int i = 0; i < wpCount; i++) {
            long first = wpAddr[i] >>> 12, last = (wpAddr[i] + wpLen[i] - 1) >>> 12;
            if (Long.compareUnsigned(vpn, first) >= 0 && Long.compareUnsigned(vpn, last) <= 0) return true;
        }
        return false;
    }

    /** Checks a data access; on a hit records the stop (reported once the instruction completes). */
    boolean checkAccess(long pc, long va, int size, boolean write) {
        if (pc == skipPc) return false;
        int kind = write ? WATCH_WRITE : WATCH_READ;
        for (int i = 0; i < wpCount; i++) {
            if ((wpKind[i] & kind) == 0) continue;
            if (Long.compareUnsigned(va - wpAddr[i], wpLen[i]) < 0 || Long.compareUnsigned(wpAddr[i] - va, size) < 0) {
                if (stopReason == STOP_NONE) {
                    stopReason = STOP_WATCH;
                    stopKind = wpKind[i];
                    stopAddr = wpAddr[i];
                }
                return true;
            }
        }
        return false;
    }

    /** Called by a debugger before a single-step: the step reports any watchpoint it hits. */
    public void prepareStep() {
        stopReason = STOP_NONE;
        skipPc = -1;
    }

    /** Called by a debugger before it lets the CPU run from {@code pc}: a breakpoint there is stepped over. */
    public void resumeFrom(long pc) {
        stopReason = STOP_NONE;
        skipPc = pc;
    }
}
