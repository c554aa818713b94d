package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;
import org.armach.mach.device.StreamConsole;
import org.armach.mach.vm.VmRegionInfo;
import org.armach.mach.vm.VmSpace;
import org.armach.mach.vm.VmSystemFactory;
import org.junit.jupiter.api.Test;

/** KernelIntrospect lists each task's VM map from the real VM layer. */
class VmIntrospectTest {
    static final long RAM = 0x4000_0000L, PS = 16384;

    private static Kernel kernel() {
        PhysicalMemory ram = new PhysicalMemory(RAM, 64L << 20);
        Cpu cpu = new Cpu(CpuModel.byName("max"), new Bus(ram), A64.table());
        VmSystemFactory vm = new VmSystemFactory();
        vm.attach(cpu, PS, RAM, 64L << 20);
        Kernel.Config c = new Kernel.Config();
        c.pageSize = PS;
        c.vm = vm;
        c.console = new StreamConsole();
        c.clock = new DeadlineClock(cpu, level -> cpu.irqLine = level);
        c.firmwareReboot = false;
        Kernel k = new Kernel(cpu, c);
        k.install();
        return k;
    }

    @Test
    void regionsShowProtectionInheritanceObjectAndSharing() {
        Kernel k = kernel();
        Task t = k.taskOps.create(null, false, "introspected");
        long[] a = {0x10_0000L};
        assertEquals(0, t.vm.allocate(a, 4 * PS, false));
        long[] b = {0x20_0000L};
        assertEquals(0, t.vm.allocate(b, PS, false));
        assertEquals(0, t.vm.protect(0x10_0000L + PS, PS, false, VmSpace.PROT_READ));
        assertEquals(0, t.vm.protect(0x10_0000L + PS, PS, true, VmSpace.PROT_READ | VmSpace.PROT_EXECUTE));
        assertEquals(0, t.vm.inherit(0x20_0000L, PS, VmSpace.INHERIT_SHARE));
        assertTrue(t.vm.write(0x10_0000L, new byte[] {1, 2, 3}, 0, 3), "touch the first page");

        List<VmRegionInfo> r = KernelIntrospect.regions(t);
        assertEquals(4, r.size(), r.toString());
        VmRegionInfo first = r.get(0), ro = r.get(1), rest = r.get(2), shared = r.get(3);
        assertEquals(0x10_0000L, first.start());
        assertEquals(0x10_0000L + PS, first.end());
        assertEquals(VmSpace.PROT_DEFAULT, first.protection());
        assertEquals(VmSpace.PROT_ALL, first.maxProtection());
        assertEquals(VmSpace.INHERIT_COPY, first.inheritance());
        assertEquals("anonymous", first.objectKind());
        assertEquals(1, first.residentPages());
        assertEquals(VmSpace.PROT_READ, ro.protection());
        assertEquals(VmSpace.PROT_READ | VmSpace.PROT_EXECUTE, ro.maxProtection());
        assertEquals(0, ro.residentPages());
        assertEquals(2 * PS, rest.size());
        assertEquals(VmSpace.INHERIT_SHARE, shared.inheritance());
        assertFalse(shared.shared(), "not shared before a fork");

        Task child = k.taskOps.create(t, true, "child");
        List<VmRegionInfo> cr = KernelIntrospect.regions(child);
        VmRegionInfo cs = cr.get(cr.size() - 1);
        assertEquals(0x20_0000L, cs.start());
        assertTrue(cs.shared(), "VM_INHERIT_SHARE entry is shared in the child");
        assertTrue(KernelIntrospect.regions(t).get(3).shared(), "and in the parent");
        VmRegionInfo c0 = cr.get(0);
        assertEquals(VmSpace.INHERIT_COPY, c0.inheritance());
        assertEquals(1, c0.residentPages(), "the copied page is visible through the chain");

        String text = KernelIntrospect.vmMap(t);
        assertTrue(text.contains("0x000000100000-0x000000104000 rw-/rwx copy anonymous needs-copy resident=1"), text);
        assertTrue(text.contains("r--/r-x"), text);
        assertTrue(text.contains("share"), text);

        k.taskOps.terminate(child);
        assertEquals(List.of(), KernelIntrospect.regions(child), "a dead task has no map");
    }
}
