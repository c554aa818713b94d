package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SchedulerTest {
    /** 1: add x0, x0, #1; b 1b */
    static final int[] LOOP = {0x91000400, 0x17ffffff};

    @Test
    void busyLoopsArePreemptedByTheTimer() {
        KernelHarness h = new KernelHarness(10_000); // 10 us quantum
        KThread a = h.spawn("a", LOOP), b = h.spawn("b", LOOP);
        h.run(200_000);
        long ca = a == h.k.scheduler().current() ? h.cpu.r[0] : a.ctx.x[0];
        long cb = b == h.k.scheduler().current() ? h.cpu.r[0] : b.ctx.x[0];
        assertTrue(ca > 20_000 && cb > 20_000, ca + " / " + cb);
        assertTrue(h.k.scheduler().switches() >= 10, "switches " + h.k.scheduler().switches());
    }

    @Test
    void suspendedTaskDoesNotRunAndIdleWaits() {
        KernelHarness h = new KernelHarness(10_000);
        KThread a = h.spawn("a", LOOP);
        h.k.taskOps.suspend(a.task);
        h.run(100_000);
        assertEquals(0, a.ctx.x[0]);
        assertTrue(h.cpu.waiting, "idle CPU waits for an interrupt");
        assertNull(h.k.scheduler().current());
    }

    @Test
    void threadSwitchWaitSleepsForTheTimeout() {
        KernelHarness h = new KernelHarness();
        KThread t = h.spawn("sleeper", TrapTest.SVC_WFI);
        t.ctx.x[8] = -61;
        t.ctx.x[0] = 0;
        t.ctx.x[1] = 2; // SWITCH_OPTION_WAIT
        t.ctx.x[2] = 5; // ms
        long start = h.cpu.icount;
        h.run(100_000_000);
        assertEquals("wfi", t.wait.describe());
        assertTrue(h.k.clock().nowNs() >= 5_000_000, "virtual time advanced while idle: " + h.k.clock().nowNs());
        assertTrue(h.cpu.icount - start < 1_000_000_000L);
    }

    @Test
    void swtchYieldsAndReportsOthers() {
        KernelHarness h = new KernelHarness();
        KThread t = h.spawn("y", TrapTest.SVC_WFI);
        t.ctx.x[8] = -60;
        h.run(1000);
        assertEquals(0, t.ctx.x[0], "nobody else was ready");
    }
}
