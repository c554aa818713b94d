package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.armach.mach.ipc.Le;
import org.junit.jupiter.api.Test;

class ExceptionTest {
    /** brk #0x42; wfi; svc #1; ldr x1, [x2]; udf #0 */
    static final int[] FAULTS = {0xd4200840, 0xd503207f, 0xd4000021, 0xf9400041, 0x00000000};
    static final long BUF = KernelHarness.DATA + 0x2000;

    @Test
    void breakpointGoesToTheTaskExceptionPortAndWaitsForTheReply() {
        KernelHarness h = new KernelHarness();
        Task handler = h.k.taskOps.create(null, false, "handler");
        KThread ht = h.thread(handler, TrapTest.SVC_WFI);
        int excName = KernelHarness.receiveRight(handler);
        Task victim = h.k.taskOps.create(null, false, "victim");
        KThread vt = h.thread(victim, FAULTS);
        victim.excPort = KernelHarness.portOf(handler, excName).makeSend();
        long[] x = ht.ctx.x;
        x[8] = -25; x[0] = BUF; x[1] = 2; x[3] = 4096; x[4] = excName;
        h.k.taskOps.resume(ht);
        h.k.taskOps.resume(vt);
        h.run(10_000);
        assertEquals(0, x[0], "handler received");
        byte[] m = h.read(handler, BUF, 112);
        assertEquals(112, Le.i32(m, 4));
        assertEquals(2400, Le.i32(m, 28));
        assertEquals(0x80001112, Le.i32(m, 0), "complex, local PORT_SEND, remote PORT_SEND_ONCE");
        assertSame(vt, KernelHarness.portOf(handler, Le.i32(m, 40)).kobject());
        assertSame(victim, KernelHarness.portOf(handler, Le.i32(m, 56)).kobject());
        assertEquals(ExcCodes.EXC_BREAKPOINT, Le.i32(m, 72));
        assertEquals(ExcCodes.EXC_AARCH64_BRK, Le.i32(m, 88));
        assertEquals(0x42, Le.i64(m, 104));
        assertNotNull(vt.wait);
        assertEquals("exception 6", vt.wait.describe());
        // reply KERN_SUCCESS after stepping the victim over the brk
        vt.ctx.pc += 4;
        int replyName = Le.i32(m, 8);
        byte[] rep = new byte[48];
        Le.put32(rep, 0, 18);
        Le.put32(rep, 4, 48);
        Le.put32(rep, 8, replyName);
        Le.put32(rep, 28, 2500);
        Le.put32(rep, 32, 0x20002002);
        Le.put32(rep, 36, 1);
        h.write(handler, BUF, rep);
        x[0] = BUF; x[1] = 1; x[2] = 48; x[3] = 0; x[4] = 0;
        h.k.taskOps.abort(ht);
        h.run(10_000);
        assertEquals(0, x[0]);
        assertNotNull(vt.wait, h.console() + " state " + vt.state + " current " + (h.k.scheduler().current() == vt) + " x0 " + x[0]);
        assertEquals("wfi", vt.wait.describe(), "victim resumed and reached its wfi");
        assertTrue(victim.active);
    }

    @Test
    void noHandlerTerminatesTheTaskWithAMessage() {
        KernelHarness h = new KernelHarness();
        KThread t = h.spawn("victim", 0xf9400041); // ldr x1, [x2] with x2 = 0
        h.run(1000);
        assertFalse(t.task.active);
        assertTrue(h.console().contains("exception 1, code 1, subcode 0x0"), h.console());
        assertTrue(h.k.tasks().isEmpty());
    }

    @Test
    void badSvcImmediateIsSoftwareException() {
        KernelHarness h = new KernelHarness();
        h.spawn("victim", 0xd4000021);
        h.run(1000);
        assertTrue(h.console().contains("exception 5, code 1, subcode 0x1"), h.console());
    }

    @Test
    void outOfRangeTrapIsSoftwareException() {
        KernelHarness h = new KernelHarness();
        KThread t = h.spawn("victim", 0xd4000001);
        t.ctx.x[8] = 0x1234;
        h.run(1000);
        assertTrue(h.console().contains("exception 5, code 1, subcode 0x0"), h.console());
    }

    @Test
    void undefinedInstructionIsBadInstruction() {
        KernelHarness h = new KernelHarness();
        h.spawn("victim", 0x00000000);
        h.run(1000);
        assertTrue(h.console().contains("exception 2, code 1"), h.console());
    }

    @Test
    void threadExceptionPortComesFirst() {
        KernelHarness h = new KernelHarness();
        Task handler = h.k.taskOps.create(null, false, "handler");
        int a = KernelHarness.receiveRight(handler), b = KernelHarness.receiveRight(handler);
        KThread vt = h.spawn("victim", 0xd4200840);
        vt.task.excPort = KernelHarness.portOf(handler, a).makeSend();
        vt.excPort = KernelHarness.portOf(handler, b).makeSend();
        h.run(1000);
        assertEquals(1, KernelHarness.portOf(handler, b).msgCount());
        assertEquals(0, KernelHarness.portOf(handler, a).msgCount());
        // the handler dies: its receive rights go, the reply right's send-once notification sends the
        // exception on to the task port — which is dead too, so the task is terminated
        h.k.taskOps.terminate(handler);
        h.run(1000);
        assertFalse(vt.task.active, h.console());
    }
}
