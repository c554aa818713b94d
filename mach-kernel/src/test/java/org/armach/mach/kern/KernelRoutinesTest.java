package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;

import org.armach.mach.ipc.KMsg;
import org.armach.mach.ipc.Port;
import org.armach.mig.MigReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduling, processor, time, emulation, PC-sampling, new-task and device routines through mach_msg. */
class KernelRoutinesTest {
    static final int KERN_FAILURE = 5, KERN_INVALID_ARGUMENT = 4, KERN_INVALID_HOST = 22, KERN_NO_ACCESS = 8;
    RpcTest r = new RpcTest();
    int self, host, priv;

    @BeforeEach
    void boot() {
        r.task = r.h.k.taskOps.create(null, false, "client");
        r.t = r.h.thread(r.task, TrapTest.SVC_WFI);
        r.reply = KernelHarness.receiveRight(r.task);
        self = KernelHarness.sendRight(r.task, r.task.self);
        host = KernelHarness.sendRight(r.task, r.h.k.host.hostPort());
        priv = KernelHarness.sendRight(r.task, r.h.k.host.privPort());
    }

    MigReply call(String defs, String routine, int dest, Object... kv) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) a.put((String) kv[i], kv[i + 1]);
        return r.call(defs, routine, () -> dest, a);
    }

    int port(MigReply m, String name) {
        return ((Number) m.get(name)).intValue();
    }

    Object obj(int name) {
        return KernelHarness.portOf(r.task, name).kobject();
    }

    int psetPriv() {
        int name = port(call("mach_host.defs", "processor_set_default", host), "default_set");
        MigReply p = call("mach_host.defs", "host_processor_set_priv", priv, "set_name", name);
        assertEquals(0, p.retCode());
        return port(p, "set");
    }

    @Test
    void prioritiesAndMaxPriority() {
        KThread other = r.h.k.taskOps.createThread(r.task);
        assertEquals(Scheduler.BASEPRI_USER, other.maxPri, "pset max_priority");
        int th = KernelHarness.sendRight(r.task, other.self);
        assertEquals(KERN_FAILURE, call("mach_host.defs", "thread_priority", th, "priority", 10, "set_max", 0).retCode(),
                "stronger than max_priority");
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "thread_priority", th, "priority", 50, "set_max", 0).retCode());
        assertEquals(0, call("mach_host.defs", "thread_priority", th, "priority", 30, "set_max", 0).retCode());
        assertEquals(30, other.basePri);
        int pset = psetPriv();
        int name = port(call("mach_host.defs", "processor_set_default", host), "default_set");
        assertEquals(KERN_INVALID_ARGUMENT,
                call("mach_host.defs", "thread_max_priority", th, "processor_set", name, "max_priority", 5).retCode(), "name port");
        assertEquals(0, call("mach_host.defs", "thread_max_priority", th, "processor_set", pset, "max_priority", 5).retCode());
        assertEquals(0, call("mach_host.defs", "thread_priority", th, "priority", 10, "set_max", 1).retCode());
        assertEquals(10, other.maxPri);
        assertEquals(0, call("mach_host.defs", "thread_max_priority", th, "processor_set", pset, "max_priority", 40).retCode());
        assertEquals(40, other.basePri, "lowered to the new limit");
        assertEquals(KERN_FAILURE, call("mach_host.defs", "task_priority", self, "priority", 20, "change_threads", 1).retCode());
        assertEquals(20, r.task.priority);
        assertEquals(0, call("mach_host.defs", "task_priority", self, "priority", 45, "change_threads", 1).retCode());
        assertEquals(45, other.basePri);
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "processor_set_max_priority", name, "max_priority", 3,
                "change_threads", 0).retCode());
        assertEquals(0, call("mach_host.defs", "processor_set_max_priority", pset, "max_priority", 48, "change_threads", 1).retCode());
        assertEquals(48, other.maxPri);
        assertEquals(48, r.h.k.sched.psetMaxPriority);
    }

    @Test
    void policiesNeedTheSet() {
        KThread other = r.h.k.taskOps.createThread(r.task);
        int th = KernelHarness.sendRight(r.task, other.self);
        int pset = psetPriv();
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "thread_policy", th, "policy", 4, "data", 0).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "thread_policy", th, "policy", 2, "data", 25).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "processor_set_policy_disable", pset, "policy", 1,
                "change_threads", 0).retCode(), "timesharing stays");
        assertEquals(0, call("mach_host.defs", "processor_set_policy_enable", pset, "policy", 2).retCode());
        assertEquals(0, call("mach_host.defs", "thread_policy", th, "policy", 2, "data", 25).retCode());
        assertEquals(Scheduler.POLICY_FIXEDPRI, other.policy);
        assertEquals(3, other.schedDataTicks, "25 ms rounds up to 3 ticks");
        assertEquals(30_000_000L, r.h.k.sched.quantumOf(other));
        assertArrayEquals(new int[] {2, 30, 25, 25, 25, 0, 0}, Info.thread(r.h.k, other, Info.THREAD_SCHED_INFO, 7));
        assertEquals(0, call("mach_host.defs", "processor_set_policy_disable", pset, "policy", 2, "change_threads", 1).retCode());
        assertEquals(Scheduler.POLICY_TIMESHARE, other.policy);
    }

    @Test
    void assignmentsAndProcessors() {
        int pset = psetPriv();
        int th = KernelHarness.sendRight(r.task, r.t.self);
        assertEquals(KERN_FAILURE, call("mach_host.defs", "thread_assign", th, "new_set", pset).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "task_assign", self, "new_set", pset, "assign_threads", 1).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "task_assign_default", self, "assign_threads", 0).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "thread_assign_default", th).retCode());
        MigReply ta = call("mach_host.defs", "task_get_assignment", self);
        assertEquals(0, ta.retCode());
        assertEquals(org.armach.mach.ipc.KObjectKind.PSET_NAME, ((org.armach.mach.ipc.KernelObject) obj(port(ta, "assigned_set"))).kind());
        assertEquals(0, call("mach_host.defs", "thread_get_assignment", th).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "task_get_assignment", host).retCode());
        MigReply pl = call("mach_host.defs", "host_processors", priv);
        int proc = ((int[]) toInts(pl.get("processor_list")))[0];
        assertEquals(KERN_FAILURE, call("mach_host.defs", "processor_start", proc).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "processor_exit", proc).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "processor_start", self).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "processor_set_create", host).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "processor_set_destroy", pset).retCode());
        assertEquals(KERN_FAILURE, call("mach_host.defs", "processor_assign", proc, "new_set", pset, "wait", 1).retCode());
        assertEquals(0, call("mach_host.defs", "processor_get_assignment", proc).retCode());
        r.h.k.taskOps.create(r.task, false, "second");
        MigReply tasks = call("mach_host.defs", "processor_set_tasks", pset);
        assertEquals(0, tasks.retCode());
        int[] tl = toInts(tasks.get("task_list"));
        assertEquals(2, tl.length);
        assertSame(r.task, obj(tl[0]));
        MigReply threads = call("mach_host.defs", "processor_set_threads", pset);
        assertSame(r.t, obj(toInts(threads.get("thread_list"))[0]));
        int name = port(call("mach_host.defs", "processor_set_default", host), "default_set");
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "processor_set_tasks", name).retCode(), "needs pset_priv");
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "thread_wire", host, "thread", th, "wired", 1).retCode());
        assertEquals(0, call("mach_host.defs", "thread_wire", priv, "thread", th, "wired", 1).retCode());
        assertTrue(r.t.vmPrivileged);
        int other = KernelHarness.sendRight(r.task, r.h.k.taskOps.createThread(r.task).self);
        assertEquals(KERN_INVALID_ARGUMENT, call("mach_host.defs", "thread_wire", priv, "thread", other, "wired", 1).retCode(),
                "only the current thread");
    }

    /** A port array reply: inline ints or an OOL array address in the task. */
    int[] toInts(Object o) {
        if (o instanceof int[]) return (int[]) o;
        if (o instanceof org.armach.mig.OutOfLine) {
            org.armach.mig.OutOfLine l = (org.armach.mig.OutOfLine) o;
            byte[] b = r.h.read(r.task, ((Number) l.data()).longValue(), 4 * l.count());
            int[] n = new int[l.count()];
            for (int i = 0; i < n.length; i++) n[i] = org.armach.mach.ipc.Le.i32(b, 4 * i);
            return n;
        }
        if (o instanceof Object[]) {
            Object[] a = (Object[]) o;
            int[] n = new int[a.length];
            for (int i = 0; i < a.length; i++) n[i] = ((Number) a[i]).intValue();
            return n;
        }
        throw new AssertionError("array " + o);
    }

    @Test
    void adjustTimeSlewsPerTick() {
        assertEquals(KERN_INVALID_HOST, call("mach_host.defs", "host_adjust_time", host, "new_adjustment", new long[] {1, 0}).retCode());
        long t0 = r.h.k.host.time().nowNs();
        MigReply a = call("mach_host.defs", "host_adjust_time", priv, "new_adjustment", new long[] {2, 7});
        assertEquals(0, a.retCode());
        MigReply b = call("mach_host.defs", "host_adjust_time64", priv, "new_adjustment", new long[] {0, 0});
        assertEquals(0, b.retCode());
        long[] old = org.armach.mach.host.HostTimeAccess.decode(b.get("old_adjustment"));
        long remainingUs = old[0] * 1_000_000 + old[1] / 1000;
        assertTrue(remainingUs <= 2_000_000 && remainingUs > 1_000_000, "rounded to 50 µs ticks and partly applied: " + remainingUs);
        assertEquals(0, remainingUs % 50);
        assertTrue(r.h.k.host.time().nowNs() >= t0);
    }

    @Test
    void emulationVectorsAndRas() {
        assertEquals(0, call("mach.defs", "task_set_emulation", self, "routine_entry_pt", 0x4000L, "routine_number", 5).retCode());
        assertEquals(0, call("mach.defs", "task_set_emulation", self, "routine_entry_pt", 0x5000L, "routine_number", 2).retCode());
        assertEquals(2, r.task.emulationStart);
        assertArrayEquals(new long[] {0x5000, 0, 0, 0x4000}, r.task.emulation);
        MigReply g = call("mach.defs", "task_get_emulation_vector", self);
        assertEquals(0, g.retCode());
        assertEquals(2, g.getInt("vector_start"));
        assertEquals(Emulation.EML_BAD_TASK, call("mach.defs", "task_get_emulation_vector", host).retCode());
        Task child = r.h.k.taskOps.create(r.task, false, "child");
        assertArrayEquals(r.task.emulation, child.emulation, "inherited");
        assertEquals(KERN_FAILURE, call("mach.defs", "task_ras_control", self, "basepc", 0L, "boundspc", 8L, "flavor", 1).retCode());
    }

    @Test
    void pcSamplingRecordsTheRunningThread() {
        MigReply e = call("mach4.defs", "task_enable_pc_sampling", self, "flavor", PcSampling.SAMPLED_PC_PERIODIC);
        assertEquals(0, e.retCode());
        assertEquals(10_000, e.getInt("tick"));
        assertEquals(KERN_FAILURE, call("mach4.defs", "thread_get_sampled_pcs", KernelHarness.sendRight(r.task, r.t.self),
                "seqno", 0).retCode(), "never enabled on the thread");
        KThread saved = r.h.k.sched.current;
        long pc = r.t.ctx.pc;
        r.t.ctx.pc = 0x1234;
        r.h.k.sched.current = r.t;
        for (int i = 0; i < 3; i++) r.h.k.pcSampling.onTick();
        r.h.k.sched.current = saved;
        r.t.ctx.pc = pc;
        assertEquals(3, r.task.pcSample.seqno);
        MigReply g = call("mach4.defs", "task_get_sampled_pcs", self, "seqno", 1);
        assertEquals(0, g.retCode());
        assertTrue(g.getInt("seqno") >= 3);
        byte[] s = (byte[]) g.get("sampled_pcs");
        assertEquals(0, s.length % PcSampling.SAMPLE_SIZE);
        assertTrue(s.length >= 2 * PcSampling.SAMPLE_SIZE);
        assertEquals(0x1234, org.armach.mach.ipc.Le.i64(s, 8));
        assertEquals(1, org.armach.mach.ipc.Le.i32(s, 16));
        MigReply d = call("mach4.defs", "task_disable_pc_sampling", self);
        assertEquals(0, d.retCode());
        assertNull(r.task.pcSample);
        assertEquals(KERN_FAILURE, call("mach4.defs", "task_get_sampled_pcs", self, "seqno", 0).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call("mach4.defs", "task_enable_pc_sampling", host, "flavor", 1).retCode());
    }

    @Test
    void newTaskNotificationAndDefaultManager() {
        int notify = KernelHarness.receiveRight(r.task);
        assertEquals(KERN_INVALID_HOST, call("gnumach.defs", "register_new_task_notification", host, "notification", notify, UserMig.DISPOSITIONS, Map.of("notification", 20)).retCode());
        assertEquals(0, call("gnumach.defs", "register_new_task_notification", priv, "notification", notify, UserMig.DISPOSITIONS, Map.of("notification", 20)).retCode());
        assertEquals(KERN_NO_ACCESS, call("gnumach.defs", "register_new_task_notification", priv, "notification", notify, UserMig.DISPOSITIONS, Map.of("notification", 20)).retCode());
        MigReply c = call("mach.defs", "task_create", self, "inherit_memory", 0);
        assertEquals(0, c.retCode());
        Port np = KernelHarness.portOf(r.task, notify);
        assertEquals(1, np.msgCount(), "mach_notify_new_task queued");
        assertEquals(KernCodes.KERN_INVALID_HOST, call("mach.defs", "vm_set_default_memory_manager", host, "default_manager", 0).retCode());
        MigReply dm = call("mach.defs", "vm_set_default_memory_manager", priv, "default_manager", notify, UserMig.DISPOSITIONS, Map.of("default_manager", 20));
        assertEquals(0, dm.retCode());
        assertEquals(0, port(dm, "default_manager"), "none before");
        MigReply dm2 = call("mach.defs", "vm_set_default_memory_manager", priv, "default_manager", 0);
        assertEquals(notify, port(dm2, "default_manager"), "read back as the caller's name");
    }

    @Test
    void deviceFilterAndInterrupts() {
        int master = KernelHarness.sendRight(r.task, r.h.k.devices.masterPort());
        MigReply o = call("device.defs", "device_open", master, "mode", 3, "name", "console");
        int con = port(o, "device");
        int rp = KernelHarness.receiveRight(r.task);
        assertEquals(2505, call("device.defs", "device_set_filter", con, "receive_port", rp, UserMig.DISPOSITIONS, Map.of("receive_port", 20), "priority", 0, "filter", new short[0]).retCode());
        assertEquals(2502, call("device.defs", "device_set_filter", self, "receive_port", rp, UserMig.DISPOSITIONS, Map.of("receive_port", 20), "priority", 0, "filter", new short[0]).retCode());
        assertEquals(2505, call("device.defs", "device_intr_register", master, "id", 1, "flags", 0, "receive_port", rp, UserMig.DISPOSITIONS, Map.of("receive_port", 20)).retCode());
        assertEquals(2505, call("device.defs", "device_intr_ack", con, "receive_port", rp, UserMig.DISPOSITIONS, Map.of("receive_port", 20)).retCode());
    }
}
