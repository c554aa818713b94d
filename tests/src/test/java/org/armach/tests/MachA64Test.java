package org.armach.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java GNU Mach on {@code -M a64} (Allwinner A64): the modules are loaded at 0x6000_0000
 * as the GNU Mach port's U-Boot session loads them, the kernel picks the DesignWare 16550 from
 * the DT's stdout-path for its console (interrupt-driven reads through the GIC-400) instead of
 * the PL011. hello, machmsg and threads at 4k; the whole suite runs with
 * {@code -Darmach.mach.board=a64} on {@link MachConformanceTest}.
 */
@Tag("mach")
class MachA64Test {
    @ParameterizedTest(name = "{0} @4k on a64")
    @ValueSource(strings = {"hello", "machmsg", "threads"})
    void bootsOnA64(String m) throws Exception {
        Path elf = DifferentialGuestTest.root().resolve("glibc-shim/prebuilt/module-" + m + ".elf");
        assertTrue(Files.isRegularFile(elf), "missing " + elf);
        List<String> devices = List.of(MachConformanceTest.loader(elf, "module-" + m + MachConformanceTest.BOOT_LINE,
                MachConformanceTest.moduleAddr("a64", 0)));
        MachConformanceTest.Result r = MachConformanceTest.boot("a64", m + "@4k-a64", "4k", devices, List.of());
        MachConformanceTest.judge(m + "@4k on a64", r);
    }
}
