package org.armach.core.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.armach.core.board.Clock;
import org.armach.core.cpu.CpuHarness;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.TimerRegisters;
import org.armach.core.dev.gic.GicV2;
import org.armach.core.dev.gic.GicV3;
import org.armach.core.cpu.Cpu;
import org.junit.jupiter.api.Test;

/** The clock/scheduler, the generic timer's interrupt outputs, and timer IRQs taken by the CPU. */
class TimerClockTest {
    // Encodings from aarch64-linux-gnu-as.
    static final int MSR_CNTV_TVAL_X7 = 0xd51be307, MSR_CNTV_CTL_X8 = 0xd51be328, WFI = 0xd503207f,
            MSR_DAIFCLR_2 = 0xd50342ff, MRS_X9_ISR = 0xd538c109, B_SELF = 0x14000000, MRS_X10_CNTVCT = 0xd53be04a,
            MRS_X0_ICC_IAR1 = 0xd538cc00;

    final List<Object[]> levels = new ArrayList<>();
    final IrqSink sink = (id, lvl) -> levels.add(new Object[] {id, lvl});

    @Test
    void virtualCounterFollowsInstructions() {
        CpuHarness h = new CpuHarness();
        Clock clock = new Clock(h.cpu, Clock.Source.VIRTUAL);
        assertEquals(62_500_000L, h.cpu.counterFrequency);
        h.cpu.icount = 1600;
        assertEquals(100, h.cpu.counter.getAsLong());
        assertEquals(1600, clock.nanos());
        assertEquals(100, clock.ticks());
        assertEquals(Clock.NEVER, Clock.ticksToNanos(-1L));
        assertEquals(Clock.NEVER, Clock.ticksToNanos(Long.MAX_VALUE / 8));
        assertEquals(160, Clock.ticksToNanos(10));
    }

    @Test
    void eventsRunInDeadlineOrderAndIdleSkipsAhead() {
        CpuHarness h = new CpuHarness();
        Clock clock = new Clock(h.cpu, Clock.Source.VIRTUAL);
        List<String> fired = new ArrayList<>();
        Clock.Event a = clock.newEvent("a", () -> fired.add("a@" + clock.nanos()));
        Clock.Event b = clock.newEvent("b", () -> fired.add("b@" + clock.nanos()));
        assertEquals(Long.MAX_VALUE, h.cpu.eventDeadline);
        a.at(500);
        b.at(300);
        assertEquals(300, h.cpu.eventDeadline);
        assertTrue(a.armed());
        clock.service();
        assertTrue(fired.isEmpty());
        assertTrue(clock.idle()); // CPU waits: jump to 300
        assertEquals(List.of("b@300"), fired);
        assertEquals(300, clock.nanos());
        assertEquals(0, h.cpu.icount);
        assertEquals(300, clock.idleNanos());
        assertEquals(200, h.cpu.eventDeadline); // 500 ns minus the 300 skipped
        h.cpu.icount = 200;
        clock.service();
        assertEquals(List.of("b@300", "a@500"), fired);
        assertFalse(a.armed());
        assertFalse(clock.idle()); // nothing can wake the CPU
        assertEquals(Long.MAX_VALUE, h.cpu.eventDeadline);
    }

    @Test
    void hostClockAdvancesAndSleeps() {
        CpuHarness h = new CpuHarness();
        Clock clock = new Clock(h.cpu, Clock.Source.HOST);
        long t0 = clock.nanos();
        boolean[] fired = {false};
        Clock.Event e = clock.newEvent("e", () -> fired[0] = true);
        e.at(t0 + 2_000_000);
        assertEquals(h.cpu.icount + Clock.HOST_QUANTUM, h.cpu.eventDeadline);
        for (int i = 0; i < 100 && !fired[0]; i++) clock.idle();
        assertTrue(fired[0]);
        assertTrue(clock.nanos() - t0 >= 2_000_000);
        assertTrue(h.cpu.counter.getAsLong() >= (t0 + 2_000_000) / 16);
    }

    @Test
    void timerOutputsFollowCtlAndCval() {
        CpuHarness h = new CpuHarness();
        Cpu c = h.cpu;
        Clock clock = new Clock(c, Clock.Source.VIRTUAL);
        GenericTimer t = new GenericTimer(c, clock, sink);
        assertEquals(t, c.timerRegisters);
        c.icount = 160; // counter 10
        c.sysStore[SysRegs.CNTV_CVAL] = 20;
        c.sysStore[SysRegs.CNTV_CTL] = 1;
        t.timerWritten(c, TimerRegisters.VIRT);
        assertFalse(t.output(TimerRegisters.VIRT));
        assertEquals(320, c.eventDeadline);
        c.icount = 320;
        clock.service();
        assertTrue(t.output(TimerRegisters.VIRT));
        assertEquals(1, levels.size());
        assertEquals(27, levels.get(0)[0]);
        assertEquals(true, levels.get(0)[1]);
        c.sysStore[SysRegs.CNTV_CTL] = 3; // IMASK
        t.timerWritten(c, TimerRegisters.VIRT);
        assertFalse(t.output(TimerRegisters.VIRT));
        assertEquals(false, levels.get(1)[1]);
        c.sysStore[SysRegs.CNTV_CTL] = 1;
        t.timerWritten(c, TimerRegisters.VIRT);
        assertTrue(t.output(TimerRegisters.VIRT)); // condition still met
        c.sysStore[SysRegs.CNTV_CVAL] = 1000; // move to the future: output drops, event rearmed
        t.timerWritten(c, TimerRegisters.VIRT);
        assertFalse(t.output(TimerRegisters.VIRT));
        assertEquals(16000, c.eventDeadline);
        c.sysStore[SysRegs.CNTV_CTL] = 0; // disabled: no event
        t.timerWritten(c, TimerRegisters.VIRT);
        assertEquals(Long.MAX_VALUE, c.eventDeadline);
        // physical timer on PPI 30, CVAL in the past fires at once
        c.sysStore[SysRegs.CNTP_CVAL] = 5;
        c.sysStore[SysRegs.CNTP_CTL] = 1;
        t.timerWritten(c, TimerRegisters.PHYS);
        assertTrue(t.output(TimerRegisters.PHYS));
        assertEquals(30, levels.get(levels.size() - 1)[0]);
        // a CVAL the counter never reaches (unsigned) arms nothing
        c.sysStore[SysRegs.CNTP_CVAL] = -1L;
        t.timerWritten(c, TimerRegisters.PHYS);
        assertFalse(t.output(TimerRegisters.PHYS));
        assertEquals(Long.MAX_VALUE, c.eventDeadline);
    }

    /** A GICv2 board as virt wires it, with the harness's host EL1 hook catching the IRQ. */
    static Clock v2Machine(CpuHarness h) {
        GicV2 gic = new GicV2(new Cpu[] {h.cpu});
        gic.wire(h.bus, 0x0800_0000L, 0x0801_0000L);
        Clock clock = new Clock(h.cpu, Clock.Source.VIRTUAL);
        new GenericTimer(h.cpu, clock, gic.cpuSink(0));
        gic.distributor.write(0, 4, 1);
        gic.cpuInterface.write(0, 4, 1);
        gic.cpuInterface.write(4, 4, 0xf0);
        gic.distributor.write(0x400 + 27, 1, 0xa0);
        gic.distributor.write(0x100, 4, 1L << 27);
        return clock;
    }

    @Test
    void wfiFastForwardsToTheTimerIrq() {
        CpuHarness h = new CpuHarness();
        Clock clock = v2Machine(h);
        h.x(7, 1000).x(8, 1);
        h.load(MSR_CNTV_TVAL_X7, MSR_CNTV_CTL_X8, MSR_DAIFCLR_2, WFI, MRS_X9_ISR);
        h.cpu.stopRequested = false;
        clock.runCpu(1_000_000);
        assertEquals(0x280, h.lastVector); // IRQ, current EL with SP_ELx
        assertEquals(CpuHarness.CODE + 16, h.lastElr); // after the WFI
        long cval = h.cpu.sysStore[SysRegs.CNTV_CVAL];
        assertEquals(1000, cval); // TVAL written at time 0
        assertEquals(cval * 16, clock.nanos()); // exactly at the deadline
        assertEquals(4, h.cpu.icount); // four instructions retired, the rest was idle
        assertEquals(16000 - 4, clock.idleNanos());
    }

    @Test
    void runningCodeIsInterruptedAtTheExactInstruction() {
        CpuHarness h = new CpuHarness();
        Clock clock = v2Machine(h);
        h.x(7, 100).x(8, 1);
        h.cpu.icount = 5; // TVAL written at time 5: counter 0, deadline 1600 ns
        h.load(MSR_CNTV_TVAL_X7, MSR_CNTV_CTL_X8, MSR_DAIFCLR_2, B_SELF);
        h.cpu.stopRequested = false;
        clock.runCpu(1_000_000);
        assertEquals(0x280, h.lastVector);
        assertEquals(CpuHarness.CODE + 12, h.lastElr);
        assertEquals(1600, clock.nanos());
        assertEquals(1600, h.cpu.icount);
        assertEquals(0, clock.idleNanos());
    }

    @Test
    void maskedIrqWakesWfiWithoutBeingTaken() {
        CpuHarness h = new CpuHarness();
        Clock clock = v2Machine(h);
        h.x(7, 10).x(8, 1);
        h.load(MSR_CNTV_TVAL_X7, MSR_CNTV_CTL_X8, WFI, MRS_X9_ISR, MRS_X10_CNTVCT);
        clock.runCpu(1_000_000);
        assertEquals(0x3c, h.lastEsr >>> 26 & 0x3f); // reached the final BRK
        assertEquals(0x80, h.x(9)); // ISR_EL1.I
        assertEquals(10, h.x(10));
        assertEquals(160 + 2, clock.nanos());
    }

    @Test
    void gicv3TimerThroughSysregs() {
        CpuHarness h = new CpuHarness();
        GicV3 gic = new GicV3(new Cpu[] {h.cpu});
        gic.wire(h.bus, 0x0800_0000L, 0x080A_0000L);
        Clock clock = new Clock(h.cpu, Clock.Source.VIRTUAL);
        new GenericTimer(h.cpu, clock, gic.cpuSink(0));
        gic.distributor.write(0, 4, 0x12);
        gic.redistributor.write(0x14, 4, 0);
        gic.redistributor.write(0x10080, 4, 0xffffffffL);
        gic.redistributor.write(0x10100, 4, 1L << 27);
        gic.cpuInterface.write(h.cpu, org.armach.core.cpu.IccRegisters.PMR, 0xf0);
        gic.cpuInterface.write(h.cpu, org.armach.core.cpu.IccRegisters.IGRPEN1, 1);
        h.x(7, 50).x(8, 1);
        h.load(MSR_CNTV_TVAL_X7, MSR_CNTV_CTL_X8, WFI, MRS_X0_ICC_IAR1);
        clock.runCpu(1_000_000);
        assertEquals(27, h.x(0)); // IRQs masked: WFI woke, the program acknowledged by polling
        assertEquals(0x3c, h.lastEsr >>> 26 & 0x3f); // EC BRK64
    }
}
