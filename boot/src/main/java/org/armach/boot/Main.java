package org.armach.boot;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Properties;

import org.armach.core.board.SerialConsole;
import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the armach command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Exit status for errors in options or images. */
    public static final int EXIT_USAGE = 2;

    /**
     * Runs the command line as {@code armach args...} would, with the given streams as the
     * console, and returns the exit status (0 for a guest PSCI SYSTEM_OFF, 2 for bad options
     * or images). Tests drive armach through this.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(in, out, err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("armach: out of Java heap memory (try a smaller -m, or a larger java -Xmx)");
            return 1;
        } catch (StackOverflowError e) {
            err.println("armach: internal error: stack overflow");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Boots a machine from {@code armach run} options (the same spelling: {@code "-M", "virt",
     * "-kernel", file, "-append", "...", "-drive", "file=d.img,if=none,id=hd0,format=raw",
     * "-device", "virtio-blk-device,drive=hd0", "-no-reboot"}) on a background thread and returns
     * its scripted serial console (see {@link SerialConsole}). Console options (-serial,
     * -nographic) are irrelevant and ignored; {@code -no-reboot} and {@code --max-insns} apply;
     * drives are closed when the machine stops.
     *
     * @throws UsageException for bad options or drives that cannot be opened
     */
    public static SerialConsole startConsole(String... runArgs) {
        RunCommand rc = new RunCommand(InputStream.nullInputStream(), System.out, System.err);
        CommandLine cl = new CommandLine(rc);
        cl.setPosixClusteredShortOptionsAllowed(false);
        try {
            cl.parseArgs(runArgs);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(oneLine(e.getMessage()));
        }
        RunCommand.Settings s = rc.settings();
        if (s.config.kernel == null) throw new UsageException("no kernel given (use -kernel FILE)");
        RunCommand.openDrives(s, System.err);
        VirtConfig cfg = s.config;
        return SerialConsole.start(o -> {
            VirtBoard b = new VirtBoard(cfg, o);
            b.boot();
            return b;
        }, s.noReboot, s.maxInsns, cfg);
    }

    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Armach(err));
        cl.addSubcommand("run", new RunCommand(in, out, err));
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("armach: " + oneLine(ex.getMessage()));
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
                err.println("armach: " + oneLine(ex.getMessage()));
                return EXIT_USAGE;
            }
            StackTraceElement[] st = ex.getStackTrace();
            err.println("armach: internal error: " + oneLine(String.valueOf(ex)) + (st.length > 0 ? " at " + st[0] : ""));
            if (System.getenv("ARMACH_DEBUG") != null) ex.printStackTrace(err);
            return 1;
        });
        return cl;
    }

    private static String oneLine(String s) {
        if (s == null) return "error";
        return s.replace("\r", " ").replace("\n", " ").trim();
    }

    /** The top-level command: subcommands, --help, --version. */
    @Command(name = "armach", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Full-system AArch64 emulator (QEMU 'virt' board) that boots Linux and GNU Mach.",
            footer = "Run 'armach run --help' for the options of run (spelled as qemu-system-aarch64 spells them).")
    static final class Armach implements java.util.concurrent.Callable<Integer> {
        private final PrintStream err;

        Armach(PrintStream err) { this.err = err; }

        @Override
        public Integer call() {
            err.println("armach: missing command (try 'armach --help')");
            return EXIT_USAGE;
        }
    }

    /** Version from the build (filtered resource). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"armach " + version()};
        }
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (java.io.IOException e) {
            // fall through
        }
        String v = p.getProperty("version");
        return v == null || v.startsWith("${") ? "dev" : v;
    }
}
