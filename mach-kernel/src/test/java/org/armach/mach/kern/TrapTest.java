package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import org.armach.mach.ipc.MachMsgReturn;
import org.armach.mach.ipc.PortConst;
import org.junit.jupiter.api.Test;

class TrapTest {
    static final int[] TRAPS = {0x10000320, 0x128003a8, 0xd4000001, 0x12800368, 0xd4000001, 0xaa0003f3, 0x12800348,
        0xd4000001, 0xaa0003f4, 0x12800388, 0xd4000001, 0xaa0003f5, 0x12800328, 0xd4000001, 0xaa0003f6, 0x128003c8,
        0xd4000001, 0xaa0003f7, 0x12800368, 0xd4000001, 0xaa0003f8, 0x12800128, 0xd4000001, 0xaa0003f9, 0xd503207f,
        0x6c6c6568, 0x7266206f, 0x45206d6f, 0x000a304c};
    /** svc #0; wfi (three times): registers are set by the test. */
    static final int[] SVC_WFI = {0xd4000001, 0xd503207f, 0xd4000001, 0xd503207f, 0xd4000001, 0xd503207f};

    @Test
    void selfTrapsPrintAndInvalidTrap() {
        KernelHarness h = new KernelHarness();
        KThread t = h.spawn("traps", TRAPS);
        h.run(10_000);
        assertEquals("hello from EL0\n", h.console());
        long[] x = t.ctx.x;
        Task task = t.task;
        assertSame(task, KernelHarness.portOf(task, (int) x[19]).kobject());
        assertSame(t, KernelHarness.portOf(task, (int) x[20]).kobject());
        assertSame(h.k.host.hostPort(), KernelHarness.portOf(task, (int) x[21]));
        assertEquals(x[22] & 0xffffffffL, x[22]);
        assertNotNull(KernelHarness.portOf(task, (int) x[22]));
        assertEquals(4, x[23], "kern_invalid trap returns KERN_INVALID_ARGUMENT");
        assertEquals(x[19], x[24], "the same send right name for the task");
        assertEquals(0, x[25], "null_port trap");
        assertEquals(1, x[19], "first name of a fresh space is 1");
        assertEquals("wfi", t.wait.describe());
        assertEquals(t.ctx.pc, KernelHarness.CODE + 4 * 25, "WFI stepped over");
    }

    @Test
    void shortcutPortAllocateWritesTheName() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        int self = KernelHarness.sendRight(task, task.self);
        t.ctx.x[8] = -72;
        t.ctx.x[0] = self;
        t.ctx.x[1] = PortConst.RIGHT_RECEIVE;
        t.ctx.x[2] = KernelHarness.DATA;
        h.k.taskOps.resume(t);
        h.run(1000);
        assertEquals(0, t.ctx.x[0]);
        int name = UserMem.getInt(h.read(task, KernelHarness.DATA, 4), 0);
        assertNotNull(KernelHarness.portOf(task, name));
        assertEquals(task.space, KernelHarness.portOf(task, name).receiver());
    }

    @Test
    void shortcutOnNonTaskPortAsksForTheRpc() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        t.ctx.x[8] = -65;
        t.ctx.x[0] = KernelHarness.sendRight(task, h.k.host.hostPort());
        h.k.taskOps.resume(t);
        h.run(1000);
        assertEquals(MachMsgReturn.MACH_SEND_INTERRUPTED, t.ctx.x[0]);
    }

    @Test
    void vmMapTrapReadsStackArguments() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        long sp = t.ctx.sp;
        byte[] stack = new byte[24];
        UserMem.putLong(stack, 0, 1);  // cur_prot READ
        UserMem.putLong(stack, 8, 7);  // max_prot
        UserMem.putLong(stack, 16, 1); // inherit copy
        h.write(task, sp, stack);
        byte[] addr = new byte[8];
        UserMem.putLong(addr, 0, 0x2000_0000L);
        h.write(task, KernelHarness.DATA, addr);
        long[] x = t.ctx.x;
        x[8] = -64;
        x[0] = KernelHarness.sendRight(task, task.self);
        x[1] = KernelHarness.DATA;
        x[2] = 0x3000;
        x[3] = 0;
        x[4] = 0; // fixed
        h.k.taskOps.resume(t);
        h.run(1000);
        assertEquals(0, x[0]);
        assertEquals(0, task.vm.fault(0x2000_2000L, 1));
        assertEquals(2, task.vm.fault(0x2000_2000L, 2), "cur_prot READ from the stack");
    }

    @Test
    void badStackForVmMapIsBadAccess() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        t.ctx.sp = 0x1234_0000L;
        t.ctx.x[8] = -64;
        h.k.taskOps.resume(t);
        h.run(1000);
        assertTrue(h.console().contains("exception 1, code 1, subcode 0x12340000"), h.console());
        assertFalse(task.active);
    }

    @Test
    void threadSetSelfStateResumesWithNewRegisters() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        int[] w = new int[70];
        w[0] = 0x1234;                 // x0
        w[2 * 5] = 55;                 // x5
        w[2 * 31] = (int) (KernelHarness.STACK_TOP - 64); // sp
        w[2 * 32] = (int) (KernelHarness.CODE + 4); // pc: the wfi
        w[2 * 33] = 0x7777;            // tpidr
        w[2 * 34] = 0x2000_0000 | 0x3c5; // cpsr: C flag + EL1h bits that must be dropped
        byte[] b = new byte[280];
        for (int i = 0; i < 70; i++) UserMem.putInt(b, 4 * i, w[i]);
        h.write(task, KernelHarness.DATA, b);
        t.ctx.x[8] = -77;
        t.ctx.x[0] = ThreadState.AARCH64_THREAD_STATE;
        t.ctx.x[1] = KernelHarness.DATA;
        t.ctx.x[2] = 70;
        h.k.taskOps.resume(t);
        h.run(1000);
        assertEquals(0x1234, t.ctx.x[0], "x0 from the new state, not the return code");
        assertEquals(55, t.ctx.x[5]);
        assertEquals(0x7777, t.ctx.tpidr);
        assertEquals(KernelHarness.STACK_TOP - 64, t.ctx.sp);
        assertEquals(KernelHarness.CODE + 8, t.ctx.pc);
        assertEquals(0x2000_0000L, t.ctx.pstate);
        assertEquals("wfi", t.wait.describe());
    }

    @Test
    void threadSetSelfStateBadCountAndPointer() {
        KernelHarness h = new KernelHarness();
        Task task = h.k.taskOps.create(null, false, "a");
        KThread t = h.thread(task, SVC_WFI);
        t.ctx.x[8] = -77;
        t.ctx.x[0] = 1;
        t.ctx.x[1] = 0x10;
        t.ctx.x[2] = 70;
        h.k.taskOps.resume(t);
        h.run(1000);
        assertEquals(4, t.ctx.x[0]);
    }
}
