package org.armach.core.trace;

import org.armach.core.cpu.Cpu;

/** The register dump of QEMU's {@code -d cpu} and {@code info registers} for one CPU. */
public final class CpuDump {
    private CpuDump() {}

    public static void append(Cpu c, StringBuilder b) {
        b.append(String.format(" PC=%016x ", c.pc));
        for (int n = 0; n < 31; n++) {
            b.append(String.format("X%02d=%016x", n, c.r[n]));
            b.append(n % 3 == 1 ? "\n" : " ");
        }
        b.append(String.format(" SP=%016x\n", c.r[Cpu.SP]));
        long ps = c.pstate();
        b.append(String.format("PSTATE=%08x %c%c%c%c EL%d%c     FPCR=%08x FPSR=%08x\n", ps,
                c.nf ? 'N' : '-', c.zf ? 'Z' : '-', c.cf ? 'C' : '-', c.vf ? 'V' : '-',
                c.el, c.spsel ? 'h' : 't', c.fpcr, c.fpsr));
    }

    public static String of(Cpu c) {
        StringBuilder b = new StringBuilder();
        append(c, b);
        return b.toString();
    }
}
