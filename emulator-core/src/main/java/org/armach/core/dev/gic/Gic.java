package org.armach.core.dev.gic;

import java.util.function.IntSupplier;

import org.armach.core.cpu.Cpu;
import org.armach.core.dev.IrqSink;

/**
 * The state and logic shared by the GICv2 and GICv3 models: per-interrupt state (enabled,
 * pending latch, input level, active, edge/level configuration, group, priority, target),
 * per-CPU-interface state (group enables, priority mask, binary points, active priorities,
 * EOImode), the highest-priority-pending-interrupt computation and the IRQ/FIQ outputs.
 * The register maps live in {@link GicV2Distributor}, {@link GicV2CpuInterface},
 * {@link GicV3Distributor}, {@link GicV3Redistributor} and {@link GicV3CpuInterface}.
 *
 * <p>Configuration modelled (that of QEMU's {@code virt} without {@code secure=on}): no
 * Security Extensions (GICv2: accesses behave as Secure ones of a GIC without the
 * extensions, with interrupt grouping; GICv3: GICD_CTLR.DS = 1, affinity routing always
 * on, no LPIs/ITS), one security state, the PEs at EL1. Group 0 is signalled as FIQ (GICv2:
 * only when GICC_CTLR.FIQEn is set, otherwise as IRQ), Group 1 as IRQ.
 *
 * <p>Interrupt state: INTIDs 0..31 are banked per CPU, SPIs are shared. The pending state of
 * an interrupt is its latch (set by an edge, a write to ISPENDR or an SGI) OR, for a
 * level-sensitive interrupt, its input level; so a level interrupt stays pending while its
 * line is high, also while active (active and pending), exactly as the architecture says.
 *
 * <p>Priorities: the distributor keeps all 8 bits (QEMU does, for both versions). The CPU
 * interface implements {@code priBits} bits (GICv2: 8, GICv3: 5) for PMR and
 * {@code preBits} preemption bits (GICv2: 7, i.e. 128 active-priority levels in
 * GICC_APR0..3; GICv3: 5, i.e. 32 levels in ICC_AP0R0/AP1R0); BPR0 ≥ 7 - preBits and
 * BPR1 ≥ BPR0min + 1, as measured on QEMU 7.2.
 *
 * <p>Not thread-safe: device inputs ({@link #setLevel}) and register accesses must come from
 * the emulation thread. Every change of an output sets {@link Cpu#exitLoop}.
 */
public class Gic implements IrqSink {
    public static final int SPURIOUS = 1023;
    /** GICv2 GICC_IAR/HPPIR value when the highest pending interrupt is Group 1 and AckCtl = 0. */
    public static final int SPURIOUS_GROUP1 = 1022;
    /** Interrupts on QEMU's virt: 32 private + 256 SPIs. */
    public static final int VIRT_NUM_IRQ = 288;
    static final int IDLE_PRIORITY = 0x100;

    public final int version;
    final int numIrq;
    final int ncpu;
    final Cpu[] cpus;
    /** Words of 32 interrupts; word 0 (SGIs and PPIs) is banked per CPU. */
    final int numWords;

    /** GICD_CTLR group enables: bit 0 Group 0, bit 1 Group 1. */
    int distCtlr;

    // ---- interrupt state: bitmaps, see wi() --------------------------------------------------
    final int[] enabled, latch, level, active, edge, group;
    /** Priority byte per interrupt, see pi(). */
    final int[] priority;
    /** GICv2 ITARGETSR of each SPI (CPU mask); GICv3: mask derived from IROUTER. */
    final int[] spiTargets;
    /** GICv3 GICD_IROUTER of each SPI. */
    final long[] spiRoute;
    /** GICv2: per target CPU, per SGI, the mask of source CPUs with the SGI pending. */
    final int[][] sgiSources;

    final CpuInterface[] cif;
    /** The CPU making the current MMIO access (for GICv2's banked registers); CPU 0 by default. */
    public IntSupplier currentCpu = () -> 0;

    /** CPU-interface state of one PE. */
    static final class CpuInterface {
        boolean en0, en1;
        /** GICv2 GICC_CTLR bits that are stored but need no modelling beyond readback. */
        int ctlrExtra;
        boolean ackCtl, fiqEn, cbpr, eoiMode;
        int pmr;
        int bpr0, bpr1;
        /** Active priorities as a bit per preemption level, per group, 4 words each. */
        final int[] apr0 = new int[4], apr1 = new int[4];
        /** GICR_WAKER.ProcessorSleep (GICv3). */
        boolean sleep = true;
        // computed by update()
        int hppi = SPURIOUS, hppiPrio = IDLE_PRIORITY, hppiGroup;
        boolean irq, fiq;
    }

    /** Implemented CPU-interface priority bits and preemption bits. */
    final int priBits, preBits;
    final int pmrMask;
    final int minBpr0, minBpr1;

    protected Gic(int version, int numIrq, Cpu[] cpus, int priBits, int preBits) {
        if (numIrq < 32 || numIrq > 1020 || numIrq % 32 != 0) throw new IllegalArgumentException("bad number of interrupts " + numIrq);
        if (cpus.length < 1 || (version == 2 && cpus.length > 8)) throw new IllegalArgumentException("bad number of CPUs " + cpus.length);
        this.version = version;
        this.numIrq = numIrq;
        this.cpus = cpus.clone();
        this.ncpu = cpus.length;
        this.numWords = numIrq / 32;
        int words = ncpu + numWords - 1;
        enabled = new int[words];
        latch = new int[words];
        level = new int[words];
        active = new int[words];
        edge = new int[words];
        group = new int[words];
        priority = new int[ncpu * 32 + numIrq - 32];
        spiTargets = new int[numIrq - 32];
        spiRoute = new long[numIrq - 32];
        sgiSources = new int[ncpu][16];
        cif = new CpuInterface[ncpu];
        for (int c = 0; c < ncpu; c++) cif[c] = new CpuInterface();
        this.priBits = priBits;
        this.preBits = preBits;
        this.pmrMask = (0xff << (8 - priBits)) & 0xff;
        this.minBpr0 = 7 - preBits;
        this.minBpr1 = minBpr0 + 1;
        reset();
    }

    /** Reset state: everything disabled, Group 0, priority 0, SGIs edge-triggered. */
    public void reset() {
        distCtlr = 0;
        java.util.Arrays.fill(enabled, 0);
        java.util.Arrays.fill(latch, 0);
        java.util.Arrays.fill(active, 0);
        java.util.Arrays.fill(edge, 0);
        java.util.Arrays.fill(group, 0);
        java.util.Arrays.fill(priority, 0);
        java.util.Arrays.fill(spiRoute, 0);
        for (int[] s : sgiSources) java.util.Arrays.fill(s, 0);
        for (int c = 0; c < ncpu; c++) {
            edge[c] = 0xffff; // SGIs are always edge-triggered
            if (version == 2) enabled[c] = 0xffff; // GICv2 (as QEMU): SGIs permanently enabled
            CpuInterface ci = cif[c];
            ci.en0 = ci.en1 = ci.ackCtl = ci.fiqEn = ci.cbpr = ci.eoiMode = false;
            ci.ctlrExtra = 0;
            ci.pmr = 0;
            ci.bpr0 = minBpr0;
            ci.bpr1 = minBpr1;
            java.util.Arrays.fill(ci.apr0, 0);
            java.util.Arrays.fill(ci.apr1, 0);
            ci.sleep = true;
        }
        for (int k = 0; k < spiTargets.length; k++) spiTargets[k] = version == 3 ? routeMask(0) : ncpu == 1 ? 1 : 0;
        update();
    }

    public int numIrq() { return numIrq; }

    public int numCpus() { return ncpu; }

    // =========================================================================================
    // Indexing
    // =========================================================================================

    /** Bitmap word holding INTID {@code 32*w + k} for CPU {@code c}. */
    final int wi(int c, int w) {
        return w == 0 ? c : ncpu + w - 1;
    }

    /** Priority slot of INTID {@code id} for CPU {@code c}. */
    final int pi(int c, int id) {
        return id < 32 ? c * 32 + id : ncpu * 32 + id - 32;
    }

    final boolean bit(int[] map, int c, int id) {
        return (map[wi(c, id >>> 5)] >>> (id & 31) & 1) != 0;
    }

    final void setBit(int[] map, int c, int id, boolean v) {
        int i = wi(c, id >>> 5);
        if (v) map[i] |= 1 << (id & 31);
        else map[i] &= ~(1 << (id & 31));
    }

    final int cpuIndex(Cpu cpu) {
        for (int c = 0; c < ncpu; c++) if (cpus[c] == cpu) return c;
        return 0;
    }

    /** Current CPU for banked MMIO registers, clamped to the valid range. */
    final int cur() {
        int c = currentCpu.getAsInt();
        return c >= 0 && c < ncpu ? c : 0;
    }

    /** Pending word: latch, or level for level-sensitive interrupts. */
    final int pendingWord(int i) {
        return latch[i] | (level[i] & ~edge[i]);
    }

    // =========================================================================================
    // Inputs
    // =========================================================================================

    /** A device's interrupt line: SPIs (id &gt;= 32), or PPIs (16..31) of CPU 0. SGIs are ignored. */
    @Override
    public void setLevel(int intid, boolean lvl) {
        if (intid < 32) setPpiLevel(0, intid, lvl);
        else setInput(0, intid, lvl);
    }

    /** The PPI {@code intid} (16..31) of CPU {@code cpu}. */
    public void setPpiLevel(int cpu, int intid, boolean lvl) {
        if (intid < 16 || intid >= 32 || cpu < 0 || cpu >= ncpu) return;
        setInput(cpu, intid, lvl);
    }

    /** An {@link IrqSink} for the PPIs of one CPU (its timer), SPIs passed through. */
    public IrqSink cpuSink(int cpu) {
        return (id, lvl) -> {
            if (id < 32) setPpiLevel(cpu, id, lvl);
            else setLevel(id, lvl);
        };
    }

    private void setInput(int c, int id, boolean lvl) {
        if (id >= numIrq) return;
        int i = wi(c, id >>> 5);
        int m = 1 << (id & 31);
        boolean old = (level[i] & m) != 0;
        if (old == lvl) return;
        if (lvl) {
            level[i] |= m;
            if ((edge[i] & m) != 0) latch[i] |= m; // rising edge
        } else {
            level[i] &= ~m;
        }
        update();
    }

    /** Whether INTID {@code id} is pending for CPU {@code c} (GICD_ISPENDR view). */
    public boolean isPending(int c, int id) {
        int i = wi(c, id >>> 5);
        return (pendingWord(i) >>> (id & 31) & 1) != 0;
    }

    public boolean isActive(int c, int id) { return bit(active, c, id); }

    // =========================================================================================
    // Highest priority pending interrupt and outputs
    // =========================================================================================

    /** Whether SPI {@code id} is delivered to CPU {@code c}. */
    final boolean targets(int id, int c) {
        return (spiTargets[id - 32] >>> c & 1) != 0;
    }

    /** Recomputes every CPU interface's highest-priority pending interrupt and its outputs. */
    public final void update() {
        int grpEnable = distCtlr & 3;
        for (int c = 0; c < ncpu; c++) {
            int best = SPURIOUS, bestPrio = IDLE_PRIORITY;
            if (grpEnable != 0) {
                for (int w = 0; w < numWords; w++) {
                    int i = wi(c, w);
                    int g = group[i];
                    int en = ((grpEnable & 1) != 0 ? ~g : 0) | ((grpEnable & 2) != 0 ? g : 0);
                    int cand = enabled[i] & pendingWord(i) & ~active[i] & en;
                    while (cand != 0) {
                        int k = Integer.numberOfTrailingZeros(cand);
                        cand &= cand - 1;
                        int id = (w << 5) | k;
                        if (w != 0 && !targets(id, c)) continue;
                        int p = priority[pi(c, id)];
                        if (p < bestPrio) {
                            bestPrio = p;
                            best = id;
                        }
                    }
                }
            }
            CpuInterface ci = cif[c];
            ci.hppi = best;
            ci.hppiPrio = bestPrio;
            ci.hppiGroup = best == SPURIOUS ? 0 : (bit(group, c, best) ? 1 : 0);
            boolean irq = false, fiq = false;
            if (best != SPURIOUS && canSignal(ci)) {
                if (ci.hppiGroup == 0 && fiqForGroup0(ci)) fiq = true;
                else irq = true;
            }
            ci.irq = irq;
            ci.fiq = fiq;
            Cpu cpu = cpus[c];
            if (cpu.irqLine != irq || cpu.fiqLine != fiq) {
                cpu.irqLine = irq;
                cpu.fiqLine = fiq;
                cpu.exitLoop = true;
            }
        }
    }

    /** Group 0 goes to FIQ: GICv2 with GICC_CTLR.FIQEn, GICv3 always. */
    boolean fiqForGroup0(CpuInterface ci) {
        return version == 3 || ci.fiqEn;
    }

    /** Whether the CPU interface's HPPI passes its group enable, the priority mask and preemption. */
    final boolean canSignal(CpuInterface ci) {
        if (ci.hppi == SPURIOUS) return false;
        if (!(ci.hppiGroup == 0 ? ci.en0 : ci.en1)) return false;
        if (ci.hppiPrio >= ci.pmr) return false;
        int rp = runningPriority(ci);
        if (rp == IDLE_PRIORITY) return true;
        int mask = groupMask(ci, ci.hppiGroup);
        return (ci.hppiPrio & mask) < (rp & mask);
    }

    // =========================================================================================
    // Priorities, binary points, active priorities
    // =========================================================================================

    /** Mask keeping the group-priority bits of a priority, for an interrupt of {@code grp}. */
    final int groupMask(CpuInterface ci, int grp) {
        int bpr = grp == 0 || ci.cbpr ? ci.bpr0 : ci.bpr1 - 1;
        return (0xff << (bpr + 1)) & 0xff;
    }

    private int levelShift() {
        return 8 - preBits;
    }

    /** The running priority: the highest active group priority, or {@link #IDLE_PRIORITY}. */
    final int runningPriority(CpuInterface ci) {
        int best = IDLE_PRIORITY;
        for (int r = 0; r < 4; r++) {
            int m = ci.apr0[r] | ci.apr1[r];
            if (m != 0) {
                best = ((r << 5) + Integer.numberOfTrailingZeros(m)) << levelShift();
                break;
            }
        }
        return best;
    }

    /** Group (0 or 1) whose active priority is the running priority, or -1 when idle. */
    final int runningGroup(CpuInterface ci) {
        for (int r = 0; r < 4; r++) {
            int m = ci.apr0[r] | ci.apr1[r];
            if (m != 0) {
                int b = m & -m;
                return (ci.apr0[r] & b) != 0 ? 0 : 1;
            }
        }
        return -1;
    }

    /** Value of GICC_RPR / ICC_RPR_EL1. */
    final int rpr(CpuInterface ci) {
        int rp = runningPriority(ci);
        return rp == IDLE_PRIORITY ? 0xff : rp;
    }

    /** Clears the highest active priority of group {@code grp} (priority drop). */
    final void dropPriority(CpuInterface ci, int grp) {
        int[] apr = grp == 0 ? ci.apr0 : ci.apr1;
        for (int r = 0; r < 4; r++) {
            if (apr[r] != 0) {
                apr[r] &= apr[r] - 1;
                return;
            }
        }
    }

    /** Number of implemented active-priority registers per group (GICv2: 4, GICv3 with 5 bits: 1). */
    final int aprCount() {
        return preBits <= 5 ? 1 : 1 << (preBits - 5);
    }

    final void setPmr(CpuInterface ci, long v) {
        ci.pmr = (int) v & pmrMask;
    }

    final void setBpr0(CpuInterface ci, long v) {
        ci.bpr0 = Math.max(minBpr0, (int) v & 7);
    }

    final void setBpr1(CpuInterface ci, long v) {
        ci.bpr1 = Math.max(minBpr1, (int) v & 7);
    }

    // =========================================================================================
    // Acknowledge, end of interrupt, deactivate
    // =========================================================================================

    /**
     * Acknowledges the highest priority pending interrupt of CPU {@code c} if it is
     * signalled and of an accepted group ({@code groups}: bit 0 Group 0, bit 1 Group 1).
     * Returns its INTID (GICv2 SGIs with the source CPU in bits [12:10]) or
     * {@link #SPURIOUS}.
     */
    final int acknowledge(int c, int groups) {
        CpuInterface ci = cif[c];
        if (!canSignal(ci) || (groups >>> ci.hppiGroup & 1) == 0) return SPURIOUS;
        int id = ci.hppi;
        int ret = id;
        int i = wi(c, id >>> 5);
        int m = 1 << (id & 31);
        if (version == 2 && id < 16) {
            int src = sgiSources[c][id];
            int s = Integer.numberOfTrailingZeros(src);
            src &= ~(1 << s);
            sgiSources[c][id] = src;
            if (src == 0) latch[i] &= ~m;
            ret = id | (s & 7) << 10;
        } else {
            latch[i] &= ~m;
        }
        active[i] |= m;
        int gp = ci.hppiPrio & groupMask(ci, ci.hppiGroup);
        int lvl = gp >>> levelShift();
        int[] apr = ci.hppiGroup == 0 ? ci.apr0 : ci.apr1;
        apr[lvl >>> 5] |= 1 << (lvl & 31);
        update();
        return ret;
    }

    /** Clears the active state of INTID {@code id} on CPU {@code c}. */
    final void deactivate(int c, int id) {
        if (id >= numIrq) return;
        setBit(active, c, id, false);
    }

    // =========================================================================================
    // Software generated interrupts
    // =========================================================================================

    /** Makes SGI {@code sgi} pending on CPU {@code target} (from {@code source}, GICv2). */
    final void sendSgi(int target, int sgi, int source) {
        if (version == 2) sgiSources[target][sgi] |= 1 << source;
        latch[wi(target, 0)] |= 1 << sgi;
    }

    /**
     * CPUs a GICD_IROUTER value delivers to: the PE whose affinity matches, none if no PE
     * matches; 1-of-N routing (IRM = 1, not advertised: GICD_TYPER.No1N = 1) picks CPU 0.
     */
    final int routeMask(long route) {
        if ((route & (1L << 31)) != 0) return 1;
        int aff = (int) (route & 0xffffff) | (int) ((route >>> 32) & 0xff) << 24;
        for (int c = 0; c < ncpu; c++) if (affinity(c) == aff) return 1 << c;
        return 0;
    }

    /** MPIDR affinity of CPU {@code c} packed as Aff3:Aff2:Aff1:Aff0 (one byte each). */
    final int affinity(int c) {
        long mpidr = cpus[c].model.mpidrAff | cpus[c].affinity;
        return (int) (mpidr & 0xffffff) | (int) ((mpidr >>> 32) & 0xff) << 24;
    }
}
