package org.armach.mig;

/**
 * A resolved MIG type: what one message item of this type looks like.
 *
 * @param name        the MIG type name
 * @param cType       the C type name used for the whole argument
 * @param elemCType   the C type name of one element (arrays) or {@code cType}
 * @param kind        wire shape
 * @param inSymbol    msgt_name symbol written by the sender (without prefix), "POLYMORPHIC" allowed
 * @param outSymbol   msgt_name symbol the receiver checks
 * @param elemBits    msgt_size of one element as MIG writes it
 * @param number      element count (FIXED / OOL_FIXED) or maximum (BOUNDED); 0 if unbounded
 * @param unit        wire elements per C element (arrays of multi-element structs), normally 1
 * @param cString     a NUL-terminated {@code c_string}
 * @param alt         the other MIG version's encoding of an 8-aligned struct, or null
 * @param inName      code of {@code inSymbol} (resolved once: the server path asks per item)
 * @param outName     code of {@code outSymbol}
 */
public record MigType(String name, String cType, String elemCType, TypeKind kind,
                      String inSymbol, String outSymbol, int elemBits, int number,
                      int unit, boolean cString, MigType alt, int inName, int outName) {

    /** Bytes MIG allows inline for an indefinite array before going out-of-line. */
    public static final int INDEFINITE_INLINE_MAX = 2048;

    /** Code of a symbol MsgTypes does not know (a type that is never put in a message). */
    public static final int UNKNOWN_NAME = Integer.MIN_VALUE;

    public MigType(String name, String cType, String elemCType, TypeKind kind, String inSymbol,
                   String outSymbol, int elemBits, int number, int unit, boolean cString, MigType alt) {
        this(name, cType, elemCType, kind, inSymbol, outSymbol, elemBits, number, unit, cString, alt,
                codeOf(inSymbol), codeOf(outSymbol));
    }

    private static int codeOf(String symbol) {
        Integer c = symbol == null ? null : MsgTypes.code(symbol);
        return c == null ? UNKNOWN_NAME : c;
    }

    public boolean polymorphicIn() { return inName() == MsgTypes.POLYMORPHIC; }

    public boolean polymorphicOut() { return outName() == MsgTypes.POLYMORPHIC; }

    /** Port rights (incl. polymorphic ones, which MIG only allows for ports). */
    public boolean isPort() {
        return MsgTypes.isPortRight(inName()) || polymorphicIn() || MsgTypes.isPortRight(outName());
    }

    /** Maximum element count inline (BOUNDED/INDEFINITE) or the fixed count. */
    public int maxInlineNumber() {
        if (kind == TypeKind.INDEFINITE) return INDEFINITE_INLINE_MAX * 8 / elemBits;
        return number;
    }

    /** Older-MIG rule for setting msgt_longform. */
    public boolean longForm() {
        return kind == TypeKind.OOL || kind == TypeKind.INDEFINITE || elemBits >= 256 || number >= 4096;
    }

    /** Copy with other names (for {@code type a = b;} aliases and {@code ctype:} clauses). */
    public MigType renamed(String newName, String newCType) {
        String elem = kind == TypeKind.FIXED && number == 1 && !cString ? newCType : elemCType;
        return new MigType(newName, newCType, elem, kind, inSymbol, outSymbol, elemBits, number,
                unit, cString, alt == null ? null : alt.renamed(newName, newCType));
    }

    /** Copy with other dispositions (argument {@code = IN|OUT} overrides). */
    public MigType withSymbols(String in, String out) {
        return new MigType(name, cType, elemCType, kind, in, out, elemBits, number, unit, cString,
                alt == null ? null : alt.withSymbols(in, out));
    }
}
