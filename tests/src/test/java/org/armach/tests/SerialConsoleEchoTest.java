package org.armach.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.armach.boot.Main;
import org.armach.core.board.SerialConsole;
import org.junit.jupiter.api.Test;

/**
 * The scripted console against a real guest: {@code glibc-shim/prebuilt/console-echo.elf} reads
 * lines from the PL011 (polled) and echoes them; nothing may be lost, whether input is sent
 * line by line or all at once far ahead of the guest.
 */
class SerialConsoleEchoTest {
    static final Duration T = Duration.ofSeconds(60);

    static SerialConsole boot() {
        Path elf = DifferentialGuestTest.root().resolve("glibc-shim/prebuilt/console-echo.elf");
        return Main.startConsole("-M", "virt", "-cpu", "cortex-a53", "-nographic", "-no-reboot", "-kernel", elf.toString());
    }

    static List<String> lines(int n, int len, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < len; k++) b.append((char) (32 + r.nextInt(95)));
            out.add(b.toString());
        }
        return out;
    }

    static String totals(List<String> lines) {
        int hash = 0x811c9dc5, chars = 0;
        for (String l : lines) {
            for (byte b : l.getBytes(StandardCharsets.ISO_8859_1)) hash = (hash ^ (b & 0xff)) * 16777619;
            chars += l.length();
        }
        return String.format("echo: %d lines, %d chars, hash %08x\n", lines.size(), chars, hash);
    }

    @Test
    void tenThousandCharactersLineByLine() {
        List<String> lines = lines(100, 100, 1);
        try (SerialConsole c = boot()) {
            c.expect("echo: ready\n", T);
            for (String l : lines) {
                c.sendLine(l);
                assertEquals("> " + l + "\n", c.expect("> " + l + "\n", T));
            }
            c.sendLine("quit");
            c.expect(totals(lines), T);
            assertEquals(0, c.awaitExit(T));
        }
    }

    @Test
    void tenThousandCharactersSentAtOnce() {
        List<String> lines = lines(100, 100, 2);
        try (SerialConsole c = boot()) {
            // everything is queued before the guest even starts reading
            StringBuilder all = new StringBuilder();
            for (String l : lines) all.append(l).append('\n');
            all.append("quit\n");
            c.send(all.toString());
            c.expect("echo: ready\n", T);
            StringBuilder expected = new StringBuilder("echo: ready\n");
            for (String l : lines) {
                c.expect("> " + l + "\n", T);
                expected.append("> ").append(l).append('\n');
            }
            c.expect(totals(lines), T);
            expected.append(totals(lines));
            assertEquals(0, c.awaitExit(T));
            assertEquals(expected.toString(), c.output(), "the whole transcript, nothing dropped or duplicated");
            assertEquals(0, c.pendingInput());
        }
    }

    @Test
    void longLinesAndAllByteValuesOfPrintableAscii() {
        List<String> lines = lines(2, 5000, 3);
        try (SerialConsole c = boot()) {
            c.expect("echo: ready", T);
            for (String l : lines) c.sendLine(l);
            for (String l : lines) c.expect("> " + l + "\n", T);
            c.sendLine("quit");
            String t = c.expect(Pattern.compile("echo: (\\d+) lines, (\\d+) chars, hash ([0-9a-f]{8})"), T);
            assertEquals(totals(lines).trim(), t);
            assertEquals("10000", c.lastMatch().group(2));
            assertEquals(0, c.awaitExit(T));
        }
    }

    @Test
    void carriageReturnsEndLinesToo() {
        try (SerialConsole c = boot()) {
            c.expect("echo: ready\n", T);
            c.send("abc\rdef\r\n");
            c.expect("> abc\n", T);
            c.expect("> def\n", T);
            c.expect("> \n", T); // the \n after \r is an empty line for this guest
            c.send("quit\r");
            assertTrue(c.expect(Pattern.compile("echo: 3 lines, 6 chars"), T).startsWith("echo"));
            assertEquals(0, c.awaitExit(T));
        }
    }
}
