package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;

import org.armach.mach.host.Hwcaps;
import org.armach.mig.MigReply;
import org.junit.jupiter.api.Test;

/** EL0 programs calling kernel RPCs through mach_msg (send + receive on a reply port). */
class RpcTest {
    static final long BUF = KernelHarness.DATA + 0x1000;

    KernelHarness h = new KernelHarness();
    UserMig mig = new UserMig();
    Task task;
    KThread t;
    int reply;
    /** Applied to every request's bytes before it is sent (tests of malformed requests). */
    java.util.function.UnaryOperator<byte[]> patch = b -> b;

    /** Sends one request from a fresh task's thread and returns the decoded reply. */
    MigReply call(String defs, String routine, java.util.function.IntSupplier dest, Map<String, Object> args) {
        if (task == null) {
            task = h.k.taskOps.create(null, false, "client");
            t = h.thread(task, TrapTest.SVC_WFI);
            reply = KernelHarness.receiveRight(task);
        }
        byte[] req = patch.apply(mig.request(defs, routine, dest.getAsInt(), reply, args));
        h.write(task, BUF, req);
        long[] x = t.ctx.x;
        x[8] = -25;
        x[0] = BUF;
        x[1] = 3;
        x[2] = req.length;
        x[3] = 4096;
        x[4] = reply;
        x[5] = 0;
        x[6] = 0;
        if (t.suspendCount > 0) h.k.taskOps.resume(t);
        else {
            t.ctx.pc -= 8; // back onto the svc before the wfi we stopped after
            h.k.taskOps.abort(t);
        }
        StringBuilder log = new StringBuilder();
        h.k.setTrace((who, id, name, ret) -> log.append(id).append(' ').append(name).append(' ').append(ret).append('\n'));
        h.run(100_000);
        assertEquals(0, x[0], "mach_msg return; trace:\n" + log + "wait " + (t.wait == null ? null : t.wait.describe()) + " pc " + Long.toHexString(t.ctx.pc) + " x8 " + x[8] + " x1 " + x[1] + " icount " + h.cpu.icount + " console " + h.console());
        int size = UserMem.getInt(h.read(task, BUF + 4, 4), 0);
        return mig.reply(defs, routine, h.read(task, BUF, size));
    }

    int self() {
        return KernelHarness.sendRight(task, task.self);
    }

    @Test
    void portAllocateAndType() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        MigReply r = call("mach_port.defs", "mach_port_allocate", this::self, Map.of("right", 1));
        assertEquals(0, r.retCode());
        int name = ((Number) r.get("name")).intValue();
        assertEquals(task.space, KernelHarness.portOf(task, name).receiver());
        MigReply ty = call("mach_port.defs", "mach_port_type", this::self, Map.of("name", name));
        assertEquals(0, ty.retCode());
        assertEquals(0x20000, ((Number) ty.get("ptype")).intValue());
    }

    @Test
    void hwcapsFromTheIdRegisters() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        int host = KernelHarness.sendRight(task, h.k.host.hostPort());
        MigReply r = call("mach_aarch64.defs", "aarch64_get_hwcaps", () -> host, Map.of("hwcapsCnt", 16));
        assertEquals(0, r.retCode());
        int[] w = (int[]) r.get("hwcaps");
        assertEquals(2, w.length);
        assertEquals((int) Hwcaps.hwcap(h.cpu.model), w[0]);
        assertTrue((w[0] & 3) == 3, "FP and ASIMD");
        assertEquals(0, w[0] & (1 << 11), "never CPUID");
        assertEquals(h.cpu.model.midr, ((Number) r.get("midr_el1")).longValue());
        MigReply bad = call("mach_aarch64.defs", "aarch64_get_hwcaps", this::self, Map.of("hwcapsCnt", 16));
        assertEquals(KernCodes.KERN_INVALID_HOST, bad.retCode());
    }

    @Test
    void ownFpStateIsReadAndWrittenThroughTheLiveRegisters() {
        // FP/SIMD registers stay in the CPU across traps (switched only between threads):
        // thread_get_state/set_state on the calling thread must see and replace the live ones
        call("mach_port.defs", "mach_port_allocate", this::self, Map.of("right", 1));
        h.cpu.v[2 * 5] = 0x5555;
        h.cpu.fpsr = 0x8;
        int me = KernelHarness.sendRight(task, t.self);
        MigReply f = call("mach.defs", "thread_get_state", () -> me, Map.of("flavor", 2, "old_stateCnt", 1024));
        assertEquals(0, f.retCode());
        int[] fw = (int[]) f.get("old_state");
        assertEquals(0x5555, fw[20]);
        assertEquals(0x8, fw[128]);
        fw[20] = 0x6666;
        MigReply s = call("mach.defs", "thread_set_state", () -> me, Map.of("flavor", 2, "new_state", fw));
        assertEquals(0, s.retCode());
        assertEquals(0x6666, h.cpu.v[2 * 5], "the new state is in the CPU when the thread runs again");
    }

    @Test
    void threadGetAndSetStateLayouts() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        KThread other = h.k.taskOps.createThread(task);
        for (int i = 0; i < 31; i++) other.ctx.x[i] = 0x1000L * i + i;
        other.ctx.sp = 0x7000_0000L;
        other.ctx.pc = 0x40_1234L;
        other.ctx.tpidr = 0xabcdef;
        other.ctx.pstate = 0x6000_0000L;
        other.ctx.v[2 * 3] = 0x1111;
        other.ctx.v[2 * 3 + 1] = 0x2222;
        other.ctx.fpcr = 0x0300_0000;
        other.ctx.fpsr = 0x10;
        int th = KernelHarness.sendRight(task, other.self);
        MigReply r = call("mach.defs", "thread_get_state", () -> th, Map.of("flavor", 1, "old_stateCnt", 1024));
        assertEquals(0, r.retCode());
        int[] w = (int[]) r.get("old_state");
        assertEquals(70, w.length);
        assertEquals(0x7007, w[2 * 7]);
        assertEquals(0x7000_0000, w[62]);
        assertEquals(0x40_1234, w[64]);
        assertEquals(0xabcdef, w[66]);
        assertEquals(0x6000_0000, w[68]);
        MigReply f = call("mach.defs", "thread_get_state", () -> th, Map.of("flavor", 2, "old_stateCnt", 1024));
        int[] fw = (int[]) f.get("old_state");
        assertEquals(136, fw.length);
        assertEquals(0x1111, fw[12]);
        assertEquals(0x2222, fw[14]);
        assertEquals(0x10, fw[128]);
        assertEquals(0x0300_0000, fw[130]);
        MigReply small = call("mach.defs", "thread_get_state", () -> th, Map.of("flavor", 1, "old_stateCnt", 69));
        assertEquals(4, small.retCode());

        w[2 * 9] = 99;
        w[64] = 0x40_2000;
        MigReply s = call("mach.defs", "thread_set_state", () -> th, Map.of("flavor", 1, "new_state", w));
        assertEquals(0, s.retCode());
        assertEquals(99, other.ctx.x[9]);
        assertEquals(0x40_2000, other.ctx.pc);
    }

    @Test
    void taskCreateThreadCreateAndTaskThreads() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        MigReply c = call("mach.defs", "task_create", this::self, Map.of("inherit_memory", 0));
        assertEquals(0, c.retCode());
        int child = ((Number) c.get("child_task")).intValue();
        Task ct = (Task) KernelHarness.portOf(task, child).kobject();
        assertEquals(2, h.k.tasks().size());
        MigReply tc = call("mach.defs", "thread_create", () -> child, new HashMap<>());
        assertEquals(0, tc.retCode());
        assertEquals(1, ct.threads.size());
        assertEquals(1, ct.threads.get(0).suspendCount);
        MigReply term = call("mach.defs", "task_terminate", () -> child, new HashMap<>());
        assertEquals(0, term.retCode());
        assertFalse(ct.active);
        assertEquals(1, h.k.tasks().size());
    }

    @Test
    void hostRebootAndKernelVersion() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        int host = KernelHarness.sendRight(task, h.k.host.hostPort());
        MigReply v = call("mach_host.defs", "host_get_kernel_version", () -> host, new HashMap<>());
        assertEquals(0, v.retCode());
        assertTrue(((String) v.get("kernel_version")).startsWith("GNU Mach"));
        MigReply bad = call("mach_host.defs", "host_reboot", () -> host, Map.of("options", 0));
        assertEquals(KernCodes.KERN_INVALID_HOST, bad.retCode());
        int priv = KernelHarness.sendRight(task, h.k.host.privPort());
        call("mach_host.defs", "host_reboot", () -> priv, Map.of("options", 0));
        assertEquals(0, h.k.rebootRequested());
        assertTrue(h.cpu.stopRequested);
    }

    @Test
    void consoleDeviceWriteAndRead() {
        task = h.k.taskOps.create(null, false, "client");
        t = h.thread(task, TrapTest.SVC_WFI);
        reply = KernelHarness.receiveRight(task);
        int master = KernelHarness.sendRight(task, h.k.devices.masterPort());
        MigReply o = call("device.defs", "device_open", () -> master, Map.of("mode", 3, "name", "console"));
        assertEquals(0, o.retCode());
        int dev = ((Number) o.get("device")).intValue();
        MigReply w = call("device.defs", "device_write_inband", () -> dev,
                Map.of("mode", 0, "recnum", 0L, "data", "hi\n".getBytes()));
        assertEquals(0, w.retCode());
        assertEquals("hi\n", h.console());
        h.console.type("xy");
        MigReply r = call("device.defs", "device_read_inband", () -> dev, Map.of("mode", 0, "recnum", 0L, "bytes_wanted", 10));
        assertEquals(0, r.retCode());
        assertArrayEquals("xy".getBytes(), (byte[]) r.get("data"));
        MigReply none = call("device.defs", "device_open", () -> master, Map.of("mode", 3, "name", "disk0"));
        assertEquals(2502, none.retCode());
    }
}
