package org.armach.mig;

/** Shape of a MIG type on the wire. */
public enum TypeKind {
    /** Fixed number of elements, inline. */
    FIXED,
    /** {@code array[*:N]}: variable, always inline, at most N elements. */
    BOUNDED,
    /** {@code array[]}: variable, inline up to 2048 bytes, else out-of-line. */
    INDEFINITE,
    /** {@code ^array[]}: variable, always out-of-line. */
    OOL,
    /** {@code ^array[N]}: fixed count, out-of-line. */
    OOL_FIXED;

    public boolean variable() { return this == BOUNDED || this == INDEFINITE || this == OOL; }

    public boolean alwaysOutOfLine() { return this == OOL || this == OOL_FIXED; }
}
