package org.armach.mig;

/**
 * One typed item of a message body.
 *
 * @param role          why it is there
 * @param name          argument name, {@code RetCode}, or {@code <arg>Cnt}
 * @param arg           the argument (null for RetCode / counts)
 * @param type          its type
 * @param descOffset    offset of the 8-byte descriptor; after a variable item this is the maximum
 * @param dataBytes     bytes of the data slot before padding: maximum inline bytes, or 8 for a pointer
 * @param afterVariable a variable-size inline item precedes it (real offsets move down)
 */
public record LayoutItem(ItemRole role, String name, Argument arg, MigType type, int descOffset, int dataBytes,
                         boolean afterVariable) {

    public int dataOffset() { return descOffset + 8; }

    /** Bytes this item occupies at most, descriptor and padding included. */
    public int span() { return 8 + pad8(dataBytes); }

    /** Variable-size inline data (BOUNDED, or INDEFINITE when inline). */
    public boolean variableInline() {
        return type.kind() == TypeKind.BOUNDED || type.kind() == TypeKind.INDEFINITE;
    }

    /** Data is a pointer (always out-of-line types). */
    public boolean outOfLine() { return type.kind().alwaysOutOfLine(); }

    public static int pad8(int n) { return (n + 7) & ~7; }
}
