package org.armach.mach.kern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GNU Mach boot-script language (PROTOCOLS §5.3), parsed independently of execution:
 * one command per line, first word = path; {@code ${name}} substitutes a value (alone it is
 * one argument, inside a word it is concatenated); {@code $(fn)} calls a builtin for the
 * command ({@code task-create}, {@code task-resume}, {@code prompt-task-resume});
 * {@code ${a=b}} / {@code $(a=fn)} bind a symbol (to b's value, or the function's result).
 * Lines starting with '#' and empty lines are ignored.
 */
public final class BootScript {
    /** One piece of an argument word. */
    public record Piece(String literal, String symbol) {
        boolean isLiteral() { return symbol == null; }
    }

    /** A parsed command. */
    public static final class Command {
        public final String path;
        /** Argument words after the path, each a list of pieces. */
        public final List<List<Piece>> args = new ArrayList<>();
        /** Functions called with $(fn) (no binding), in order. */
        public final List<String> calls = new ArrayList<>();
        /** Bindings symbol → (function or symbol, isFunction). */
        public final List<String[]> bindings = new ArrayList<>();

        Command(String path) { this.path = path; }

        public boolean createsTask() {
            if (calls.contains("task-create")) return true;
            for (String[] b : bindings) if (b[2].equals("fn") && b[1].equals("task-create")) return true;
            return false;
        }

        public boolean resumes() {
            return calls.contains("task-resume") || calls.contains("prompt-task-resume");
        }
    }

    /** A syntax or evaluation error (the real kernel panics on these). */
    public static final class ScriptException extends RuntimeException {
        public ScriptException(String msg) { super(msg); }
    }

    private BootScript() {}

    public static List<Command> parse(List<String> lines) {
        List<Command> out = new ArrayList<>();
        for (String line : lines) {
            Command c = parseLine(line);
            if (c != null) out.add(c);
        }
        return out;
    }

    /** Splits on spaces and tabs, keeping ${...} / $(...) groups intact. */
    static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if ((ch == ' ' || ch == '\t') && depth == 0) {
                if (cur.length() > 0) w.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            if (ch == '$' && i + 1 < line.length() && (line.charAt(i + 1) == '{' || line.charAt(i + 1) == '(')) depth++;
            else if ((ch == '}' || ch == ')') && depth > 0) depth--;
            cur.append(ch);
        }
        if (depth != 0) throw new ScriptException("unterminated ${ or $( in: " + line);
        if (cur.length() > 0) w.add(cur.toString());
        return w;
    }

    static Command parseLine(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) return null;
        List<String> ws = words(t);
        Command c = new Command(ws.get(0));
        for (int i = 1; i < ws.size(); i++) word(c, ws.get(i));
        return c;
    }

    private static void word(Command c, String w) {
        boolean fn = w.startsWith("$(") && w.endsWith(")") && w.indexOf("$(", 2) < 0;
        boolean bind = (fn || w.startsWith("${") && w.endsWith("}") && w.indexOf("${", 2) < 0) && w.contains("=");
        if (bind) {
            String in = w.substring(2, w.length() - 1);
            int eq = in.indexOf('=');
            c.bindings.add(new String[] {in.substring(0, eq), in.substring(eq + 1), fn ? "fn" : "sym"});
            return;
        }
        if (fn) {
            c.calls.add(w.substring(2, w.length() - 1));
            return;
        }
        List<Piece> pieces = new ArrayList<>();
        int i = 0;
        while (i < w.length()) {
            int s = w.indexOf("${", i);
            if (s < 0) {
                pieces.add(new Piece(w.substring(i), null));
                break;
            }
            if (s > i) pieces.add(new Piece(w.substring(i, s), null));
            int e = w.indexOf('}', s);
            pieces.add(new Piece(null, w.substring(s + 2, e)));
            i = e + 1;
        }
        c.args.add(pieces);
    }

    /** The predefined string variables derived from the kernel command line (§5.2). */
    public static Map<String, Object> commandLineVariables(String cmdline) {
        Map<String, Object> v = new HashMap<>();
        String cl = cmdline == null ? "" : cmdline;
        v.put("kernel-command-line", cl);
        StringBuilder flags = new StringBuilder();
        String root = "UNKNOWN";
        for (String w : cl.trim().split("[ \t]+")) {
            if (w.isEmpty()) continue;
            if (w.startsWith("-") && w.length() > 1 && !w.contains("=")) flags.append(w, 1, w.length());
            int eq = w.indexOf('=');
            if (eq > 0) {
                v.put(w.substring(0, eq), w.substring(eq + 1));
                if (w.startsWith("root=")) root = w.substring(5).replaceFirst("^/dev/", "");
            }
        }
        v.put("boot-args", flags.length() == 0 ? "-x" : "-" + flags);
        v.put("root-device", root);
        return v;
    }
}
