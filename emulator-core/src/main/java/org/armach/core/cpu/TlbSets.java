package org.armach.core.cpu;

/**
 * Soft-TLB views per address space, so that switching between a few address spaces does not
 * flush: with TCR_EL1.A1 = 0 each TTBR0_EL1 value (ASID + table) has its own set of views,
 * chosen by the low bits of the ASID. A set holds only translations made under the TTBR0 value
 * it is tagged with: taking it for another value clears it, as an ASID-tagged TLB that
 * recycles an entry would. Invalidations (TLBI, table and TCR changes, code writes) apply to
 * every set, so a set that is switched back to never holds a translation the guest removed.
 */
final class TlbSets {
    static final int SETS = 16;
    static final int VIEWS = 4;
    private final TlbView[][] sets = new TlbView[SETS][];
    private final long[] ttbr = new long[SETS];
    private int current;

    TlbSets() {
        sets[0] = newSet();
    }

    private static TlbView[] newSet() {
        TlbView[] s = new TlbView[VIEWS];
        for (int i = 0; i < VIEWS; i++) s[i] = new TlbView();
        return s;
    }

    /** The views of the current address space. */
    TlbView[] current() {
        return sets[current];
    }

    /** Makes the set of ({@code asid}, {@code ttbr0}) current, cleared if it held another TTBR0. */
    void select(int asid, long ttbr0) {
        int i = asid & (SETS - 1);
        if (sets[i] == null) {
            sets[i] = newSet();
        } else if (ttbr[i] != ttbr0) {
            for (TlbView tv : sets[i]) tv.clearAll();
        }
        ttbr[i] = ttbr0;
        current = i;
    }

    /** Every allocated set (null slots are sets never used). */
    TlbView[][] all() {
        return sets;
    }
}
