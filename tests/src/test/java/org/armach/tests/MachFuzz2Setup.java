package org.armach.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * module-mach-fuzz2 (glibc-shim/mach/tests/mach-fuzz2.c): one small read-write drive (hd0,
 * 256 KiB of zeros) for the disk device port, and the seed and message count from
 * {@code armach.fuzz2.seed} (default 1) and {@code armach.fuzz2.count} (default 100000) as the
 * module's argv[3] and argv[4].
 */
final class MachFuzz2Setup implements MachConformanceTest.Setup {
    static final int DISK_BYTES = 256 * 1024;

    @Override
    public List<String> args(Path dir) throws IOException {
        Path hd0 = dir.resolve("fuzz-hd0.img");
        Files.write(hd0, new byte[DISK_BYTES]);
        return List.of("-drive", "file=" + hd0 + ",if=none,id=d0,format=raw", "-device", "virtio-blk-device,drive=d0");
    }

    @Override
    public String bootArgs() {
        return Long.getLong("armach.fuzz2.seed", 1L) + " " + Long.getLong("armach.fuzz2.count", 100_000L);
    }
}
