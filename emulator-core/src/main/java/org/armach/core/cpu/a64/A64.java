package org.armach.core.cpu.a64;

import org.armach.core.cpu.decode.DecodeTable;

/** Builds the complete A64 decode table from the per-section registrations. */
public final class A64 {
    private A64() {}

    private static volatile DecodeTable shared;

    /** The frozen table (built once; tables are immutable after freezing). */
    public static DecodeTable table() {
        DecodeTable t = shared;
        if (t == null) {
            synchronized (A64.class) {
                t = shared;
                if (t == null) {
                    t = build();
                    shared = t;
                }
            }
        }
        return t;
    }

    public static DecodeTable build() {
        DecodeTable t = new DecodeTable();
        Branches.register(t);
        DataProcessingImm.register(t);
        DataProcessingReg.register(t);
        LoadStore.register(t);
        LoadStoreExclusive.register(t);
        Atomics.register(t);
        SystemInsns.register(t);
        FpScalar.register(t);
        SimdFp.register(t);
        SimdLoadStore.register(t);
        SimdPermute.register(t);
        SimdInt.register(t);
        return t.freeze();
    }
}
