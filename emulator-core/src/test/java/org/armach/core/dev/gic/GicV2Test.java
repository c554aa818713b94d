package org.armach.core.dev.gic;

import static org.armach.core.dev.gic.GicV2CpuInterface.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** Register-level tests of the GICv2 model (values at reset checked against QEMU 7.2 virt). */
class GicV2Test {
    static final int D_CTLR = 0x0, D_TYPER = 0x4, D_IIDR = 0x8, D_IGROUPR = 0x80, D_ISENABLER = 0x100,
            D_ICENABLER = 0x180, D_ISPENDR = 0x200, D_ICPENDR = 0x280, D_ISACTIVER = 0x300, D_ICACTIVER = 0x380,
            D_IPRIORITYR = 0x400, D_ITARGETSR = 0x800, D_ICFGR = 0xc00, D_SGIR = 0xf00, D_CPENDSGIR = 0xf10,
            D_SPENDSGIR = 0xf20;

    final Bus bus = new Bus(new PhysicalMemory(0x4000_0000L, 1 << 20));
    Cpu cpu0 = new Cpu(CpuModel.MAX, bus, A64.table());
    GicV2 gic = new GicV2(new Cpu[] {cpu0});
    GicV2Distributor d = gic.distributor;
    GicV2CpuInterface cc = gic.cpuInterface;

    long dr(int off) { return d.read(off, 4); }

    void dw(int off, long v) { d.write(off, 4, v); }

    long cr(int off) { return cc.read(off, 4); }

    void cw(int off, long v) { cc.write(off, 4, v); }

    /** Distributor and CPU interface on for Group 0 (as Linux on QEMU virt), PMR open. */
    void enableAll() {
        dw(D_CTLR, 1);
        cw(CTLR, 1);
        cw(PMR, 0xf0);
    }

    void enable(int id, int prio) {
        d.write(D_IPRIORITYR + id, 1, prio);
        dw(D_ISENABLER + 4 * (id / 32), 1L << (id % 32));
    }

    @Test
    void resetValuesMatchQemu() {
        assertEquals(0, dr(D_CTLR));
        assertEquals(8, dr(D_TYPER)); // 288 interrupts, one CPU
        assertEquals(0x43b, dr(D_IIDR));
        assertEquals(0xffff, dr(D_ISENABLER)); // SGIs always enabled
        assertEquals(0, dr(D_ITARGETSR)); // uniprocessor: RAZ/WI
        assertEquals(0xaaaaaaaaL, dr(D_ICFGR));
        assertEquals(0, dr(D_ICFGR + 4));
        assertEquals(0x2b, dr(0xfe8));
        assertEquals(0x04, dr(0xfd0));
        assertEquals(0xb1, dr(0xffc));
        assertEquals(0, cr(CTLR));
        assertEquals(0, cr(PMR));
        assertEquals(0, cr(BPR));
        assertEquals(0x3ff, cr(IAR));
        assertEquals(0xff, cr(RPR));
        assertEquals(1, cr(ABPR));
        assertEquals(0x2043b, cr(IIDR));
    }

    @Test
    void writableFieldsAndMasks() {
        d.write(D_IPRIORITYR + 0x40, 1, 0xff);
        assertEquals(0xff, d.read(D_IPRIORITYR + 0x40, 1));
        cw(PMR, 0xff);
        assertEquals(0xff, cr(PMR)); // 8 priority bits
        cw(BPR, 0);
        assertEquals(0, cr(BPR));
        cw(ABPR, 0);
        assertEquals(1, cr(ABPR)); // minimum 1
        dw(D_ICENABLER, 0xffffffffL);
        assertEquals(0xffff, dr(D_ISENABLER));
        dw(D_ICFGR + 4, 0xffffffffL);
        assertEquals(0xaaaaaaaaL, dr(D_ICFGR + 4)); // PPIs configurable, model bit RAZ
        dw(D_ICFGR, 0);
        assertEquals(0xaaaaaaaaL, dr(D_ICFGR)); // SGIs edge, read-only
        dw(D_CTLR, 0xffffffffL);
        assertEquals(3, dr(D_CTLR));
        cw(CTLR, 0xffffffffL);
        assertEquals(0x21f, cr(CTLR));
        // byte and halfword accesses compose
        dw(D_IPRIORITYR + 0x20, 0x44332211L);
        assertEquals(0x33, d.read(D_IPRIORITYR + 0x22, 1));
        assertEquals(0x4433, d.read(D_IPRIORITYR + 0x22, 2));
        assertFalse(d.accepts(0x400, 8, false));
        assertFalse(cc.accepts(0x4, 1, false));
    }

    @Test
    void enablePendAcknowledgeEoi() {
        enableAll();
        enable(40, 0x80);
        assertFalse(cpu0.irqLine);
        dw(D_ISPENDR + 4, 1L << 8); // INTID 40
        assertTrue(cpu0.irqLine);
        assertFalse(cpu0.fiqLine); // Group 0 with FIQEn = 0 goes to IRQ
        assertEquals(1L << 8, dr(D_ISPENDR + 4));
        assertEquals(40, cr(HPPIR));
        assertEquals(40, cr(IAR));
        assertFalse(cpu0.irqLine);
        assertEquals(1L << 8, dr(D_ISACTIVER + 4));
        assertEquals(0, dr(D_ISPENDR + 4));
        assertEquals(0x80, cr(RPR));
        assertEquals(0x3ff, cr(IAR));
        cw(EOIR, 40);
        assertEquals(0, dr(D_ISACTIVER + 4));
        assertEquals(0xff, cr(RPR));
        assertEquals(0x3ff, cr(IAR));
    }

    @Test
    void nothingWithoutDistributorOrCpuInterfaceEnable() {
        enable(40, 0x80);
        cw(PMR, 0xf0);
        dw(D_ISPENDR + 4, 1L << 8);
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
        dw(D_CTLR, 1);
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
        cw(CTLR, 1);
        assertTrue(cpu0.irqLine);
        dw(D_ICENABLER + 4, 1L << 8);
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
    }

    @Test
    void priorityOrderingAndTies() {
        enableAll();
        enable(50, 0x90);
        enable(45, 0x60);
        enable(60, 0x60);
        dw(D_ISPENDR + 4, (1L << (50 - 32)) | (1L << (45 - 32)) | (1L << (60 - 32)));
        assertEquals(45, cr(HPPIR)); // lowest value wins, ties by lowest INTID
        cw(BPR, 7); // no preemption at all: just order the acknowledges
        assertEquals(45, cr(IAR));
        cw(EOIR, 45);
        assertEquals(60, cr(IAR));
        cw(EOIR, 60);
        assertEquals(50, cr(IAR));
        cw(EOIR, 50);
        assertEquals(0x3ff, cr(IAR));
    }

    @Test
    void priorityMask() {
        enableAll();
        enable(40, 0xa0);
        cw(PMR, 0xa0); // only priorities strictly below the mask are signalled
        dw(D_ISPENDR + 4, 1L << 8);
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
        cw(PMR, 0xa1);
        assertTrue(cpu0.irqLine);
        assertEquals(40, cr(IAR));
    }

    @Test
    void runningPriorityAndPreemption() {
        enableAll();
        enable(40, 0xa0);
        enable(41, 0xc0);
        enable(42, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        dw(D_ISPENDR + 4, 1L << 9); // lower priority than the running one: no signal
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
        assertEquals(41, cr(HPPIR)); // still the highest pending
        dw(D_ISPENDR + 4, 1L << 10); // higher: preempts
        assertTrue(cpu0.irqLine);
        assertEquals(42, cr(IAR));
        assertEquals(0x80, cr(RPR));
        cw(EOIR, 42);
        assertEquals(0xa0, cr(RPR));
        assertFalse(cpu0.irqLine);
        cw(EOIR, 40);
        assertEquals(0xff, cr(RPR));
        assertTrue(cpu0.irqLine);
        assertEquals(41, cr(IAR));
        cw(EOIR, 41);
    }

    @Test
    void activePriorityRegisters() {
        enableAll();
        enable(40, 0xa0);
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        // preemption level = priority >> 1 = 0x50: APR2 bit 16
        assertEquals(0, cr(APR));
        assertEquals(1L << 16, cr(APR + 8));
        cw(EOIR, 40);
        assertEquals(0, cr(APR + 8));
    }

    @Test
    void binaryPointGroupsPriorities() {
        enableAll();
        enable(40, 0xa8);
        enable(41, 0xa0);
        cw(BPR, 3); // group priority [7:4]: 0xa8 and 0xa0 are the same group priority
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        dw(D_ISPENDR + 4, 1L << 9);
        assertFalse(cpu0.irqLine);
        assertEquals(0xa0, cr(RPR));
        cw(EOIR, 40);
        assertEquals(41, cr(IAR));
        cw(EOIR, 41);
        assertEquals(0xff, cr(RPR));
        cw(BPR, 0); // group priority [7:1]: 0xa0 preempts 0xa8
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        assertEquals(0xa8, cr(RPR));
        dw(D_ISPENDR + 4, 1L << 9);
        assertTrue(cpu0.irqLine);
        assertEquals(41, cr(IAR));
        cw(EOIR, 41);
        cw(EOIR, 40);
        assertEquals(0xff, cr(RPR));
    }

    @Test
    void eoiModeSplitsPriorityDropAndDeactivation() {
        enableAll();
        cw(CTLR, 1 | 1 << 9); // EOImode
        enable(40, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        cw(EOIR, 40);
        assertEquals(0xff, cr(RPR)); // priority dropped
        assertEquals(1L << 8, dr(D_ISACTIVER + 4)); // still active
        dw(D_ISPENDR + 4, 1L << 8);
        assertFalse(cpu0.irqLine); // active and pending: not signalled
        cw(DIR, 40);
        assertEquals(0, dr(D_ISACTIVER + 4));
        assertTrue(cpu0.irqLine);
        // With EOImode = 0, DIR has no effect and EOIR deactivates
        assertEquals(40, cr(IAR));
        cw(CTLR, 1);
        cw(DIR, 40);
        assertEquals(1L << 8, dr(D_ISACTIVER + 4));
        cw(EOIR, 40);
        assertEquals(0, dr(D_ISACTIVER + 4));
    }

    @Test
    void spuriousEoiIgnored() {
        enableAll();
        enable(40, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, cr(IAR));
        cw(EOIR, 1023);
        cw(EOIR, 41); // not active
        assertEquals(0x80, cr(RPR));
        cw(EOIR, 40);
        assertEquals(0xff, cr(RPR));
    }

    @Test
    void levelSensitiveFollowsLine() {
        enableAll();
        enable(33, 0x80); // the PL011's SPI, level-sensitive at reset
        gic.setLevel(33, true);
        assertTrue(cpu0.irqLine);
        assertEquals(2, dr(D_ISPENDR + 4));
        gic.setLevel(33, false);
        assertFalse(cpu0.irqLine); // pending only while the line is high
        assertEquals(0, dr(D_ISPENDR + 4));
        gic.setLevel(33, true);
        assertEquals(33, cr(IAR));
        assertEquals(2, dr(D_ISPENDR + 4)); // line still high: active and pending
        assertEquals(2, dr(D_ISACTIVER + 4));
        dw(D_ICPENDR + 4, 2); // cannot clear a pending state held by the line
        assertEquals(2, dr(D_ISPENDR + 4));
        cw(EOIR, 33);
        assertTrue(cpu0.irqLine); // re-signalled while the device keeps the line high
        assertEquals(33, cr(IAR));
        gic.setLevel(33, false);
        cw(EOIR, 33);
        assertFalse(cpu0.irqLine);
        assertEquals(0x3ff, cr(IAR));
    }

    @Test
    void edgeTriggeredLatches() {
        enableAll();
        dw(D_ICFGR + 8, 2L << 2); // INTID 33 edge-triggered
        enable(33, 0x80);
        gic.setLevel(33, true);
        gic.setLevel(33, false);
        assertTrue(cpu0.irqLine); // latched on the rising edge
        assertEquals(33, cr(IAR));
        assertEquals(0, dr(D_ISPENDR + 4));
        gic.setLevel(33, true); // a new edge while active: active and pending
        assertEquals(2, dr(D_ISPENDR + 4));
        cw(EOIR, 33);
        assertEquals(33, cr(IAR));
        cw(EOIR, 33);
        assertEquals(0x3ff, cr(IAR)); // the line staying high is no new edge
        dw(D_ICPENDR + 4, 2);
        assertEquals(0, dr(D_ISPENDR + 4));
    }

    @Test
    void disabledInterruptStaysPending() {
        enableAll();
        d.write(D_IPRIORITYR + 33, 1, 0x80);
        gic.setLevel(33, true);
        assertFalse(cpu0.irqLine);
        assertEquals(2, dr(D_ISPENDR + 4));
        dw(D_ISENABLER + 4, 2);
        assertTrue(cpu0.irqLine);
    }

    @Test
    void timerPpiIsBanked() {
        enableAll();
        enable(27, 0xa0);
        gic.setLevel(27, true);
        assertTrue(cpu0.irqLine);
        assertEquals(1L << 27, dr(D_ISPENDR));
        assertEquals(27, cr(IAR));
        gic.setLevel(27, false);
        cw(EOIR, 27);
        assertFalse(cpu0.irqLine);
    }

    @Test
    void sgiToSelfCarriesSource() {
        enableAll();
        d.write(D_IPRIORITYR + 5, 1, 0x40);
        dw(D_SGIR, (2 << 24) | 5); // to self
        assertTrue(cpu0.irqLine);
        assertEquals(1L << 5, dr(D_ISPENDR));
        assertEquals(1, d.read(D_SPENDSGIR + 5, 1)); // pending from CPU 0
        assertEquals(5, cr(IAR)); // source CPU 0 in bits [12:10]
        assertEquals(0, d.read(D_SPENDSGIR + 5, 1));
        cw(EOIR, 5);
        assertEquals(0x3ff, cr(IAR));
        // SPENDSGIR / CPENDSGIR
        d.write(D_SPENDSGIR + 7, 1, 1);
        assertEquals(1L << 7, dr(D_ISPENDR));
        d.write(D_CPENDSGIR + 7, 1, 1);
        assertEquals(0, dr(D_ISPENDR));
        // ISPENDR cannot pend SGIs; ICENABLER cannot disable them
        dw(D_ISPENDR, 1L << 3);
        assertEquals(0, dr(D_ISPENDR));
    }

    @Test
    void groupsAckCtlAndFiq() {
        dw(D_CTLR, 3);
        cw(PMR, 0xff);
        enable(40, 0x80);
        dw(D_IGROUPR + 4, 1L << 8); // Group 1
        assertEquals(1L << 8, dr(D_IGROUPR + 4));
        dw(D_ISPENDR + 4, 1L << 8);
        cw(CTLR, 1); // only Group 0 enabled on the CPU interface
        assertFalse(cpu0.irqLine);
        cw(CTLR, 3);
        assertTrue(cpu0.irqLine);
        assertEquals(1022, cr(HPPIR)); // AckCtl = 0: Group 1 reads as 1022 through IAR/HPPIR
        assertEquals(1022, cr(IAR));
        assertEquals(0, cr(AHPPIR)); // aliases RAZ/WI, as QEMU
        assertEquals(0, cr(AIAR));
        assertEquals(0xff, cr(RPR));
        // AckCtl = 1: IAR acknowledges Group 1 too
        cw(CTLR, 3 | 4);
        assertEquals(40, cr(HPPIR));
        assertEquals(40, cr(IAR));
        assertEquals(0x80, cr(RPR));
        assertEquals(1, cr(NSAPR + 8)); // preemption level 0x80 >> 1 = 64: NSAPR2 bit 0
        cw(AEOIR, 40); // WI
        assertEquals(0x80, cr(RPR));
        cw(EOIR, 40);
        assertEquals(0xff, cr(RPR));
        // FIQEn routes Group 0 to FIQ, Group 1 stays IRQ
        cw(CTLR, 3 | 8);
        dw(D_IGROUPR + 4, 0);
        dw(D_ISPENDR + 4, 1L << 8);
        assertTrue(cpu0.fiqLine);
        assertFalse(cpu0.irqLine);
        assertEquals(40, cr(IAR));
        assertFalse(cpu0.fiqLine);
        cw(EOIR, 40);
    }

    @Test
    void activeRegistersAndClearActive() {
        enableAll();
        enable(40, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        dw(D_ISACTIVER + 4, 1L << 8);
        assertFalse(cpu0.irqLine); // active and pending
        dw(D_ICACTIVER + 4, 1L << 8);
        assertTrue(cpu0.irqLine);
    }

    @Test
    void twoCpusTargetsAndSgis() {
        Cpu cpu1 = new Cpu(CpuModel.MAX, bus, A64.table());
        cpu1.affinity = 1;
        GicV2 g2 = new GicV2(new Cpu[] {cpu0, cpu1});
        int[] current = {0};
        g2.currentCpu = () -> current[0];
        GicV2Distributor dd = g2.distributor;
        GicV2CpuInterface ci = g2.cpuInterface;
        assertEquals(8 | 1 << 5, dd.read(D_TYPER, 4)); // CPUNumber = 1
        dd.write(D_CTLR, 4, 1);
        for (int c = 0; c < 2; c++) {
            current[0] = c;
            ci.write(CTLR, 4, 1);
            ci.write(PMR, 4, 0xf0);
            assertEquals(1L << c, dd.read(D_ITARGETSR, 1)); // SGI/PPI targets read as the CPU itself
        }
        current[0] = 0;
        dd.write(D_ITARGETSR, 1, 3); // read-only for SGIs
        assertEquals(1, dd.read(D_ITARGETSR, 1));
        dd.write(D_IPRIORITYR + 40, 1, 0x80);
        dd.write(D_ISENABLER + 4, 4, 1L << 8);
        dd.write(D_ISPENDR + 4, 4, 1L << 8);
        assertFalse(cpu0.irqLine || cpu1.irqLine); // no target yet
        dd.write(D_ITARGETSR + 40, 1, 2);
        assertEquals(2, dd.read(D_ITARGETSR + 40, 1));
        assertFalse(cpu0.irqLine);
        assertTrue(cpu1.irqLine);
        current[0] = 1;
        assertEquals(40, ci.read(IAR, 4));
        ci.write(EOIR, 4, 40);
        // SGI 3 from CPU 1 to CPU 0 by target list; to all-but-self
        dd.write(D_SGIR, 4, (1 << 16) | 3);
        assertTrue(cpu0.irqLine);
        assertFalse(cpu1.irqLine);
        current[0] = 0;
        assertEquals(2, dd.read(D_SPENDSGIR + 3, 1)); // from CPU 1
        assertEquals(3 | 1 << 10, ci.read(IAR, 4));
        ci.write(EOIR, 4, 3 | 1 << 10);
        dd.write(D_SGIR, 4, (1 << 24) | 6); // all but CPU 0
        assertFalse(cpu0.irqLine);
        assertTrue(cpu1.irqLine);
        // banked enable of a PPI
        dd.write(D_ISENABLER, 4, 1L << 27);
        assertEquals(1L << 27 | 0xffff, dd.read(D_ISENABLER, 4));
        current[0] = 1;
        assertEquals(0xffff, dd.read(D_ISENABLER, 4));
    }
}
