package org.armach.mig;

/** A lexical token of the MIG language: an identifier, a number, a string, or one punctuation char. */
record Token(Kind kind, String text, int line) {
    enum Kind { IDENT, NUMBER, STRING, PUNCT, EOF }

    boolean is(String s) { return kind != Kind.STRING && text.equals(s); }
}
