package org.armach.mig;

import java.util.ArrayList;
import java.util.List;

/** Splits preprocessed MIG source into tokens; skips C and C++ comments. */
final class DefsLexer {
    private final String src;
    private int pos;
    private int line = 1;

    private DefsLexer(String src) { this.src = src; }

    static List<Token> tokenize(String src) {
        DefsLexer lx = new DefsLexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind() != Token.Kind.EOF);
        return out;
    }

    private Token next() {
        skipSpaceAndComments();
        if (pos >= src.length()) return new Token(Token.Kind.EOF, "", line);
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') return word();
        if (Character.isDigit(c)) return number();
        if (c == '"') return string();
        pos++;
        return new Token(Token.Kind.PUNCT, String.valueOf(c), line);
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') { line++; pos++; }
            else if (Character.isWhitespace(c)) pos++;
            else if (src.startsWith("/*", pos)) skipBlockComment();
            else if (src.startsWith("//", pos)) skipToEol();
            else return;
        }
    }

    private void skipBlockComment() {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) throw new DefsException("line " + line + ": unterminated comment");
        for (int i = pos; i < end; i++) if (src.charAt(i) == '\n') line++;
        pos = end + 2;
    }

    private void skipToEol() {
        while (pos < src.length() && src.charAt(pos) != '\n') pos++;
    }

    private Token word() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
        return new Token(Token.Kind.IDENT, src.substring(start, pos), line);
    }

    private Token number() {
        int start = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) pos++;
        return new Token(Token.Kind.NUMBER, src.substring(start, pos), line);
    }

    private Token string() {
        int end = src.indexOf('"', pos + 1);
        if (end < 0) throw new DefsException("line " + line + ": unterminated string");
        Token t = new Token(Token.Kind.STRING, src.substring(pos + 1, end), line);
        pos = end + 1;
        return t;
    }
}
