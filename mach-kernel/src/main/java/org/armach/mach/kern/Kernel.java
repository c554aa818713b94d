package org.armach.mach.kern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.ExceptionHook;
import org.armach.core.cpu.SysRegs;
import org.armach.mach.device.Console;
import org.armach.mach.device.DeviceMaster;
import org.armach.mach.host.Host;
import org.armach.mach.ipc.IpcKernel;
import org.armach.mach.ipc.MachMsg;
import org.armach.mach.ipc.MsgOutcome;
import org.armach.mach.ipc.MsgWait;

/**
 * The Java GNU Mach: installed as the CPU's EL1 ({@link ExceptionHook}). Every exception
 * from EL0 enters {@link #handle}: the current thread's registers are saved into its pcb,
 * the exception is handled (trap, fault, interrupt), the scheduler picks the thread to
 * resume and its registers are loaded back for the CPU's exception return.
 */
public final class Kernel implements ExceptionHook {
    /** Boot-time settings. */
    public static final class Config {
        public long pageSize = 4096;
        /** Scheduling quantum (GNU Mach: 10 ms at hz = 100). */
        public long quantumNs = 10_000_000L;
        public VmFactory vm;
        public Console console;
        public KernelClock clock;
        /**
         * The interrupt controller (GIC driver), or null when the clock and the console drive
         * the CPU's IRQ input directly (test harnesses): then every IRQ polls both.
         */
        public IrqController irq;
        /** The INTIDs of the clock's timer and of the console's receive interrupt. */
        public int timerIntid = TimerClock.PPI_VIRTUAL_TIMER, consoleIntid = 33;
        /** Whether host_reboot may stop the machine (PSCI); tests may turn it off. */
        public boolean firmwareReboot = true;
    }

    public final Cpu cpu;
    public final IpcKernel ipc = new IpcKernel();
    final Scheduler sched;
    final Timers timers = new Timers();
    final KernelClock clock;
    private final IrqController intc;
    private final int timerIntid, consoleIntid;
    final VmFactory vmFactory;
    final Console console;
    final long pageSize;
    final boolean firmwareReboot;
    final List<Task> tasks = new ArrayList<>();
    final Tasks taskOps;
    final UserTraps userTraps;
    final KernelRpc rpc;
    public final Host host;
    public final DeviceMaster devices;
    public final org.armach.mach.host.Processors processors;
    final PcSampling pcSampling = new PcSampling(this);
    final TaskNotify taskNotify = new TaskNotify(this);
    private final ArrayDeque<Runnable> afterTrap = new ArrayDeque<>();
    /** Device interrupt handlers by INTID (besides the clock's and the console's). */
    private final Map<Integer, Runnable> irqHandlers = new java.util.HashMap<>();
    final Map<MsgWait, KThread> msgWaiters = new IdentityHashMap<>();
    private int nextTaskId = 1;
    private final List<Runnable> entryHooks = new ArrayList<>(1);
    RpcTrace trace;
    /** Set when the machine should stop (host_reboot without firmware); for tests. */
    int rebootRequested = -1;

    public Kernel(Cpu cpu, Config cfg) {
        this.cpu = cpu;
        this.pageSize = cfg.pageSize;
        this.vmFactory = cfg.vm;
        this.console = cfg.console;
        this.clock = cfg.clock;
        this.intc = cfg.irq;
        this.timerIntid = cfg.timerIntid;
        this.consoleIntid = cfg.consoleIntid;
        this.firmwareReboot = cfg.firmwareReboot;
        this.sched = new Scheduler(this, cfg.quantumNs);
        this.taskOps = new Tasks(this);
        this.userTraps = new UserTraps(this);
        this.host = new Host(this);
        this.devices = new DeviceMaster(this);
        this.rpc = new KernelRpc(this);
        host.register(rpc);
        this.processors = new org.armach.mach.host.Processors(this, host);
        processors.register(rpc);
        SchedRpc.register(this, rpc);
        Emulation.register(this, rpc);
        pcSampling.register(rpc);
        taskNotify.register(rpc);
        devices.register(rpc);
        if (vmFactory != null) {
            vmFactory.installRpc(rpc.server("mach.defs"), rpc.server("mach_host.defs"), Kernel::spaceOf,
                    o -> o instanceof Host.HostObject, o -> o == null || o instanceof Right && ((Right) o).port() == null);
            PagerMessages link = new PagerMessages(this);
            vmFactory.installPagers(rpc.server("mach.defs"), Kernel::spaceOf, link);
            vmFactory.installGnumach(rpc.server("gnumach.defs"), Kernel::spaceOf,
                    o -> o instanceof Host.HostObject && ((Host.HostObject) o).privileged(), PagerMessages::pagerOfName);
            ProxyRpc.register(this, rpc, link);
        }
        ipc.setWakeupSink(this::msgWakeup);
        ipc.setClock(() -> clock.nowNs());
    }

    /** The space of the live task behind a request port object or a body right, else null. */
    static org.armach.mach.vm.VmSpace spaceOf(Object o) {
        Object obj = o instanceof Right ? ((Right) o).object() : o;
        return obj instanceof Task && ((Task) obj).active ? ((Task) obj).vm : null;
    }

    /** Installs the kernel as the CPU's EL1 and sets the EL1 controls as a kernel would. */
    public void install() {
        cpu.setEl1Hook(this);
        long sctlr = 0x30d00800L | 1 /* M */ | 4 /* C */ | 8 /* SA */ | 16 /* SA0 */ | (1L << 12) /* I */
                | (1L << 14) /* DZE */ | (1L << 15) /* UCT */ | SysRegs.SCTLR_NTWE | SysRegs.SCTLR_UCI | (1L << 23) /* SPAN */;
        cpu.sctlr[1] = sctlr;
        cpu.cpacrEl1 = 3L << 20; // FPEN: no FP/SIMD traps at EL0 or EL1
        cpu.updateFpTrap();
        cpu.sysStore[SysRegs.MAIR_EL1] = 0x00_44_ff_04L; // device nGnRE, normal WB, normal NC
        cpu.sysStore[SysRegs.TCR_EL1] = tcr(pageSize);
        cpu.flushTlb();
        idle();
    }

    /** TCR_EL1 for 48-bit user and kernel halves with the kernel's page size. */
    static long tcr(long pageSize) {
        long tg0 = pageSize == 65536 ? 1 : pageSize == 16384 ? 2 : 0;
        long tg1 = pageSize == 65536 ? 3 : pageSize == 16384 ? 1 : 2;
        long cache = (1L << 8) | (1L << 10) | (3L << 12); // WBWA inner/outer, inner shareable
        return 16 | cache | (tg0 << 14) | (16L << 16) | (cache << 16) | (tg1 << 30) | (5L << 32) /* IPS 48 bits */;
    }

    // =====================================================================================
    // Exception entry
    // =====================================================================================

    @Override
    public void handle(Cpu c, int vectorOffset) {
        KThread cur = sched.current;
        if (cur != null) cur.ctx.save(c);
        for (int i = 0; i < entryHooks.size(); i++) entryHooks.get(i).run();
        int kind = (vectorOffset >> 7) & 3;
        if (kind == 1) irq();
        else if (kind == 0 && cur != null && (vectorOffset & 0x400) != 0) userTraps.sync(cur, c.esr[1], c.far[1]);
        runAfterTrap();
        sched.dispatch();
        KThread next = sched.current;
        if (next != null) enter(next);
    }

    /**
     * The context whose FP/SIMD registers are live in the CPU (its saved copy is stale), or
     * null: FP state is switched only when another thread runs, not on every trap.
     */
    private UserContext fpLive;

    /** Loads {@code next}'s registers for the exception return, its FP state only if not live. */
    private void enter(KThread next) {
        next.ctx.load(cpu);
        if (fpLive == next.ctx) return;
        if (fpLive != null) fpLive.saveFp(cpu);
        next.ctx.loadFp(cpu);
        fpLive = next.ctx;
    }

    /** Before thread_get/set_state touches a context's FP state: makes its saved copy current. */
    void syncFp(UserContext ctx) {
        if (fpLive != ctx) return;
        ctx.saveFp(cpu);
        fpLive = null;
    }

    /**
     * From outside an exception (after boot, or after threads were made runnable by the host
     * while the CPU idles): lets the scheduler pick a thread and enters EL0.
     */
    public void kick() {
        if (cpu.el != 0) {
            cpu.spsr[1] = UserContext.PSTATE_EL0;
            cpu.elr[1] = 0;
            sched.dispatch();
            KThread next = sched.current;
            if (next != null) enter(next);
            boolean idle = next == null;
            cpu.eret();
            cpu.waiting = idle;
        } else if (sched.current == null) {
            cpu.takeException(1, 0, 0, 0, false, cpu.pc, 1);
        }
    }

    private void irq() {
        if (intc == null) {
            timerInterrupt();
            devices.interrupt();
            for (Runnable h : irqHandlers.values()) h.run();
            return;
        }
        int id;
        // bounded: a source that stayed asserted is taken again after the return to EL0
        for (int n = 0; n < 16 && (id = intc.acknowledge()) < IrqController.FIRST_SPECIAL; n++) {
            if (id == timerIntid) timerInterrupt();
            else if (id == consoleIntid) devices.interrupt();
            else deviceInterrupt(id);
            intc.endOfInterrupt(id);
        }
    }

    private void deviceInterrupt(int id) {
        Runnable h = irqHandlers.get(id);
        if (h != null) h.run();
    }

    /** A driver's interrupt: enabled at the interrupt controller, {@code handler} runs when it is taken. */
    public void attachInterrupt(int intid, Runnable handler) {
        irqHandlers.put(intid, handler);
        if (intc != null) intc.enable(intid);
    }

    private void timerInterrupt() {
        if (clock.acknowledge()) timers.fire(clock.nowNs());
    }

    /** Work that must run after the current trap's IPC operation finished (terminations). */
    void afterTrap(Runnable r) {
        afterTrap.add(r);
    }

    void runAfterTrap() {
        Runnable r;
        while ((r = afterTrap.poll()) != null) r.run();
    }

    /** Nothing to run: return to an EL0 context that executes nothing until an interrupt. */
    void idle() {
        cpu.elr[1] = 0;
        cpu.spsr[1] = UserContext.PSTATE_EL0;
        cpu.waiting = true;
    }

    // =====================================================================================
    // Blocking and waking
    // =====================================================================================

    /** Blocks a thread on a wait (optionally with a timeout in ns from now; <0 = none). */
    void block(KThread t, Wait w, long timeoutNs) {
        t.wait = w;
        w.reason = Wait.NONE;
        t.state = KThread.State.WAITING;
        sched.dequeue(t);
        if (timeoutNs >= 0) w.timer = timers.at(clock.nowNs() + timeoutNs, () -> wake(t, w, Wait.TIMEOUT));
    }

    /** Records a wake reason for a blocked thread and makes it runnable (the wait finishes when it is picked). */
    void wake(KThread t, Wait w, int reason) {
        if (t.wait != w || t.state == KThread.State.HALTED) return;
        if (reason > w.reason) w.reason = reason;
        t.state = KThread.State.RUNNABLE;
        sched.enqueue(t);
    }

    /**
     * Applies a mach_msg outcome to {@code t}: parks it, makes it wait for a pager page and
     * restart the call (nothing was committed), or sets the return value.
     */
    void msgOutcome(KThread t, MsgOutcome o) {
        if (o.isBlocked()) {
            blockMsg(t, o.waitObject());
        } else if (o.waitsForMemory() && o.continuation() != null) {
            PageWait.block(this, t, o.continuation(), () -> msgOutcome(t, o.resume()), PageWait.UNINTERRUPTIBLE);
        } else if (o.waitsForMemory()) {
            PageWait.block(this, t, t.task.vm.takePendingPage(), () -> msgOutcome(t, o.resume()), o.interruptCode());
        } else {
            t.ctx.x[0] = o.code() & 0xffffffffL;
        }
    }

    /** Parks a thread in mach_msg. */
    void blockMsg(KThread t, MsgWait mw) {
        MsgBlock b = new MsgBlock(mw);
        msgWaiters.put(mw, t);
        block(t, b, mw.hasTimeout() ? mw.timeoutNs() : -1);
    }

    private void msgWakeup(MsgWait mw) {
        KThread t = msgWaiters.get(mw);
        if (t != null) wake(t, t.wait, Wait.WOKEN);
    }

    // =====================================================================================
    // Accessors
    // =====================================================================================

    /** Runs {@code r} on every exception entry (the mapped time page is refreshed there). */
    public void onKernelEntry(Runnable r) { entryHooks.add(r); }

    public VmFactory vmFactory() { return vmFactory; }

    public List<Task> tasks() { return List.copyOf(tasks); }
    public Scheduler scheduler() { return sched; }
    public Tasks taskOps() { return taskOps; }
    public KernelRpc rpc() { return rpc; }
    public Console console() { return console; }
    public KernelClock clock() { return clock; }
    public Timers timers() { return timers; }
    public long pageSize() { return pageSize; }
    public int rebootRequested() { return rebootRequested; }
    public void setTrace(RpcTrace t) { trace = t; }

    int newTaskId() { return nextTaskId++; }

    /** host_reboot: PSCI SYSTEM_OFF for RB_HALT, SYSTEM_RESET otherwise (with -no-reboot the machine exits). */
    public void reboot(int options) {
        rebootRequested = options;
        if (!firmwareReboot || cpu.firmware == null) {
            cpu.stopRequested = true;
            return;
        }
        cpu.r[0] = (options & 0x8) != 0 ? 0x84000008L : 0x84000009L;
        if (!cpu.firmware.call(cpu, false, 0)) cpu.firmware.call(cpu, true, 0);
        cpu.stopRequested = true;
    }

    /** Prints a kernel message on the console. */
    public void print(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        console.write(b, 0, b.length);
    }
}
