package org.armach.tests.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.a64.A64;
import org.armach.core.cpu.decode.Encoding;
import org.armach.tests.support.Peers;

/**
 * Developer tool: finds the first mismatching instruction of each mismatching fuzz sequence.
 * Usage: FuzzBisect cpu seed count [maxReports]. Runs the batch on QEMU and armach, then for
 * every differing sequence runs its prefixes (in verbose mode) and prints the first
 * instruction whose prefix differs, with its encoding name and the differing state fields.
 */
public final class FuzzBisect {
    private static final int NOP = 0xd503201f;

    public static void main(String[] args) throws Exception {
        String cpu = args[0];
        int seed = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int max = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        int len = RandomInstructionFuzzTest.LEN;
        FuzzProgram gen = new FuzzProgram(A64.table(), CpuModel.byName(cpu), cpu.equals("max"));
        int[] words = gen.sequences(seed, count, len);
        Path harness = Peers.root().resolve("glibc-shim/prebuilt/fuzz-harness.elf");
        Path elf = Files.createTempFile("bisect", ".elf");
        FuzzProgram.writeImage(harness, elf, seed, count, len, words);
        List<String> q = run(true, cpu, elf), a = run(false, cpu, elf);
        List<Integer> bad = new ArrayList<>();
        for (int i = 1; i < Math.min(q.size(), a.size()) - 1; i++) if (!q.get(i).equals(a.get(i))) bad.add(i - 1);
        System.out.println(bad.size() + " of " + count + " sequences differ");
        if (bad.size() > max) bad = bad.subList(0, max);
        // prefixes of each bad sequence
        int n = bad.size() * len;
        int[] pw = new int[n * len];
        int[] ids = new int[n];
        for (int b = 0; b < bad.size(); b++) {
            for (int p = 1; p <= len; p++) {
                int e = b * len + (p - 1);
                ids[e] = bad.get(b);
                for (int k = 0; k < len; k++) pw[e * len + k] = k < p ? words[bad.get(b) * len + k] : NOP;
            }
        }
        FuzzProgram.writeImage(harness, elf, seed, len, pw, ids, 1);
        List<String> qv = run(true, cpu, elf), av = run(false, cpu, elf);
        java.util.Map<String, Integer> byName = new java.util.TreeMap<>();
        for (int b = 0; b < bad.size(); b++) {
            for (int p = 1; p <= len; p++) {
                int e = b * len + (p - 1);
                String ql = qv.get(e + 1), al = av.get(e + 1);
                if (!ql.equals(al)) {
                    int w = words[bad.get(b) * len + p - 1];
                    Insn in = new Insn(w);
                    Encoding enc = A64.table().decode(w, in, CpuModel.byName(cpu));
                    String name = enc == null ? "UNDEFINED" : enc.name;
                    byName.merge(name, 1, Integer::sum);
                    System.out.printf("seq %d insn %d: %08x %s%n   %s%n", bad.get(b), p - 1, w, name, diff(ql, al));
                    break;
                }
            }
        }
        System.out.println("by encoding: " + byName);
        Files.deleteIfExists(elf);
    }

    static String diff(String q, String a) {
        String[] qf = q.split(" "), af = a.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i < Math.min(qf.length, af.length); i++) {
            if (!qf[i].equals(af[i])) sb.append("qemu ").append(qf[i]).append(" armach ").append(af[i]).append("; ");
        }
        return sb.toString();
    }

    static List<String> run(boolean qemu, String cpu, Path elf) throws Exception {
        if (qemu) return Peers.lines(Peers.qemu(cpu, elf, 600).out);
        return Peers.lines(Peers.armach("run", "-M", "virt", "-cpu", cpu, "-m", "512M", "-nographic", "-no-reboot", "-kernel", elf.toString()).out);
    }
}
