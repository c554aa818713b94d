package org.armach.core.dev.gic;

import static org.armach.core.cpu.IccRegisters.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.GuestException;
import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** Register-level tests of the GICv3 model (values at reset checked against QEMU 7.2 virt). */
class GicV3Test {
    static final int D_CTLR = 0x0, D_TYPER = 0x4, D_IIDR = 0x8, D_IGROUPR = 0x80, D_ISENABLER = 0x100,
            D_ICENABLER = 0x180, D_ISPENDR = 0x200, D_ICPENDR = 0x280, D_ISACTIVER = 0x300, D_IPRIORITYR = 0x400,
            D_ICFGR = 0xc00, D_IROUTER = 0x6000;
    static final int R_CTLR = 0, R_IIDR = 4, R_TYPER = 8, R_WAKER = 0x14, SGI = 0x10000, R_IGROUPR0 = SGI + 0x80,
            R_ISENABLER0 = SGI + 0x100, R_ICENABLER0 = SGI + 0x180, R_ISPENDR0 = SGI + 0x200,
            R_ICPENDR0 = SGI + 0x280, R_ISACTIVER0 = SGI + 0x300, R_IPRIORITYR = SGI + 0x400,
            R_ICFGR0 = SGI + 0xc00, R_ICFGR1 = SGI + 0xc04;

    final Bus bus = new Bus(new PhysicalMemory(0x4000_0000L, 1 << 20));
    Cpu cpu0 = new Cpu(CpuModel.MAX, bus, A64.table());
    GicV3 gic = new GicV3(new Cpu[] {cpu0});
    GicV3Distributor d = gic.distributor;
    GicV3Redistributor r = gic.redistributor;
    GicV3CpuInterface icc = gic.cpuInterface;

    long dr(int off) { return d.read(off, 4); }

    void dw(int off, long v) { d.write(off, 4, v); }

    long rr(int off) { return r.read(off, 4); }

    void rw(int off, long v) { r.write(off, 4, v); }

    long ir(int reg) { return icc.read(cpu0, reg); }

    void iw(int reg, long v) { icc.write(cpu0, reg, v); }

    /** As Linux: Group 1 everywhere, distributor Group 1 + ARE, redistributor awake, PMR 0xf0. */
    void enableGroup1() {
        dw(D_CTLR, 0x12);
        rw(R_WAKER, 0);
        rw(R_IGROUPR0, 0xffffffffL);
        for (int w = 1; w < 9; w++) dw(D_IGROUPR + 4 * w, 0xffffffffL);
        iw(PMR, 0xf0);
        iw(IGRPEN1, 1);
    }

    void enableSpi(int id, int prio) {
        d.write(D_IPRIORITYR + id, 1, prio);
        dw(D_ISENABLER + 4 * (id / 32), 1L << (id % 32));
    }

    void enablePrivate(int id, int prio) {
        r.write(R_IPRIORITYR + id, 1, prio);
        rw(R_ISENABLER0, rr(R_ISENABLER0) | 1L << id);
    }

    @Test
    void resetValuesMatchQemu() {
        assertEquals(0x50, dr(D_CTLR)); // ARE and DS read as one
        assertEquals(0x03780007L, dr(D_TYPER)); // QEMU's 0x037a0007 without LPIS
        assertEquals(0x43b, dr(D_IIDR));
        assertEquals(0x3b, dr(0xffe8));
        assertEquals(0, dr(D_ISENABLER)); // INTIDs 0..31 live in the redistributor
        assertEquals(0, dr(D_ICFGR + 8));
        assertEquals(0, d.read(D_IROUTER + 8 * 32, 8));
        assertEquals(0x43b, rr(R_IIDR));
        assertEquals(0x01000010L, r.read(R_TYPER, 8)); // Last, CommonLPIAff, affinity 0, no PLPIS
        assertEquals(0x6, rr(R_WAKER));
        assertEquals(0, rr(R_CTLR));
        assertEquals(0xaaaaaaaaL, rr(R_ICFGR0));
        assertEquals(0, rr(R_ICFGR1));
        assertEquals(0, rr(R_ISENABLER0));
        assertEquals(0, rr(R_IGROUPR0));
        assertEquals(0x3b, rr(0xffe8));
        assertEquals(7, ir(SRE));
        assertEquals(0x8c00, ir(CTLR));
        assertEquals(2, ir(BPR0));
        assertEquals(3, ir(BPR1));
        assertEquals(0, ir(PMR));
        assertEquals(0xff, ir(RPR));
        assertEquals(1023, ir(IAR1));
        assertEquals(1023, ir(HPPIR1));
    }

    @Test
    void writableFieldsAndMasks() {
        iw(PMR, 0xff);
        assertEquals(0xf8, ir(PMR)); // 5 priority bits
        iw(BPR0, 0);
        iw(BPR1, 0);
        assertEquals(2, ir(BPR0));
        assertEquals(3, ir(BPR1));
        iw(CTLR, 3);
        assertEquals(0x8c03, ir(CTLR));
        assertEquals(3, ir(BPR1)); // CBPR: BPR1 reads BPR0 + 1
        iw(BPR1, 6);
        assertEquals(3, ir(BPR1));
        iw(CTLR, 0);
        iw(SRE, 0);
        assertEquals(7, ir(SRE));
        dw(D_CTLR, 0x13);
        assertEquals(0x53, dr(D_CTLR));
        r.write(R_IPRIORITYR + 16, 1, 0xff);
        assertEquals(0xff, r.read(R_IPRIORITYR + 16, 1)); // the distributor keeps 8 bits, as QEMU
        d.write(D_IPRIORITYR + 64, 1, 0xff);
        assertEquals(0xff, d.read(D_IPRIORITYR + 64, 1));
        dw(D_IPRIORITYR, 0x11223344L); // SGI/PPI fields RAZ/WI in the distributor
        assertEquals(0, dr(D_IPRIORITYR));
        rw(R_ICFGR0, 0);
        assertEquals(0xaaaaaaaaL, rr(R_ICFGR0));
        rw(R_ICFGR1, 0xffffffffL);
        assertEquals(0xaaaaaaaaL, rr(R_ICFGR1));
        d.write(D_IROUTER + 8 * 40, 8, 0xffff_ffff_ffff_ffffL);
        assertEquals(0xff_80ff_ffffL, d.read(D_IROUTER + 8 * 40, 8));
        assertEquals(0x80ff_ffffL, dr(D_IROUTER + 8 * 40));
        assertEquals(0xffL, dr(D_IROUTER + 8 * 40 + 4));
    }

    @Test
    void apRegistersBeyondImplementedBitsAreUndefined() {
        assertEquals(0, ir(AP0R0));
        assertEquals(0, ir(AP1R0));
        assertThrows(GuestException.class, () -> ir(AP0R1));
        assertThrows(GuestException.class, () -> iw(AP1R3, 0));
    }

    @Test
    void wakerHandshake() {
        assertEquals(6, rr(R_WAKER));
        rw(R_WAKER, 0); // clear ProcessorSleep: ChildrenAsleep follows
        assertEquals(0, rr(R_WAKER));
        rw(R_WAKER, 2);
        assertEquals(6, rr(R_WAKER));
        rw(R_WAKER, 4); // ChildrenAsleep is read-only
        assertEquals(0, rr(R_WAKER));
    }

    @Test
    void spiAcknowledgeEoi() {
        enableGroup1();
        enableSpi(40, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        assertTrue(cpu0.irqLine);
        assertFalse(cpu0.fiqLine);
        assertEquals(40, ir(HPPIR1));
        assertEquals(1023, ir(HPPIR0));
        assertEquals(1023, ir(IAR0)); // wrong group
        assertEquals(40, ir(IAR1));
        assertFalse(cpu0.irqLine);
        assertEquals(0x80, ir(RPR));
        assertEquals(1L << 16, ir(AP1R0)); // preemption level 0x80 >> 3
        assertEquals(1L << 8, dr(D_ISACTIVER + 4));
        iw(EOIR0, 40); // wrong group: ignored
        assertEquals(0x80, ir(RPR));
        iw(EOIR1, 40);
        assertEquals(0xff, ir(RPR));
        assertEquals(0, dr(D_ISACTIVER + 4));
        assertEquals(1023, ir(IAR1));
    }

    @Test
    void routingByAffinity() {
        enableGroup1();
        enableSpi(40, 0x80);
        d.write(D_IROUTER + 8 * 40, 8, 1); // Aff0 = 1: no such PE
        dw(D_ISPENDR + 4, 1L << 8);
        assertFalse(cpu0.irqLine);
        d.write(D_IROUTER + 8 * 40, 8, 0);
        assertTrue(cpu0.irqLine);
    }

    @Test
    void priorityMaskAndRunningPriority() {
        enableGroup1();
        enablePrivate(27, 0xa0);
        enableSpi(41, 0xc0);
        enableSpi(42, 0x80);
        iw(PMR, 0xa0);
        gic.setLevel(27, true);
        assertFalse(cpu0.irqLine);
        assertEquals(1023, ir(IAR1));
        assertEquals(27, ir(HPPIR1)); // HPPIR ignores the priority mask
        iw(PMR, 0xa8);
        assertTrue(cpu0.irqLine);
        assertEquals(27, ir(IAR1));
        gic.setLevel(27, false);
        iw(PMR, 0xf8);
        dw(D_ISPENDR + 4, 1L << 9);
        assertFalse(cpu0.irqLine); // 0xc0 does not preempt 0xa0
        dw(D_ISPENDR + 4, 1L << 10);
        assertTrue(cpu0.irqLine);
        assertEquals(42, ir(IAR1));
        assertEquals(0x80, ir(RPR));
        iw(EOIR1, 42);
        assertEquals(0xa0, ir(RPR));
        iw(EOIR1, 27);
        assertTrue(cpu0.irqLine);
        assertEquals(41, ir(IAR1));
        iw(EOIR1, 41);
        assertEquals(0xff, ir(RPR));
    }

    @Test
    void binaryPoint() {
        enableGroup1();
        enableSpi(40, 0xa8);
        enableSpi(41, 0xa0);
        iw(BPR1, 4); // Group 1 uses BPR1 - 1 = 3: group priority [7:4]
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, ir(IAR1));
        dw(D_ISPENDR + 4, 1L << 9);
        assertFalse(cpu0.irqLine);
        iw(EOIR1, 40);
        assertEquals(41, ir(IAR1));
        iw(EOIR1, 41);
        iw(BPR1, 3); // minimum: group priority [7:3] (5 bits)
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, ir(IAR1));
        dw(D_ISPENDR + 4, 1L << 9);
        assertTrue(cpu0.irqLine);
        assertEquals(41, ir(IAR1));
        assertEquals(0xa0, ir(RPR));
        iw(EOIR1, 41);
        iw(EOIR1, 40);
    }

    @Test
    void eoiModeAndDir() {
        enableGroup1();
        iw(CTLR, 2);
        enableSpi(40, 0x80);
        dw(D_ISPENDR + 4, 1L << 8);
        assertEquals(40, ir(IAR1));
        iw(EOIR1, 40);
        assertEquals(0xff, ir(RPR));
        assertEquals(1L << 8, dr(D_ISACTIVER + 4));
        iw(DIR, 40);
        assertEquals(0, dr(D_ISACTIVER + 4));
    }

    @Test
    void levelAndEdgePpi() {
        enableGroup1();
        enablePrivate(27, 0xa0);
        gic.setLevel(27, true);
        assertEquals(1L << 27, rr(R_ISPENDR0));
        assertEquals(27, ir(IAR1));
        assertEquals(1L << 27, rr(R_ISPENDR0)); // line high: active and pending
        gic.setLevel(27, false);
        assertEquals(0, rr(R_ISPENDR0));
        iw(EOIR1, 27);
        rw(R_ICFGR1, 2L << 22); // INTID 27 edge-triggered
        gic.setLevel(27, true);
        gic.setLevel(27, false);
        assertEquals(1L << 27, rr(R_ISPENDR0));
        rw(R_ICPENDR0, 1L << 27);
        assertEquals(0, rr(R_ISPENDR0));
        assertFalse(cpu0.irqLine);
    }

    @Test
    void sgisThroughSysregs() {
        enableGroup1();
        enablePrivate(3, 0x40);
        iw(SGI1R, (3L << 24) | 1); // Aff 0.0.0, target list bit 0: self
        assertTrue(cpu0.irqLine);
        assertEquals(1L << 3, rr(R_ISPENDR0));
        assertEquals(3, ir(IAR1)); // no source field in GICv3
        iw(EOIR1, 3);
        iw(SGI1R, (3L << 24) | 2); // target list bit 1: no such PE
        assertEquals(0, rr(R_ISPENDR0));
        iw(SGI1R, (3L << 24) | 1L << 40); // IRM: everyone but self
        assertEquals(0, rr(R_ISPENDR0));
        iw(SGI0R, (3L << 24) | 1); // Group 0 SGI to a Group 1 interrupt: dropped
        assertEquals(0, rr(R_ISPENDR0));
    }

    @Test
    void group0IsFiq() {
        enableGroup1();
        rw(R_IGROUPR0, 0xffffffffL & ~(1L << 4));
        enablePrivate(4, 0x40);
        iw(SGI0R, (4L << 24) | 1);
        assertFalse(cpu0.fiqLine); // IGRPEN0 off
        iw(IGRPEN0, 1);
        dw(D_CTLR, 0x13);
        assertTrue(cpu0.fiqLine);
        assertFalse(cpu0.irqLine);
        assertEquals(4, ir(HPPIR0));
        assertEquals(1023, ir(IAR1));
        assertEquals(4, ir(IAR0));
        assertEquals(1L << 8, ir(AP0R0));
        iw(EOIR1, 4); // the running priority is Group 0: ignored
        assertEquals(0x40, ir(RPR));
        iw(EOIR0, 4);
        assertEquals(0xff, ir(RPR));
    }

    @Test
    void twoRedistributors() {
        Cpu cpu1 = new Cpu(CpuModel.MAX, bus, A64.table());
        cpu1.affinity = 1;
        GicV3 g2 = new GicV3(new Cpu[] {cpu0, cpu1});
        assertEquals(0x40000L, g2.redistSize());
        assertEquals(0x01000000L, g2.redistributor.read(R_TYPER, 8));
        assertEquals(0x1_01000110L, g2.redistributor.read(0x20000 + R_TYPER, 8)); // Aff0 = 1, Last
        g2.distributor.write(D_CTLR, 4, 0x12);
        for (int c = 0; c < 2; c++) {
            g2.redistributor.write(0x20000L * c + R_IGROUPR0, 4, 0xffffffffL);
            g2.redistributor.write(0x20000L * c + R_ISENABLER0, 4, 0xffffffffL);
        }
        g2.distributor.write(D_IGROUPR + 4, 4, 0xffffffffL);
        g2.cpuInterface.write(cpu0, PMR, 0xf0);
        g2.cpuInterface.write(cpu1, PMR, 0xf0);
        g2.cpuInterface.write(cpu0, IGRPEN1, 1);
        g2.cpuInterface.write(cpu1, IGRPEN1, 1);
        g2.cpuInterface.write(cpu0, SGI1R, (5L << 24) | 2); // CPU 0 -> CPU 1
        assertFalse(cpu0.irqLine);
        assertTrue(cpu1.irqLine);
        assertEquals(5, g2.cpuInterface.read(cpu1, IAR1));
        g2.cpuInterface.write(cpu1, EOIR1, 5);
        g2.setPpiLevel(1, 27, true);
        assertTrue(cpu1.irqLine);
        assertFalse(cpu0.irqLine);
        g2.distributor.write(D_ISENABLER + 4, 4, 1L << 8);
        g2.distributor.write(D_IROUTER + 8 * 40, 8, 1);
        g2.distributor.write(D_ISPENDR + 4, 4, 1L << 8);
        assertFalse(cpu0.irqLine);
        g2.distributor.write(D_IROUTER + 8 * 40, 8, 0);
        assertTrue(cpu0.irqLine);
    }

    @Test
    void wireAttachesSysregInterface() {
        Bus b = new Bus(new PhysicalMemory(0x4000_0000L, 1 << 20));
        Cpu c = new Cpu(CpuModel.CORTEX_A53, b, A64.table());
        GicV3 g = new GicV3(new Cpu[] {c});
        g.wire(b, 0x0800_0000L, 0x080A_0000L);
        assertSame(g.cpuInterface, c.iccRegisters);
        assertEquals(2, b.regions().size());
        assertEquals(0x2_0000L, b.regions().get(1).size);
    }
}
