package org.armach.core.dev;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.FirmwareCall;

/**
 * PSCI firmware for a single-CPU machine, answering HVC or SMC (the conduit the device tree
 * advertises) as QEMU's built-in PSCI does. Reports version 1.1 as QEMU 7.2 does (the DT
 * says "arm,psci-1.0"); functions outside the PSCI set return NOT_SUPPORTED in x0.
 * SYSTEM_OFF, SYSTEM_RESET and CPU_OFF stop the CPU ({@link Cpu#stopRequested}) and record
 * {@link #stopReason()} for the machine loop.
 */
public final class Psci implements FirmwareCall {
    public static final int PSCI_VERSION = 0x84000000;
    public static final int CPU_SUSPEND_32 = 0x84000001, CPU_SUSPEND_64 = 0xc4000001;
    public static final int CPU_OFF = 0x84000002;
    public static final int CPU_ON_32 = 0x84000003, CPU_ON_64 = 0xc4000003;
    public static final int AFFINITY_INFO_32 = 0x84000004, AFFINITY_INFO_64 = 0xc4000004;
    public static final int MIGRATE_32 = 0x84000005, MIGRATE_64 = 0xc4000005;
    public static final int MIGRATE_INFO_TYPE = 0x84000006;
    public static final int MIGRATE_INFO_UP_CPU_32 = 0x84000007, MIGRATE_INFO_UP_CPU_64 = 0xc4000007;
    public static final int SYSTEM_OFF = 0x84000008;
    public static final int SYSTEM_RESET = 0x84000009;
    public static final int PSCI_FEATURES = 0x8400000a;
    /** PSCI 0.1 function IDs QEMU advertises in the DT node (cpu_suspend, cpu_off, cpu_on, migrate). */
    public static final int DT_CPU_SUSPEND = CPU_SUSPEND_64, DT_CPU_OFF = CPU_OFF, DT_CPU_ON = CPU_ON_64, DT_MIGRATE = MIGRATE_64;

    public static final long SUCCESS = 0, NOT_SUPPORTED = -1, INVALID_PARAMETERS = -2, DENIED = -3, ALREADY_ON = -4;
    /** MIGRATE_INFO_TYPE: no trusted OS, migration not required. */
    public static final long TOS_MIGRATION_NOT_REQUIRED = 2;
    /** Version 1.1 (major << 16 | minor). */
    public static final long VERSION = 0x10001;

    /** Why the CPU was stopped by firmware. */
    public enum StopReason { NONE, SYSTEM_OFF, SYSTEM_RESET, CPU_OFF }

    private final boolean smcConduit;
    private final long mpidrAff;
    private StopReason stopReason = StopReason.NONE;

    /**
     * @param smcConduit true for "smc", false for "hvc" (the DT's psci/method)
     * @param mpidrAff   affinity fields of the only CPU's MPIDR
     */
    public Psci(boolean smcConduit, long mpidrAff) {
        this.smcConduit = smcConduit;
        this.mpidrAff = mpidrAff;
    }

    public String method() { return smcConduit ? "smc" : "hvc"; }

    public StopReason stopReason() { return stopReason; }

    public void clearStopReason() { stopReason = StopReason.NONE; }

    @Override
    public boolean call(Cpu cpu, boolean smc, int imm16) {
        if (smc != smcConduit) return false; // the other conduit is not a firmware call on this machine
        int fn = (int) cpu.r[0];
        boolean is64 = (fn & 0x40000000) != 0;
        long a1 = cpu.r[1], a2 = cpu.r[2];
        if (!is64) {
            a1 &= 0xffffffffL;
            a2 &= 0xffffffffL;
        }
        long ret;
        switch (fn) {
            case PSCI_VERSION:
                ret = VERSION;
                break;
            case MIGRATE_INFO_TYPE:
                ret = TOS_MIGRATION_NOT_REQUIRED;
                break;
            case AFFINITY_INFO_32:
            case AFFINITY_INFO_64:
                if (a2 == 0) ret = isThisCpu(a1) ? 0 /* ON */ : INVALID_PARAMETERS;
                else ret = 0; // levels above 0 are always on
                break;
            case CPU_ON_32:
            case CPU_ON_64:
                ret = isThisCpu(a1) ? ALREADY_ON : INVALID_PARAMETERS;
                break;
            case CPU_SUSPEND_32:
            case CPU_SUSPEND_64:
                if ((a1 & 0xfffe0000L) != 0) {
                    ret = INVALID_PARAMETERS;
                } else {
                    // power-down states are not supported: behave as WFI, then return success
                    ret = SUCCESS;
                    cpu.waiting = true;
                    cpu.exitLoop = true;
                }
                break;
            case CPU_OFF:
                stop(cpu, StopReason.CPU_OFF);
                return true;
            case SYSTEM_OFF:
                stop(cpu, StopReason.SYSTEM_OFF);
                return true;
            case SYSTEM_RESET:
                stop(cpu, StopReason.SYSTEM_RESET);
                return true;
            case PSCI_FEATURES:
                ret = features((int) a1);
                break;
            default:
                ret = NOT_SUPPORTED;
                break;
        }
        cpu.r[0] = ret;
        return true;
    }

    private static long features(int fn) {
        switch (fn) {
            case PSCI_VERSION:
            case MIGRATE_INFO_TYPE:
            case AFFINITY_INFO_32:
            case AFFINITY_INFO_64:
            case SYSTEM_RESET:
            case SYSTEM_OFF:
            case CPU_ON_32:
            case CPU_ON_64:
            case CPU_OFF:
            case CPU_SUSPEND_32:
            case CPU_SUSPEND_64:
            case PSCI_FEATURES:
                return SUCCESS;
            default:
                return NOT_SUPPORTED;
        }
    }

    private boolean isThisCpu(long mpidr) {
        return (mpidr & 0xff00ffffffL) == (mpidrAff & 0xff00ffffffL);
    }

    private void stop(Cpu cpu, StopReason why) {
        stopReason = why;
        cpu.stopRequested = true;
        cpu.exitLoop = true;
    }
}
