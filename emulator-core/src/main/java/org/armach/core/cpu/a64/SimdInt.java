package org.armach.core.cpu.a64;

import org.armach.core.cpu.decode.DecodeTable;

/**
 * AdvSIMD integer data processing (ARM ARM C4.1.90), vector and scalar forms. The
 * encoding classes live in one file each; this class registers them all.
 */
public final class SimdInt {
    private SimdInt() {}

    public static void register(DecodeTable t) {
        SimdIntThreeSame.register(t);
        SimdIntThreeDiff.register(t);
        SimdIntMisc.register(t);
        SimdShiftImm.register(t);
        SimdIntIndexed.register(t);
    }
}
