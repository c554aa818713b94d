package org.armach.core.cpu.a64;

import org.armach.core.cpu.decode.DecodeTable;

/** A64 encodings of this ARM ARM section (to be filled in). */
public final class SimdPermute {
    private SimdPermute() {}

    public static void register(DecodeTable t) {
    }
}
