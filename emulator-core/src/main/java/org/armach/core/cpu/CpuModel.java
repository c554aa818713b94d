package org.armach.core.cpu;

import java.util.List;
import java.util.Locale;

/**
 * A CPU model: identification registers and the optional features they advertise.
 * The ID registers describe exactly what this interpreter implements for the model, so
 * optional features that are not implemented (crypto, SVE, PAuth, ...) read as absent
 * even where the real core may have them. Decoders consult the feature flags, so an
 * instruction of an absent feature is UNDEFINED on that model.
 */
public final class CpuModel {
    public final String name;
    public final long midr, revidr, mpidrAff;
    public final boolean lse, crc32, rcpc, pan, uao, dpb, flagm, rdm, fp16;
    public final boolean tgran4, tgran16, tgran64;
    /** PARange encoding of ID_AA64MMFR0 (2 = 40 bits, 5 = 48 bits). */
    public final int paRange;

    private CpuModel(String name, long midr, boolean v81plus, int paRange, boolean tgran16) {
        this.name = name;
        this.midr = midr;
        this.revidr = 0;
        this.mpidrAff = 0;
        this.crc32 = true;
        this.lse = v81plus;
        this.rcpc = v81plus;
        this.pan = v81plus;
        this.uao = v81plus;
        this.dpb = v81plus;
        this.flagm = v81plus;
        this.rdm = false;
        this.fp16 = false;
        this.tgran4 = true;
        this.tgran64 = true;
        this.tgran16 = tgran16;
        this.paRange = paRange;
    }

    public static final CpuModel CORTEX_A53 = new CpuModel("cortex-a53", 0x410fd034L, false, 2, false);
    public static final CpuModel CORTEX_A72 = new CpuModel("cortex-a72", 0x410fd083L, false, 4, false);
    /** Everything this interpreter implements (QEMU's "max" counterpart). */
    public static final CpuModel MAX = new CpuModel("max", 0x000f0510L, true, 5, true);

    public static final List<CpuModel> ALL = List.of(CORTEX_A53, CORTEX_A72, MAX);

    public static CpuModel byName(String n) {
        String k = n.toLowerCase(Locale.ROOT);
        for (CpuModel m : ALL) if (m.name.equals(k)) return m;
        return null;
    }

    /**
     * ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only, no EL2/EL3 (HVC/SMC are UNDEFINED unless
     * firmware answers them, as on QEMU virt without virtualization/secure), FP and AdvSIMD
     * implemented (0), GIC sysregs not advertised.
     */
    public long idAa64pfr0() { return 0x11L; }

    public long idAa64pfr1() { return 0; }

    /** ID_AA64ISAR0_EL1: CRC32 [19:16], Atomic [23:20], RDM [31:28], TS [55:52]. */
    public long idAa64isar0() {
        long v = 0;
        if (crc32) v |= 1L << 16;
        if (lse) v |= 2L << 20;
        if (rdm) v |= 1L << 28;
        if (flagm) v |= 1L << 52; // TS [55:52] = 1: FEAT_FlagM
        return v;
    }

    /** ID_AA64ISAR1_EL1: DPB [3:0], LRCPC [23:20]. */
    public long idAa64isar1() {
        long v = 0;
        if (dpb) v |= 1;
        if (rcpc) v |= 1L << 20;
        return v;
    }

    /** ID_AA64MMFR0_EL1: PARange, ASIDBits=16, TGran fields (4K/64K: 0 = supported, 16K: 1 = supported). */
    public long idAa64mmfr0() {
        long v = paRange | (2L << 4) | (1L << 8) | (1L << 12);
        if (tgran16) v |= 1L << 20;
        if (!tgran64) v |= 0xfL << 24;
        if (!tgran4) v |= 0xfL << 28;
        return v;
    }

    /** ID_AA64MMFR1_EL1: PAN [23:20] = 2 (FEAT_PAN2: AT S1E1RP/S1E1WP) on the v8.1+ models. */
    public long idAa64mmfr1() { return pan ? 2L << 20 : 0; }

    /** ID_AA64MMFR2_EL1: UAO [7:4]. */
    public long idAa64mmfr2() { return uao ? 1L << 4 : 0; }

    /** ID_AA64DFR0_EL1: debug v8, 6 breakpoints, 4 watchpoints, no PMU (PMUVer = 0: PMU registers UNDEFINED). */
    public long idAa64dfr0() { return 0x00305006L; }

    public long idAa64dfr1() { return 0; }

    public long idAa64afr0() { return 0; }

    public long idAa64afr1() { return 0; }

    /** ID_AA64ZFR0_EL1: no SVE. */
    public long idAa64zfr0() { return 0; }

    public long idAa64isar2() { return 0; }

    /** AIDR_EL1 (implementation defined). */
    public long aidr() { return 0; }

    /** CLIDR_EL1: L1 separate I+D, L2 unified; LoUIS = 1, LoC = 2, LoUU = 1 (Cortex-A53 values). */
    public long clidr() { return 0x0a200023L; }

    /**
     * CCSIDR_EL1 for a CSSELR_EL1 value (Level [3:1], InD [0]): 32 KiB 4-way L1 D-cache,
     * 32 KiB 2-way L1 I-cache, 1 MiB 16-way L2, 64-byte lines; 0 for a cache not in CLIDR.
     */
    public long ccsidr(long csselr) {
        switch ((int) (csselr & 0xf)) {
            case 0: return 0x700fe01aL;
            case 1: return 0x201fe00aL;
            case 2: return 0x707fe07aL;
            default: return 0;
        }
    }

    /**
     * CTR_EL0: 64-byte lines, IDC/DIC clear; L1 instruction cache policy VIPT on the
     * Cortex-A53, PIPT on the Cortex-A72 (and on "max", as QEMU's).
     */
    public long ctr() { return this == CORTEX_A53 ? 0x84448004L : 0x8444c004L; }

    /** DCZID_EL0: DC ZVA enabled, block size 2^4 words = 64 bytes. */
    public long dczid() { return 4; }

    public int dczBlockBytes() { return 4 << (int) (dczid() & 0xf); }

    /** Physical address size in bits from PARange. */
    public int paBits() {
        switch (paRange) {
            case 0: return 32;
            case 1: return 36;
            case 2: return 40;
            case 3: return 42;
            case 4: return 44;
            case 5: return 48;
            default: return 52;
        }
    }
}
