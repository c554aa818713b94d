package org.armach.core.cpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The AArch64 system-register table as data (MRS/MSR register forms): one row per register
 * with its name, encoding (op0, op1, CRn, CRm, op2), the minimum EL for reads and writes,
 * an optional gate for conditional accesses (EL0 enables in SCTLR_EL1/CNTKCTL_EL1, the FP
 * trap, SP_EL0 while selected), the feature predicate over the {@link CpuModel}, and reader
 * and writer lambdas over {@link Cpu} fields or {@code c.sysStore[slot]}.
 *
 * <p>Registers with no special field in {@link Cpu} live in {@link Cpu#sysStore} at the
 * public slot constants below (for example the MMU reads {@code c.sysStore[SysRegs.TCR_EL1]}).
 *
 * <p>Rules (ARM ARM D17/C5): an encoding that is not in the table, or whose feature the model
 * does not advertise, is UNDEFINED; an access below the minimum EL, a write to a read-only
 * register and a read of a write-only one are UNDEFINED (EC 0); a conditional EL0 access that
 * its enable bit forbids traps to EL1 with EC 0x18 and the MSR/MRS syndrome. Unassigned
 * encodings of the ID space (op0=3, op1=0, CRn=0, CRm=1..7) read as zero at EL1.
 * The model has no EL2/EL3, no PMU (ID_AA64DFR0.PMUVer = 0), no AMU, SPE, RAS, MTE or SVE,
 * so those registers are UNDEFINED. The GICv3 CPU interface registers (ICC_*_EL1) exist
 * only while a GICv3 is attached ({@link Cpu#iccRegisters}); ID_AA64PFR0_EL1.GIC says so.
 */
public final class SysRegs {
    private SysRegs() {}

    /** Reads a register's value. */
    @FunctionalInterface
    public interface Reader {
        long read(Cpu c);
    }

    /** Writes a register (the value of Xt). */
    @FunctionalInterface
    public interface Writer {
        void write(Cpu c, long v);
    }

    /** Run-time access condition; returns {@link #OK}, {@link #UNDEF}, {@link #TRAP} or {@link #FP_TRAP}. */
    @FunctionalInterface
    public interface Gate {
        int check(Cpu c, boolean write);
    }

    public static final int OK = 0, UNDEF = 1, TRAP = 2, FP_TRAP = 3;
    /** Minimum-EL value meaning "no access of this direction" (read-only / write-only registers). */
    public static final int NONE = 4;

    /** One row of the table. */
    public static final class Reg {
        public final String name;
        public final int op0, op1, crn, crm, op2;
        /** {@link #key}(op0, op1, CRn, CRm, op2) = bits [20:5] of the MRS/MSR encoding. */
        public final int key;
        public final int readEl, writeEl;
        public final Reader reader;
        public final Writer writer;
        Gate gate;
        Predicate<CpuModel> present = m -> true;
        int index;

        Reg(String name, int op0, int op1, int crn, int crm, int op2, int readEl, int writeEl, Reader reader, Writer writer) {
            this.name = name;
            this.op0 = op0;
            this.op1 = op1;
            this.crn = crn;
            this.crm = crm;
            this.op2 = op2;
            this.key = key(op0, op1, crn, crm, op2);
            this.readEl = reader == null ? NONE : readEl;
            this.writeEl = writer == null ? NONE : writeEl;
            this.reader = reader;
            this.writer = writer;
        }

        Reg gate(Gate g) {
            this.gate = g;
            return this;
        }

        Reg when(Predicate<CpuModel> p) {
            this.present = p;
            return this;
        }

        public boolean presentOn(CpuModel m) { return present.test(m); }

        public int index() { return index; }

        @Override
        public String toString() {
            return String.format("%s (S%d_%d_C%d_C%d_%d)", name, op0, op1, crn, crm, op2);
        }
    }

    public static int key(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    // ---- sysStore slots (public so the MMU, timer and debug code can read them) -------------
    public static final int TTBR0_EL1 = 0, TTBR1_EL1 = 1, TCR_EL1 = 2, MAIR_EL1 = 3, AMAIR_EL1 = 4,
            CONTEXTIDR_EL1 = 5, AFSR0_EL1 = 6, AFSR1_EL1 = 7, CNTKCTL_EL1 = 8, MDSCR_EL1 = 9,
            /** Inverted OS lock (0 = locked, the reset state). */
            OS_UNLOCKED = 10, OSDLR_EL1 = 11, DBGPRCR_EL1 = 12, DBGCLAIM = 13, MDCCINT_EL1 = 14,
            CSSELR_EL1 = 15, ACTLR_EL1 = 16, CNTP_CTL = 17, CNTP_CVAL = 18, CNTV_CTL = 19, CNTV_CVAL = 20,
            OSDTRRX_EL1 = 21, OSDTRTX_EL1 = 22, OSECCR_EL1 = 23,
            // EL2 (only reachable with Cpu.el2Enabled; they stay 0 otherwise)
            HCR_EL2 = 24, VPIDR_EL2 = 25, VMPIDR_EL2 = 26, CNTVOFF_EL2 = 27, CNTHCTL_EL2 = 28;
    /** First EL2 store slot after the named ones (plain stored EL2 registers). */
    private static int nextEl2Slot = 200;
    /** First slot handed out automatically (debug breakpoint/watchpoint registers). */
    private static int nextSlot = 32;

    // ---- SCTLR_EL1 bits consulted for EL0 accesses ----------------------------------------------
    public static final long SCTLR_UMA = 1L << 9, SCTLR_DZE = 1L << 14, SCTLR_UCT = 1L << 15,
            SCTLR_NTWI = 1L << 16, SCTLR_NTWE = 1L << 18, SCTLR_UCI = 1L << 26;
    /** SCTLR_EL1 bits that are RES1 on every model (EOS, TSCXT, EIS, LSMAOE, nTLSMD). */
    private static final long SCTLR_RES1 = (1L << 29) | (1L << 28) | (1L << 22) | (1L << 20) | (1L << 11);

    private static final List<Reg> ROWS = new ArrayList<>();
    private static final Map<Integer, Reg> BY_KEY = new HashMap<>();
    private static Reg[] byIndex;
    /** Read-as-zero row for the unassigned ID-space encodings. */
    public static final Reg ID_RAZ;

    private static Reg add(Reg r) {
        if (BY_KEY.containsKey(r.key)) throw new IllegalStateException("duplicate system register " + r);
        r.index = ROWS.size();
        ROWS.add(r);
        BY_KEY.put(r.key, r);
        return r;
    }

    private static Reg rw(String n, int o0, int o1, int cn, int cm, int o2, int minEl, Reader rd, Writer wr) {
        return add(new Reg(n, o0, o1, cn, cm, o2, minEl, minEl, rd, wr));
    }

    private static Reg ro(String n, int o0, int o1, int cn, int cm, int o2, int minEl, Reader rd) {
        return add(new Reg(n, o0, o1, cn, cm, o2, minEl, NONE, rd, null));
    }

    private static Reg wo(String n, int o0, int o1, int cn, int cm, int o2, int minEl, Writer wr) {
        return add(new Reg(n, o0, o1, cn, cm, o2, NONE, minEl, null, wr));
    }

    /** An EL1 read/write register kept in {@code sysStore[slot]}, masked on write. */
    private static Reg store(String n, int o0, int o1, int cn, int cm, int o2, int slot, long mask) {
        return rw(n, o0, o1, cn, cm, o2, 1, c -> c.sysStore[slot], (c, v) -> c.sysStore[slot] = v & mask);
    }

    /** An EL1 ID register: read-only, value from the model. */
    private static Reg id(String n, int o0, int o1, int cn, int cm, int o2, java.util.function.ToLongFunction<CpuModel> f) {
        return ro(n, o0, o1, cn, cm, o2, 1, c -> f.applyAsLong(c.model));
    }

    private static boolean sctlr(Cpu c, long bit) {
        return (c.sctlr[1] & bit) != 0;
    }

    private static Gate el0If(long sctlrBit) {
        return (c, w) -> c.el == 0 && !sctlr(c, sctlrBit) ? TRAP : OK;
    }

    private static Gate el0IfCntkctl(long bits) {
        return (c, w) -> c.el == 0 && (c.sysStore[CNTKCTL_EL1] & bits) == 0 ? TRAP : OK;
    }

    private static final Gate FP_GATE = (c, w) -> c.fpTrapped ? FP_TRAP : OK;

    private static long field(long v, int lo) {
        return (v >>> lo) & 0xf;
    }

    static {
        registerPstate();
        registerId();
        registerEl1();
        registerTimer();
        registerEl2();
        registerGic();
        registerDebug();
        ID_RAZ = new Reg("ID_RAZ", 3, 0, 0, 0, 0, 1, NONE, c -> 0L, null);
        ID_RAZ.index = ROWS.size();
        ROWS.add(ID_RAZ);
        byIndex = ROWS.toArray(new Reg[0]);
    }

    private static long mpidr(Cpu c) {
        return (1L << 31) | c.model.mpidrAff | c.affinity;
    }

    /** An EL2 register kept in a store slot, masked on write. */
    private static Reg el2(String n, int cn, int cm, int o2, int slot, long mask) {
        return rw(n, 3, 4, cn, cm, o2, 2, c -> c.sysStore[slot], (c, v) -> c.sysStore[slot] = v & mask);
    }

    private static Reg el2(String n, int cn, int cm, int o2, long mask) {
        return el2(n, cn, cm, o2, nextEl2Slot++, mask);
    }

    /**
     * The EL2 registers a non-VHE hypervisor stub (Linux's) programs. Readable and writable at
     * EL2 only (UNDEFINED below), which is reached only with {@link Cpu#el2Enabled}. Stored
     * without effect: HCR_EL2 (no traps; VM, stage 2, is not emulated), CPTR_EL2, MDCR_EL2,
     * CNTHCTL_EL2, the EL2 translation regime (TCR/TTBR0/MAIR_EL2: EL2 always runs flat), VTCR/VTTBR.
     * Effective: VBAR/ELR/SPSR/ESR/FAR_EL2, SP_EL1, VPIDR/VMPIDR_EL2 (EL1 MIDR/MPIDR reads) and
     * CNTVOFF_EL2 (virtual counter and timer).
     */
    private static void registerEl2() {
        rw("VPIDR_EL2", 3, 4, 0, 0, 0, 2, c -> c.sysStore[VPIDR_EL2], (c, v) -> c.sysStore[VPIDR_EL2] = v & 0xffffffffL);
        rw("VMPIDR_EL2", 3, 4, 0, 0, 5, 2, c -> c.sysStore[VMPIDR_EL2], (c, v) -> c.sysStore[VMPIDR_EL2] = v);
        rw("SCTLR_EL2", 3, 4, 1, 0, 0, 2, c -> c.sctlr[2], (c, v) -> {
            c.sctlr[2] = v & 0xffffffffL;
            c.flushTlb();
            c.onContextChange();
        });
        el2("ACTLR_EL2", 1, 0, 1, 0);
        el2("HCR_EL2", 1, 1, 0, HCR_EL2, -1L);
        el2("MDCR_EL2", 1, 1, 1, 0xffffffffL);
        el2("CPTR_EL2", 1, 1, 2, 0xffffffffL);
        el2("HSTR_EL2", 1, 1, 3, 0xffffffffL);
        el2("HACR_EL2", 1, 1, 7, 0xffffffffL);
        el2("TTBR0_EL2", 2, 0, 0, -1L);
        el2("TCR_EL2", 2, 0, 2, -1L);
        el2("VTTBR_EL2", 2, 1, 0, -1L);
        el2("VTCR_EL2", 2, 1, 2, -1L);
        rw("SPSR_EL2", 3, 4, 4, 0, 0, 2, c -> c.spsr[2], (c, v) -> c.spsr[2] = v & 0xffffffffL);
        rw("ELR_EL2", 3, 4, 4, 0, 1, 2, c -> c.elr[2], (c, v) -> c.elr[2] = v);
        rw("SP_EL1", 3, 4, 4, 1, 0, 2, c -> c.spOf(1), (c, v) -> c.setSpOf(1, v));
        el2("AFSR0_EL2", 5, 1, 0, 0xffffffffL);
        el2("AFSR1_EL2", 5, 1, 1, 0xffffffffL);
        rw("ESR_EL2", 3, 4, 5, 2, 0, 2, c -> c.esr[2], (c, v) -> c.esr[2] = v & 0xffffffffL);
        rw("FAR_EL2", 3, 4, 6, 0, 0, 2, c -> c.far[2], (c, v) -> c.far[2] = v);
        el2("HPFAR_EL2", 6, 0, 4, 0x0ffffffffff0L);
        el2("MAIR_EL2", 10, 2, 0, -1L);
        el2("AMAIR_EL2", 10, 3, 0, -1L);
        rw("VBAR_EL2", 3, 4, 12, 0, 0, 2, c -> c.vbar[2], (c, v) -> c.vbar[2] = v & ~0x7ffL);
        ro("RVBAR_EL2", 3, 4, 12, 0, 1, 2, c -> 0L);
        rw("TPIDR_EL2", 3, 4, 13, 0, 2, 2, c -> c.tpidr[2], (c, v) -> c.tpidr[2] = v);
        el2("CNTVOFF_EL2", 14, 0, 3, CNTVOFF_EL2, -1L);
        el2("CNTHCTL_EL2", 14, 1, 0, CNTHCTL_EL2, 0x3ffL);
        el2("CNTHP_CTL_EL2", 14, 2, 1, 3);
        el2("CNTHP_CVAL_EL2", 14, 2, 2, -1L);
        rw("CNTHP_TVAL_EL2", 3, 4, 14, 2, 0, 2, c -> 0L, (c, v) -> {});
        // GICv3 at EL2: SRE/Enable read as one (system registers always on), no virtual CPU interface
        // (ICH_VTR_EL2 absent); ICH_HCR_EL2 is stored for the stub that clears it.
        rw("ICC_SRE_EL2", 3, 4, 12, 9, 5, 2, c -> 0xfL, (c, v) -> {}).gate((c, w) -> c.iccRegisters != null ? OK : UNDEF);
        el2("ICH_HCR_EL2", 12, 11, 0, 0xffffffffL).gate((c, w) -> c.iccRegisters != null ? OK : UNDEF);
    }

    private static void registerPstate() {
        rw("NZCV", 3, 3, 4, 2, 0, 0, c -> (long) c.nzcv() << 28, (c, v) -> c.setNzcv((int) (v >>> 28) & 0xf));
        rw("DAIF", 3, 3, 4, 2, 1, 0, c -> (long) c.daif << 6, (c, v) -> {
            c.daif = (int) (v >>> 6) & 0xf;
            c.exitLoop = true;
        }).gate(el0If(SCTLR_UMA));
        ro("CurrentEL", 3, 0, 4, 2, 2, 1, c -> (long) c.el << 2);
        rw("SPSel", 3, 0, 4, 2, 0, 1, c -> c.spsel ? 1L : 0L, (c, v) -> c.setSpsel((v & 1) != 0));
        rw("PAN", 3, 0, 4, 2, 3, 1, c -> c.pan ? 1L << 22 : 0L, (c, v) -> {
            c.pan = (v & (1L << 22)) != 0;
            c.onContextChange();
        }).when(m -> m.pan);
        rw("UAO", 3, 0, 4, 2, 4, 1, c -> c.uao ? 1L << 23 : 0L, (c, v) -> {
            c.uao = (v & (1L << 23)) != 0;
            c.onContextChange();
        }).when(m -> m.uao);
        rw("DIT", 3, 3, 4, 2, 5, 0, c -> c.dit ? 1L << 24 : 0L, (c, v) -> c.dit = (v & (1L << 24)) != 0)
                .when(m -> field(m.idAa64pfr0(), 48) != 0);
        rw("FPCR", 3, 3, 4, 4, 0, 0, c -> c.fpcr & 0xffffffffL,
                (c, v) -> c.fpcr = (int) v & (0x07c00000 | (c.model.fp16 ? 1 << 19 : 0))).gate(FP_GATE);
        rw("FPSR", 3, 3, 4, 4, 1, 0, c -> c.fpsr & 0xffffffffL, (c, v) -> c.fpsr = (int) v & 0xf800009f).gate(FP_GATE);
        // SP_EL0 is accessible at EL1 only while SP_EL1 is the selected stack pointer.
        rw("SP_EL0", 3, 0, 4, 1, 0, 1, c -> c.spOf(0), (c, v) -> c.setSpOf(0, v)).gate((c, w) -> c.spsel ? OK : UNDEF);
        rw("ELR_EL1", 3, 0, 4, 0, 1, 1, c -> c.elr[1], (c, v) -> c.elr[1] = v);
        rw("SPSR_EL1", 3, 0, 4, 0, 0, 1, c -> c.spsr[1], (c, v) -> c.spsr[1] = v & 0xffffffffL);
    }

    private static void registerId() {
        ro("MIDR_EL1", 3, 0, 0, 0, 0, 1, c -> c.el == 1 && c.el2Enabled ? c.sysStore[VPIDR_EL2] : c.model.midr);
        ro("MPIDR_EL1", 3, 0, 0, 0, 5, 1, c -> c.el == 1 && c.el2Enabled ? c.sysStore[VMPIDR_EL2] : mpidr(c));
        id("REVIDR_EL1", 3, 0, 0, 0, 6, m -> m.revidr);
        // GIC [27:24] = 1 when a GICv3 system-register interface is attached to this PE
        ro("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, 1, c -> c.model.idAa64pfr0() | (c.iccRegisters != null ? 1L << 24 : 0)
                | (c.el2Enabled ? 1L << 8 : 0)); // EL2 [11:8] = 1: AArch64 only
        id("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, CpuModel::idAa64pfr1);
        id("ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4, CpuModel::idAa64zfr0);
        id("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, CpuModel::idAa64dfr0);
        id("ID_AA64DFR1_EL1", 3, 0, 0, 5, 1, CpuModel::idAa64dfr1);
        id("ID_AA64AFR0_EL1", 3, 0, 0, 5, 4, CpuModel::idAa64afr0);
        id("ID_AA64AFR1_EL1", 3, 0, 0, 5, 5, CpuModel::idAa64afr1);
        id("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, CpuModel::idAa64isar0);
        id("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, CpuModel::idAa64isar1);
        id("ID_AA64ISAR2_EL1", 3, 0, 0, 6, 2, CpuModel::idAa64isar2);
        // With EL2: TGran4_2/16_2/64_2 [43:32] = 1, no stage 2 for any granule (not emulated), so a
        // hypervisor (Linux's KVM) gives up instead of relying on stage 2.
        ro("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, 1, c -> c.model.idAa64mmfr0() | (c.el2Enabled ? 0x111L << 32 : 0));
        id("ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, CpuModel::idAa64mmfr1);
        id("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, CpuModel::idAa64mmfr2);
        // The AArch32 ID registers (CRm = 1..3) read as zero through the ID-space rule (no AArch32).
        ro("CCSIDR_EL1", 3, 1, 0, 0, 0, 1, c -> c.model.ccsidr(c.sysStore[CSSELR_EL1]));
        id("CLIDR_EL1", 3, 1, 0, 0, 1, CpuModel::clidr);
        id("AIDR_EL1", 3, 1, 0, 0, 7, CpuModel::aidr);
        store("CSSELR_EL1", 3, 2, 0, 0, 0, CSSELR_EL1, 0xf);
        ro("CTR_EL0", 3, 3, 0, 0, 1, 0, c -> c.model.ctr()).gate(el0If(SCTLR_UCT));
        // DZP (bit 4) reads 1 at EL0 when SCTLR_EL1.DZE prohibits DC ZVA there.
        ro("DCZID_EL0", 3, 3, 0, 0, 7, 0, c -> c.model.dczid() | (c.el == 0 && !sctlr(c, SCTLR_DZE) ? 0x10 : 0));
    }

    private static void registerEl1() {
        rw("SCTLR_EL1", 3, 0, 1, 0, 0, 1, c -> c.sctlr[1], (c, v) -> {
            long res1 = SCTLR_RES1 | (c.model.pan ? 0 : 1L << 23);
            long old = c.sctlr[1];
            c.sctlr[1] = (v & 0xffffffffL) | res1;
            if (((old ^ c.sctlr[1]) & Cpu.SCTLR_SA_BITS) != 0) c.invalidateAllCode(); // SP checks are decoded in
            c.flushTlb();
            c.onContextChange();
        });
        store("ACTLR_EL1", 3, 0, 1, 0, 1, ACTLR_EL1, 0);
        rw("CPACR_EL1", 3, 0, 1, 0, 2, 1, c -> c.cpacrEl1, (c, v) -> {
            c.cpacrEl1 = v & ((3L << 20) | (1L << 28));
            c.updateFpTrap();
            c.exitLoop = true;
        });
        // The soft TLB keeps views per (ASID, TTBR0) when the ASID is TTBR0's (Cpu.writeTtbr0)
        // and otherwise drops non-global translations; the MMU's own cache is tagged by ASID
        // and survives (TLBI is the guest's business).
        rw("TTBR0_EL1", 3, 0, 2, 0, 0, 1, c -> c.sysStore[TTBR0_EL1], Cpu::writeTtbr0);
        rw("TTBR1_EL1", 3, 0, 2, 0, 1, 1, c -> c.sysStore[TTBR1_EL1], (c, v) -> {
            if (c.sysStore[TTBR1_EL1] != v) c.flushTlbNonGlobal();
            c.sysStore[TTBR1_EL1] = v;
        });
        rw("TCR_EL1", 3, 0, 2, 0, 2, 1, c -> c.sysStore[TCR_EL1], (c, v) -> {
            c.sysStore[TCR_EL1] = v;
            c.flushTlb();
        });
        store("AFSR0_EL1", 3, 0, 5, 1, 0, AFSR0_EL1, 0xffffffffL);
        store("AFSR1_EL1", 3, 0, 5, 1, 1, AFSR1_EL1, 0xffffffffL);
        rw("ESR_EL1", 3, 0, 5, 2, 0, 1, c -> c.esr[1], (c, v) -> c.esr[1] = v & 0xffffffffL);
        rw("FAR_EL1", 3, 0, 6, 0, 0, 1, c -> c.far[1], (c, v) -> c.far[1] = v);
        rw("PAR_EL1", 3, 0, 7, 4, 0, 1, c -> c.parEl1, (c, v) -> c.parEl1 = v);
        rw("MAIR_EL1", 3, 0, 10, 2, 0, 1, c -> c.sysStore[MAIR_EL1], (c, v) -> {
            if (c.sysStore[MAIR_EL1] != v) c.flushTlb(); // Device vs Normal decides soft-TLB caching
            c.sysStore[MAIR_EL1] = v;
        });
        store("AMAIR_EL1", 3, 0, 10, 3, 0, AMAIR_EL1, -1L);
        rw("VBAR_EL1", 3, 0, 12, 0, 0, 1, c -> c.vbar[1], (c, v) -> c.vbar[1] = v & ~0x7ffL);
        ro("RVBAR_EL1", 3, 0, 12, 0, 1, 1, c -> 0L);
        ro("ISR_EL1", 3, 0, 12, 1, 0, 1, c -> (c.irqLine ? 0x80L : 0) | (c.fiqLine ? 0x40L : 0));
        store("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, CONTEXTIDR_EL1, 0xffffffffL);
        rw("TPIDR_EL1", 3, 0, 13, 0, 4, 1, c -> c.tpidr[1], (c, v) -> c.tpidr[1] = v);
        rw("TPIDR_EL0", 3, 3, 13, 0, 2, 0, c -> c.tpidr[0], (c, v) -> c.tpidr[0] = v);
        add(new Reg("TPIDRRO_EL0", 3, 3, 13, 0, 3, 0, 1, c -> c.tpidrroEl0, (c, v) -> c.tpidrroEl0 = v));
        store("CNTKCTL_EL1", 3, 0, 14, 1, 0, CNTKCTL_EL1, 0x3ff);
    }

    // ---- generic timer ------------------------------------------------------------------------
    private static final long EL0PCTEN = 1, EL0VCTEN = 2, EL0VTEN = 1 << 8, EL0PTEN = 1 << 9;

    /** Control bits (ENABLE, IMASK) stored for a timer ({@link TimerRegisters#PHYS} or VIRT). */
    public static long timerCtl(Cpu c, int timer) {
        return c.sysStore[timer == TimerRegisters.PHYS ? CNTP_CTL : CNTV_CTL] & 3;
    }

    public static long timerCval(Cpu c, int timer) {
        return c.sysStore[timer == TimerRegisters.PHYS ? CNTP_CVAL : CNTV_CVAL];
    }

    /** Whether the timer is enabled and its condition (counter >= CVAL) is met (CNTx_CTL.ISTATUS). */
    public static boolean timerCondition(Cpu c, int timer) {
        long count = c.counter.getAsLong() - (timer == TimerRegisters.PHYS ? 0 : c.sysStore[CNTVOFF_EL2]);
        return (timerCtl(c, timer) & 1) != 0 && Long.compareUnsigned(count, timerCval(c, timer)) >= 0;
    }

    /** Whether the timer asserts its interrupt: condition met and not masked (IMASK clear). */
    public static boolean timerInterrupt(Cpu c, int timer) {
        return timerCondition(c, timer) && (timerCtl(c, timer) & 2) == 0;
    }

    private static void notifyTimer(Cpu c, int timer) {
        TimerRegisters l = c.timerRegisters;
        if (l != null) l.timerWritten(c, timer);
        c.exitLoop = true;
    }

    private static void registerTimer() {
        // Writable at the highest implemented EL, which is EL1 here.
        add(new Reg("CNTFRQ_EL0", 3, 3, 14, 0, 0, 0, 1, c -> c.counterFrequency, (c, v) -> c.counterFrequency = v & 0xffffffffL))
                .gate(el0IfCntkctl(EL0PCTEN | EL0VCTEN));
        ro("CNTPCT_EL0", 3, 3, 14, 0, 1, 0, c -> c.counter.getAsLong()).gate(el0IfCntkctl(EL0PCTEN));
        ro("CNTVCT_EL0", 3, 3, 14, 0, 2, 0, c -> c.counter.getAsLong() - c.sysStore[CNTVOFF_EL2]).gate(el0IfCntkctl(EL0VCTEN));
        for (int t = 0; t < 2; t++) {
            final int timer = t;
            final int ctl = t == 0 ? CNTP_CTL : CNTV_CTL, cval = t == 0 ? CNTP_CVAL : CNTV_CVAL;
            final int crm = t == 0 ? 2 : 3;
            final String p = t == 0 ? "CNTP_" : "CNTV_";
            Gate g = el0IfCntkctl(t == 0 ? EL0PTEN : EL0VTEN);
            rw(p + "TVAL_EL0", 3, 3, 14, crm, 0, 0, c -> (c.sysStore[cval] - c.counter.getAsLong()) & 0xffffffffL, (c, v) -> {
                c.sysStore[cval] = c.counter.getAsLong() + (int) v;
                notifyTimer(c, timer);
            }).gate(g);
            rw(p + "CTL_EL0", 3, 3, 14, crm, 1, 0, c -> (c.sysStore[ctl] & 3) | (timerCondition(c, timer) ? 4 : 0), (c, v) -> {
                c.sysStore[ctl] = v & 3;
                notifyTimer(c, timer);
            }).gate(g);
            rw(p + "CVAL_EL0", 3, 3, 14, crm, 2, 0, c -> c.sysStore[cval], (c, v) -> {
                c.sysStore[cval] = v;
                notifyTimer(c, timer);
            }).gate(g);
        }
    }

    // ---- GICv3 CPU interface (ICC_*_EL1), forwarded to Cpu.iccRegisters ------------------------
    private static void icc(String n, int crn, int crm, int op2, int reg, boolean readable, boolean writable) {
        Reader rd = readable ? c -> c.iccRegisters.read(c, reg) : null;
        Writer wr = writable ? (c, v) -> {
            c.iccRegisters.write(c, reg, v);
            c.exitLoop = true; // the interrupt lines may have changed
        } : null;
        add(new Reg(n, 3, 0, crn, crm, op2, 1, 1, rd, wr)).gate((c, w) -> c.iccRegisters == null ? UNDEF : OK);
    }

    private static void registerGic() {
        icc("ICC_PMR_EL1", 4, 6, 0, IccRegisters.PMR, true, true);
        icc("ICC_IAR0_EL1", 12, 8, 0, IccRegisters.IAR0, true, false);
        icc("ICC_EOIR0_EL1", 12, 8, 1, IccRegisters.EOIR0, false, true);
        icc("ICC_HPPIR0_EL1", 12, 8, 2, IccRegisters.HPPIR0, true, false);
        icc("ICC_BPR0_EL1", 12, 8, 3, IccRegisters.BPR0, true, true);
        for (int n = 0; n < 4; n++) {
            icc("ICC_AP0R" + n + "_EL1", 12, 8, 4 + n, IccRegisters.AP0R0 + n, true, true);
            icc("ICC_AP1R" + n + "_EL1", 12, 9, n, IccRegisters.AP1R0 + n, true, true);
        }
        icc("ICC_DIR_EL1", 12, 11, 1, IccRegisters.DIR, false, true);
        icc("ICC_RPR_EL1", 12, 11, 3, IccRegisters.RPR, true, false);
        icc("ICC_SGI1R_EL1", 12, 11, 5, IccRegisters.SGI1R, false, true);
        icc("ICC_ASGI1R_EL1", 12, 11, 6, IccRegisters.ASGI1R, false, true);
        icc("ICC_SGI0R_EL1", 12, 11, 7, IccRegisters.SGI0R, false, true);
        icc("ICC_IAR1_EL1", 12, 12, 0, IccRegisters.IAR1, true, false);
        icc("ICC_EOIR1_EL1", 12, 12, 1, IccRegisters.EOIR1, false, true);
        icc("ICC_HPPIR1_EL1", 12, 12, 2, IccRegisters.HPPIR1, true, false);
        icc("ICC_BPR1_EL1", 12, 12, 3, IccRegisters.BPR1, true, true);
        icc("ICC_CTLR_EL1", 12, 12, 4, IccRegisters.CTLR, true, true);
        icc("ICC_SRE_EL1", 12, 12, 5, IccRegisters.SRE, true, true);
        icc("ICC_IGRPEN0_EL1", 12, 12, 6, IccRegisters.IGRPEN0, true, true);
        icc("ICC_IGRPEN1_EL1", 12, 12, 7, IccRegisters.IGRPEN1, true, true);
    }

    // ---- debug (op0 = 2): the registers Linux touches at boot; no debug events are generated ----
    private static void registerDebug() {
        store("OSDTRRX_EL1", 2, 0, 0, 0, 2, OSDTRRX_EL1, 0xffffffffL);
        store("MDCCINT_EL1", 2, 0, 0, 2, 0, MDCCINT_EL1, 0xffffffffL);
        store("MDSCR_EL1", 2, 0, 0, 2, 2, MDSCR_EL1, 0xffffffffL);
        store("OSDTRTX_EL1", 2, 0, 0, 3, 2, OSDTRTX_EL1, 0xffffffffL);
        store("OSECCR_EL1", 2, 0, 0, 6, 2, OSECCR_EL1, 0xffffffffL);
        for (int n = 0; n < 16; n++) {
            final int bp = n;
            int s = nextSlot;
            nextSlot += 4;
            store("DBGBVR" + n + "_EL1", 2, 0, 0, n, 4, s, -1L).when(m -> bp <= field(m.idAa64dfr0(), 12));
            store("DBGBCR" + n + "_EL1", 2, 0, 0, n, 5, s + 1, 0xffffffffL).when(m -> bp <= field(m.idAa64dfr0(), 12));
            store("DBGWVR" + n + "_EL1", 2, 0, 0, n, 6, s + 2, -1L).when(m -> bp <= field(m.idAa64dfr0(), 20));
            store("DBGWCR" + n + "_EL1", 2, 0, 0, n, 7, s + 3, 0xffffffffL).when(m -> bp <= field(m.idAa64dfr0(), 20));
        }
        ro("MDRAR_EL1", 2, 0, 1, 0, 0, 1, c -> 0L);
        wo("OSLAR_EL1", 2, 0, 1, 0, 4, 1, (c, v) -> c.sysStore[OS_UNLOCKED] = (v & 1) ^ 1);
        // OSLM = 0b10 (bit 3): OS lock implemented; OSLK (bit 1) set out of reset.
        ro("OSLSR_EL1", 2, 0, 1, 1, 4, 1, c -> 8L | (c.sysStore[OS_UNLOCKED] == 0 ? 2 : 0));
        store("OSDLR_EL1", 2, 0, 1, 3, 4, OSDLR_EL1, 1);
        store("DBGPRCR_EL1", 2, 0, 1, 4, 4, DBGPRCR_EL1, 1);
        rw("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, 1, c -> 0xffL, (c, v) -> c.sysStore[DBGCLAIM] |= v & 0xff);
        rw("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, 1, c -> c.sysStore[DBGCLAIM], (c, v) -> c.sysStore[DBGCLAIM] &= ~v);
        // Non-secure invasive and non-invasive debug implemented and enabled; no Secure state.
        ro("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, 1, c -> 0x0fL);
        // Debug Communications Channel: no external debugger, so status reads 0 and data is RAZ/WI.
        Gate tdcc = (c, w) -> c.el == 0 && (c.sysStore[MDSCR_EL1] & (1L << 12)) != 0 ? TRAP : OK;
        ro("MDCCSR_EL0", 2, 3, 0, 1, 0, 0, c -> 0L).gate(tdcc);
        rw("DBGDTR_EL0", 2, 3, 0, 4, 0, 0, c -> 0L, (c, v) -> {}).gate(tdcc);
        rw("DBGDTRRX_EL0/DBGDTRTX_EL0", 2, 3, 0, 5, 0, 0, c -> 0L, (c, v) -> {}).gate(tdcc);
    }

    // =====================================================================================
    // Lookup (decode time) and access (run time)
    // =====================================================================================

    /** All rows, in table order (the ID-space RAZ row last). */
    public static List<Reg> rows() { return Collections.unmodifiableList(ROWS); }

    public static Reg row(int index) { return byIndex[index]; }

    /**
     * The row for an encoding on a model, or null if the register is UNDEFINED there.
     * Unassigned ID-space encodings (op0=3, op1=0, CRn=0, CRm=1..7) give {@link #ID_RAZ}.
     */
    public static Reg find(int key, CpuModel model) {
        Reg r = BY_KEY.get(key);
        if (r != null) return r.presentOn(model) ? r : null;
        if ((key & ~0x7f) == key(3, 0, 0, 0, 0) && ((key >>> 3) & 0xf) != 0) return ID_RAZ;
        return null;
    }

    public static Reg byName(String name) {
        for (Reg r : ROWS) if (r.name.equals(name)) return r;
        return null;
    }

    private static GuestException deny(Cpu c, int verdict, int iss) {
        switch (verdict) {
            case TRAP: return c.syncException(Esr.EC_SYSREG, iss, 0, false, c.pc);
            case FP_TRAP: return c.fpAccessTrap();
            default: return c.undefined();
        }
    }

    /** MRS: the value of row {@code index}, after the access checks (iss = the EC 0x18 syndrome). */
    public static long read(Cpu c, int index, int iss) {
        Reg r = byIndex[index];
        if (c.el < r.readEl) throw c.undefined();
        if (r.gate != null) {
            int v = r.gate.check(c, false);
            if (v != OK) throw deny(c, v, iss);
        }
        return r.reader.read(c);
    }

    /** MSR (register): writes row {@code index} after the access checks. */
    public static void write(Cpu c, int index, int iss, long value) {
        Reg r = byIndex[index];
        if (c.el < r.writeEl) throw c.undefined();
        if (r.gate != null) {
            int v = r.gate.check(c, true);
            if (v != OK) throw deny(c, v, iss);
        }
        r.writer.write(c, value);
    }
}
