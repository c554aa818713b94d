package org.armach.mig;

/** A tiny indenting text builder for generated C. */
final class CWriter {
    private final StringBuilder sb = new StringBuilder();
    private int indent;

    CWriter line(String s) {
        if (s.startsWith("}")) indent--;
        if (!s.isEmpty()) sb.append("\t".repeat(Math.max(indent, 0)));
        sb.append(s).append('\n');
        if (s.endsWith("{")) indent++;
        return this;
    }

    CWriter blank() { sb.append('\n'); return this; }

    @Override public String toString() { return sb.toString(); }

    static String hex(long v) { return String.format("0x%016xULL", v); }
}
