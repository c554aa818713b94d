package org.armach.core.gdb;

import org.armach.core.cpu.Cpu;

/**
 * gdb's AArch64 register numbering over the CPU state: 0-30 x0-x30, 31 sp, 32 pc, 33 cpsr
 * (32 bits), 34-65 v0-v31 (128 bits), 66 fpsr, 67 fpcr (32 bits); values little-endian hex.
 */
final class GdbRegisters {
    private GdbRegisters() {}

    static final int SP = 31, PC = 32, CPSR = 33, V0 = 34, FPSR = 66, FPCR = 67, COUNT = 68;

    static int size(int n) {
        if (n < CPSR) return 8;
        if (n == CPSR || n >= FPSR) return 4;
        return 16;
    }

    /** Register {@code n} as hex, or null for a number that does not exist. */
    static String read(Cpu c, int n) {
        if (n < 0 || n >= COUNT) return null;
        if (n < 31) return Packets.le(c.r[n], 8);
        switch (n) {
            case SP: return Packets.le(c.r[Cpu.SP], 8);
            case PC: return Packets.le(c.pc, 8);
            case CPSR: return Packets.le(c.pstate(), 4);
            case FPSR: return Packets.le(c.fpsr, 4);
            case FPCR: return Packets.le(c.fpcr, 4);
            default:
                int v = n - V0;
                return Packets.le(c.v[2 * v], 8) + Packets.le(c.v[2 * v + 1], 8);
        }
    }

    static String readAll(Cpu c) {
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < COUNT; n++) b.append(read(c, n));
        return b.toString();
    }

    /** Sets register {@code n} from hex at {@code off} of {@code s}; false for a bad number or value. */
    static boolean write(Cpu c, int n, String s, int off) {
        if (n < 0 || n >= COUNT || s.length() < off + 2 * size(n)) return false;
        try {
            long v = Packets.fromLe(s, off, Math.min(8, size(n)));
            if (n < 31) c.r[n] = v;
            else if (n == SP) c.r[Cpu.SP] = v;
            else if (n == PC) c.pc = c.npc = v;
            else if (n == CPSR) {
                c.saveSp();
                c.setPstate(v & 0xffffffffL);
                c.loadSp();
                c.onContextChange();
            } else if (n == FPSR) c.fpsr = (int) v;
            else if (n == FPCR) c.fpcr = (int) v;
            else {
                int k = n - V0;
                c.v[2 * k] = v;
                c.v[2 * k + 1] = Packets.fromLe(s, off + 16, 8);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The G packet: all registers in order; false if the data is short or malformed. */
    static boolean writeAll(Cpu c, String s) {
        int off = 0;
        for (int n = 0; n < COUNT; n++) {
            int len = 2 * size(n);
            if (off + len > s.length()) return n > 0; // gdb may send fewer registers
            if (!write(c, n, s, off)) return false;
            off += len;
        }
        return true;
    }
}
