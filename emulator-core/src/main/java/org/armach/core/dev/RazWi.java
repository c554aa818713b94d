package org.armach.core.dev;

import org.armach.core.mem.MmioDevice;

/**
 * A register window whose registers are not modelled: reads return 0 and writes are ignored
 * (for SoC peripheral space whose bus answers every access, unlike the holes between windows,
 * which raise external aborts). Accepts naturally aligned accesses of up to 8 bytes.
 */
public final class RazWi implements MmioDevice {
    private final String name;

    public RazWi(String name) { this.name = name; }

    @Override
    public long read(long offset, int size) { return 0; }

    @Override
    public void write(long offset, int size, long value) { }

    @Override
    public String name() { return name; }
}
