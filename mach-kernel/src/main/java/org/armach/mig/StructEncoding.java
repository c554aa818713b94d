package org.armach.mig;

/**
 * How MIG encodes {@code struct {...}} types whose alignment is 8 (PROTOCOLS 1.8): the MIG used to
 * build the guest decides, because clients compare the whole descriptor.
 */
public enum StructEncoding {
    /** MIG before 2025-06-09: BYTE, size 8, number = byte count. The project's target. */
    OLD_MIG,
    /** MIG after 2025-06-09: INTEGER_64, size 64, number = bytes / 8. */
    NEW_MIG
}
