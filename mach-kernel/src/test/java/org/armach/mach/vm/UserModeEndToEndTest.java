package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CPU at EL0 runs code from a user page mapped by the pmap; its first fetch and its store to
 * an untouched page fault to the Java EL1 hook, which resolves them with {@link VmSpace#fault}.
 * Needs the stage-1 MMU as the CPU's translator (skipped with a flat translator).
 */
class UserModeEndToEndTest {
    private static final long CODE = 0x40_0000L, DATA = 0x80_0000L, HOLE = 0x100_0000L;

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void el0CodeFaultsAndIsResolved(long ps) {
        VmFixture f = new VmFixture(ps);
        Cpu cpu = new Cpu(CpuModel.MAX, new Bus(f.ram), A64.table());
        Assumptions.assumeTrue(cpu.translator().getClass().getSimpleName().equals("Mmu"), "stage-1 MMU not present");
        TaskVm t = f.space();
        long[] a = {CODE};
        assertEquals(KERN_SUCCESS, t.allocate(a, ps, false));
        a[0] = DATA;
        assertEquals(KERN_SUCCESS, t.allocate(a, ps, false));
        int[] code = {
            0xD2800540, // movz x0, #42
            0xF9000020, // str x0, [x1]
            0xF9400022, // ldr x2, [x1]
            0xD4000001, // svc #0
            0xF9400063, // ldr x3, [x3]   (x3 = an unmapped address)
        };
        byte[] b = new byte[code.length * 4];
        for (int i = 0; i < code.length; i++) for (int k = 0; k < 4; k++) b[4 * i + k] = (byte) (code[i] >>> (8 * k));
        assertTrue(t.write(CODE, b, 0, b.length));
        assertEquals(KERN_SUCCESS, t.protect(CODE, ps, false, VmSpace.PROT_READ | VmSpace.PROT_EXECUTE));

        List<String> events = new ArrayList<>();
        int[] lastKr = {-1};
        cpu.setEl1Hook((c, vec) -> {
            long esr = c.esr[1];
            if (UserFaults.isResolvable(esr)) {
                int kr = t.fault(c.far[1], UserFaults.access(esr));
                events.add((UserFaults.access(esr) == VmSpace.ACCESS_EXECUTE ? "fetch " : "data ")
                        + Long.toHexString(c.far[1]) + " -> " + kr);
                lastKr[0] = kr;
                if (kr != KERN_SUCCESS) c.stopRequested = true;
            } else {
                events.add(((esr >>> 26) & 0x3f) == 0x15 ? "svc" : "exception " + Long.toHexString(esr));
                if (events.size() > 10) c.stopRequested = true;
                c.r[3] = HOLE;
            }
        });
        t.activate(cpu);
        cpu.setPstate(0); // EL0t
        cpu.onContextChange();
        cpu.pc = cpu.npc = CODE;
        cpu.r[1] = DATA;
        cpu.run(1000);
        assertEquals(42, cpu.r[2], () -> events + " pc=" + Long.toHexString(cpu.pc) + " el=" + cpu.el);
        assertEquals(List.of("fetch " + Long.toHexString(CODE) + " -> 0", "data " + Long.toHexString(DATA) + " -> 0", "svc",
                "data " + Long.toHexString(HOLE) + " -> " + KERN_INVALID_ADDRESS), events);
        assertEquals(KERN_INVALID_ADDRESS, lastKr[0]);
        assertEquals(42, t.read64(DATA, 0), "the kernel-side accessor sees the store");
        assertEquals(t.pmap().ttbr0(), cpu.sysStore[org.armach.core.cpu.SysRegs.TTBR0_EL1]);
    }
}
