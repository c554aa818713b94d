package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SystemInsnsTest {
    // Encodings from aarch64-linux-gnu-as.
    static final int SVC_1234 = 0xd4024681, BRK_42 = 0xd4200840, HVC_5 = 0xd40000a2, SMC_7 = 0xd40000e3,
            HLT_0 = 0xd4400000, ERET = 0xd69f03e0, NOP = 0xd503201f, YIELD = 0xd503203f,
            PACIASP = 0xd503233f, AUTIASP = 0xd50323bf, BTI_C = 0xd503245f, WFI = 0xd503207f, WFE = 0xd503205f,
            SEVL = 0xd50320bf, ISB = 0xd5033fdf, DSB_SY = 0xd5033f9f, DMB_ISH = 0xd5033bbf, CLREX = 0xd5033f5f;
    static final int MRS_X0_MIDR = 0xd5380000, MRS_X1_MPIDR = 0xd53800a1, MRS_X2_ISAR0 = 0xd5380602,
            MRS_X3_MMFR0 = 0xd5380703, MRS_X4_CTR = 0xd53b0024, MRS_X5_DCZID = 0xd53b00e5,
            MRS_X20_PFR0 = 0xd5380414, MRS_X21_MVFR0 = 0xd5380315, MRS_X1_DFR0 = 0xd5380501;
    static final int MSR_TPIDR_EL0_X6 = 0xd51bd046, MRS_X7_TPIDR_EL0 = 0xd53bd047,
            MSR_TPIDRRO_X6 = 0xd51bd066, MRS_X7_TPIDRRO = 0xd53bd067,
            MRS_X8_SCTLR = 0xd5381008, MSR_SCTLR_X8 = 0xd5181008,
            MSR_DAIF_X9 = 0xd51b4229, MRS_X10_DAIF = 0xd53b422a, MSR_NZCV_X11 = 0xd51b420b, MRS_X12_NZCV = 0xd53b420c,
            DC_ZVA_X13 = 0xd50b742d, MSR_SPSEL_0 = 0xd50040bf, MSR_SPSEL_1 = 0xd50041bf, MRS_X15_SP_EL0 = 0xd538410f,
            MSR_DAIFSET_2 = 0xd50342df, MSR_DAIFCLR_2 = 0xd50342ff, MRS_X18_CURRENTEL = 0xd5384252,
            TLBI_VMALLE1 = 0xd508871f, TLBI_VAE1IS_X1 = 0xd5088321, AT_S1E1R_X2 = 0xd5087802, MRS_X19_PAR = 0xd5387413,
            IC_IALLU = 0xd508751f, DC_CIVAC_X3 = 0xd50b7e23, MRS_X22_CNTVCT = 0xd53be056, MRS_X23_CNTFRQ = 0xd53be017,
            MRS_X24_FPCR = 0xd53b4418, MSR_FPCR_X25 = 0xd51b4419, CFINV = 0xd500401f, MSR_PAN_1 = 0xd500419f,
            MRS_X26_PAN = 0xd538427a, MSR_OSLAR_XZR = 0xd510109f, MRS_X2_OSLSR = 0xd5301182,
            MRS_X3_CNTV_CTL = 0xd53be323, MSR_CNTV_CVAL_X4 = 0xd51be344, MSR_CNTV_CTL_X5 = 0xd51be325,
            MSR_CNTV_TVAL_X6 = 0xd51be306, MRS_X7_CNTV_TVAL = 0xd53be307,
            MSR_SPSR_X16 = 0xd5184010, MSR_ELR_X17 = 0xd5184031, MRS_X0_SPSEL = 0xd5384200;

    static int ec(CpuHarness h) { return (int) (h.lastEsr >>> 26) & 0x3f; }

    static long iss(CpuHarness h) { return h.lastEsr & 0x1ffffff; }

    /** Loads and runs words; asserts the first exception is UNDEFINED (EC 0) at word index {@code at}. */
    static void assertUndefinedAt(CpuHarness h, int at, int... words) {
        h.load(words);
        assertEquals(Esr.EC_UNKNOWN, h.run(1000), "expected UNDEFINED");
        assertEquals(CpuHarness.CODE + 4L * at, h.lastElr);
    }

    /** Back to EL1h (a BRK taken from EL0 returns there through the harness hook). */
    static void toEl1(CpuHarness h) {
        h.cpu.saveSp();
        h.cpu.el = 1;
        h.cpu.spsel = true;
        h.cpu.loadSp();
        h.cpu.onContextChange();
    }

    /** Code that drops to EL0 (ERET from EL1 with SPSR = EL0t) and then runs {@code el0}. */
    static int[] atEl0(CpuHarness h, int... el0) {
        toEl1(h);
        h.cpu.spsr[1] = 0; // EL0t, flags clear, interrupts unmasked
        h.cpu.elr[1] = CpuHarness.CODE + 4;
        int[] w = new int[el0.length + 1];
        w[0] = ERET;
        System.arraycopy(el0, 0, w, 1, el0.length);
        return w;
    }

    // ---- exception generation ------------------------------------------------------------------

    @Test
    void svcSyndromeAndReturnAddress() {
        CpuHarness h = new CpuHarness();
        h.load(NOP, SVC_1234);
        assertEquals(Esr.EC_SVC64, h.run(10));
        assertEquals(0x1234, iss(h));
        assertTrue((h.lastEsr & (1L << 25)) != 0, "IL");
        assertEquals(CpuHarness.CODE + 8, h.lastElr, "preferred return is the next instruction");
    }

    @Test
    void brkSyndromeReturnsToTheBrkItself() {
        CpuHarness h = new CpuHarness();
        h.load(NOP, NOP, BRK_42);
        assertEquals(Esr.EC_BRK64, h.run(10));
        assertEquals(0x42, iss(h));
        assertEquals(CpuHarness.CODE + 8, h.lastElr);
        assertEquals(0x3c, ec(h));
    }

    @Test
    void hvcAndSmcUndefinedWithoutFirmware() {
        CpuHarness h = new CpuHarness();
        assertUndefinedAt(h, 0, HVC_5);
        assertUndefinedAt(h, 0, SMC_7);
        assertUndefinedAt(h, 0, HLT_0);
    }

    @Test
    void hvcAndSmcGoToFirmware() {
        CpuHarness h = new CpuHarness();
        int[] seen = new int[4];
        h.cpu.firmware = (c, smc, imm) -> {
            seen[smc ? 1 : 0] = imm;
            c.r[0] = 0; // PSCI success
            seen[2]++;
            return true;
        };
        h.x(0, 0x84000000L);
        h.exec(HVC_5, SMC_7);
        assertEquals(5, seen[0]);
        assertEquals(7, seen[1]);
        assertEquals(2, seen[2]);
        assertEquals(0, h.x(0));
    }

    @Test
    void firmwareDecliningMakesHvcUndefined() {
        CpuHarness h = new CpuHarness();
        h.cpu.firmware = (c, smc, imm) -> false;
        assertUndefinedAt(h, 1, NOP, HVC_5);
    }

    @Test
    void hvcUndefinedAtEl0EvenWithFirmware() {
        CpuHarness h = new CpuHarness();
        h.cpu.firmware = (c, smc, imm) -> true;
        h.load(atEl0(h, HVC_5));
        assertEquals(Esr.EC_UNKNOWN, h.run(10));
        assertEquals(CpuHarness.CODE + 4, h.lastElr);
        assertEquals(0, h.cpu.spsr[1] & 0xf, "taken from EL0t");
    }

    // ---- hints and barriers ---------------------------------------------------------------------

    @Test
    void hintsAndBarriersRetire() {
        CpuHarness h = new CpuHarness();
        h.cpu.exclusiveAddr = 0x1234;
        // unallocated hint #0x7f and PSB/ESB/CSDB are NOPs too
        h.exec(NOP, YIELD, PACIASP, AUTIASP, BTI_C, 0xd5032fff, 0xd503221f, 0xd503223f, 0xd503229f,
                SEVL, ISB, DSB_SY, DMB_ISH, 0xd503309f /* ssbb */, 0xd503349f /* pssbb */, CLREX);
        assertEquals(-1, h.cpu.exclusiveAddr);
    }

    @Test
    void unallocatedBarriersAreUndefined() {
        CpuHarness h = new CpuHarness();
        assertUndefinedAt(h, 0, 0xd50330ff); // sb (FEAT_SB not advertised)
        assertUndefinedAt(h, 0, 0xd503301f); // CRn=3 op2=0
    }

    @Test
    void wfiWaitsUntilAnInterruptIsPending() {
        CpuHarness h = new CpuHarness();
        h.load(WFI, NOP);
        h.cpu.stopRequested = false;
        h.cpu.run(100);
        assertTrue(h.cpu.waiting);
        assertEquals(CpuHarness.CODE + 4, h.cpu.pc);
        h.cpu.irqLine = true; // masked (DAIF.I) but pending: WFI wakes
        h.cpu.run(1);
        assertFalse(h.cpu.waiting);
        assertEquals(CpuHarness.CODE + 8, h.cpu.pc);
    }

    @Test
    void wfeConsumesTheEventRegister() {
        CpuHarness h = new CpuHarness();
        h.cpu.eventRegister = false;
        h.exec(SEVL, WFE); // reaches the BRK: WFE did not wait
        h.cpu.eventRegister = true;
        h.load(WFE, WFE);
        h.run(10);
        assertTrue(h.cpu.waiting, "second WFE waits");
        assertFalse(h.cpu.eventRegister);
        assertEquals(CpuHarness.CODE + 8, h.cpu.pc);
    }

    @Test
    void wfiAtEl0TrapsUnlessSctlrNtwi() {
        CpuHarness h = new CpuHarness();
        h.load(atEl0(h, WFI));
        assertEquals(Esr.EC_WFX, h.run(10));
        assertEquals((1 << 24) | (0xe << 20), iss(h));
        h = new CpuHarness();
        h.cpu.sctlr[1] |= 1L << 16;
        h.load(atEl0(h, WFI));
        h.cpu.stopRequested = false;
        h.cpu.run(10);
        assertTrue(h.cpu.waiting);
        assertEquals(0, h.cpu.el);
    }

    // ---- MRS of ID registers ---------------------------------------------------------------------

    @Test
    void idRegistersFollowTheModel() {
        for (CpuModel m : CpuModel.ALL) {
            CpuHarness h = new CpuHarness(m);
            h.cpu.affinity = 0x0102;
            h.exec(MRS_X0_MIDR, MRS_X1_MPIDR, MRS_X2_ISAR0, MRS_X3_MMFR0, MRS_X4_CTR, MRS_X5_DCZID, MRS_X20_PFR0,
                    MRS_X21_MVFR0);
            assertEquals(m.midr, h.x(0), m.name);
            assertEquals(0x80000000L | 0x0102 | m.mpidrAff, h.x(1), m.name);
            assertEquals(m.idAa64isar0(), h.x(2), m.name);
            assertEquals(m.idAa64mmfr0(), h.x(3), m.name);
            assertEquals(m.ctr(), h.x(4), m.name);
            assertEquals(m.dczid(), h.x(5), m.name);
            assertEquals(m.idAa64pfr0(), h.x(20), m.name);
            assertEquals(0, h.x(21), "AArch32 ID registers read as zero");
        }
        assertNotEquals(CpuModel.CORTEX_A53.idAa64isar0(), CpuModel.MAX.idAa64isar0());
    }

    @Test
    void unassignedIdSpaceReadsZeroButOtherUnknownRegistersAreUndefined() {
        CpuHarness h = new CpuHarness();
        h.x(9, 77);
        h.exec(0xd5380769); // mrs x9, s3_0_c0_c7_3 (ID_AA64MMFR3: unassigned here)
        assertEquals(0, h.x(9));
        assertUndefinedAt(h, 0, 0xd5180769);      // msr s3_0_c0_c7_3, x9: ID space is read-only
        assertUndefinedAt(h, 0, 0xd53b9c00);      // mrs x0, pmcr_el0: no PMU
        assertUndefinedAt(h, 0, 0xd538c8a0);      // mrs x0, icc_... (GIC sysregs not advertised)
        assertUndefinedAt(h, 0, 0xd53c1000);      // mrs x0, sctlr_el2: no EL2
        assertUndefinedAt(h, 0, 0xd5380020);      // S3_0_C0_C0_1: reserved in CRm=0
        assertUndefinedAt(h, 0, 0xd51bd000 | 0x0b << 8); // msr s3_3_c13_c11_0 unknown
    }

    @Test
    void noPmuAdvertised() {
        CpuHarness h = new CpuHarness();
        h.exec(MRS_X1_DFR0);
        assertEquals(0, (h.x(1) >>> 8) & 0xf, "PMUVer");
        assertEquals(6, h.x(1) & 0xf, "DebugVer v8");
    }

    // ---- EL0 access rules -------------------------------------------------------------------------

    @Test
    void tpidrEl0IsReadWriteAtEl0() {
        CpuHarness h = new CpuHarness();
        h.x(6, 0xdead_beef_1234L);
        h.exec(atEl0(h, MSR_TPIDR_EL0_X6, MRS_X7_TPIDR_EL0));
        assertEquals(0xdead_beef_1234L, h.x(7));
        assertEquals(0xdead_beef_1234L, h.cpu.tpidr[0]);
        assertEquals(0, h.cpu.spsr[1] & 0xf, "BRK came from EL0");
    }

    @Test
    void tpidrroEl0IsReadOnlyAtEl0() {
        CpuHarness h = new CpuHarness();
        h.x(6, 0x5555);
        h.exec(MSR_TPIDRRO_X6); // writable at EL1
        assertEquals(0x5555, h.cpu.tpidrroEl0);
        h.x(7, 0);
        h.exec(atEl0(h, MRS_X7_TPIDRRO));
        assertEquals(0x5555, h.x(7));
        h.x(6, 0x6666);
        h.load(atEl0(h, MSR_TPIDRRO_X6));
        assertEquals(Esr.EC_UNKNOWN, h.run(10));
        assertEquals(CpuHarness.CODE + 4, h.lastElr);
        assertEquals(0x5555, h.cpu.tpidrroEl0);
    }

    @Test
    void el1RegistersAreUndefinedAtEl0() {
        int[] el1Only = {MRS_X8_SCTLR, MSR_SCTLR_X8, MRS_X0_MIDR, MRS_X18_CURRENTEL, MSR_SPSEL_1, MSR_PAN_1,
            TLBI_VMALLE1, AT_S1E1R_X2, IC_IALLU, ERET, MRS_X15_SP_EL0, MSR_ELR_X17};
        for (int w : el1Only) {
            CpuHarness h = new CpuHarness();
            long sctlr = h.cpu.sctlr[1];
            h.load(atEl0(h, w));
            assertEquals(Esr.EC_UNKNOWN, h.run(10), String.format("%08x", w));
            assertEquals(CpuHarness.CODE + 4, h.lastElr);
            assertEquals(sctlr, h.cpu.sctlr[1]);
        }
    }

    @Test
    void el0ConditionalAccessesTrapWithSyndrome() {
        CpuHarness h = new CpuHarness();
        // CTR_EL0 with SCTLR_EL1.UCT clear: EC 0x18, ISS = op0 3, op2 1, op1 3, CRn 0, Rt 4, CRm 0, read
        h.load(atEl0(h, MRS_X4_CTR));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        assertEquals((3 << 20) | (1 << 17) | (3 << 14) | (4 << 5) | 1, iss(h));
        assertEquals(CpuHarness.CODE + 4, h.lastElr);
        // with UCT set it reads
        h.cpu.sctlr[1] |= 1L << 15;
        h.exec(atEl0(h, MRS_X4_CTR));
        assertEquals(h.cpu.model.ctr(), h.x(4));
        // DAIF needs UMA
        h.load(atEl0(h, MSR_DAIFSET_2));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        h.load(atEl0(h, MRS_X10_DAIF));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        // counters need CNTKCTL_EL1
        h.load(atEl0(h, MRS_X22_CNTVCT));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        h.cpu.sysStore[SysRegs.CNTKCTL_EL1] = 2; // EL0VCTEN
        h.exec(atEl0(h, MRS_X22_CNTVCT, MRS_X23_CNTFRQ));
        assertEquals(h.cpu.counterFrequency, h.x(23));
        // DC ZVA needs DZE; DCZID.DZP shows it
        h.x(13, CpuHarness.DATA);
        h.load(atEl0(h, MRS_X5_DCZID, DC_ZVA_X13));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        assertEquals(CpuHarness.CODE + 8, h.lastElr);
        assertEquals(0x10 | h.cpu.model.dczid(), h.x(5));
        // DC CIVAC needs UCI
        h.load(atEl0(h, DC_CIVAC_X3));
        assertEquals(Esr.EC_SYSREG, h.run(10));
        h.cpu.sctlr[1] |= 1L << 26;
        h.exec(atEl0(h, DC_CIVAC_X3));
    }

    // ---- PSTATE round trips ---------------------------------------------------------------------

    @Test
    void daifAndNzcvRoundTrip() {
        CpuHarness h = new CpuHarness();
        h.x(9, 0x140).x(11, 0xa000_0000L | 0xfff); // D=0 A=1 I=0 F=1 ; N=1 Z=0 C=1 V=0 (+ ignored bits)
        h.exec(MSR_DAIF_X9, MRS_X10_DAIF, MSR_NZCV_X11, MRS_X12_NZCV);
        assertEquals(0x140, h.x(10));
        assertEquals(0xa000_0000L, h.x(12));
        assertTrue(h.cpu.nf && !h.cpu.zf && h.cpu.cf && !h.cpu.vf);
        // DAIFSet / DAIFClr on the I bit
        h.x(9, 0);
        h.exec(MSR_DAIF_X9, MSR_DAIFSET_2, MRS_X10_DAIF);
        assertEquals(0x80, h.x(10));
        h.exec(MSR_DAIFCLR_2, MRS_X10_DAIF);
        assertEquals(0, h.x(10));
        // CFINV
        h.cpu.cf = true;
        h.exec(CFINV);
        assertFalse(h.cpu.cf);
    }

    @Test
    void currentElPanFpcr() {
        CpuHarness h = new CpuHarness();
        h.x(25, 0x0300_0000L | 0x9f00); // DN, FZ; trap enables are RAZ/WI
        h.exec(MRS_X18_CURRENTEL, MSR_PAN_1, MRS_X26_PAN, MSR_FPCR_X25, MRS_X24_FPCR);
        assertEquals(4, h.x(18));
        assertEquals(1L << 22, h.x(26));
        assertEquals(0x0300_0000L, h.x(24));
        assertUndefinedAt(new CpuHarness(CpuModel.CORTEX_A53), 0, MSR_PAN_1);
    }

    @Test
    void fpcrTrapsWhenFpDisabled() {
        CpuHarness h = new CpuHarness();
        h.cpu.cpacrEl1 = 0;
        h.cpu.updateFpTrap();
        h.load(MRS_X24_FPCR);
        assertEquals(Esr.EC_FP_ACCESS, h.run(10));
    }

    @Test
    void spselSwitchesStackPointerBanks() {
        CpuHarness h = new CpuHarness();
        h.cpu.r[Cpu.SP] = 0x1111; // SP_EL1 (SPSel = 1 at reset)
        h.cpu.spEl[0] = 0x2222;
        h.load(MRS_X15_SP_EL0, MSR_SPSEL_0, MRS_X0_SPSEL);
        h.cpu.step();
        assertEquals(0x2222, h.x(15));
        h.cpu.step();
        assertEquals(0x2222, h.cpu.r[Cpu.SP]);
        assertFalse(h.cpu.spsel);
        assertEquals(0x1111, h.cpu.spEl[1]);
        h.cpu.step();
        assertEquals(0, h.x(0));
        h.cpu.r[Cpu.SP] = 0x3333;
        h.load(MSR_SPSEL_1);
        h.cpu.step();
        assertEquals(0x1111, h.cpu.r[Cpu.SP]);
        assertEquals(0x3333, h.cpu.spEl[0]);
        // SP_EL0 is not accessible while it is the current stack pointer
        h.cpu.setSpsel(false);
        assertUndefinedAt(h, 0, MRS_X15_SP_EL0);
    }

    // ---- memory/cache maintenance ----------------------------------------------------------------

    @Test
    void dcZvaZeroesOneAlignedBlock() {
        CpuHarness h = new CpuHarness();
        for (long a = CpuHarness.DATA; a < CpuHarness.DATA + 256; a += 8) h.ram.write(a, 8, -1L);
        h.x(13, CpuHarness.DATA + 0x45);
        h.exec(DC_ZVA_X13);
        for (long a = CpuHarness.DATA; a < CpuHarness.DATA + 256; a++) {
            long exp = a >= CpuHarness.DATA + 0x40 && a < CpuHarness.DATA + 0x80 ? 0 : 0xff;
            assertEquals(exp, h.ram.read(a, 1), String.format("byte at +0x%x", a - CpuHarness.DATA));
        }
        assertEquals(CpuHarness.DATA + 0x45, h.x(13));
    }

    @Test
    void dcZvaOutsideRamIsADataAbort() {
        CpuHarness h = new CpuHarness();
        h.x(13, 0x10);
        h.load(DC_ZVA_X13);
        assertEquals(Esr.EC_DABT_SAME, h.run(10));
        assertEquals(0, h.lastFar);
    }

    @Test
    void tlbiAtAndCacheOps() {
        CpuHarness h = new CpuHarness();
        h.x(1, 0x1234).x(2, CpuHarness.DATA + 0x123).x(3, CpuHarness.DATA);
        h.exec(TLBI_VMALLE1, TLBI_VAE1IS_X1, IC_IALLU, DC_CIVAC_X3, AT_S1E1R_X2, MRS_X19_PAR);
        assertEquals(0, h.x(19) & 1, "PAR.F");
        assertEquals(CpuHarness.DATA, h.x(19) & 0x000f_ffff_ffff_f000L);
        // a faulting translation reports F=1 and the fault status, without taking an exception
        h.ram.write(CpuHarness.CODE, 4, AT_S1E1R_X2);
        h.cpu.setTranslator((c, va, acc, el0) -> {
            if (va == CpuHarness.DATA + 0x123) throw c.dataAbort(va, Esr.FSC_TRANSLATION + 3, acc == 1);
            return va;
        });
        h.cpu.invalidateCode(CpuHarness.CODE, 4);
        h.cpu.pc = CpuHarness.CODE;
        h.cpu.stopRequested = false;
        h.cpu.step();
        assertEquals(CpuHarness.CODE + 4, h.cpu.pc, "AT does not fault");
        assertEquals(1 | (0x07 << 1) | (1 << 11), h.cpu.parEl1);
    }

    @Test
    void unknownSysEncodingsAreUndefined() {
        CpuHarness h = new CpuHarness();
        assertUndefinedAt(h, 0, 0xd5087f00); // sys #0, c7, c15, #0
        assertUndefinedAt(h, 0, 0xd5288000); // sysl x0, #0, c8, c0, #0
        assertUndefinedAt(h, 0, 0xd508811f); // tlbi vmalle1os (FEAT_TLBIOS not advertised)
    }

    // ---- timer ---------------------------------------------------------------------------------

    @Test
    void virtualTimerRegisters() {
        CpuHarness h = new CpuHarness();
        long[] now = {1000};
        h.cpu.counter = () -> now[0];
        int[] notified = new int[2];
        h.cpu.timerRegisters = (c, t) -> notified[t]++;
        h.x(4, 1500).x(5, 1);
        h.exec(MSR_CNTV_CVAL_X4, MSR_CNTV_CTL_X5, MRS_X3_CNTV_CTL, MRS_X7_CNTV_TVAL, MRS_X22_CNTVCT);
        assertEquals(1, h.x(3), "enabled, condition not met");
        assertEquals(500, h.x(7));
        assertEquals(1000, h.x(22));
        assertEquals(2, notified[TimerRegisters.VIRT]);
        now[0] = 1600;
        h.exec(MRS_X3_CNTV_CTL, MRS_X7_CNTV_TVAL);
        assertEquals(5, h.x(3), "ISTATUS");
        assertEquals(0xffff_ff9cL, h.x(7), "TVAL is the 32-bit signed difference");
        assertTrue(SysRegs.timerInterrupt(h.cpu, TimerRegisters.VIRT));
        h.x(6, -5);
        h.exec(MSR_CNTV_TVAL_X6);
        assertEquals(1595, SysRegs.timerCval(h.cpu, TimerRegisters.VIRT));
    }

    @Test
    void osLockAndDebugRegisters() {
        CpuHarness h = new CpuHarness();
        h.exec(MRS_X2_OSLSR);
        assertEquals(0xa, h.x(2), "OSLM=0b10, locked from reset");
        h.exec(MSR_OSLAR_XZR, MRS_X2_OSLSR);
        assertEquals(0x8, h.x(2));
        h.x(0, 0x1234_5678L);
        h.exec(0xd5100080 | 0x500, 0xd5300081 | 0x500); // msr dbgbvr5_el1, x0 ; mrs x1, dbgbvr5_el1
        assertEquals(0x1234_5678L, h.x(1));
        assertUndefinedAt(h, 0, 0xd5100080 | 0x600); // dbgbvr6: only 6 breakpoints
        assertUndefinedAt(h, 0, 0xd530109f | 0x00); // mrs of OSLAR (write-only)
    }

    // ---- ERET / SVC round trip ---------------------------------------------------------------------

    @Test
    void eretToEl0AndSvcBack() {
        CpuHarness h = new CpuHarness();
        h.cpu.r[Cpu.SP] = 0x4100_0000L; // SP_EL1
        h.cpu.spEl[0] = 0x4200_0000L;   // SP_EL0
        h.cpu.spsr[1] = 0x6000_0000L; // EL0t with Z and C set
        h.cpu.elr[1] = CpuHarness.CODE + 8;
        h.ram.write(CpuHarness.CODE, 4, ERET);
        h.ram.write(CpuHarness.CODE + 4, 4, BRK_42);
        h.ram.write(CpuHarness.CODE + 8, 4, NOP);
        h.ram.write(CpuHarness.CODE + 12, 4, SVC_1234);
        h.cpu.pc = CpuHarness.CODE;
        h.cpu.setEl1Hook((c, vec) -> {
            h.lastEsr = c.esr[1];
            h.lastElr = c.elr[1];
            h.lastVector = vec;
            assertEquals(1, c.el);
            assertEquals(0x4100_0000L, c.r[Cpu.SP], "exception entry selects SP_EL1");
            c.stopRequested = true;
        });
        assertEquals(Esr.EC_SVC64, h.run(100));
        assertEquals(CpuHarness.CODE + 16, h.lastElr);
        assertEquals(0x400, h.lastVector, "lower EL, AArch64, synchronous");
        assertEquals(0x6000_0000L, h.cpu.spsr[1], "SPSR = EL0t with the flags");
        assertEquals(0x4200_0000L, h.cpu.spEl[0]);
        // the hook returned with ERET semantics: back at EL0 after the SVC
        assertEquals(0, h.cpu.el);
        assertEquals(CpuHarness.CODE + 16, h.cpu.pc);
        assertEquals(0x4200_0000L, h.cpu.r[Cpu.SP]);
    }

    @Test
    void guestEl1VectorAndEretWithoutHook() {
        CpuHarness h = new CpuHarness();
        h.cpu.setEl1Hook(null);
        long vbar = CpuHarness.RAM + 0x8000;
        // handler at VBAR + 0x400 (lower EL sync): mrs x0, elr_el1 ... then eret (ELR unchanged)
        h.ram.write(vbar + 0x400, 4, 0xd5384020); // mrs x0, elr_el1
        h.ram.write(vbar + 0x404, 4, ERET);
        h.cpu.vbar[1] = vbar;
        h.cpu.spsr[1] = 0;
        h.cpu.elr[1] = CpuHarness.CODE + 4;
        h.ram.write(CpuHarness.CODE, 4, ERET);
        h.ram.write(CpuHarness.CODE + 4, 4, SVC_1234);
        h.ram.write(CpuHarness.CODE + 8, 4, NOP);
        h.cpu.pc = CpuHarness.CODE;
        h.cpu.run(4); // eret, svc (taken, does not retire), mrs, eret, nop
        assertEquals(CpuHarness.CODE + 8, h.x(0));
        assertEquals(0, h.cpu.el);
        assertEquals(CpuHarness.CODE + 12, h.cpu.pc);
        assertEquals(Esr.EC_SVC64, (int) (h.cpu.esr[1] >>> 26));
    }

    @Test
    void sysregTableIsConsistent() {
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (SysRegs.Reg r : SysRegs.rows()) {
            if (r != SysRegs.ID_RAZ) assertTrue(keys.add(r.key), r.toString());
            assertEquals(r, SysRegs.row(r.index()));
        }
        assertEquals("SCTLR_EL1", SysRegs.find(SysRegs.key(3, 0, 1, 0, 0), CpuModel.MAX).name);
        assertEquals(SysRegs.ID_RAZ, SysRegs.find(SysRegs.key(3, 0, 0, 2, 7), CpuModel.MAX));
    }
}
