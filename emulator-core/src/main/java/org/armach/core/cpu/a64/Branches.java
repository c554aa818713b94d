package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.sext;

import org.armach.core.cpu.Op;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.65 "Branches, Exception Generating and System instructions": the branch
 * part (unconditional immediate, conditional, compare-and-branch, test-and-branch,
 * unconditional register). Exception generation and system instructions are in
 * {@link SystemInsns}.
 */
public final class Branches {
    private Branches() {}

    // Ops read the target from imm (PC-relative offset) or rn.
    private static final Op B = (c, i) -> c.npc = c.pc + i.imm;
    private static final Op BL = (c, i) -> {
        c.r[30] = c.pc + 4;
        c.npc = c.pc + i.imm;
    };
    private static final Op BCOND = (c, i) -> {
        if (c.cond(i.a)) c.npc = c.pc + i.imm;
    };
    private static final Op CBZ64 = (c, i) -> {
        if (c.r[i.rd] == 0) c.npc = c.pc + i.imm;
    };
    private static final Op CBNZ64 = (c, i) -> {
        if (c.r[i.rd] != 0) c.npc = c.pc + i.imm;
    };
    private static final Op CBZ32 = (c, i) -> {
        if ((int) c.r[i.rd] == 0) c.npc = c.pc + i.imm;
    };
    private static final Op CBNZ32 = (c, i) -> {
        if ((int) c.r[i.rd] != 0) c.npc = c.pc + i.imm;
    };
    private static final Op TBZ = (c, i) -> {
        if ((c.r[i.rd] & (1L << i.a)) == 0) c.npc = c.pc + i.imm;
    };
    private static final Op TBNZ = (c, i) -> {
        if ((c.r[i.rd] & (1L << i.a)) != 0) c.npc = c.pc + i.imm;
    };
    private static final Op BR = (c, i) -> c.npc = c.r[i.rn];
    private static final Op BLR = (c, i) -> {
        long target = c.r[i.rn];
        c.r[30] = c.pc + 4;
        c.npc = target;
    };

    public static void register(DecodeTable t) {
        t.section("C4.1.65 Branches", false);
        t.add("B", "000101 iiiiiiiiiiiiiiiiiiiiiiiiii", (w, d, m) -> {
            d.imm = sext(bits(w, 25, 0), 26) << 2;
            return B;
        });
        t.add("BL", "100101 iiiiiiiiiiiiiiiiiiiiiiiiii", (w, d, m) -> {
            d.imm = sext(bits(w, 25, 0), 26) << 2;
            return BL;
        });
        t.add("B.cond", "0101010 0 iiiiiiiiiiiiiiiiiii 0 cccc", (w, d, m) -> {
            d.imm = sext(bits(w, 23, 5), 19) << 2;
            d.a = bits(w, 3, 0);
            return BCOND;
        });
        t.add("CBZ/CBNZ", "z 011010 o iiiiiiiiiiiiiiiiiii ttttt", (w, d, m) -> {
            d.imm = sext(bits(w, 23, 5), 19) << 2;
            d.rd = rz(bits(w, 4, 0));
            boolean sf = bit(w, 31) == 1, nz = bit(w, 24) == 1;
            return sf ? (nz ? CBNZ64 : CBZ64) : (nz ? CBNZ32 : CBZ32);
        });
        t.add("TBZ/TBNZ", "b 011011 o bbbbb iiiiiiiiiiiiii ttttt", (w, d, m) -> {
            d.imm = sext(bits(w, 18, 5), 14) << 2;
            d.rd = rz(bits(w, 4, 0));
            d.a = (bit(w, 31) << 5) | bits(w, 23, 19);
            return bit(w, 24) == 1 ? TBNZ : TBZ;
        });
        // Unconditional branch (register): opc op2=11111 op3=000000 op4=00000 (no PAuth).
        t.add("BR", "1101011 0000 11111 000000 nnnnn 00000", (w, d, m) -> {
            d.rn = rz(bits(w, 9, 5));
            return BR;
        });
        t.add("BLR", "1101011 0001 11111 000000 nnnnn 00000", (w, d, m) -> {
            d.rn = rz(bits(w, 9, 5));
            return BLR;
        });
        t.add("RET", "1101011 0010 11111 000000 nnnnn 00000", (w, d, m) -> {
            d.rn = rz(bits(w, 9, 5));
            return BR;
        });
    }
}
