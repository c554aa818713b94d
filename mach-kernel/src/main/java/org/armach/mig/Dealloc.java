package org.armach.mig;

/** Deallocation flag of an out-of-line argument. */
public enum Dealloc {
    /** Never deallocated (msgt_deallocate = 0). */
    NONE,
    /** {@code dealloc}: always moved out of the sender. */
    ALWAYS,
    /** {@code Dealloc[]}: the caller chooses per call. */
    USER
}
