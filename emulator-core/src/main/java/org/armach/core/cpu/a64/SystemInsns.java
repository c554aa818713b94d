package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bits;

import org.armach.core.cpu.Esr;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.65 "Branches, Exception Generating and System instructions": the exception
 * generating and system part (hints, barriers, PSTATE, MSR/MRS, SYS/SYSL, ERET).
 */
public final class SystemInsns {
    private SystemInsns() {}

    // ---- exception generation -------------------------------------------------------------
    private static final Op SVC = (c, i) -> {
        throw c.callException(Esr.EC_SVC64, (int) i.imm);
    };
    /** BRK: the preferred return address is the BRK itself. */
    private static final Op BRK = (c, i) -> {
        throw c.syncException(Esr.EC_BRK64, (int) i.imm, 0, false, c.pc);
    };

    // ---- hints -------------------------------------------------------------------------------
    private static final Op NOP = (c, i) -> {};

    public static void register(DecodeTable t) {
        t.section("C4.1.65 Exception generation", false);
        t.add("SVC", "11010100 000 iiiiiiiiiiiiiiii 000 01", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            return SVC;
        });
        t.add("BRK", "11010100 001 iiiiiiiiiiiiiiii 000 00", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            return BRK;
        });

        t.section("C4.1.65 Hints", false);
        t.add("HINT", "1101010100 0 00 011 0010 mmmm ooo 11111", (w, d, m) -> NOP);
    }
}
