package org.armach.core.cpu;

import org.armach.core.cpu.a64.A64;
import org.armach.core.mem.Bus;
import org.armach.core.mem.PhysicalMemory;

/**
 * A bare CPU with 64 MiB of RAM at 0x4000_0000 for instruction-level unit tests. Code is
 * loaded at {@link #CODE}; {@link #run} executes until an exception is taken (BRK ends a
 * test program) and records its syndrome. Tests poke registers through {@link #cpu}.
 */
public final class CpuHarness {
    public static final long RAM = 0x4000_0000L;
    public static final long CODE = RAM;
    /** A scratch data area tests may use freely. */
    public static final long DATA = RAM + 0x10_0000L;

    public final PhysicalMemory ram = new PhysicalMemory(RAM, 64L << 20);
    public final Bus bus = new Bus(ram);
    public final Cpu cpu;

    /** Syndrome of the last exception taken, or -1. */
    public long lastEsr = -1;
    public long lastElr, lastFar;
    public int lastVector = -1;

    public CpuHarness() {
        this(CpuModel.MAX);
    }

    public CpuHarness(CpuModel model) {
        cpu = new Cpu(model, bus, A64.table());
        cpu.cpacrEl1 = 3L << 20; // FP/SIMD enabled
        cpu.updateFpTrap();
        cpu.setEl1Hook((c, vec) -> {
            lastEsr = c.esr[1];
            lastElr = c.elr[1];
            lastFar = c.far[1];
            lastVector = vec;
            c.stopRequested = true;
        });
        cpu.pc = CODE;
    }

    /** Loads words at CODE followed by BRK #0 and points PC at them. */
    public CpuHarness load(int... words) {
        for (int k = 0; k < words.length; k++) ram.write(CODE + 4L * k, 4, words[k]);
        ram.write(CODE + 4L * words.length, 4, 0xd4200000L); // brk #0
        cpu.invalidateCode(CODE, 4L * (words.length + 1)); // drop words decoded by an earlier load
        cpu.pc = CODE;
        return this;
    }

    /** Runs until an exception is taken (or maxInsns retire). Returns the exception class, or -1. */
    public int run(long maxInsns) {
        lastEsr = -1;
        cpu.stopRequested = false;
        cpu.run(maxInsns);
        return lastEsr < 0 ? -1 : (int) (lastEsr >>> 26) & 0x3f;
    }

    /** Runs a program and asserts it ended on the trailing BRK #0. */
    public CpuHarness exec(int... words) {
        load(words);
        int ec = run(1_000_000);
        if (ec != Esr.EC_BRK64 || lastElr != CODE + 4L * words.length)
            throw new AssertionError(String.format("program did not reach its final BRK: EC=0x%x ESR=0x%x ELR=0x%x", ec, lastEsr, lastElr));
        return this;
    }

    public long x(int n) { return cpu.r[n]; }

    public CpuHarness x(int n, long value) {
        cpu.r[n] = value;
        return this;
    }
}
