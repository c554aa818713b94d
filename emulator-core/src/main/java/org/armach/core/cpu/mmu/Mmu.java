package org.armach.core.cpu.mmu;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Esr;
import org.armach.core.cpu.GuestException;
import org.armach.core.cpu.SysRegs;
import org.armach.core.cpu.Translator;
import org.armach.core.mem.PhysicalMemory;

/**
 * The stage-1 MMU of the EL1&0 translation regime (ARM ARM D8, VMSAv8-64), installed on
 * every {@link Cpu} by default.
 *
 * <p>With SCTLR_EL1.M = 0 the mapping is flat (VA = PA after the TBI tag is dropped; bits
 * above the PA size give a level-0 Address size fault, as on QEMU). With M = 1 a VA selects
 * TTBR0_EL1 or TTBR1_EL1 by bit 55; bits [63:56] are ignored under TCR.TBI0/TBI1, the rest
 * above 64 - TxSZ must all equal bit 55 (else, or with EPDx set, or with TxSZ outside
 * 16..39, a level-0 Translation fault). TG0/TG1 select the 4K, 16K or 64K granule (an
 * unsupported or reserved value means 4K); the walk starts at the level the input size
 * implies and reads 64-bit descriptors from RAM (a descriptor outside RAM is a synchronous
 * external abort on the walk, FSC 0x14 + level). Table descriptors accumulate
 * APTable/UXNTable/PXNTable; blocks are legal at levels 1 and 2 (4K) or 2 (16K, 64K).
 * Output addresses above min(TCR.IPS, PARange) give Address size faults; AF = 0 gives an
 * Access flag fault (hardware AF/DBM management is not advertised). Permissions follow
 * AArch64.CheckPermission: AP[2:1], UXN/PXN, SCTLR_EL1.WXN, EL1 never executes EL0-writable
 * memory, and PSTATE.PAN denies EL1 data accesses (not fetches, not unprivileged LDTR/STTR)
 * to EL0-readable memory. MAIR_EL1 via AttrIndx gives the memory type: Device pages fault on
 * unaligned accesses and are never entered in the CPU's soft TLB.
 *
 * <p>Successful walks are cached in a 4-way set-associative translation cache keyed by the
 * 4 KiB virtual page and the ASID (global entries match any ASID; ASIDs are 8 or 16 bits per
 * TCR.AS, taken from TTBR0 or TTBR1 per TCR.A1), so a context switch back to an ASID need not
 * walk again. It is invalidated by TLBI (precisely, by VA and/or ASID) and dropped entirely
 * when TCR_EL1 or MAIR_EL1 change. Faulting walks are never cached.
 */
public final class Mmu implements Translator {
    // ---- packed translation info (also returned by lastInfo()) ---------------------------
    private static final int ATTR_MASK = 0xff; // MAIR attribute byte
    private static final int SH_SHIFT = 8; // SH[1:0]
    private static final int LEVEL_SHIFT = 10; // level of the final descriptor
    private static final int SIZE_SHIFT = 12; // log2 of the mapping size (12..30)
    private static final int UR = 1 << 18, UW = 1 << 19, PW = 1 << 20, UXN = 1 << 21, PXN = 1 << 22;
    // INFO_NG = 1 << 23, INFO_DEVICE = 1 << 24 (Translator)

    private static final long OA_MASK = 0x0000_ffff_ffff_f000L;
    private static final long SCTLR_M = 1, SCTLR_WXN = 1L << 19;
    private static final int FSC_WALK_EXTERNAL = 0x14;
    private static final int[] PA_BITS = {32, 36, 40, 42, 44, 48, 52, 52};

    // ---- translation cache ----------------------------------------------------------------
    private static final int SET_BITS = 10, SETS = 1 << SET_BITS, WAYS = 4;
    private final long[] cKey = new long[SETS * WAYS];
    /** ASID of a non-global entry, -1 for a global one. */
    private final int[] cAsid = new int[SETS * WAYS];
    private final long[] cPa = new long[SETS * WAYS];
    private final int[] cInfo = new int[SETS * WAYS];
    private final byte[] cNext = new byte[SETS];
    private long snapTcr, snapMair;

    /** Blocks and large pages entered in the caches since the last full flush (for TLBI by VA). */
    private static final int MAX_LARGE = 64;
    private final long[] largeBase = new long[MAX_LARGE];
    private final int[] largeShift = new int[MAX_LARGE];
    private int largeCount;
    private boolean largeOverflow;

    // ---- result of the last resolve / translate ---------------------------------------------
    private long resPa;
    private int resInfo, resFsc;
    private int lastInfo;

    public Mmu() {
        flushCache();
    }

    // =====================================================================================
    // Translator
    // =====================================================================================

    @Override
    public long translate(Cpu c, long va, int access, boolean asEl0) {
        if ((c.sctlr[1] & SCTLR_M) == 0 || c.el == 2) { // the EL2 regime is always flat (no EL2 MMU)
            long pa = flat(c, va);
            if (pa == -1) throw fault(c, va, access, Esr.FSC_ADDR_SIZE);
            lastInfo = 0;
            return pa;
        }
        if (!resolve(c, va)) throw fault(c, va, access, resFsc);
        int info = resInfo;
        if (!permitted(info, access, !asEl0, c.pan, (c.sctlr[1] & SCTLR_WXN) != 0))
            throw fault(c, va, access, Esr.FSC_PERMISSION + level(info));
        lastInfo = info;
        return resPa | (va & PhysicalMemory.PAGE_MASK);
    }

    @Override
    public int lastInfo() { return lastInfo; }

    @Override
    public long debugTranslate(Cpu c, long va) {
        if ((c.sctlr[1] & SCTLR_M) == 0 || c.el == 2) return flat(c, va);
        return resolve(c, va) ? resPa | (va & PhysicalMemory.PAGE_MASK) : -1;
    }

    @Override
    public boolean distinguishesPrivilege() { return true; }

    @Override
    public long at(Cpu c, long va, int access, boolean el0, boolean pan) {
        long par;
        if ((c.sctlr[1] & SCTLR_M) == 0) {
            long pa = flat(c, va);
            if (pa == -1) return faultPar(Esr.FSC_ADDR_SIZE);
            // Device-nGnRnE (data accesses with stage 1 off), reported Outer Shareable
            return (pa & OA_MASK) | (2L << 7) | (1L << 9) | (1L << 11);
        }
        if (!resolve(c, va)) return faultPar(resFsc);
        int info = resInfo;
        if (!permitted(info, access, !el0, pan, (c.sctlr[1] & SCTLR_WXN) != 0))
            return faultPar(Esr.FSC_PERMISSION + level(info));
        int attr = info & ATTR_MASK;
        int sh = (info >>> SH_SHIFT) & 3;
        // PAREncodeShareability: Device and Normal Non-cacheable report Outer Shareable
        if ((attr & 0xf0) == 0 || attr == 0x44 || attr == 0x40) sh = 2;
        par = (resPa & OA_MASK) | ((long) attr << 56) | ((long) sh << 7) | (1L << 9) | (1L << 11);
        return par;
    }

    private static long faultPar(int fsc) {
        return 1L | ((long) (fsc & 0x3f) << 1) | (1L << 11);
    }

    /**
     * The PEs an Inner Shareable TLBI reaches besides the issuing one (set by SMP boards);
     * each gets the local form through its own translator.
     */
    public void setInnerShareableDomain(Cpu... cpus) {
        this.domain = cpus.clone();
    }

    private Cpu[] domain = new Cpu[0];

    @Override
    public void tlbi(Cpu c, int op, long xt) {
        if ((op & TLBI_IS) != 0) {
            op &= ~TLBI_IS;
            for (Cpu peer : domain) {
                if (peer != c) peer.translator().tlbi(peer, op, xt);
            }
        }
        long tcr = c.sysStore[SysRegs.TCR_EL1];
        int asid = (int) (xt >>> 48) & asidMask(tcr);
        long vpn = xt & ((1L << 44) - 1); // VA[55:12]
        switch (op) {
            case 0: // VMALLE1(IS)
                flushCache();
                c.flushTlb();
                return;
            case 2: // ASIDE1(IS): non-global entries of one ASID
                for (int k = 0; k < cKey.length; k++) {
                    if (cKey[k] != -1 && cAsid[k] == asid) cKey[k] = -1;
                }
                c.flushTlbNonGlobal();
                return;
            case 1: // VAE1(IS)
            case 5: // VALE1(IS): last level only; leaf entries are all this cache holds
                invalidateVa(c, vpn, asid);
                return;
            default: // 3 VAAE1(IS), 7 VAALE1(IS): any ASID
                invalidateVa(c, vpn, -1);
        }
    }

    // =====================================================================================
    // Permissions (AArch64.CheckPermission for stage 1 of EL1&0)
    // =====================================================================================

    private static boolean permitted(int info, int access, boolean priv, boolean pan, boolean wxn) {
        boolean ur = (info & UR) != 0, uw = (info & UW) != 0, pw = (info & PW) != 0;
        switch (access) {
            case READ: return priv ? !(pan && ur) : ur;
            case WRITE: return priv ? pw && !(pan && ur) : uw;
            default: // FETCH: PAN does not apply; EL1 never executes EL0-writable memory
                if (priv) return (info & PXN) == 0 && !(pw && wxn) && !uw;
                return (info & UXN) == 0 && !(uw && wxn);
        }
    }

    private static int level(int info) {
        return (info >>> LEVEL_SHIFT) & 3;
    }

    private static GuestException fault(Cpu c, long va, int access, int fsc) {
        if (access == FETCH) return c.instructionAbort(va, fsc);
        return c.dataAbort(va, fsc, access == WRITE);
    }

    // =====================================================================================
    // Stage 1 disabled
    // =====================================================================================

    /** The flat PA of {@code va} with stage 1 off, or -1 for an Address size fault. */
    private static long flat(Cpu c, long va) {
        int pamax = PA_BITS[c.model.paRange];
        long tcr = c.sysStore[SysRegs.TCR_EL1];
        boolean tbi = ((tcr >>> (((va >>> 55) & 1) != 0 ? 38 : 37)) & 1) != 0;
        long a = tbi ? va & 0x00ff_ffff_ffff_ffffL : va;
        return (a >>> pamax) != 0 ? -1 : a;
    }

    // =====================================================================================
    // Lookup and walk
    // =====================================================================================

    private static int asidMask(long tcr) {
        return (tcr & (1L << 36)) != 0 ? 0xffff : 0xff;
    }

    /** The current ASID: from TTBR1 if TCR.A1, else TTBR0; 8 or 16 bits per TCR.AS. */
    private static int currentAsid(Cpu c, long tcr) {
        long ttbr = c.sysStore[(tcr & (1L << 22)) != 0 ? SysRegs.TTBR1_EL1 : SysRegs.TTBR0_EL1];
        return (int) (ttbr >>> 48) & asidMask(tcr);
    }

    /**
     * Translates {@code va} (permission checks aside): true with {@link #resPa} (PA of the
     * 4 KiB page) and {@link #resInfo}, or false with {@link #resFsc}.
     */
    private boolean resolve(Cpu c, long va) {
        long tcr = c.sysStore[SysRegs.TCR_EL1], mair = c.sysStore[SysRegs.MAIR_EL1];
        if (tcr != snapTcr || mair != snapMair) {
            flushCache();
            snapTcr = tcr;
            snapMair = mair;
        }
        boolean hi = ((va >>> 55) & 1) != 0;
        boolean tbi = ((tcr >>> (hi ? 38 : 37)) & 1) != 0;
        long cva = tbi ? (va << 8) >> 8 : va;
        long vpn = cva >>> 12;
        int asid = currentAsid(c, tcr);
        int set = (int) vpn & (SETS - 1);
        int base = set * WAYS;
        for (int k = base; k < base + WAYS; k++) {
            if (cKey[k] == vpn && (cAsid[k] < 0 || cAsid[k] == asid)) {
                resPa = cPa[k];
                resInfo = cInfo[k];
                return true;
            }
        }
        if (!walk(c, cva, tcr, hi, mair)) return false;
        int k = base + (cNext[set] & (WAYS - 1));
        cNext[set]++;
        cKey[k] = vpn;
        cAsid[k] = (resInfo & INFO_NG) != 0 ? asid : -1;
        cPa[k] = resPa;
        cInfo[k] = resInfo;
        return true;
    }

    private boolean fail(int fsc, int level) {
        resFsc = fsc + level;
        return false;
    }

    /** Granule log2 for a TGx choice (12, 14, 16), falling back to a supported one. */
    private static int granule(CpuModel m, int g) {
        if (g == 14 && !m.tgran16 || g == 16 && !m.tgran64 || g == 12 && !m.tgran4) {
            return m.tgran4 ? 12 : m.tgran64 ? 16 : 14;
        }
        return g;
    }

    /** AArch64 stage-1 table walk of the canonical (tag-extended) VA {@code va}. */
    private boolean walk(Cpu c, long va, long tcr, boolean hi, long mair) {
        int tsz, g;
        long ttbr;
        boolean epd;
        if (!hi) {
            tsz = (int) tcr & 63;
            epd = (tcr & (1L << 7)) != 0;
            ttbr = c.sysStore[SysRegs.TTBR0_EL1];
            int tg = (int) (tcr >>> 14) & 3;
            g = tg == 1 ? 16 : tg == 2 ? 14 : 12;
        } else {
            tsz = (int) (tcr >>> 16) & 63;
            epd = (tcr & (1L << 23)) != 0;
            ttbr = c.sysStore[SysRegs.TTBR1_EL1];
            int tg = (int) (tcr >>> 30) & 3;
            g = tg == 1 ? 14 : tg == 3 ? 16 : 12;
        }
        g = granule(c.model, g);
        // TxSZ out of range: IMPLEMENTATION DEFINED clamp or level-0 fault; QEMU faults
        if (tsz < 16 || tsz > 39 || epd) return fail(Esr.FSC_TRANSLATION, 0);
        int inputSize = 64 - tsz;
        if ((va >> inputSize) != (hi ? -1L : 0L)) return fail(Esr.FSC_TRANSLATION, 0);
        int stride = g - 3;
        int level = 4 - (inputSize - g + stride - 1) / stride;
        int ips = (int) (tcr >>> 32) & 7;
        int paSize = Math.min(PA_BITS[ips], PA_BITS[c.model.paRange]);
        long table = ttbr & 0x0000_ffff_ffff_fffeL;
        if ((table >>> paSize) != 0) return fail(Esr.FSC_ADDR_SIZE, 0);
        int bits = inputSize - g - stride * (3 - level); // index bits of the first table
        table &= -(8L << bits);
        int apTable = 0;
        boolean uxnTable = false, pxnTable = false;
        PhysicalMemory ram = c.ram;
        while (true) {
            int shift = g + stride * (3 - level);
            long da = table + ((va >>> shift) & ((1L << bits) - 1)) * 8;
            if (!ram.contains(da)) return fail(FSC_WALK_EXTERNAL, level);
            long d = ram.read(da, 8);
            if ((d & 1) == 0) return fail(Esr.FSC_TRANSLATION, level);
            if (level < 3 && (d & 2) != 0) { // table descriptor
                long next = d & OA_MASK & -(1L << g);
                if ((next >>> paSize) != 0) return fail(Esr.FSC_ADDR_SIZE, level);
                apTable |= (int) (d >>> 61) & 3;
                uxnTable |= (d & (1L << 60)) != 0;
                pxnTable |= (d & (1L << 59)) != 0;
                table = next;
                level++;
                bits = stride;
                continue;
            }
            boolean legal = level == 3 ? (d & 2) != 0 : level == 2 || (level == 1 && g == 12);
            if (!legal) return fail(Esr.FSC_TRANSLATION, level);
            long oa = d & OA_MASK & -(1L << shift);
            if ((oa >>> paSize) != 0) return fail(Esr.FSC_ADDR_SIZE, level);
            if ((d & (1L << 10)) == 0) return fail(Esr.FSC_ACCESS_FLAG, level);
            int ap = (int) (d >>> 6) & 3; // bit 0 = AP[1] (EL0 access), bit 1 = AP[2] (read-only)
            boolean ur = (ap & 1) != 0 && (apTable & 1) == 0;
            boolean ro = (ap & 2) != 0 || (apTable & 2) != 0;
            int attr = (int) (mair >>> (8 * ((d >>> 2) & 7))) & 0xff;
            int info = attr | ((int) (d >>> 8) & 3) << SH_SHIFT | level << LEVEL_SHIFT | shift << SIZE_SHIFT;
            if (ur) info |= UR;
            if (ur && !ro) info |= UW;
            if (!ro) info |= PW;
            if ((d & (1L << 54)) != 0 || uxnTable) info |= UXN;
            if ((d & (1L << 53)) != 0 || pxnTable) info |= PXN;
            if ((d & (1L << 11)) != 0) info |= INFO_NG;
            if ((attr & 0xf0) == 0) info |= INFO_DEVICE;
            resPa = oa | (va & ((1L << shift) - 1) & ~(long) PhysicalMemory.PAGE_MASK);
            resInfo = info;
            if (shift > 12) noteLarge(va & -(1L << shift), shift);
            return true;
        }
    }

    // =====================================================================================
    // Invalidation
    // =====================================================================================

    private void flushCache() {
        java.util.Arrays.fill(cKey, -1);
        largeCount = 0;
        largeOverflow = false;
    }

    private void noteLarge(long base, int shift) {
        for (int k = 0; k < largeCount; k++) {
            if (largeBase[k] == base && largeShift[k] == shift) return;
        }
        if (largeCount == MAX_LARGE) {
            largeOverflow = true;
            return;
        }
        largeBase[largeCount] = base;
        largeShift[largeCount++] = shift;
    }

    private static final long VPN_MASK = (1L << 44) - 1;

    /** TLBI by VA: entries containing VA[55:12] = {@code vpn}, of {@code asid} or global (any ASID if -1). */
    private void invalidateVa(Cpu c, long vpn, int asid) {
        // mappings larger than 4 KiB containing the VA: drop their whole range everywhere
        int maxShift = 12;
        long rangeBase = vpn << 12;
        if (largeOverflow) {
            maxShift = 64;
        } else {
            for (int k = 0; k < largeCount; k++) {
                int sh = largeShift[k];
                if (((((largeBase[k] >>> 12) ^ vpn) & VPN_MASK) >>> (sh - 12)) == 0 && sh > maxShift) {
                    maxShift = sh;
                    rangeBase = largeBase[k];
                }
            }
        }
        if (maxShift == 12) {
            int base = ((int) vpn & (SETS - 1)) * WAYS;
            for (int k = base; k < base + WAYS; k++) {
                if (cKey[k] != -1 && ((cKey[k] ^ vpn) & VPN_MASK) == 0 && (asid < 0 || cAsid[k] < 0 || cAsid[k] == asid)) cKey[k] = -1;
            }
            c.flushTlbPage(vpn << 12);
            return;
        }
        for (int k = 0; k < cKey.length; k++) {
            long key = cKey[k];
            if (key == -1 || !(asid < 0 || cAsid[k] < 0 || cAsid[k] == asid)) continue;
            int sh = (cInfo[k] >>> SIZE_SHIFT) & 63;
            if ((((key ^ vpn) & VPN_MASK) >>> (sh - 12)) == 0) cKey[k] = -1;
        }
        if (maxShift >= 56) c.flushTlb();
        else c.flushTlbRange(rangeBase, 1L << maxShift);
    }
}
