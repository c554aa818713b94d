package org.armach.core.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.armach.core.cpu.CpuHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PsciTest {
    CpuHarness h;
    Psci psci;

    @BeforeEach
    void setUp() {
        h = new CpuHarness();
        psci = new Psci(false, 0);
        h.cpu.firmware = psci;
    }

    long call(long fn, long... args) {
        h.cpu.r[0] = fn;
        for (int i = 0; i < args.length; i++) h.cpu.r[1 + i] = args[i];
        assertTrue(psci.call(h.cpu, false, 0));
        return h.cpu.r[0];
    }

    @Test
    void versionAndFeatures() {
        assertEquals(0x10001, call(Psci.PSCI_VERSION));
        assertEquals(0, call(Psci.PSCI_FEATURES, Psci.SYSTEM_OFF & 0xffffffffL));
        assertEquals(0, call(Psci.PSCI_FEATURES, Psci.CPU_ON_64 & 0xffffffffL));
        assertEquals(0, call(Psci.PSCI_FEATURES, Psci.PSCI_FEATURES));
        assertEquals(-1, call(Psci.PSCI_FEATURES, 0x80000000L)); // SMCCC_VERSION: not advertised (SMCCC 1.0)
        assertEquals(-1, call(Psci.PSCI_FEATURES, Psci.MIGRATE_64 & 0xffffffffL));
        assertEquals(2, call(Psci.MIGRATE_INFO_TYPE));
    }

    @Test
    void singleCpuTopology() {
        assertEquals(Psci.ALREADY_ON, call(Psci.CPU_ON_64 & 0xffffffffL, 0, 0x40080000L, 0));
        assertEquals(Psci.INVALID_PARAMETERS, call(Psci.CPU_ON_64 & 0xffffffffL, 1, 0x40080000L, 0));
        assertEquals(Psci.INVALID_PARAMETERS, call(Psci.CPU_ON_32 & 0xffffffffL, 0x100, 0x40080000L, 0));
        assertEquals(0, call(Psci.AFFINITY_INFO_64 & 0xffffffffL, 0, 0));
        assertEquals(Psci.INVALID_PARAMETERS, call(Psci.AFFINITY_INFO_64 & 0xffffffffL, 2, 0));
        assertEquals(0, call(Psci.AFFINITY_INFO_64 & 0xffffffffL, 2, 1)); // higher levels always on
        // SMC32 functions take 32-bit arguments: upper bits are ignored
        assertEquals(0, call(Psci.AFFINITY_INFO_32 & 0xffffffffL, 0xffffffff00000000L, 0));
        assertFalse(h.cpu.stopRequested);
    }

    @Test
    void unknownFunctionsReturnNotSupported() {
        assertEquals(-1, call(0x80000000L));
        assertEquals(-1, call(0xc2000001L));
        assertEquals(-1, call(Psci.MIGRATE_64 & 0xffffffffL, 0));
        assertEquals(-1, call(0x8400001fL));
    }

    @Test
    void systemOffStopsTheCpu() {
        h.cpu.r[0] = Psci.SYSTEM_OFF & 0xffffffffL;
        assertTrue(psci.call(h.cpu, false, 0));
        assertTrue(h.cpu.stopRequested);
        assertEquals(Psci.StopReason.SYSTEM_OFF, psci.stopReason());
    }

    @Test
    void systemResetAndCpuOffRecordTheirReason() {
        h.cpu.r[0] = Psci.SYSTEM_RESET & 0xffffffffL;
        psci.call(h.cpu, false, 0);
        assertEquals(Psci.StopReason.SYSTEM_RESET, psci.stopReason());
        assertTrue(h.cpu.stopRequested);
        psci.clearStopReason();
        h.cpu.stopRequested = false;
        h.cpu.r[0] = Psci.CPU_OFF & 0xffffffffL;
        psci.call(h.cpu, false, 0);
        assertEquals(Psci.StopReason.CPU_OFF, psci.stopReason());
    }

    @Test
    void cpuSuspendWaitsLikeWfi() {
        assertEquals(0, call(Psci.CPU_SUSPEND_64 & 0xffffffffL, 0, 0x40080000L, 0));
        assertTrue(h.cpu.waiting);
        assertEquals(Psci.INVALID_PARAMETERS, call(Psci.CPU_SUSPEND_64 & 0xffffffffL, 0x20000, 0, 0));
    }

    @Test
    void onlyTheConfiguredConduitIsFirmware() {
        h.cpu.r[0] = Psci.PSCI_VERSION & 0xffffffffL;
        assertFalse(psci.call(h.cpu, true, 0));
        assertEquals(Psci.PSCI_VERSION & 0xffffffffL, h.cpu.r[0]);
        Psci smc = new Psci(true, 0);
        assertTrue(smc.call(h.cpu, true, 0));
        assertEquals(0x10001, h.cpu.r[0]);
        assertEquals("smc", smc.method());
    }
}
