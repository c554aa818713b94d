package org.armach.core.trace;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.Esr;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Tracer;

/**
 * QEMU's {@code -d} log items for one CPU, written to a log stream ({@code -D file}, else stderr).
 * Installed on the CPU only when some item is on, so a run without {@code -d} pays nothing.
 */
public final class TraceLog implements Tracer {
    public static final int IN_ASM = 1, EXEC = 2, CPU = 4, INT = 8, GUEST_ERRORS = 16, UNIMP = 32;

    /** The items, their bits and their help lines, in help order. */
    private static final Map<String, Object[]> ITEMS = new LinkedHashMap<>();

    static {
        item("in_asm", IN_ASM, "show each instruction when it is first decoded: address, word and decoder name (no disassembler)");
        item("exec", EXEC, "show trace before each executed instruction: PC, word and decoder name");
        item("cpu", CPU, "show CPU registers before each executed instruction (with exec) and with int");
        item("int", INT, "show interrupts/exceptions taken and exception returns, as QEMU's 'Taking exception' lines");
        item("guest_errors", GUEST_ERRORS, "log accesses to unmapped physical addresses and to registers a device does not implement");
        item("unimp", UNIMP, "log UNDEFINED instructions (unallocated or unimplemented encodings, trapped system registers) with the word");
    }

    private static void item(String name, int bit, String help) { ITEMS.put(name, new Object[] {bit, help}); }

    /** The text of {@code -d help}. */
    public static String help() {
        StringBuilder b = new StringBuilder("Log items (comma separated):\n");
        for (Map.Entry<String, Object[]> e : ITEMS.entrySet())
            b.append(String.format(Locale.ROOT, "%-15s %s%n", e.getKey(), e.getValue()[1]));
        return b.toString();
    }

    /** Parses a {@code -d} list into item bits; throws IllegalArgumentException naming a bad item. */
    public static int parse(String items) {
        int mask = 0;
        for (String s : items.split(",", -1)) {
            String t = s.trim();
            if (t.isEmpty()) continue;
            if (t.equals("all")) {
                for (Object[] v : ITEMS.values()) mask |= (Integer) v[0];
                continue;
            }
            Object[] v = ITEMS.get(t);
            if (v == null) throw new IllegalArgumentException("-d " + items + ": unknown log item '" + t + "' (use -d help for a list)");
            mask |= (Integer) v[0];
        }
        return mask;
    }

    private final PrintStream out;
    private final int mask;
    private final boolean ownsStream;

    /** @param ownsStream close {@code out} in {@link #close()} (a -D file), else only flush it */
    public TraceLog(PrintStream out, int mask, boolean ownsStream) {
        this.out = out;
        this.mask = mask;
        this.ownsStream = ownsStream;
    }

    public int mask() { return mask; }

    public void close() {
        if (ownsStream) out.close();
        else out.flush();
    }

    @Override
    public boolean tracesExec() { return (mask & EXEC) != 0; }

    @Override
    public void exec(Cpu c, Insn insn) {
        out.printf(Locale.ROOT, "Trace 0: 0x%016x [%08x/EL%d] %s%n", c.pc, insn.raw, c.el, insn.name);
        if ((mask & CPU) != 0) out.print(CpuDump.of(c));
    }

    @Override
    public void decoded(Cpu c, long va, Insn insn) {
        if ((mask & IN_ASM) == 0) return;
        out.printf(Locale.ROOT, "IN: 0x%016x:  %08x  %s%n", va, insn.raw, insn.name);
    }

    /** QEMU's exception numbers and names for the log line. */
    private static int excp(int kind, int ec) {
        switch (kind) {
            case 1: return 5;
            case 2: return 6;
            case 3: return 24;
            default: break;
        }
        switch (ec) {
            case Esr.EC_SVC64: return 2;
            case Esr.EC_HVC64: return 11;
            case Esr.EC_SMC64: return 13;
            case Esr.EC_IABT_LOWER: case Esr.EC_IABT_SAME: case Esr.EC_PC_ALIGN: return 3;
            case Esr.EC_DABT_LOWER: case Esr.EC_DABT_SAME: return 4;
            case Esr.EC_BRK64: return 7;
            default: return 1;
        }
    }

    private static String excpName(int n) {
        switch (n) {
            case 1: return "Undefined Instruction";
            case 2: return "SVC";
            case 3: return "Prefetch Abort";
            case 4: return "Data Abort";
            case 5: return "IRQ";
            case 6: return "FIQ";
            case 7: return "Breakpoint";
            case 11: return "Hypervisor Call";
            case 13: return "Secure Monitor Call";
            case 24: return "SError";
            default: return "unknown";
        }
    }

    @Override
    public void exception(Cpu c, int kind, int ec, long esr, boolean farValid, long far, long elr, int from, int to, long newPc) {
        if ((mask & INT) == 0) return;
        int n = excp(kind, ec);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Taking exception %d [%s] on CPU 0%n", n, excpName(n)));
        b.append(String.format(Locale.ROOT, "...from EL%d to EL%d%n", from, to));
        if (kind == 0) b.append(String.format(Locale.ROOT, "...with ESR 0x%x/0x%x%n", ec, esr & 0xffffffffL));
        if (n == 3 || n == 4) b.append(String.format(Locale.ROOT, "...with FAR 0x%x%n", c.far[to]));
        b.append(String.format(Locale.ROOT, "...with ELR 0x%x%n", elr));
        if (newPc == -1) b.append(String.format(Locale.ROOT, "...to EL%d host handler (Java kernel) PSTATE 0x%x%n", to, c.pstate()));
        else b.append(String.format(Locale.ROOT, "...to EL%d PC 0x%x PSTATE 0x%x%n", to, newPc, c.pstate()));
        out.print(b);
        if ((mask & CPU) != 0) out.print(CpuDump.of(c));
    }

    @Override
    public void firmwareCall(Cpu c, boolean smc, int imm16) {
        if ((mask & INT) == 0) return;
        int ec = smc ? Esr.EC_SMC64 : Esr.EC_HVC64;
        int n = smc ? 13 : 11;
        out.printf(Locale.ROOT, "Taking exception %d [%s] on CPU 0%n...from EL%d to EL%d%n...with ESR 0x%x/0x%x%n...handled as PSCI call%n",
                n, excpName(n), c.el, smc ? 3 : 2, ec, (ec << 26) | (1 << 25) | (imm16 & 0xffff));
    }

    @Override
    public void exceptionReturn(Cpu c, int from, int to, long pc) {
        if ((mask & INT) == 0) return;
        out.printf(Locale.ROOT, "Exception return from AArch64 EL%d to AArch64 EL%d PC 0x%x%n", from, to, pc);
    }

    @Override
    public void undefined(Cpu c, long va, int word) {
        if ((mask & UNIMP) == 0) return;
        String name = c.decode(word).name;
        out.printf(Locale.ROOT, "UNDEFINED instruction 0x%08x (%s) at 0x%016x, EL%d%n", word, name, va, c.el);
    }

    @Override
    public void guestError(Cpu c, long va, long pa, int size, boolean write, String device) {
        if ((mask & GUEST_ERRORS) == 0) return;
        out.printf(Locale.ROOT, "Invalid %s at addr 0x%X, size %d, region '%s', reason: %s (PC 0x%x, VA 0x%x)%n",
                write ? "write" : "read", pa, size, device == null ? "(null)" : device,
                device == null ? "nothing mapped" : "register not implemented", c.pc, va);
    }
}
