package org.armach.mig;

/** Why an item is in a message body. */
public enum ItemRole {
    /** The reply's return code ({@code RetCode}). */
    RETCODE,
    /** A routine argument. */
    ARG,
    /** The caller's buffer size of a {@code CountInOut} out array ({@code <name>Cnt}). */
    COUNT
}
