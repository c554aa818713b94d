package org.armach.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** EL2 with {@link Cpu#el2Enabled} (-M virt,virtualization=on): HVC to EL2, ERET to EL1, EL2 registers. */
class El2Test {
    static final long CODE = CpuHarness.CODE;
    static final long VBAR2 = CODE + 0x1000;
    static final int HVC_42 = 0xd4000842, MOV_X5_1 = 0xd2800025, MRS_X1_ESR_EL2 = 0xd53c5201, MRS_X2_ELR_EL2 = 0xd53c4022,
            MRS_X3_SPSR_EL2 = 0xd53c4003, MRS_X4_CURRENTEL = 0xd5384244, ERET = 0xd69f03e0, MRS_X0_HCR_EL2 = 0xd53c1100,
            MSR_HCR_EL2_X0 = 0xd51c1100, MSR_ELR_EL2_X0 = 0xd51c4020, MSR_SPSR_EL2_X1 = 0xd51c4001,
            MSR_VPIDR_EL2_X2 = 0xd51c0002, MSR_SP_EL1_X3 = 0xd51c4103, MRS_X1_CURRENTEL = 0xd5384241,
            MRS_X2_MIDR = 0xd5380002, MOV_X6_SP = 0x910003e6, MRS_X7_PFR0 = 0xd5380407, MRS_X8_VBAR_EL2 = 0xd53cc008,
            MSR_VBAR_EL2_X0 = 0xd51cc000, BRK0 = 0xd4200000;

    static CpuHarness el2Harness() {
        CpuHarness h = new CpuHarness();
        h.cpu.el2Enabled = true;
        return h;
    }

    @Test
    void hvcFromEl1IsTakenToEl2AndEretReturns() {
        CpuHarness h = el2Harness();
        h.cpu.vbar[2] = VBAR2;
        int[] handler = {MRS_X1_ESR_EL2, MRS_X2_ELR_EL2, MRS_X3_SPSR_EL2, MRS_X4_CURRENTEL, ERET};
        for (int k = 0; k < handler.length; k++) h.ram.write(VBAR2 + 0x400 + 4L * k, 4, handler[k]); // lower EL, sync
        h.cpu.daif = 0;
        h.exec(HVC_42, MOV_X5_1);
        assertEquals((0x16L << 26) | (1L << 25) | 0x42, h.x(1), "ESR_EL2: EC HVC64, IL, imm16");
        assertEquals(CODE + 4, h.x(2), "ELR_EL2: the instruction after HVC");
        assertEquals(0x5L, h.x(3), "SPSR_EL2: EL1h, DAIF clear");
        assertEquals(8L, h.x(4), "handler ran at EL2");
        assertEquals(1L, h.x(5), "returned after the HVC");
        assertEquals(1, h.cpu.el);
    }

    @Test
    void el2RegistersUndefinedAtEl1() {
        CpuHarness h = el2Harness();
        SystemInsnsTest.assertUndefinedAt(h, 0, MRS_X0_HCR_EL2);
        SystemInsnsTest.assertUndefinedAt(h, 0, MSR_HCR_EL2_X0);
        SystemInsnsTest.assertUndefinedAt(h, 0, MSR_VBAR_EL2_X0);
        SystemInsnsTest.assertUndefinedAt(h, 0, MRS_X8_VBAR_EL2);
        SystemInsnsTest.assertUndefinedAt(h, 0, MSR_SP_EL1_X3);
    }

    @Test
    void withoutEl2HvcIsUndefinedAndPfr0SaysNoEl2() {
        CpuHarness h = new CpuHarness();
        SystemInsnsTest.assertUndefinedAt(h, 0, HVC_42);
        SystemInsnsTest.assertUndefinedAt(h, 0, MRS_X0_HCR_EL2);
        h.exec(MRS_X7_PFR0);
        assertEquals(0L, (h.x(7) >>> 8) & 0xf);
    }

    @Test
    void stubAtEl2ProgramsRegistersAndDropsToEl1() {
        CpuHarness h = el2Harness();
        h.cpu.enterEl2();
        assertEquals(2, h.cpu.el);
        long el1Code = CODE + 0x100;
        h.ram.write(el1Code, 4, MRS_X1_CURRENTEL);
        h.ram.write(el1Code + 4, 4, MRS_X2_MIDR);
        h.ram.write(el1Code + 8, 4, MOV_X6_SP);
        h.ram.write(el1Code + 12, 4, MRS_X7_PFR0);
        h.ram.write(el1Code + 16, 4, BRK0);
        h.x(0, 1L << 31).x(1, 0x3c5).x(2, 0x12345678L).x(3, CpuHarness.DATA + 0x800);
        h.x(10, el1Code);
        h.load(MSR_HCR_EL2_X0, 0xd53c1109 /* mrs x9, hcr_el2 */, MSR_VPIDR_EL2_X2, MSR_SP_EL1_X3,
                0xd51c402a /* msr elr_el2, x10 */, MSR_SPSR_EL2_X1, ERET);
        int ec = h.run(1000);
        assertEquals(0x3c, ec, "stopped on the EL1 BRK");
        assertEquals(1L << 31, h.x(9), "HCR_EL2 reads back");
        assertEquals(el1Code + 16, h.lastElr);
        assertEquals(4L, h.x(1), "CurrentEL = EL1 after ERET");
        assertEquals(0x12345678L, h.x(2), "MIDR_EL1 at EL1 reads VPIDR_EL2");
        assertEquals(CpuHarness.DATA + 0x800, h.x(6), "SP_EL1 written from EL2");
        assertEquals(1L, (h.x(7) >>> 8) & 0xf, "ID_AA64PFR0_EL1.EL2 = AArch64");
    }
}
