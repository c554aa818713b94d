package org.armach.boot;

import java.io.InputStream;
import java.io.PrintStream;

/** Entry point of the armach command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the command line as {@code armach args...} would, with the given streams as the
     * console, and returns the exit status (0 for a guest PSCI SYSTEM_OFF, 2 for bad options
     * or images). Tests drive armach through this.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        err.println("armach: not implemented yet");
        return 2;
    }
}
