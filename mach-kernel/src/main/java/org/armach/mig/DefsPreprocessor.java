package org.armach.mig;

import java.util.HashSet;
import java.util.Set;

/**
 * The only preprocessing the project's defs need: {@code #include "file"} pulls another file
 * in once (later includes of the same file are ignored). Any other {@code #} line is an error.
 */
final class DefsPreprocessor {
    private final DefsSource source;
    private final Set<String> included = new HashSet<>();

    DefsPreprocessor(DefsSource source) { this.source = source; }

    String expand(String fileName) {
        if (!included.add(fileName)) return "";
        StringBuilder out = new StringBuilder();
        for (String line : source.read(fileName).split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#")) out.append(directive(fileName, t));
            else out.append(line);
            out.append('\n');
        }
        return out.toString();
    }

    private String directive(String fileName, String line) {
        String rest = line.substring(1).strip();
        if (!rest.startsWith("include")) throw new DefsException(fileName + ": unsupported directive: " + line);
        String arg = rest.substring("include".length()).strip();
        if (arg.length() < 2 || !(arg.startsWith("\"") && arg.endsWith("\"") || arg.startsWith("<") && arg.endsWith(">")))
            throw new DefsException(fileName + ": bad include: " + line);
        return expand(arg.substring(1, arg.length() - 1));
    }
}
