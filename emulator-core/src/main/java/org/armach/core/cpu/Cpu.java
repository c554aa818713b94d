package org.armach.core.cpu;

import static org.armach.core.mem.PhysicalMemory.LE16;
import static org.armach.core.mem.PhysicalMemory.LE32;
import static org.armach.core.mem.PhysicalMemory.LE64;

import org.armach.core.cpu.decode.DecodeTable;
import org.armach.core.cpu.decode.Encoding;
import org.armach.core.mem.Bus;
import org.armach.core.mem.MmioDevice;
import org.armach.core.mem.PhysicalMemory;

/**
 * One AArch64 processing element: architectural state, the execution loop over the
 * pre-decoded instruction cache, the software TLB in front of translation, and exception
 * entry/return. Instruction semantics live in {@code org.armach.core.cpu.a64}, grouped by
 * ARM ARM section, and reach this class only through {@link Op}.
 */
public final class Cpu {
    // ---- general purpose registers -------------------------------------------------
    /** Index that always reads as zero (XZR/WZR as a source). */
    public static final int ZR = 31;
    /** Index that swallows writes to XZR/WZR. Never read. */
    public static final int SINK = 32;
    /** Index of the current stack pointer (SP_EL0 or SP_ELx per PSTATE.SPSel). */
    public static final int SP = 33;

    /** X0..X30, then {@link #ZR}, {@link #SINK}, {@link #SP}. */
    public final long[] r = new long[34];
    /** V0..V31 as pairs of longs: v[2n] = low 64 bits, v[2n+1] = high 64 bits. */
    public final long[] v = new long[64];

    /** Program counter of the executing instruction, and of the next one (handlers set it to branch). */
    public long pc, npc;

    // ---- PSTATE ---------------------------------------------------------------------
    public boolean nf, zf, cf, vf;
    /** Current exception level 0..3. */
    public int el;
    /** PSTATE.SPSel: true = SP_ELx, false = SP_EL0. */
    public boolean spsel;
    /** PSTATE.DAIF as a 4-bit value: D=8, A=4, I=2, F=1. */
    public int daif;
    public boolean pan, uao, ss, il, dit, ssbs;
    /** The stack pointers of each EL not currently in {@code r[SP]}. */
    public final long[] spEl = new long[4];

    // ---- system registers used by the core (the rest live in SysRegs' table) -------
    public final long[] sctlr = new long[4];
    public final long[] vbar = new long[4];
    public final long[] elr = new long[4];
    public final long[] spsr = new long[4];
    public final long[] esr = new long[4];
    public final long[] far = new long[4];
    public final long[] tpidr = new long[4];
    public long tpidrroEl0;
    public long cpacrEl1;
    public long parEl1;
    public int fpcr, fpsr;
    /** Generic storage for table-driven system registers, indexed by their table slot. */
    public final long[] sysStore = new long[256];
    /** MPIDR_EL1 affinity fields (Aff0..Aff3) of this PE, set by the board for SMP; ORed with the model's. */
    public long affinity;
    /** Generic-timer device listening to CNTP_* / CNTV_* writes (see {@link SysRegs}); may be null. */
    public TimerRegisters timerRegisters;
    /** GICv3 CPU interface answering the ICC_* system registers; null = no GIC system-register interface. */
    public IccRegisters iccRegisters;

    // ---- exclusive monitor -------------------------------------------------------------
    public long exclusiveAddr = -1;
    public int exclusiveSize;
    /** The value(s) the load-exclusive read (low and, for 128-bit pairs, high 64 bits). */
    public long exclusiveValue, exclusiveHigh;

    // ---- machine coupling ------------------------------------------------------------
    public final CpuModel model;
    /** Physical address size of the model (PARange), for address size checks. */
    public final int paBits;
    public final Bus bus;
    public final PhysicalMemory ram;
    private final DecodeTable table;
    private Translator translator = new org.armach.core.cpu.mmu.Mmu();
    private ExceptionHook el1Hook;
    /** Firmware (PSCI) answering HVC/SMC; null makes them behave as on a CPU without EL2/EL3. */
    public FirmwareCall firmware;
    /**
     * EL2 is implemented (-M virt,virtualization=on): HVC from EL1 is taken to EL2, the EL2
     * registers exist and ID_AA64PFR0_EL1.EL2 says so. Stage 2 and VHE are not emulated; the EL2
     * translation regime is always flat (SCTLR_EL2.M is stored but ignored).
     */
    public boolean el2Enabled;
    /** Target EL of the pending synchronous exception when it is above EL1 (0 = the usual). */
    private int pendTargetEl;

    // ---- debugger and tracing: the fast loop never looks at these --------------------------
    /** Breakpoints and watchpoints of an attached debugger, or null. */
    private CpuDebug debug;
    /** Receiver of -d trace events, or null. */
    private Tracer tracer;
    /** Breakpoints, watchpoints or per-instruction tracing are on: {@link #run} takes the instrumented loop. */
    private boolean instrumented;

    /** Attaches a debugger's breakpoint/watchpoint sets (null detaches). */
    public void setDebug(CpuDebug d) {
        debug = d;
        instrumentationChanged();
    }

    public CpuDebug debug() { return debug; }

    /** Installs a tracer (null removes it). */
    public void setTracer(Tracer t) {
        tracer = t;
        instrumentationChanged();
    }

    public Tracer tracer() { return tracer; }

    /**
     * Re-evaluates which loop {@link #run} takes and drops the soft TLB (so watched pages leave
     * it); call after changing breakpoints or watchpoints.
     */
    public void instrumentationChanged() {
        instrumented = (debug != null && debug.active()) || (tracer != null && tracer.tracesExec());
        flushTlb();
    }

    /** Retired instructions since reset: the basis of the virtual clock. */
    public long icount;
    /**
     * The system counter (CNTPCT/CNTVCT source). Default: the virtual clock, one
     * instruction = 1 ns, counted at CNTFRQ = 62.5 MHz (icount / 16). Boards replace it.
     */
    public java.util.function.LongSupplier counter = () -> icount >>> 4;
    /** CNTFRQ_EL0 value reported to the guest. */
    public long counterFrequency = 62_500_000L;
    /** Set by handlers that change state the loop caches (code, TLB, PSTATE.DAIF...). */
    public boolean exitLoop;
    /** Interrupt request lines driven by the interrupt controller. */
    public volatile boolean irqLine, fiqLine;
    /** In WFI/WFE waiting for an event or interrupt. */
    public boolean waiting;
    /** Set by the platform (PSCI SYSTEM_OFF, reset, host stop request) to leave {@link #run}. */
    public volatile boolean stopRequested;
    /** Whether the local event register is set (SEV/SEVL, exception return). */
    public boolean eventRegister;
    /** Whether CPACR_EL1.FPEN traps FP/SIMD at the current EL; maintained by {@link #updateFpTrap()}. */
    public boolean fpTrapped;

    // ---- pending synchronous exception (filled before throwing GuestException) -----------
    private int pendEc, pendIss;
    private long pendFar, pendReturn;
    private boolean pendFarValid;

    // ---- software TLB ------------------------------------------------------------------
    // Maps 4 KiB virtual pages straight to host RAM pages (read, write) or decoded-code arrays
    // (fetch). One set of arrays per permission view: EL0, EL1 with PSTATE.PAN = 0, EL1 with
    // PAN = 1, so exception entry/return and PAN toggles switch views instead of flushing; and
    // one set of views per address space (TlbSets), so TTBR0/ASID switches need not flush.
    // The fast path uses the arrays of the current view through the fields below.
    private static final int TLB_SIZE = TlbView.SIZE;
    private static final int TLB_MASK = TlbView.MASK;

    /** The views per address space; {@link #views} are the current address space's. */
    private final TlbSets tlbs = new TlbSets();
    private TlbView[] views = tlbs.current();
    private TlbView view = views[0];
    private long[] rTag = view.rTag;
    private byte[][] rMem = view.rMem;
    private long[] wTag = view.wTag;
    private byte[][] wMem = view.wMem;
    private long[] fTag = view.fTag;
    private CodePage[] fCode = view.fCode;

    /** Makes the soft TLB view of the current EL and PSTATE.PAN the active one. */
    private void selectView() {
        TlbView v = views[el == 0 ? 0 : el == 2 ? 3 : pan ? 2 : 1];
        if (v == view) return;
        view = v;
        rTag = v.rTag;
        rMem = v.rMem;
        wTag = v.wTag;
        wMem = v.wMem;
        fTag = v.fTag;
        fCode = v.fCode;
        exitLoop = true;
    }

    // ---- decoded instruction cache, one array per RAM page that has been executed ---------
    private final CodePage[] codeCache;

    /**
     * The decoded instructions of one 4 KiB physical page: the ops and their operands in
     * parallel arrays, so the loop's two loads are independent (not Insn then Insn.op).
     */
    static final class CodePage {
        final Op[] ops = new Op[INSNS_PER_PAGE];
        final Insn[] insns = new Insn[INSNS_PER_PAGE];
        /** Physical address of the page (to decode ahead when compiling a block). */
        final long pa;
        /** Compiled blocks by starting slot, or null; allocated at the first compilation. */
        Block[] blocks;
        /**
         * Starts of interpreted straight-line runs, per slot modulo {@link #HEAT_SLOTS} (a slot
         * sharing a counter only compiles a little early); allocated lazily.
         */
        int[] heat;

        CodePage(long pa) { this.pa = pa; }
    }
    private static final int INSNS_PER_PAGE = PhysicalMemory.PAGE_SIZE / 4;
    /** Heat counters per code page (a power of two): 256 bytes, not 4 KiB, for every page run. */
    private static final int HEAT_SLOTS = 64;

    public Cpu(CpuModel model, Bus bus, DecodeTable table) {
        this.model = model;
        this.paBits = model.paBits();
        this.bus = bus;
        this.ram = bus.ram();
        this.table = table;
        this.codeCache = new CodePage[(int) (ram.size() >>> PhysicalMemory.PAGE_SHIFT)];
        flushTlb();
        reset();
    }

    /** Architectural reset state as QEMU's virt starts a kernel: EL1h, all interrupts masked. */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(v, 0);
        java.util.Arrays.fill(spEl, 0);
        nf = zf = cf = vf = false;
        el = 1;
        spsel = true;
        daif = 0xf;
        pan = uao = ss = il = dit = ssbs = false;
        for (int i = 0; i < 4; i++) {
            sctlr[i] = 0x30d00800L; // RES1 bits of SCTLR_EL1, MMU/caches off
            vbar[i] = elr[i] = spsr[i] = esr[i] = far[i] = tpidr[i] = 0;
        }
        tpidrroEl0 = 0;
        cpacrEl1 = 0;
        parEl1 = 0;
        java.util.Arrays.fill(sysStore, 0);
        fpcr = fpsr = 0;
        exclusiveAddr = -1;
        waiting = false;
        eventRegister = false;
        updateFpTrap();
        selectView();
        flushTlb();
        translator.tlbi(this, 0, 0); // TLBI VMALLE1: the translator's own caches too
    }

    public void setTranslator(Translator t) {
        this.translator = t;
        flushTlb();
    }

    public Translator translator() { return translator; }

    /** Registers a host-side EL1 (the Java kernel), or null to vector into guest code. */
    public void setEl1Hook(ExceptionHook hook) { this.el1Hook = hook; }

    public ExceptionHook el1Hook() { return el1Hook; }

    public DecodeTable decodeTable() { return table; }

    // =====================================================================================
    // Execution loop
    // =====================================================================================

    /** Event deadline in retired instructions (timers); the loop returns to check it. */
    public long eventDeadline = Long.MAX_VALUE;

    /**
     * Runs until {@code budget} more instructions have retired, a stop is requested, the
     * CPU waits for an interrupt with nothing scheduled, or the event deadline passes.
     * Returns the number of instructions retired.
     */
    public long run(long budget) {
        selectView(); // state may have been set from outside (tests, debugger, board setup)
        if (instrumented) return runInstrumented(budget);
        final long start = icount;
        final long end = start + budget < start ? Long.MAX_VALUE : start + budget;
        long faults = 0;
        while (icount < end && !stopRequested) {
            if (irqLine || fiqLine) {
                if (checkInterrupts()) continue;
            }
            if (waiting) return icount - start;
            long limit = Math.min(end, eventDeadline);
            if (icount >= limit) return icount - start;
            try {
                if (jit && tracer == null) runSliceJit(limit);
                else runSlice(limit);
                if (!callPending) continue;
                callPending = false;
            } catch (GuestException ge) {
                faults++;
            }
            enterPendingException();
            // an exception loop that retires nothing (e.g. vectors in unmapped memory) must
            // still give control back to the caller once per budget
            if (faults > budget) return icount - start;
        }
        return icount - start;
    }

    private void runSlice(long limit) {
        long vpage = pc & ~(long) PhysicalMemory.PAGE_MASK;
        CodePage page = codePage(pc);
        Op[] ops = page.ops;
        Insn[] insns = page.insns;
        while (icount < limit) {
            long off = pc - vpage;
            if ((off & ~0xffcL) != 0) {
                vpage = pc & ~(long) PhysicalMemory.PAGE_MASK;
                page = codePage(pc);
                ops = page.ops;
                insns = page.insns;
                off = pc - vpage;
            }
            int idx = (int) off >>> 2;
            Op op = ops[idx];
            if (op == null) op = decodeSlot(page, idx);
            npc = pc + 4;
            op.exec(this, insns[idx]);
            pc = npc;
            icount++;
            if (exitLoop) {
                exitLoop = false;
                return;
            }
        }
    }

    // ---- block compilation (Block, BlockCompiler) ----------------------------------------------

    /**
     * Whether hot straight-line runs are compiled to JVM bytecode ({@link BlockCompiler}). Off
     * with the system property {@code armach.jit=false} (or {@code armach run --jit off}). The
     * result, including the instruction count at every exception, interrupt and stop, is the
     * same either way. Blocks are never used while the CPU is instrumented or traced.
     */
    public boolean jit = !"false".equals(System.getProperty("armach.jit"))
            && !"off".equals(System.getProperty("armach.jit"));
    /**
     * Interpreted starts of a straight-line run at one slot before it is compiled (property
     * {@code armach.jit.threshold}). High, because each block costs the JVM a class definition
     * (~0.2-0.5 ms) and C1/C2 compilations: only the hot loops repay that (docs/performance.md).
     */
    public int jitThreshold = Integer.getInteger("armach.jit.threshold", 300_000);
    /** Longest block, in instructions. */
    private static final int JIT_MAX_BLOCK = Integer.getInteger("armach.jit.maxBlock", 32);
    /** Most blocks compiled since the last {@link #dropBlocks} (every block is dropped beyond it). */
    private static final int JIT_MAX_LIVE = Integer.getInteger("armach.jit.maxLive", 20_000);
    /** Blocks compiled since the last {@link #dropBlocks} (an upper bound on the live ones). */
    private int liveBlocks;
    /** Blocks compiled so far (statistics, tests). */
    public long compiledBlocks;

    /**
     * {@link #runSlice} with compiled blocks: where a straight-line run starts (slice entry, the
     * target of a taken branch, the end of a block) a compiled block runs if there is one and the
     * remaining budget covers its length; otherwise the slot's heat grows and, past
     * {@link #jitThreshold}, the block is compiled. Everything else is the interpreter.
     */
    private void runSliceJit(long limit) {
        long vpage = pc & ~(long) PhysicalMemory.PAGE_MASK;
        CodePage page = codePage(pc);
        Op[] ops = page.ops;
        Insn[] insns = page.insns;
        boolean head = true;
        while (icount < limit) {
            long off = pc - vpage;
            if ((off & ~0xffcL) != 0) {
                vpage = pc & ~(long) PhysicalMemory.PAGE_MASK;
                page = codePage(pc);
                ops = page.ops;
                insns = page.insns;
                off = pc - vpage;
            }
            int idx = (int) off >>> 2;
            if (head) {
                if (runBlock(page, idx, limit)) {
                    if (exitLoop) {
                        exitLoop = false;
                        return;
                    }
                    continue; // the end of a block starts another straight-line run
                }
                head = false;
            }
            Op op = ops[idx];
            if (op == null) op = decodeSlot(page, idx);
            long next = pc + 4;
            npc = next;
            op.exec(this, insns[idx]);
            pc = npc;
            icount++;
            if (exitLoop) {
                exitLoop = false;
                return;
            }
            if (pc != next) head = true;
        }
    }

    /**
     * At the start of a straight-line run: runs the slot's block if there is one and the budget
     * covers it (true), or counts the start and compiles the block once hot (false: the caller
     * interprets the instruction).
     */
    private boolean runBlock(CodePage page, int idx, long limit) {
        Block[] blocks = page.blocks;
        Block b = blocks == null ? null : blocks[idx];
        if (b == null) {
            // with a high threshold, counted at one start in 16 (chosen by the instruction count:
            // deterministic), so code that never gets hot pays little for the counting
            int t = jitThreshold;
            if (t >= 1024) {
                if ((icount & 15) != 0) return false;
                t >>>= 4;
            }
            int[] heat = page.heat;
            if (heat == null) heat = page.heat = new int[HEAT_SLOTS];
            if (++heat[idx & (HEAT_SLOTS - 1)] < t) return false;
            compileBlock(page, idx);
            blocks = page.blocks;
            b = blocks == null ? null : blocks[idx];
            if (b == null) return false;
        }
        if (limit - icount < b.length) return false;
        b.run(this);
        return true;
    }

    /**
     * Compiles the straight-line run starting at slot {@code idx} of {@code page}: up to the first
     * unconditional branch, exception-generating or system instruction (MRS excepted) included,
     * the first UNDEFINED word excluded, the end of the page or {@link #JIT_MAX_BLOCK}. Slots not
     * yet decoded are decoded ahead (the words are those the interpreter would fetch: the page is
     * the current one, and any later store to a decoded slot drops the page's blocks).
     */
    private void compileBlock(CodePage page, int idx) {
        Op[] ops = new Op[JIT_MAX_BLOCK];
        Insn[] insns = new Insn[JIT_MAX_BLOCK];
        int n = 0;
        for (int k = idx; k < INSNS_PER_PAGE && n < JIT_MAX_BLOCK; k++) {
            Op op = page.ops[k];
            if (op == null) {
                Insn in = decode((int) ram.read(page.pa + 4L * k, 4));
                page.insns[k] = in;
                page.ops[k] = op = in.op;
            }
            if (op == UNDEFINED_OP) break;
            ops[n] = op;
            insns[n] = page.insns[k];
            n++;
            if (endsBlock(page.insns[k].raw)) break;
        }
        page.heat[idx & (HEAT_SLOTS - 1)] = 0; // an UNDEFINED word: counted again from zero
        if (n == 0) return;
        if (++liveBlocks > JIT_MAX_LIVE) {
            dropBlocks(); // bounded class count and code size, as QEMU flushes a full translation buffer
            liveBlocks = 1;
        }
        if (page.blocks == null) page.blocks = new Block[INSNS_PER_PAGE];
        try {
            page.blocks[idx] = BlockCompiler.compile(ops, insns, n);
            compiledBlocks++;
        } catch (RuntimeException | LinkageError e) {
            jit = false; // the interpreter carries on; the result is the same, only slower
            System.err.println("armach: block compilation failed, continuing without it: " + e.getMessage());
        }
    }

    /** Drops every compiled block (their classes unload once unreachable); decoded code stays. */
    private void dropBlocks() {
        for (CodePage p : codeCache) {
            if (p != null) {
                p.blocks = null;
                p.heat = null;
            }
        }
    }

    /** Unconditional branches, exception generation, system instructions other than MRS. */
    private static boolean endsBlock(int w) {
        if ((w & 0x7c000000) == 0x14000000) return true; // B, BL
        int top = w >>> 24;
        if (top == 0xd4 || top == 0xd6) return true; // SVC/HVC/SMC/BRK/HLT; BR/BLR/RET/ERET
        return top == 0xd5 && (w & 0xfff00000) != 0xd5300000; // MSR, SYS, hints, barriers
    }

    /**
     * {@link #run} with breakpoint checks before, and exec tracing of, every instruction; returns
     * early when a breakpoint or watchpoint stops the CPU ({@link CpuDebug#stopReason}).
     */
    private long runInstrumented(long budget) {
        final long start = icount;
        final long end = start + budget < start ? Long.MAX_VALUE : start + budget;
        final CpuDebug d = debug;
        long faults = 0;
        while (icount < end && !stopRequested && (d == null || d.stopReason == CpuDebug.STOP_NONE)) {
            if (irqLine || fiqLine) {
                if (checkInterrupts()) continue;
            }
            if (waiting) return icount - start;
            long limit = Math.min(end, eventDeadline);
            if (icount >= limit) return icount - start;
            try {
                while (icount < limit) {
                    if (d != null) {
                        int kind = d.breakpointAt(pc);
                        if (kind >= 0 && pc != d.skipPc) {
                            d.stopReason = CpuDebug.STOP_BREAK;
                            d.stopKind = kind;
                            return icount - start;
                        }
                    }
                    execOne();
                    if (d != null) d.skipPc = -1;
                    if (exitLoop) {
                        exitLoop = false;
                        break;
                    }
                }
            } catch (GuestException ge) {
                if (d != null) d.skipPc = -1;
                enterPendingException();
                if (++faults > budget) return icount - start;
            } catch (CpuDebug.Stop stop) {
                d.inInsn = false; // a watchpoint: the instruction is abandoned, PC stays on it
                exitLoop = false;
                return icount - start;
            }
        }
        return icount - start;
    }

    /** Fetches (decoding if needed), traces and executes the instruction at {@link #pc}. */
    private void execOne() {
        CodePage page = codePage(pc);
        int idx = (int) (pc & PhysicalMemory.PAGE_MASK) >>> 2;
        Op op = page.ops[idx];
        if (op == null) op = decodeSlot(page, idx);
        Insn in = page.insns[idx];
        npc = pc + 4;
        if (tracer != null) tracer.exec(this, in);
        CpuDebug d = debug;
        if (d != null) {
            d.inInsn = true;
            try {
                op.exec(this, in);
            } finally {
                d.inInsn = false;
            }
        } else {
            op.exec(this, in);
        }
        pc = npc;
        icount++;
    }

    /**
     * Executes exactly one instruction for a debugger's single-step. No interrupt is taken before
     * it (QEMU's default SSTEP_NOIRQ; a pending one is taken when the CPU next runs), a
     * breakpoint at the PC is ignored, an instruction that traps stops at its exception vector
     * (or, with a host EL1 handler, after the handler returned), and a WFI completes without
     * waiting. A watchpoint the instruction hits is recorded in {@link CpuDebug#stopReason}.
     */
    public void debugStep() {
        selectView();
        waiting = false;
        try {
            execOne();
        } catch (GuestException ge) {
            enterPendingException();
        } catch (CpuDebug.Stop stop) {
            // a watchpoint hit before the access: the step stops on the instruction
        }
        exitLoop = false;
        waiting = false;
    }

    /** Decoded-instruction array for the page holding {@code va}; raises instruction aborts. */
    private CodePage codePage(long va) {
        if ((va & 3) != 0) {
            throw syncException(Esr.EC_PC_ALIGN, 0, va, true, va);
        }
        long vpn = va >>> PhysicalMemory.PAGE_SHIFT;
        int i = (int) vpn & TLB_MASK;
        if (fTag[i] == vpn) return fCode[i];
        long pa = translator.translate(this, va, Translator.FETCH, el == 0);
        if (!ram.contains(pa)) {
            throw instructionAbort(va, Esr.FSC_SYNC_EXTERNAL);
        }
        int page = ram.pageIndex(pa);
        CodePage code = codeCache[page];
        if (code == null) {
            code = new CodePage(pa & ~(long) PhysicalMemory.PAGE_MASK);
            codeCache[page] = code;
            // writes to this page must now take the slow path that invalidates decoded slots
            for (TlbView[] set : tlbs.all()) {
                if (set == null) continue;
                for (TlbView tv : set) {
                    for (int j = 0; j < TLB_SIZE; j++) {
                        if (tv.wMem[j] != null && tv.wPage[j] == page) tv.clearW(j);
                    }
                }
            }
        }
        fTag[i] = vpn;
        fCode[i] = code;
        view.fNg[i] = (translator.lastInfo() & Translator.INFO_NG) != 0;
        return code;
    }

    private static final Op UNDEFINED_OP = (c, i) -> {
        throw c.undefined();
    };
    private static final Op FP_TRAP_CHECK_MARKER = (c, i) -> {};

    private Op decodeSlot(CodePage code, int idx) {
        int word = (int) ram.read(instructionPa(pc), 4);
        Insn in = decode(word);
        if (tracer != null) tracer.decoded(this, pc, in);
        code.insns[idx] = in;
        code.ops[idx] = in.op;
        return in.op;
    }

    private long instructionPa(long va) {
        return translator.translate(this, va, Translator.FETCH, el == 0);
    }

    /** Decodes one word into a fresh {@link Insn}; UNDEFINED words decode to an op that raises it. */
    public Insn decode(int word) {
        Insn in = new Insn(word);
        Encoding e = table.decode(word, in, model);
        if (e == null) {
            in.op = UNDEFINED_OP;
            in.raw = word;
            in.name = "UNDEFINED";
            return in;
        }
        if (in.rn == SP && (word & 0x0a000000) == 0x08000000 && (sctlr[1] & SCTLR_SA_BITS) != 0) {
            // a load/store with SP as its base while SCTLR_EL1.SA/SA0 checking is on (decoded
            // code is dropped when those bits change, so the check costs nothing otherwise)
            final Op inner = in.op;
            in.op = (c, i) -> {
                if ((c.r[SP] & 15) != 0 && (c.sctlr[1] & (c.el == 0 ? SCTLR_SA0 : SCTLR_SA)) != 0) throw c.spAlignmentFault();
                inner.exec(c, i);
            };
        }
        if (e.fp && ((cpacrEl1 >>> 20) & 3) != 3) {
            // FP/SIMD may trap (CPACR_EL1.FPEN != 0b11): check at run time. With FPEN = 0b11
            // nothing traps and the op runs bare; leaving that state drops all decoded code.
            final Op inner = in.op;
            in.op = (c, i) -> {
                if (c.fpTrapped) throw c.fpAccessTrap();
                inner.exec(c, i);
            };
        }
        return in;
    }

    /** Executes exactly one instruction (single-step), taking any exception it raises. */
    public void step() {
        long saved = eventDeadline;
        eventDeadline = icount + 1;
        try {
            run(1);
        } finally {
            eventDeadline = saved;
        }
    }

    // =====================================================================================
    // Exceptions
    // =====================================================================================

    /** Records a synchronous exception to be taken and returns the throwable to throw. */
    public GuestException syncException(int ec, int iss, long farValue, boolean farValid, long preferredReturn) {
        pendEc = ec;
        pendIss = iss;
        pendFar = farValue;
        pendFarValid = farValid;
        pendReturn = preferredReturn;
        return GuestException.INSTANCE;
    }

    /** HVC from EL1 with EL2 implemented: taken to EL2 (EC 0x16), return to the next instruction. */
    public GuestException hvcToEl2(int imm16) {
        pendTargetEl = 2;
        return syncException(Esr.EC_HVC64, imm16 & 0xffff, 0, false, pc + 4);
    }

    /** Enters EL2h with all interrupts masked (the virt board's reset state with virtualization=on). */
    public void enterEl2() {
        saveSp();
        el = 2;
        spsel = true;
        daif = 0xf;
        loadSp();
        sysStore[SysRegs.VPIDR_EL2] = model.midr;
        sysStore[SysRegs.VMPIDR_EL2] = (1L << 31) | model.mpidrAff | affinity;
        onContextChange();
    }

    /** ISS of the exception recorded by the last {@link #syncException} (AT uses it to fill PAR_EL1). */
    public int pendingIss() { return pendIss; }

    /** UNDEFINED instruction at {@link #pc}. */
    public GuestException undefined() {
        if (tracer != null) tracer.undefined(this, pc, debugWord(pc));
        return syncException(Esr.EC_UNKNOWN, 0, 0, false, pc);
    }

    /** The instruction word at {@code va} as a debugger reads it (0 if it cannot be read). */
    private int debugWord(long va) {
        long pa = translator.debugTranslate(this, va);
        return pa != -1 && ram.contains(pa) && ram.contains(pa + 3) ? (int) ram.read(pa, 4) : 0;
    }

    /** SCTLR_EL1.SA (EL1) and SA0 (EL0): stack-pointer alignment checking. */
    public static final long SCTLR_SA = 1L << 3, SCTLR_SA0 = 1L << 4, SCTLR_SA_BITS = SCTLR_SA | SCTLR_SA0;

    /** SP alignment fault (EC 0x26): a load/store based on a misaligned SP with SCTLR_EL1.SA/SA0 set. */
    public GuestException spAlignmentFault() {
        return syncException(Esr.EC_SP_ALIGN, 0, 0, false, pc);
    }

    /** Access to FP/SIMD trapped by CPACR_EL1.FPEN. */
    public GuestException fpAccessTrap() {
        return syncException(Esr.EC_FP_ACCESS, 0x1e00000, 0, false, pc);
    }

    public GuestException dataAbort(long va, int fsc, boolean write) {
        int ec = el == 0 ? Esr.EC_DABT_LOWER : Esr.EC_DABT_SAME;
        return syncException(ec, fsc | (write ? Esr.ISS_WNR : 0), va, true, pc);
    }

    public GuestException alignmentFault(long va, boolean write) {
        return dataAbort(va, Esr.FSC_ALIGNMENT, write);
    }

    public GuestException instructionAbort(long va, int fsc) {
        int ec = el == 0 ? Esr.EC_IABT_LOWER : Esr.EC_IABT_SAME;
        return syncException(ec, fsc, va, true, va);
    }

    /** SVC/HVC/SMC: ESR carries imm16; the preferred return is the next instruction. */
    public GuestException callException(int ec, int imm16) {
        return syncException(ec, imm16 & 0xffff, 0, false, pc + 4);
    }

    /** Set by {@link #raiseCall}: the loop left to take the pending exception. */
    private boolean callPending;

    /**
     * SVC without unwinding: records the exception as {@link #callException} does and leaves
     * the loop normally, with {@code pc} and {@code icount} as a throw would have left them
     * (the loop's {@code pc = npc; icount++} after the op is undone here). Throwing costs a
     * stack unwind through the JVM on every system call; this path costs a flag.
     */
    public void raiseCall(int ec, int imm16) {
        syncException(ec, imm16 & 0xffff, 0, false, pc + 4);
        npc = pc;
        icount--;
        callPending = true;
        exitLoop = true;
    }

    private void enterPendingException() {
        exitLoop = false;
        int target = Math.max(1, el);
        if (pendTargetEl != 0) {
            target = Math.max(pendTargetEl, el);
            pendTargetEl = 0;
        }
        takeException(target, pendEc, pendIss, pendFar, pendFarValid, pendReturn, 0);
    }

    /**
     * Takes an exception to {@code target} EL. {@code kind} is 0 sync, 1 IRQ, 2 FIQ, 3 SError.
     * Delivers to the registered host hook if the target is EL1 and one is set.
     */
    public void takeException(int target, int ec, int iss, long farValue, boolean farValid, long preferredReturn, int kind) {
        long savedPstate = pstate();
        int fromEl = el;
        boolean fromSpx = spsel;
        saveSp();
        if (kind == 0) {
            esr[target] = ((long) ec << 26) | (1L << 25) | (iss & 0x1ffffff);
            if (farValid) far[target] = farValue;
        }
        spsr[target] = savedPstate;
        elr[target] = preferredReturn;
        el = target;
        spsel = true;
        daif = 0xf;
        ss = false;
        il = false;
        if (target == 1 && (sctlr[1] & (1L << 23)) == 0 && model.pan) pan = true;
        loadSp();
        exclusiveAddr = -1;
        int offset;
        if (fromEl == target) offset = fromSpx ? 0x200 : 0x000;
        else offset = 0x400;
        offset += kind * 0x80;
        waiting = false;
        onContextChange();
        if (tracer != null) {
            tracer.exception(this, kind, ec, esr[target], kind == 0 && farValid, farValue, preferredReturn, fromEl, target,
                    target == 1 && el1Hook != null ? -1 : vbar[target] + offset);
        }
        if (target == 1 && el1Hook != null) {
            pc = npc = elr[1];
            el1Hook.handle(this, offset);
            eret();
            return;
        }
        pc = npc = vbar[target] + offset;
    }

    /** Exception return from the current EL (ERET semantics, including illegal-return checks). */
    public void eret() {
        int from = el;
        long s = spsr[from];
        long target = elr[from];
        int m = (int) (s & 0x1f);
        int newEl = (m >>> 2) & 3;
        boolean illegal = (m & 0x10) != 0 || newEl > from || (m & 2) != 0 || (newEl == 0 && (m & 1) != 0);
        saveSp();
        if (illegal) {
            // Illegal exception return: PSTATE.IL set, EL and SP unchanged, rest from SPSR.
            setFlagsFromSpsr(s);
            il = true;
        } else {
            setPstate(s);
        }
        loadSp();
        exclusiveAddr = -1;
        eventRegister = true;
        // With the address tagging off, bits above the VA size are kept; PC[1:0] are ignored by fetch alignment check.
        pc = npc = target;
        onContextChange();
        if (tracer != null) tracer.exceptionReturn(this, from, el, target);
    }

    private void setFlagsFromSpsr(long s) {
        nf = (s & (1L << 31)) != 0;
        zf = (s & (1L << 30)) != 0;
        cf = (s & (1L << 29)) != 0;
        vf = (s & (1L << 28)) != 0;
        daif = (int) (s >>> 6) & 0xf;
        ss = (s & (1L << 21)) != 0;
        pan = model.pan && (s & (1L << 22)) != 0;
        uao = model.uao && (s & (1L << 23)) != 0;
        dit = (s & (1L << 24)) != 0;
    }

    /** The PSTATE as an SPSR value (AArch64 format). */
    public long pstate() {
        long s = 0;
        if (nf) s |= 1L << 31;
        if (zf) s |= 1L << 30;
        if (cf) s |= 1L << 29;
        if (vf) s |= 1L << 28;
        if (dit) s |= 1L << 24;
        if (uao) s |= 1L << 23;
        if (pan) s |= 1L << 22;
        if (ss) s |= 1L << 21;
        if (il) s |= 1L << 20;
        s |= (long) daif << 6;
        s |= (long) el << 2;
        if (spsel) s |= 1;
        return s;
    }

    /** Loads PSTATE from an SPSR value (the caller keeps the stack pointers consistent). */
    public void setPstate(long s) {
        setFlagsFromSpsr(s);
        il = (s & (1L << 20)) != 0;
        el = (int) (s >>> 2) & 3;
        spsel = (s & 1) != 0;
    }

    /** Stores r[SP] into the bank the current PSTATE selects. */
    public void saveSp() {
        spEl[spsel ? el : 0] = r[SP];
    }

    /** Loads r[SP] from the bank the current PSTATE selects. */
    public void loadSp() {
        r[SP] = spEl[spsel ? el : 0];
    }

    /** Changes PSTATE.SPSel (MSR SPSel). */
    public void setSpsel(boolean sel) {
        saveSp();
        spsel = sel;
        loadSp();
    }

    /** Reads SP_ELn from the banks (for MRS SP_EL0 etc.). */
    public long spOf(int n) {
        return (spsel ? el : 0) == n ? r[SP] : spEl[n];
    }

    public void setSpOf(int n, long value) {
        if ((spsel ? el : 0) == n) r[SP] = value;
        else spEl[n] = value;
    }

    /** Called after changes of EL, translation regime or trap controls. */
    public void onContextChange() {
        updateFpTrap();
        selectView();
        if (translator.flushOnElChange()) flushTlb();
        exitLoop = true;
    }

    /** Recomputes {@link #fpTrapped} from CPACR_EL1.FPEN and the current EL. */
    public void updateFpTrap() {
        int fpen = (int) (cpacrEl1 >>> 20) & 3;
        fpTrapped = el <= 1 && (fpen == 0 || fpen == 2 || (fpen == 1 && el == 0));
        if (decodedWithFpen == 3 && fpen != 3) invalidateAllCode(); // bare FP ops were decoded
        decodedWithFpen = fpen;
    }

    /** CPACR_EL1.FPEN at the last {@link #updateFpTrap()}: decoded FP ops are bare while it is 0b11. */
    private int decodedWithFpen;

    /** Takes a pending, unmasked IRQ or FIQ; returns true if one was taken. */
    private boolean checkInterrupts() {
        if (el == 2) {
            // HCR_EL2.IMO/FMO = 0: physical IRQ/FIQ target EL1 and are not taken at EL2.
            if (waiting && (irqLine || fiqLine)) waiting = false;
            return false;
        }
        if (fiqLine && (daif & 1) == 0) {
            waiting = false;
            takeException(Math.max(1, el), 0, 0, 0, false, pc, 2);
            return true;
        }
        if (irqLine && (daif & 2) == 0) {
            waiting = false;
            takeException(Math.max(1, el), 0, 0, 0, false, pc, 1);
            return true;
        }
        if (waiting) waiting = false; // WFI wakes on a pending interrupt even if masked
        return false;
    }

    // =====================================================================================
    // Condition codes and flags
    // =====================================================================================

    public boolean cond(int cond) {
        boolean res;
        switch (cond >>> 1) {
            case 0: res = zf; break;
            case 1: res = cf; break;
            case 2: res = nf; break;
            case 3: res = vf; break;
            case 4: res = cf && !zf; break;
            case 5: res = nf == vf; break;
            case 6: res = nf == vf && !zf; break;
            default: return true;
        }
        return ((cond & 1) != 0) != res;
    }

    public int nzcv() {
        return (nf ? 8 : 0) | (zf ? 4 : 0) | (cf ? 2 : 0) | (vf ? 1 : 0);
    }

    public void setNzcv(int f) {
        nf = (f & 8) != 0;
        zf = (f & 4) != 0;
        cf = (f & 2) != 0;
        vf = (f & 1) != 0;
    }

    /** a + b + carry on 64 bits, setting NZCV. */
    public long adds64(long a, long b, int carry) {
        long res = a + b + carry;
        nf = res < 0;
        zf = res == 0;
        cf = carry == 0 ? Long.compareUnsigned(res, a) < 0 : Long.compareUnsigned(res, a) <= 0;
        vf = ((a ^ res) & (b ^ res)) < 0;
        return res;
    }

    /** a + b + carry on 32 bits, setting NZCV; returns the zero-extended result. */
    public long adds32(long a, long b, int carry) {
        long ua = a & 0xffffffffL, ub = b & 0xffffffffL;
        long wide = ua + ub + carry;
        int res = (int) wide;
        nf = res < 0;
        zf = res == 0;
        cf = (wide >>> 32) != 0;
        vf = (((int) a ^ res) & ((int) b ^ res)) < 0;
        return res & 0xffffffffL;
    }

    /** Sets N and Z from a logical result, clearing C and V. */
    public void logicFlags64(long res) {
        nf = res < 0;
        zf = res == 0;
        cf = vf = false;
    }

    public void logicFlags32(long res) {
        nf = (int) res < 0;
        zf = (int) res == 0;
        cf = vf = false;
    }

    // =====================================================================================
    // Memory access through the software TLB
    // =====================================================================================

    /** Drops every soft-TLB entry of every view (the translator's own caches are its business). */
    public void flushTlb() {
        for (TlbView[] set : tlbs.all()) {
            if (set == null) continue;
            for (TlbView tv : set) tv.clearAll();
        }
        exitLoop = true;
    }

    /** Drops the soft-TLB entries of non-global translations (ASID or translation table change). */
    public void flushTlbNonGlobal() {
        for (TlbView[] set : tlbs.all()) {
            if (set == null) continue;
            for (TlbView tv : set) tv.clearNonGlobal();
        }
        exitLoop = true;
    }

    /**
     * A new TTBR0_EL1 value. With TCR_EL1.A1 = 0 (the ASID is TTBR0's) the soft TLB switches to
     * the views of that (ASID, table), keeping those of the previous one, as a TLB tagged by
     * ASID would; otherwise non-global entries are dropped.
     */
    public void writeTtbr0(long v) {
        long old = sysStore[SysRegs.TTBR0_EL1];
        sysStore[SysRegs.TTBR0_EL1] = v;
        if (old == v) return;
        long tcr = sysStore[SysRegs.TCR_EL1];
        if ((tcr & TCR_A1) != 0) {
            flushTlbNonGlobal();
            return;
        }
        int asid = (int) (v >>> 48) & ((tcr & TCR_AS) != 0 ? 0xffff : 0xff);
        tlbs.select(asid, v);
        views = tlbs.current();
        view = null;
        selectView();
        exitLoop = true;
    }

    private static final long TCR_A1 = 1L << 22, TCR_AS = 1L << 36;

    /** Invalidates soft-TLB entries for one 4 KiB virtual page, whatever its tag byte, in every view. */
    public void flushTlbPage(long va) {
        int i = (int) (va >>> PhysicalMemory.PAGE_SHIFT) & TLB_MASK;
        for (TlbView[] set : tlbs.all()) {
            if (set == null) continue;
            for (TlbView tv : set) tv.clear(i);
        }
        exitLoop = true;
    }

    /**
     * Invalidates soft-TLB entries whose page lies in [base, base + size) comparing VA[55:12]
     * only (so tagged aliases go too), in every view; for TLBI of blocks and large pages.
     */
    public void flushTlbRange(long base, long size) {
        if (size <= PhysicalMemory.PAGE_SIZE) {
            flushTlbPage(base);
            return;
        }
        long first = (base >>> 12) & VPN_MASK, pages = size >>> 12;
        for (TlbView[] set : tlbs.all()) {
            if (set == null) continue;
            for (TlbView tv : set) {
                for (int i = 0; i < TLB_SIZE; i++) {
                    if (Long.compareUnsigned(((tv.rTag[i] & VPN_MASK) - first) & VPN_MASK, pages) < 0) tv.clearR(i);
                    if (Long.compareUnsigned(((tv.wTag[i] & VPN_MASK) - first) & VPN_MASK, pages) < 0) tv.clearW(i);
                    if (Long.compareUnsigned(((tv.fTag[i] & VPN_MASK) - first) & VPN_MASK, pages) < 0) tv.clearF(i);
                }
            }
        }
        exitLoop = true;
    }

    /** VA[55:12] of a soft-TLB tag. */
    private static final long VPN_MASK = (1L << 44) - 1;

    public int read8(long va) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        if (rTag[i] == vpn) return rMem[i][(int) va & 0xfff] & 0xff;
        return (int) readSlow(va, 1, false);
    }

    public int read16(long va) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (rTag[i] == vpn && off <= 0xffe) return ((short) LE16.get(rMem[i], off)) & 0xffff;
        return (int) readSlow(va, 2, false);
    }

    public long read32(long va) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (rTag[i] == vpn && off <= 0xffc) return ((int) LE32.get(rMem[i], off)) & 0xffffffffL;
        return readSlow(va, 4, false);
    }

    public long read64(long va) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (rTag[i] == vpn && off <= 0xff8) return (long) LE64.get(rMem[i], off);
        return readSlow(va, 8, false);
    }

    /** Reads {@code size} (1, 2, 4, 8) bytes, zero-extended. */
    public long read(long va, int size) {
        switch (size) {
            case 1: return read8(va);
            case 2: return read16(va);
            case 4: return read32(va);
            default: return read64(va);
        }
    }

    /** Unprivileged read (LDTR*): permission checks as for EL0 when executed at EL1. */
    public long readUnpriv(long va, int size) {
        if (el != 1 || uao || !translator.distinguishesPrivilege()) return read(va, size);
        return accessSlow(va, size, false, 0, true);
    }

    public void writeUnpriv(long va, int size, long value) {
        if (el != 1 || uao || !translator.distinguishesPrivilege()) {
            write(va, size, value);
            return;
        }
        accessSlow(va, size, true, value, true);
    }

    public void write8(long va, int value) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        if (wTag[i] == vpn) {
            wMem[i][(int) va & 0xfff] = (byte) value;
            return;
        }
        writeSlow(va, 1, value);
    }

    public void write16(long va, int value) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (wTag[i] == vpn && off <= 0xffe) {
            LE16.set(wMem[i], off, (short) value);
            return;
        }
        writeSlow(va, 2, value);
    }

    public void write32(long va, long value) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (wTag[i] == vpn && off <= 0xffc) {
            LE32.set(wMem[i], off, (int) value);
            return;
        }
        writeSlow(va, 4, value);
    }

    public void write64(long va, long value) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        int off = (int) va & 0xfff;
        if (wTag[i] == vpn && off <= 0xff8) {
            LE64.set(wMem[i], off, value);
            return;
        }
        writeSlow(va, 8, value);
    }

    public void write(long va, int size, long value) {
        switch (size) {
            case 1: write8(va, (int) value); break;
            case 2: write16(va, (int) value); break;
            case 4: write32(va, value); break;
            default: write64(va, value); break;
        }
    }

    /**
     * Checks that a store of {@code size} bytes at {@code va} would succeed (translation,
     * permission, device) without performing it, so multi-part stores can fault before
     * changing anything. Returns the physical address.
     */
    public long probeWrite(long va, int size) {
        return translator.translate(this, va, Translator.WRITE, el == 0);
    }

    private long readSlow(long va, int size, boolean unpriv) {
        return accessSlow(va, size, false, 0, unpriv);
    }

    private void writeSlow(long va, int size, long value) {
        accessSlow(va, size, true, value, false);
    }

    private long accessSlow(long va, int size, boolean write, long value, boolean unpriv) {
        int off = (int) va & PhysicalMemory.PAGE_MASK;
        if (debug != null && debug.watchpointCount() > 0 && debug.checkAccess(pc, va, size, write)) {
            if (debug.inInsn) throw CpuDebug.Stop.INSTANCE; // before the access, as QEMU reports gdb watchpoints on Arm
            exitLoop = true; // an access made by a host handler: reported once it returns
        }
        boolean asEl0 = el == 0 || unpriv;
        boolean aligned = (va & (size - 1)) == 0;
        // SCTLR.A alignment checks come before translation; Device-memory ones after it
        if (!aligned && !translator.alignmentOk(this, va, size)) throw alignmentFault(va, write);
        int access = write ? Translator.WRITE : Translator.READ;
        if (off + size > PhysicalMemory.PAGE_SIZE) {
            // crosses a page: translate both pages first so a fault leaves memory untouched
            long pa0 = translator.translate(this, va, access, asEl0);
            int info0 = translator.lastInfo();
            long va1 = (va + size - 1) & ~(long) PhysicalMemory.PAGE_MASK;
            long pa1 = translator.translate(this, va1, access, asEl0);
            if (((info0 | translator.lastInfo()) & Translator.INFO_DEVICE) != 0) throw alignmentFault(va, write);
            if (!ram.contains(pa0)) throw dataAbort(va, Esr.FSC_SYNC_EXTERNAL, write);
            if (!ram.contains(pa1)) throw dataAbort(va1, Esr.FSC_SYNC_EXTERNAL, write);
            long res = 0;
            for (int k = 0; k < size; k++) {
                long a = va + k;
                long pa = (a >>> 12) == (va >>> 12) ? pa0 + k : pa1 + (a & PhysicalMemory.PAGE_MASK);
                if (write) {
                    ramWrite(pa, 1, value >>> (8 * k));
                } else {
                    res |= (long) ram.read8(pa) << (8 * k);
                }
            }
            return res;
        }
        long pa = translator.translate(this, va, access, asEl0);
        int info = translator.lastInfo();
        if (!aligned && (info & Translator.INFO_DEVICE) != 0) throw alignmentFault(va, write);
        if (ram.contains(pa)) {
            int page = ram.pageIndex(pa);
            if (!unpriv && (info & Translator.INFO_DEVICE) == 0 && translator.cacheable(this)) fillTlb(va, page, write, info);
            if (write) {
                ramWrite(pa, size, value);
                return 0;
            }
            return ram.read(pa, size);
        }
        Bus.Region reg = bus.findRegion(pa);
        // Nothing there: external abort. An unaligned load reports the aligned-down address, as
        // QEMU (which splits it into aligned parts) does; stores report the first byte.
        if (reg == null) {
            if (tracer != null) tracer.guestError(this, va, pa, size, write, null);
            throw dataAbort(write ? va : va & -size, Esr.FSC_SYNC_EXTERNAL, write);
        }
        MmioDevice dev = reg.device;
        long doff = pa - reg.base;
        if (!aligned) throw alignmentFault(va, write);
        if (!dev.accepts(doff, size, write)) {
            if (tracer != null) tracer.guestError(this, va, pa, size, write, dev.name());
            throw dataAbort(va, Esr.FSC_SYNC_EXTERNAL, write);
        }
        if (write) {
            dev.write(doff, size, value);
            exitLoop = true; // device side effects (interrupt lines, stop requests) are seen promptly
            return 0;
        }
        long res = dev.read(doff, size);
        if (size < 8) res &= (1L << (8 * size)) - 1;
        return res;
    }

    private void fillTlb(long va, int page, boolean write, int info) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        byte[] mem = ram.page(page);
        boolean ng = (info & Translator.INFO_NG) != 0;
        if (debug != null && debug.watchpointCount() > 0 && debug.watchesPage(vpn)) return; // watched: keep on the slow path
        if (write) {
            if (codeCache[page] != null) return; // keep code pages on the slow path
            wTag[i] = vpn;
            wMem[i] = mem;
            view.wPage[i] = page;
            view.wNg[i] = ng;
        } else {
            rTag[i] = vpn;
            rMem[i] = mem;
            view.rNg[i] = ng;
        }
    }

    /** Writes RAM and drops decoded instructions the write overlaps. */
    private void ramWrite(long pa, int size, long value) {
        ram.write(pa, size, value);
        invalidateCode(pa, size);
    }

    /** Drops decoded instructions in [pa, pa+len) (also for DMA writes by devices). */
    public void invalidateCode(long pa, long len) {
        if (!ram.contains(pa)) return;
        int page = ram.pageIndex(pa);
        CodePage code = codeCache[page];
        if (code == null) return;
        int first = (int) (pa & PhysicalMemory.PAGE_MASK) >>> 2;
        int last = (int) Math.min(INSNS_PER_PAGE - 1, ((pa & PhysicalMemory.PAGE_MASK) + len - 1) >>> 2);
        for (int k = first; k <= last; k++) {
            if (code.ops[k] != null) {
                code.ops[k] = null;
                code.insns[k] = null;
                code.blocks = null; // compiled code of the page dies with it (it will be recompiled when hot again)
                code.heat = null;
                exitLoop = true;
            }
        }
        if (((pa & PhysicalMemory.PAGE_MASK) + len) > PhysicalMemory.PAGE_SIZE)
            invalidateCode((pa | PhysicalMemory.PAGE_MASK) + 1, len - (PhysicalMemory.PAGE_SIZE - (pa & PhysicalMemory.PAGE_MASK)));
    }

    /** Drops every decoded instruction (IC IALLU and friends need not: decoded code tracks writes). */
    public void invalidateAllCode() {
        java.util.Arrays.fill(codeCache, null);
        for (TlbView[] set : tlbs.all()) {
            if (set == null) continue;
            for (TlbView tv : set) {
                java.util.Arrays.fill(tv.fTag, -1);
                java.util.Arrays.fill(tv.fCode, null);
            }
        }
        exitLoop = true;
    }

    // ---- 128-bit vector register helpers -------------------------------------------------

    public long vlo(int n) { return v[2 * n]; }

    public long vhi(int n) { return v[2 * n + 1]; }

    public void setV(int n, long lo, long hi) {
        v[2 * n] = lo;
        v[2 * n + 1] = hi;
    }
}
