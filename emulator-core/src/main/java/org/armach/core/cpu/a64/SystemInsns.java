package org.armach.core.cpu.a64;

import static org.armach.core.cpu.a64.Bits.bit;
import static org.armach.core.cpu.a64.Bits.bits;
import static org.armach.core.cpu.a64.Bits.rz;
import static org.armach.core.cpu.a64.Bits.wz;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Esr;
import org.armach.core.cpu.GuestException;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.Translator;
import org.armach.core.cpu.decode.DecodeTable;

/**
 * ARM ARM C4.1.65 "Branches, Exception Generating and System instructions": the exception
 * generating and system part. Exception generation (SVC, HVC, SMC, BRK), hints, barriers,
 * PSTATE (MSR immediate, CFINV/XAFLAG/AXFLAG), MRS/MSR (register) through the
 * {@link SysRegs} table, the SYS aliases (DC, IC, TLBI, AT) and ERET. Everything else in
 * the class (HLT, DCPS*, TCANCEL, SYSL, unlisted SYS encodings, ERETAA/ERETAB) is UNDEFINED:
 * the models advertise no semihosting, debug state, TME, PAuth or other extensions they need.
 */
public final class SystemInsns {
    private SystemInsns() {}

    // =====================================================================================
    // Exception generation
    // =====================================================================================
    private static final Op SVC = (c, i) -> {
        c.raiseCall(Esr.EC_SVC64, (int) i.imm);
    };

    /** HVC (a = 0) and SMC (a = 1): answered by firmware, else UNDEFINED (no EL2/EL3). */
    private static final Op FIRMWARE_CALL = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        if (c.firmware != null && c.firmware.call(c, i.a != 0, (int) i.imm)) {
            if (c.tracer() != null) c.tracer().firmwareCall(c, i.a != 0, (int) i.imm);
            c.exitLoop = true; // firmware may have changed machine state (power, other CPUs)
            return;
        }
        if (i.a == 0 && c.el2Enabled) throw c.hvcToEl2((int) i.imm); // HCR_EL2.HCD is not emulated
        throw c.undefined();
    };

    /** BRK: the preferred return address is the BRK itself. */
    private static final Op BRK = (c, i) -> {
        throw c.syncException(Esr.EC_BRK64, (int) i.imm, 0, false, c.pc);
    };

    // =====================================================================================
    // Hints
    // =====================================================================================
    private static final Op NOP = (c, i) -> {};

    private static final int WFX_ISS = (1 << 24) | (0xe << 20); // CV = 1, COND = AL

    private static final Op WFI = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_NTWI) == 0) throw c.syncException(Esr.EC_WFX, WFX_ISS, 0, false, c.pc);
        if (c.irqLine || c.fiqLine) return;
        c.waiting = true;
        c.exitLoop = true;
    };

    private static final Op WFE = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_NTWE) == 0) throw c.syncException(Esr.EC_WFX, WFX_ISS | 1, 0, false, c.pc);
        if (c.eventRegister) {
            c.eventRegister = false;
            return;
        }
        if (c.irqLine || c.fiqLine) return;
        c.waiting = true;
        c.exitLoop = true;
    };

    /** SEV/SEVL: single PE, so both set the local event register. */
    private static final Op SEV = (c, i) -> c.eventRegister = true;

    // =====================================================================================
    // Barriers
    // =====================================================================================
    private static final Op CLREX = (c, i) -> c.exclusiveAddr = -1;
    /** ISB: leave the loop so context changes and pending interrupts are seen. */
    private static final Op ISB = (c, i) -> c.exitLoop = true;

    // =====================================================================================
    // PSTATE
    // =====================================================================================
    private static final Op MSR_SPSEL = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.setSpsel(i.a != 0);
    };
    private static final Op MSR_PAN = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.pan = i.a != 0;
        c.onContextChange(); // permission checks change: the translator decides whether to flush
    };
    private static final Op MSR_UAO = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.uao = i.a != 0;
        c.onContextChange();
    };
    private static final Op MSR_DIT = (c, i) -> c.dit = i.a != 0;
    private static final Op MSR_DAIFSET = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_UMA) == 0) throw sysTrap(c, i);
        c.daif |= i.a;
        c.exitLoop = true;
    };
    private static final Op MSR_DAIFCLR = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_UMA) == 0) throw sysTrap(c, i);
        c.daif &= ~i.a;
        c.exitLoop = true;
    };
    private static final Op CFINV = (c, i) -> c.cf = !c.cf;
    private static final Op XAFLAG = (c, i) -> {
        boolean z = c.zf, cf = c.cf;
        c.nf = !cf && !z;
        c.zf = z && cf;
        c.cf = cf || z;
        c.vf = !cf && z;
    };
    private static final Op AXFLAG = (c, i) -> {
        boolean z = c.zf, cf = c.cf, v = c.vf;
        c.zf = z || v;
        c.cf = cf && !v;
        c.nf = false;
        c.vf = false;
    };

    /** The EC 0x18 trap of a system instruction; its syndrome is in {@code i.imm}. */
    private static GuestException sysTrap(Cpu c, Insn i) {
        return c.syncException(Esr.EC_SYSREG, (int) i.imm, 0, false, c.pc);
    }

    /** ESR ISS of a trapped MSR/MRS/SYS: Op0, Op2, Op1, CRn, Rt, CRm, Direction (1 = read). */
    static int sysIss(int w) {
        int op0 = bits(w, 20, 19), op1 = bits(w, 18, 16), crn = bits(w, 15, 12), crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
        return (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (bits(w, 4, 0) << 5) | (crm << 1) | bit(w, 21);
    }

    // =====================================================================================
    // MRS / MSR (register)
    // =====================================================================================
    private static final Op MRS = (c, i) -> c.r[i.rd] = SysRegs.read(c, i.a, (int) i.imm);
    private static final Op MSR = (c, i) -> SysRegs.write(c, i.a, (int) i.imm, c.r[i.rd]);

    // =====================================================================================
    // SYS aliases: DC, IC, TLBI, AT
    // =====================================================================================
    /** Privileged maintenance with no effect here (set/way, IC IALLU(IS), DC IVAC): UNDEFINED at EL0. */
    private static final Op SYS_EL1_NOP = (c, i) -> {
        if (c.el == 0) throw c.undefined();
    };
    /** DC CVAC/CVAU/CIVAC/CVAP, IC IVAU: no-ops, allowed at EL0 when SCTLR_EL1.UCI is set. */
    private static final Op SYS_UCI_NOP = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_UCI) == 0) throw sysTrap(c, i);
    };
    /** DC ZVA: zeroes the DCZID-sized aligned block (size in imm2). */
    private static final Op DC_ZVA = (c, i) -> {
        if (c.el == 0 && (c.sctlr[1] & SysRegs.SCTLR_DZE) == 0) throw sysTrap(c, i);
        long size = i.imm2;
        long va = c.r[i.rd] & -size;
        for (long k = 0; k < size; k += 8) c.write64(va + k, 0);
    };
    /** TLBI VMALLE1/VAE1/ASIDE1/VAAE1/VALE1/VAALE1: op2 (+ 8 for the IS forms) in {@code a}, to the translator. */
    private static final Op TLBI = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.translator().tlbi(c, i.a, c.r[i.rd]);
    };
    /** AT S1E1R/W, S1E0R/W, S1E1RP/WP ({@code a} = access, {@code b} = 0 E1, 1 E0, 2 E1 with PAN): result to PAR_EL1. */
    private static final Op AT = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.parEl1 = c.translator().at(c, c.r[i.rd], i.a, i.b == 1, i.b == 2 && c.pan);
    };

    private static final Op ERET = (c, i) -> {
        if (c.el == 0) throw c.undefined();
        c.eret();
    };

    public static void register(DecodeTable t) {
        registerExceptions(t);
        registerHintsAndBarriers(t);
        registerPstate(t);
        registerSysregs(t);
    }

    private static void registerExceptions(DecodeTable t) {
        t.section("C4.1.65 Exception generation", false);
        t.add("SVC", "11010100 000 iiiiiiiiiiiiiiii 000 01", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            return SVC;
        });
        t.add("HVC", "11010100 000 iiiiiiiiiiiiiiii 000 10", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            d.a = 0;
            return FIRMWARE_CALL;
        });
        t.add("SMC", "11010100 000 iiiiiiiiiiiiiiii 000 11", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            d.a = 1;
            return FIRMWARE_CALL;
        });
        t.add("BRK", "11010100 001 iiiiiiiiiiiiiiii 000 00", (w, d, m) -> {
            d.imm = bits(w, 20, 5);
            return BRK;
        });
        // HLT (no semihosting), TCANCEL (no TME), DCPS1..3 (no debug state): UNDEFINED by omission.

        t.section("C4.1.65 Unconditional branch (register): exception return", false);
        t.add("ERET", "1101011 0100 11111 000000 11111 00000", (w, d, m) -> ERET);
        // ERETAA/ERETAB (no PAuth) and DRPS (debug state only): UNDEFINED by omission.
    }

    private static void registerHintsAndBarriers(DecodeTable t) {
        t.section("C4.1.65 Hints", false);
        // Every hint is a NOP unless listed: YIELD, DGH, ESB, PSB, TSB, CSDB, BTI, CLRBHB and the
        // PAuth hint-space instructions (PACIASP, AUTIASP, XPACLRI, ...: no PAuth/BTI advertised).
        t.add("HINT", "1101010100 0 00 011 0010 mmmm ooo 11111", (w, d, m) -> {
            switch (bits(w, 11, 5)) {
                case 2: return WFE;
                case 3: return WFI;
                case 4: // SEV
                case 5: return SEV; // SEVL
                default: return NOP;
            }
        });

        t.section("C4.1.65 Barriers", false);
        t.add("BARRIER", "1101010100 0 00 011 0011 mmmm ooo 11111", (w, d, m) -> {
            int crm = bits(w, 11, 8);
            switch (bits(w, 7, 5)) {
                case 2: return CLREX;
                case 4: return NOP; // DSB (CRm = 0: SSBB, CRm = 4: PSSBB)
                case 5: return NOP; // DMB
                case 6: return ISB;
                case 7: // SB
                    return crm == 0 && ((m.idAa64isar1() >>> 36) & 0xf) != 0 ? ISB : null;
                default: return null; // DSB nXS (no FEAT_XS), TCOMMIT (no TME)
            }
        });
    }

    private static void registerPstate(DecodeTable t) {
        t.section("C4.1.65 PSTATE", false);
        t.add("MSR (immediate)", "1101010100 0 00 ppp 0100 mmmm qqq 11111", (w, d, m) -> pstateOp(w, d, m));
    }

    private static Op pstateOp(int w, Insn d, CpuModel m) {
        int op1 = bits(w, 18, 16), crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
        d.a = crm & 1;
        d.imm = sysIss(w);
        switch ((op1 << 3) | op2) {
            case 0: // CFINV
                return crm == 0 && m.flagm ? CFINV : null;
            case 1: // XAFLAG
            case 2: // AXFLAG (FEAT_FlagM2: ID_AA64ISAR0.TS >= 2)
                if (crm != 0 || ((m.idAa64isar0() >>> 52) & 0xf) < 2) return null;
                return op2 == 1 ? XAFLAG : AXFLAG;
            case 3: return m.uao ? MSR_UAO : null;
            case 4: return m.pan ? MSR_PAN : null;
            case 5: return MSR_SPSEL;
            case (3 << 3) | 2: // DIT
                return ((m.idAa64pfr0() >>> 48) & 0xf) != 0 ? MSR_DIT : null;
            case (3 << 3) | 6:
                d.a = crm;
                return MSR_DAIFSET;
            case (3 << 3) | 7:
                d.a = crm;
                return MSR_DAIFCLR;
            default: return null; // SSBS, TCO, ALLINT, SVCR...: features not advertised
        }
    }

    private static void registerSysregs(DecodeTable t) {
        t.section("C4.1.65 System register move", false);
        t.add("MSR (register)", "1101010100 0 1 o ppp nnnn mmmm qqq ttttt", (w, d, m) -> {
            SysRegs.Reg r = SysRegs.find(bits(w, 20, 5), m);
            if (r == null || r.writeEl == SysRegs.NONE) return null; // read-only (and the ID space): UNDEFINED
            d.a = r.index();
            d.rd = rz(bits(w, 4, 0));
            d.imm = sysIss(w);
            return MSR;
        });
        t.add("MRS", "1101010100 1 1 o ppp nnnn mmmm qqq ttttt", (w, d, m) -> {
            SysRegs.Reg r = SysRegs.find(bits(w, 20, 5), m);
            if (r == null || r.readEl == SysRegs.NONE) return null; // write-only: UNDEFINED
            d.a = r.index();
            d.rd = wz(bits(w, 4, 0));
            d.imm = sysIss(w);
            return MRS;
        });

        t.section("C4.1.65 System instructions (SYS aliases)", false);
        t.add("SYS", "1101010100 0 01 ppp nnnn mmmm qqq ttttt", (w, d, m) -> sysOp(w, d, m));
        // SYSL: no allocated encodings on these models (UNDEFINED by omission).
    }

    private static Op sysOp(int w, Insn d, CpuModel m) {
        int op1 = bits(w, 18, 16), crn = bits(w, 15, 12), crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
        d.rd = rz(bits(w, 4, 0));
        d.imm = sysIss(w);
        if (crn == 7) {
            int k = (op1 << 7) | (crm << 3) | op2;
            switch (k) {
                case (0 << 7) | (1 << 3) | 0: // IC IALLUIS
                case (0 << 7) | (5 << 3) | 0: // IC IALLU (decoded code tracks writes)
                case (0 << 7) | (6 << 3) | 1: // DC IVAC
                case (0 << 7) | (6 << 3) | 2: // DC ISW
                case (0 << 7) | (10 << 3) | 2: // DC CSW
                case (0 << 7) | (14 << 3) | 2: // DC CISW
                    return SYS_EL1_NOP;
                case (3 << 7) | (5 << 3) | 1: // IC IVAU
                case (3 << 7) | (10 << 3) | 1: // DC CVAC
                case (3 << 7) | (11 << 3) | 1: // DC CVAU
                case (3 << 7) | (14 << 3) | 1: // DC CIVAC
                    return SYS_UCI_NOP;
                case (3 << 7) | (12 << 3) | 1: // DC CVAP (FEAT_DPB)
                    return m.dpb ? SYS_UCI_NOP : null;
                case (3 << 7) | (4 << 3) | 1: // DC ZVA
                    d.imm2 = m.dczBlockBytes();
                    return DC_ZVA;
                case (0 << 7) | (8 << 3) | 0: // AT S1E1R
                case (0 << 7) | (8 << 3) | 1: // AT S1E1W
                case (0 << 7) | (8 << 3) | 2: // AT S1E0R
                case (0 << 7) | (8 << 3) | 3: // AT S1E0W
                    d.a = (op2 & 1) != 0 ? Translator.WRITE : Translator.READ;
                    d.b = op2 >>> 1;
                    return AT;
                case (0 << 7) | (9 << 3) | 0: // AT S1E1RP (FEAT_PAN2)
                case (0 << 7) | (9 << 3) | 1: // AT S1E1WP
                    if (!m.pan) return null;
                    d.a = (op2 & 1) != 0 ? Translator.WRITE : Translator.READ;
                    d.b = 2;
                    return AT;
                default: return null;
            }
        }
        if (crn == 8 && op1 == 0 && (crm == 3 || crm == 7)) {
            switch (op2) {
                case 0: // TLBI VMALLE1(IS)
                case 1: // VAE1(IS)
                case 2: // ASIDE1(IS)
                case 3: // VAAE1(IS)
                case 5: // VALE1(IS)
                case 7: // VAALE1(IS)
                    d.a = op2 | (crm == 3 ? 8 : 0);
                    return TLBI;
                default: return null;
            }
        }
        return null;
    }
}
