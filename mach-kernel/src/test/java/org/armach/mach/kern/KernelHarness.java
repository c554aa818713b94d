package org.armach.mach.kern;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.device.StreamConsole;
import org.armach.mach.ipc.IpcIntrospect;
import org.armach.mach.ipc.KernelRights;
import org.armach.mach.ipc.MachPortNames;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;

/** A CPU with the Java kernel installed, the test VM, and helpers to start tiny EL0 programs. */
final class KernelHarness {
    static final long RAM = 0x4000_0000L;
    static final long CODE = 0x40_0000L, STACK_TOP = 0x7fff_0000L, DATA = 0x50_0000L;

    final PhysicalMemory ram = new PhysicalMemory(RAM, 64L << 20);
    final Bus bus = new Bus(ram);
    final Cpu cpu = new Cpu(CpuModel.byName("max"), bus, A64.table());
    final TestVm.Factory vm = new TestVm.Factory(cpu, RAM + (8L << 20), RAM + (64L << 20));
    final StreamConsole console = new StreamConsole();
    final Kernel k;

    KernelHarness() {
        this(100_000);
    }

    KernelHarness(long quantumNs) {
        Kernel.Config c = new Kernel.Config();
        c.vm = vm;
        c.console = console;
        c.clock = new DeadlineClock(cpu, level -> cpu.irqLine = level);
        c.quantumNs = quantumNs;
        c.firmwareReboot = false;
        k = new Kernel(cpu, c);
        k.install();
    }

    /** A task with the program at CODE, a data page at DATA and a stack; its one thread is resumed. */
    KThread spawn(String name, int... code) {
        Task t = k.taskOps.create(null, false, name);
        KThread th = thread(t, code);
        k.taskOps.resume(th);
        return th;
    }

    KThread thread(Task t, int... code) {
        TestVm v = (TestVm) t.vm;
        if (!v.pages.containsKey(CODE >>> 12)) {
            alloc(t, CODE, 0x4000);
            alloc(t, DATA, 0x10000);
            alloc(t, STACK_TOP - 0x10000, 0x10000);
        }
        KThread th = k.taskOps.createThread(t);
        long base = CODE + 0x1000L * (t.threads.size() - 1);
        byte[] b = new byte[code.length * 4];
        for (int i = 0; i < code.length; i++) UserMem.putInt(b, 4 * i, code[i]);
        v.poke(base, b);
        th.ctx.pc = base;
        th.ctx.sp = STACK_TOP - 0x1000L * t.threads.size();
        return th;
    }

    static void alloc(Task t, long at, long size) {
        long[] a = {at};
        if (t.vm.allocate(a, size, false) != 0) throw new AssertionError("allocate " + Long.toHexString(at));
    }

    /** Runs until nothing can run any more (idle with no timer) or the limit. */
    long run(long maxInsns) {
        long end = cpu.icount + maxInsns;
        k.kick();
        while (cpu.icount < end && !cpu.stopRequested) {
            cpu.run(Math.min(1 << 16, end - cpu.icount));
            k.clock().poll();
            if (cpu.waiting && !cpu.irqLine) {
                if (cpu.eventDeadline == Long.MAX_VALUE) break;
                cpu.icount = Math.max(cpu.icount, cpu.eventDeadline);
                k.clock().poll();
            }
        }
        return cpu.icount;
    }

    /** Gives the task a send right named by the kernel's choice; returns the name. */
    static int sendRight(Task t, Port p) {
        return KernelRights.copyout(t.space, p.makeSend(), MsgType.PORT_SEND);
    }

    static int receiveRight(Task t) {
        int[] n = {0};
        MachPortNames.allocate(t.space, 1, n);
        return n[0];
    }

    static Port portOf(Task t, int name) {
        return IpcIntrospect.portOf(t.space, name);
    }

    byte[] read(Task t, long addr, int len) {
        byte[] b = new byte[len];
        if (!t.vm.read(addr, b, 0, len)) throw new AssertionError("unreadable " + Long.toHexString(addr));
        return b;
    }

    void write(Task t, long addr, byte[] b) {
        if (!t.vm.write(addr, b, 0, b.length)) throw new AssertionError("unwritable " + Long.toHexString(addr));
    }

    String console() {
        return console.output();
    }
}
