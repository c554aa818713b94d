package org.armach.core.cpu;

/**
 * The soft TLB of one permission view (EL0, EL1 with PSTATE.PAN = 0 or 1, EL2): 4 KiB virtual
 * pages straight to host RAM pages (read, write) or decoded-code arrays (fetch), direct-mapped
 * by the low bits of the virtual page number. {@code *Ng} mark entries of non-global translations.
 */
final class TlbView {
    static final int BITS = 9;
    static final int SIZE = 1 << BITS;
    static final int MASK = SIZE - 1;

    final long[] rTag = new long[SIZE];
    final byte[][] rMem = new byte[SIZE][];
    final long[] wTag = new long[SIZE];
    final byte[][] wMem = new byte[SIZE][];
    final int[] wPage = new int[SIZE];
    final long[] fTag = new long[SIZE];
    final Cpu.CodePage[] fCode = new Cpu.CodePage[SIZE];
    final boolean[] rNg = new boolean[SIZE], wNg = new boolean[SIZE], fNg = new boolean[SIZE];

    TlbView() {
        clearAll();
    }

    void clearR(int i) { rTag[i] = -1; rMem[i] = null; }

    void clearW(int i) { wTag[i] = -1; wMem[i] = null; }

    void clearF(int i) { fTag[i] = -1; fCode[i] = null; }

    void clear(int i) {
        clearR(i);
        clearW(i);
        clearF(i);
    }

    void clearAll() {
        java.util.Arrays.fill(rTag, -1);
        java.util.Arrays.fill(wTag, -1);
        java.util.Arrays.fill(fTag, -1);
        java.util.Arrays.fill(rMem, null);
        java.util.Arrays.fill(wMem, null);
        java.util.Arrays.fill(fCode, null);
    }

    void clearNonGlobal() {
        for (int i = 0; i < SIZE; i++) {
            if (rNg[i]) clearR(i);
            if (wNg[i]) clearW(i);
            if (fNg[i]) clearF(i);
        }
    }
}
