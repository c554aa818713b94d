package org.armach.core.dev.gic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Esr;
import org.junit.jupiter.api.Test;

/** The ICC_* system registers as MRS/MSR instructions see them. */
class IccSysregTest {
    // Encodings from aarch64-linux-gnu-as.
    static final int MRS_X0_IAR1 = 0xd538cc00, MSR_EOIR1_X0 = 0xd518cc20, MRS_X1_PFR0 = 0xd5380401,
            MRS_X2_SRE = 0xd538cca2, MSR_PMR_X3 = 0xd5184603, MRS_X4_PMR = 0xd5384604, MSR_SGI1R_X5 = 0xd518cba5,
            MRS_X6_AP0R1 = 0xd538c8a6, MSR_DAIFCLR_2 = 0xd50342ff, ERET = 0xd69f03e0;

    static void undefinedAt(CpuHarness h, int at, int... words) {
        h.load(words);
        assertEquals(Esr.EC_UNKNOWN, h.run(1000));
        assertEquals(CpuHarness.CODE + 4L * at, h.lastElr);
    }

    @Test
    void absentWithoutGicv3() {
        for (CpuModel m : CpuModel.ALL) {
            CpuHarness h = new CpuHarness(m);
            undefinedAt(h, 0, MRS_X2_SRE);
            undefinedAt(h, 0, MSR_PMR_X3);
            h.exec(MRS_X1_PFR0);
            assertEquals(0, h.x(1) >>> 24 & 0xf);
        }
    }

    @Test
    void presentWithGicv3() {
        CpuHarness h = new CpuHarness(CpuModel.CORTEX_A53);
        GicV3 gic = new GicV3(new Cpu[] {h.cpu});
        gic.wire(h.bus, 0x0800_0000L, 0x080A_0000L);
        h.x(3, 0xff).exec(MRS_X1_PFR0, MRS_X2_SRE, MSR_PMR_X3, MRS_X4_PMR, MRS_X0_IAR1);
        assertEquals(1, h.x(1) >>> 24 & 0xf); // ID_AA64PFR0_EL1.GIC
        assertEquals(CpuModel.CORTEX_A53.idAa64pfr0(), h.x(1) & ~(0xfL << 24));
        assertEquals(7, h.x(2));
        assertEquals(0xf8, h.x(4));
        assertEquals(1023, h.x(0));
        undefinedAt(h, 0, MRS_X6_AP0R1); // only AP0R0 with 5 priority bits
    }

    @Test
    void undefinedAtEl0() {
        CpuHarness h = new CpuHarness();
        new GicV3(new Cpu[] {h.cpu}).attachCpuInterface();
        h.cpu.spsr[1] = 0; // EL0t
        h.cpu.elr[1] = CpuHarness.CODE + 4;
        undefinedAt(h, 1, ERET, MRS_X2_SRE);
    }

    @Test
    void sgiToSelfTakenAsIrq() {
        CpuHarness h = new CpuHarness();
        GicV3 gic = new GicV3(new Cpu[] {h.cpu});
        gic.wire(h.bus, 0x0800_0000L, 0x080A_0000L);
        gic.distributor.write(0, 4, 0x12);
        gic.redistributor.write(0x10080, 4, 0xffffffffL);
        gic.redistributor.write(0x10100, 4, 1L << 9);
        gic.cpuInterface.write(h.cpu, org.armach.core.cpu.IccRegisters.IGRPEN1, 1);
        h.x(3, 0xf0).x(5, (9L << 24) | 1);
        h.load(MSR_PMR_X3, MSR_SGI1R_X5, MSR_DAIFCLR_2, 0xd503201f, 0xd503201f);
        h.run(1000);
        assertEquals(0x280, h.lastVector);
        assertEquals(CpuHarness.CODE + 12, h.lastElr); // taken right after DAIFClr
        assertTrue(h.cpu.irqLine);
        h.cpu.daif = 0xf; // the harness hook returned with IRQs unmasked
        h.exec(MRS_X0_IAR1, MSR_EOIR1_X0);
        assertEquals(9, h.x(0));
        assertEquals(0xff, gic.cpuInterface.read(h.cpu, org.armach.core.cpu.IccRegisters.RPR));
    }
}
