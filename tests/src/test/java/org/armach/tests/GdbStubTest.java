package org.armach.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.armach.boot.Main;
import org.armach.tests.support.Peers;
import org.junit.jupiter.api.Test;

/**
 * The gdb stub against gdb-multiarch (and, where installed, the same gdb script against
 * qemu-system-aarch64 -S -gdb on the same ELF), plus the protocol over a raw socket (runs
 * without gdb) and the shape of the -d int log against QEMU's.
 */
class GdbStubTest {
    static final Path HELLO = Peers.root().resolve("glibc-shim/prebuilt/hello.elf");
    static final Path ECHO = Peers.root().resolve("glibc-shim/prebuilt/console-echo.elf");

    // =====================================================================================
    // helpers
    // =====================================================================================

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** armach run in-process on a thread; the future completes with its status, stdout and stderr. */
    static CompletableFuture<Peers.Run> armachAsync(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int st;
            try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                st = Main.run(args, new ByteArrayInputStream(new byte[0]), po, pe);
            }
            return new Peers.Run(st, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        });
    }

    static String[] runArgs(Path elf, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "-M", "virt", "-cpu", "cortex-a53", "-nographic", "-no-reboot", "-kernel", elf.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    /**
     * Waits until something listens on the port (armach or QEMU starting up), by failing to bind
     * it: a probing connection would count as a debugger.
     */
    static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress(port));
            } catch (IOException e) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    static void needGdb() {
        boolean have = Peers.onPath("gdb-multiarch");
        if (!have && Peers.extended()) throw new AssertionError("gdb-multiarch is required (armach.extended)");
        assumeTrue(have, "gdb-multiarch not installed: gdb stub tests against gdb skipped");
    }

    static String gdb(int port, String... commands) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-nx", "-batch", "-ex", "set architecture aarch64",
                "-ex", "set confirm off", "-ex", "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        Peers.Run r = Peers.process(120, cmd.toArray(new String[0]));
        return r.out + r.err;
    }

    /** Pure readers of the ELF: entry, symbol values and bytes at a virtual address. */
    static final class Elf {
        final ByteBuffer b;

        Elf(Path p) throws IOException {
            b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        }

        long entry() { return b.getLong(0x18); }

        long symbol(String name) {
            long shoff = b.getLong(0x28);
            int shentsize = b.getShort(0x3a) & 0xffff, shnum = b.getShort(0x3c) & 0xffff;
            for (int i = 0; i < shnum; i++) {
                int sh = (int) shoff + i * shentsize;
                if (b.getInt(sh + 4) != 2) continue; // SHT_SYMTAB
                long off = b.getLong(sh + 0x18), size = b.getLong(sh + 0x20);
                int link = b.getInt(sh + 0x28);
                long stroff = b.getLong((int) shoff + link * shentsize + 0x18);
                for (long s = off; s < off + size; s += 24) {
                    int nm = b.getInt((int) s);
                    StringBuilder n = new StringBuilder();
                    for (int k = (int) (stroff + nm); b.get(k) != 0; k++) n.append((char) b.get(k));
                    if (n.toString().equals(name)) return b.getLong((int) s + 8);
                }
            }
            throw new AssertionError("no symbol " + name);
        }

        int word(long va) {
            long phoff = b.getLong(0x20);
            int phentsize = b.getShort(0x36) & 0xffff, phnum = b.getShort(0x38) & 0xffff;
            for (int i = 0; i < phnum; i++) {
                int ph = (int) phoff + i * phentsize;
                long off = b.getLong(ph + 8), vaddr = b.getLong(ph + 0x10), filesz = b.getLong(ph + 0x20);
                if (b.getInt(ph) == 1 && va >= vaddr && va + 4 <= vaddr + filesz) return b.getInt((int) (off + va - vaddr));
            }
            throw new AssertionError("address not in the file");
        }
    }

    static long reg(String gdbOut, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+0x([0-9a-f]+)").matcher(gdbOut);
        assertTrue(m.find(), name + " not in:\n" + gdbOut);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    // =====================================================================================
    // against gdb-multiarch
    // =====================================================================================

    /** The session of the brief: registers at start, breakpoint, stepi, memory, watchpoint, kill. */
    static String[] session(Elf elf) {
        long main = elf.symbol("main"), printf = elf.symbol("printf");
        long slot = elf.symbol("__stack_top") - 40; // where main's prologue stores x30 (stp x29, x30, [sp, #-48]!)
        return new String[] {
            "info registers pc sp x0",
            "x/4xw 0x" + Long.toHexString(elf.entry()),
            "watch *(long *)0x" + Long.toHexString(slot),
            "continue",
            "info registers pc x30",
            "delete",
            "break *0x" + Long.toHexString(printf),
            "continue",
            "info registers pc x0 x30 sp",
            "stepi",
            "info registers pc",
            "stepi",
            "stepi",
            "info registers pc",
            "kill",
        };
    }

    @Test
    void breakpointStepMemoryWatchpointAndKillWithGdb() throws Exception {
        needGdb();
        Elf elf = new Elf(HELLO);
        int port = freePort();
        CompletableFuture<Peers.Run> armach = armachAsync(runArgs(HELLO, "-S", "-gdb", "tcp::" + port));
        awaitListening(port);
        String out = gdb(port, session(elf));
        Peers.Run r = armach.get(60, TimeUnit.SECONDS);
        // at start: the ELF entry point
        assertEquals(elf.entry(), reg(out, "pc"), out);
        // memory reads match the ELF's bytes
        Matcher m = Pattern.compile("0x[0-9a-f]+:\\s+0x([0-9a-f]{8})\\s+0x([0-9a-f]{8})\\s+0x([0-9a-f]{8})\\s+0x([0-9a-f]{8})").matcher(out);
        assertTrue(m.find(), out);
        for (int k = 0; k < 4; k++) assertEquals(elf.word(elf.entry() + 4L * k), (int) Long.parseLong(m.group(k + 1), 16), out);
        // the watchpoint triggers on main's prologue store of the return address
        assertTrue(out.contains("Hardware watchpoint 1: *(long *)0x"), out);
        Matcher w = Pattern.compile("Old value = 0\\s+New value = (\\d+)").matcher(out);
        assertTrue(w.find(), out);
        long afterWatch = regAfter(out, "New value", "pc");
        assertEquals(elf.symbol("main") + 4, afterWatch, "gdb stops after the stp that wrote the slot\n" + out);
        assertEquals(Long.parseLong(w.group(1)), regAfter(out, "New value", "x30"), out);
        // the breakpoint is hit at printf, and stepi advances one instruction at a time
        long printf = elf.symbol("printf");
        assertTrue(out.contains("Breakpoint 2, 0x" + String.format("%016x", printf)), out);
        List<Long> pcs = allRegs(out, "pc");
        assertEquals(List.of(elf.entry(), elf.symbol("main") + 4, printf, printf + 4, printf + 12), pcs, out);
        // kill ends armach
        assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
        assertEquals(0, r.status, r.err);
        assertTrue(r.err.contains("terminated via the gdb stub"), r.err);
    }

    static long regAfter(String out, String marker, String name) {
        return reg(out.substring(out.indexOf(marker)), name);
    }

    static List<Long> allRegs(String out, String name) {
        List<Long> l = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+0x([0-9a-f]+)").matcher(out);
        while (m.find()) l.add(Long.parseUnsignedLong(m.group(1), 16));
        return l;
    }

    @Test
    void sameGdbSessionAsOnQemu() throws Exception {
        needGdb();
        assumeTrue(Peers.onPath("qemu-system-aarch64"), "qemu-system-aarch64 not installed: comparison skipped");
        Elf elf = new Elf(HELLO);
        String[] script = session(elf);
        int port = freePort();
        CompletableFuture<Peers.Run> armach = armachAsync(runArgs(HELLO, "-S", "-gdb", "tcp::" + port));
        awaitListening(port);
        String ours = gdb(port, script);
        armach.get(60, TimeUnit.SECONDS);

        int qport = freePort();
        Process q = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-nographic", "-no-reboot",
                "-monitor", "none", "-serial", "null", "-kernel", HELLO.toString(), "-S", "-gdb", "tcp::" + qport)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(qport);
            String theirs = gdb(qport, script);
            assertEquals(normalise(theirs), normalise(ours));
        } finally {
            q.destroyForcibly();
            q.waitFor();
        }
    }

    /** Drops what legitimately differs: QEMU's description shows cpsr without flags; the inferior's name. */
    static String normalise(String gdbOut) {
        StringBuilder b = new StringBuilder();
        for (String l : gdbOut.split("\n")) {
            if (l.startsWith("cpsr") || l.startsWith("[Inferior") || l.startsWith("warning:") || l.contains("determining executable")) continue;
            b.append(l).append('\n');
        }
        return b.toString();
    }

    @Test
    void continuingToTheEndPrintsWhatARunWithoutGdbPrints() throws Exception {
        needGdb();
        Peers.Run plain = Peers.armach(runArgs(HELLO));
        int port = freePort();
        CompletableFuture<Peers.Run> armach = armachAsync(runArgs(HELLO, "-S", "-gdb", "tcp::" + port));
        awaitListening(port);
        String out = gdb(port, "continue");
        Peers.Run r = armach.get(60, TimeUnit.SECONDS);
        assertTrue(out.contains("[Inferior 1 (Remote target) exited normally]"), out);
        assertEquals(plain.out, r.out);
        assertEquals(plain.status, r.status);
    }

    // =====================================================================================
    // the protocol over a raw socket (no gdb needed)
    // =====================================================================================

    static final class Raw implements AutoCloseable {
        final Socket s;
        final InputStream in;
        final OutputStream out;

        Raw(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(60_000);
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        String ask(String payload) throws IOException {
            send(payload);
            return reply();
        }

        void send(String payload) throws IOException {
            out.write(org.armach.core.gdb.Packets.frame(payload));
            out.flush();
        }

        /** The next packet's payload (acks skipped, checksum verified, ack sent). */
        String reply() throws IOException {
            int c;
            while ((c = in.read()) != '$') if (c < 0) throw new IOException("closed");
            StringBuilder b = new StringBuilder();
            while ((c = in.read()) != '#') b.append((char) c);
            String cs = "" + (char) in.read() + (char) in.read();
            assertEquals(org.armach.core.gdb.Packets.hex2(org.armach.core.gdb.Packets.checksum(b.toString())), cs);
            out.write('+');
            return b.toString();
        }

        @Override
        public void close() throws IOException { s.close(); }
    }

    @Test
    void rawProtocolInterruptRegistersMemoryAndDetach() throws Exception {
        Elf elf = new Elf(ECHO);
        int port = freePort();
        // console-echo polls the UART for input that never comes: it runs until interrupted
        CompletableFuture<Peers.Run> armach = armachAsync(runArgs(ECHO, "-gdb", "tcp:127.0.0.1:" + port, "--max-insns", "400000000"));
        awaitListening(port);
        try (Raw g = new Raw(port)) {
            String sup = g.ask("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=aarch64");
            assertTrue(sup.contains("PacketSize=") && sup.contains("qXfer:features:read+") && sup.contains("swbreak+"), sup);
            assertEquals("OK", g.ask("QStartNoAckMode"));
            assertEquals("T05thread:01;", g.ask("?"));
            assertTrue(g.ask("qXfer:features:read:target.xml:0,ffb").contains("org.gnu.gdb.aarch64.core"));
            assertEquals("QC01", g.ask("qC"));
            assertEquals("m01", g.ask("qfThreadInfo"));
            assertEquals("l", g.ask("qsThreadInfo"));
            assertEquals("1", g.ask("qAttached"));
            String regs = g.ask("g");
            assertEquals((31 + 2) * 16 + 8 + 32 * 32 + 16, regs.length());
            // memory: the entry word, an unmapped address answers an error, X with escaped binary data
            long e = elf.entry();
            assertEquals(org.armach.core.gdb.Packets.le(elf.word(e) & 0xffffffffL, 4), g.ask("m" + Long.toHexString(e) + ",4"));
            assertEquals("E14", g.ask("m10,4"));
            long scratch = elf.symbol("__stack_top") - 0x800;
            String x = "X" + Long.toHexString(scratch) + ",4:" + org.armach.core.gdb.Packets.escape("#$}*");
            g.out.write(("$" + x + "#" + org.armach.core.gdb.Packets.hex2(org.armach.core.gdb.Packets.checksum(x))).getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("OK", g.reply());
            assertEquals("2324" + "7d2a", g.ask("m" + Long.toHexString(scratch) + ",4"));
            // P/p: write x5 and read it back
            assertEquals("OK", g.ask("P5=" + org.armach.core.gdb.Packets.le(0x1122334455667788L, 8)));
            assertEquals(org.armach.core.gdb.Packets.le(0x1122334455667788L, 8), g.ask("p5"));
            // continue, then Ctrl-C stops the running guest with SIGINT
            g.send("vCont;c");
            Thread.sleep(200);
            g.out.write(0x03);
            g.out.flush();
            assertEquals("T02thread:01;", g.reply());
            // single-step advances the PC by one instruction (console-echo's poll loop has no branches to itself)
            long pc0 = org.armach.core.gdb.Packets.fromLe(g.ask("p20"), 0, 8);
            assertTrue(g.ask("vCont;s:1").startsWith("T05"));
            long pc1 = org.armach.core.gdb.Packets.fromLe(g.ask("p20"), 0, 8);
            assertTrue(pc1 != pc0, pc0 + " -> " + pc1);
            assertTrue(g.ask("qRcmd," + org.armach.core.gdb.Packets.hex("info registers")).startsWith("O"));
            assertEquals("OK", g.ask("D"));
        }
        Peers.Run r = armach.get(120, TimeUnit.SECONDS);
        assertEquals(3, r.status, "after detach the guest ran on to the instruction limit: " + r.err);
    }

    @Test
    void badGdbSpellingsAreOneLineUsageErrors() {
        for (String[] bad : new String[][] {{"-gdb", "tcp:1234"}, {"-gdb", "serial:x"}, {"-S"}, {"-d", "nonsense"}, {"-D", "/tmp/x.log"}}) {
            Peers.Run r = Peers.armach(runArgs(HELLO, bad));
            assertEquals(2, r.status, String.join(" ", bad) + ": " + r.err);
            assertEquals(1, Peers.lines(r.err).size(), r.err);
        }
        Peers.Run help = Peers.armach("run", "-d", "help");
        assertEquals(0, help.status);
        for (String item : new String[] {"in_asm", "exec", "cpu", "int", "guest_errors", "unimp"}) assertTrue(help.out.contains(item), help.out);
    }

    // =====================================================================================
    // -d int
    // =====================================================================================

    @Test
    void intLogHasQemusShapeAndExceptionSequence() throws Exception {
        Path elf = Peers.root().resolve("glibc-shim/prebuilt/diff-mmu4k.elf");
        Path log = Files.createTempFile("armach-int", ".log");
        try {
            Peers.Run r = Peers.armach(runArgs(elf, "-d", "int", "-D", log.toString()));
            assertEquals(0, r.status, r.err);
            List<String> ours = Files.readAllLines(log);
            // every exception: Taking / from / ESR / [FAR] / ELR / to, as QEMU's lines
            int taking = 0;
            for (int i = 0; i < ours.size(); i++) {
                String l = ours.get(i);
                if (!l.startsWith("Taking exception")) continue;
                taking++;
                assertTrue(l.matches("Taking exception \\d+ \\[[A-Za-z ]+\\] on CPU 0"), l);
                assertTrue(ours.get(i + 1).matches("\\.\\.\\.from EL\\d to EL\\d"), ours.get(i + 1));
                assertTrue(ours.get(i + 2).matches("\\.\\.\\.with ESR 0x[0-9a-f]+/0x[0-9a-f]+"), ours.get(i + 2));
            }
            assertTrue(taking > 10, "exceptions logged: " + taking);
            assertTrue(ours.stream().anyMatch(l -> l.startsWith("...with FAR 0x")));
            assertTrue(ours.stream().anyMatch(l -> l.startsWith("Exception return from AArch64 EL1 to AArch64 EL0 PC 0x")));
            if (!Peers.onPath("qemu-system-aarch64")) return;
            Path qlog = Files.createTempFile("qemu-int", ".log");
            try {
                Peers.process(120, "qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-nographic", "-no-reboot", "-monitor", "none",
                        "-serial", "null", "-kernel", elf.toString(), "-d", "int", "-D", qlog.toString());
                // same exceptions in the same order with the same ESR, FAR, ELR and vector; QEMU clears NZCV in
                // the PSTATE it prints after entry, so PSTATE is left out of the comparison
                assertEquals(comparable(Files.readAllLines(qlog)), comparable(ours));
            } finally {
                Files.deleteIfExists(qlog);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static List<String> comparable(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add(l.replaceAll(" PSTATE 0x[0-9a-f]+$", ""));
        return out;
    }
}
