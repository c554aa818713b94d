package org.armach.mach.vm;

import java.util.List;
import org.armach.core.mem.PhysicalMemory;

/** A VM system over 64 MiB of RAM at 0x4000_0000 with the first 64 KiB reserved (a "module"). */
final class VmFixture {
    static final long RAM_BASE = 0x4000_0000L, RAM_SIZE = 64L << 20;
    final PhysicalMemory ram = new PhysicalMemory(RAM_BASE, RAM_SIZE);
    final VmSystem vm;
    final long ps;

    VmFixture(long pageSize) {
        this.ps = pageSize;
        this.vm = new VmSystem(ram, pageSize, List.of(new PhysRange(RAM_BASE, RAM_SIZE)),
                List.of(new PhysRange(RAM_BASE, 0x10000)));
    }

    TaskVm space() { return vm.createSpace(); }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed + i * 7);
        return b;
    }

    static byte[] read(TaskVm t, long addr, int n) {
        byte[] b = new byte[n];
        if (!t.read(addr, b, 0, n)) throw new AssertionError("unreadable 0x" + Long.toHexString(addr));
        return b;
    }
}
