package org.armach.boot;

import java.io.IOException;
import java.io.InputStream;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The host terminal in raw mode (JLine) for an interactive console: keystrokes go to the
 * guest one by one, without local echo or line editing. With {@code signals} the terminal
 * still turns Ctrl-C into SIGINT (QEMU's plain {@code -serial stdio}); without, Ctrl-C goes
 * to the guest (QEMU's {@code -nographic}, mon:stdio). The previous mode is restored on
 * close and at JVM exit.
 */
final class HostTerminal implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final Thread restoreHook;
    private boolean closed;

    private HostTerminal(Terminal terminal, boolean signals) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        Attributes a = new Attributes(terminal.getAttributes());
        a.setLocalFlag(Attributes.LocalFlag.ISIG, signals);
        a.setInputFlag(Attributes.InputFlag.ICRNL, false);
        a.setInputFlag(Attributes.InputFlag.IXON, false);
        terminal.setAttributes(a);
        restoreHook = new Thread(this::restore, "armach-terminal-restore");
        Runtime.getRuntime().addShutdownHook(restoreHook);
    }

    /** Opens the system terminal in raw mode, or returns null if there is no usable one. */
    static HostTerminal open(boolean signals) {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false)
                    .signalHandler(Terminal.SignalHandler.SIG_DFL).build();
            if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
                t.close();
                return null;
            }
            return new HostTerminal(t, signals);
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    InputStream input() { return terminal.input(); }

    private synchronized void restore() {
        if (closed) return;
        closed = true;
        try {
            terminal.setAttributes(saved);
            terminal.flush();
        } catch (RuntimeException e) {
            // best effort
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
