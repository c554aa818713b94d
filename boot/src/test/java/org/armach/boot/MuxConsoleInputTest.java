package org.armach.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.armach.core.board.ConsoleInput;
import org.armach.core.board.StreamConsoleInput;
import org.junit.jupiter.api.Test;

class MuxConsoleInputTest {
    @Test
    void escapesAsQemu() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleInput in = new MuxConsoleInput(new StreamConsoleInput(new ByteArrayInputStream("a\u0001\u0001b\u0001hc\u0001zd\u0001x".getBytes())), new PrintStream(err, true));
        StringBuilder got = new StringBuilder();
        int b;
        while ((b = in.take(-1)) >= 0) got.append((char) b);
        assertEquals("a\u0001bcd", got.toString());
        assertEquals(ConsoleInput.QUIT, b);
        assertTrue(err.toString().contains("C-a x"), err.toString());
    }

    @Test
    void endOfInputPassesThrough() throws Exception {
        ConsoleInput in = new MuxConsoleInput(new StreamConsoleInput(new ByteArrayInputStream("q".getBytes())), new PrintStream(new ByteArrayOutputStream()));
        assertEquals('q', in.take(-1));
        assertEquals(ConsoleInput.EOF, in.take(-1));
        assertEquals(ConsoleInput.EOF, in.poll());
    }
}
