package org.armach.mach.ipc;

/** {@code kern_return_t} values of GNU Mach ({@code mach/kern_return.h}) and MIG error codes. */
public final class KernReturn {
    private KernReturn() {}
    public static final int KERN_SUCCESS = 0;
    public static final int KERN_INVALID_ADDRESS = 1;
    public static final int KERN_PROTECTION_FAILURE = 2;
    public static final int KERN_NO_SPACE = 3;
    public static final int KERN_INVALID_ARGUMENT = 4;
    public static final int KERN_FAILURE = 5;
    public static final int KERN_RESOURCE_SHORTAGE = 6;
    public static final int KERN_NOT_RECEIVER = 7;
    public static final int KERN_NO_ACCESS = 8;
    public static final int KERN_MEMORY_FAILURE = 9;
    public static final int KERN_MEMORY_ERROR = 10;
    public static final int KERN_NOT_IN_SET = 12;
    public static final int KERN_NAME_EXISTS = 13;
    public static final int KERN_ABORTED = 14;
    public static final int KERN_INVALID_NAME = 15;
    public static final int KERN_INVALID_TASK = 16;
    public static final int KERN_INVALID_RIGHT = 17;
    public static final int KERN_INVALID_VALUE = 18;
    public static final int KERN_UREFS_OVERFLOW = 19;
    public static final int KERN_INVALID_CAPABILITY = 20;
    public static final int KERN_RIGHT_EXISTS = 21;
    public static final int KERN_MEMORY_PRESENT = 23;
    public static final int KERN_TERMINATED = 26;

    public static final int MIG_TYPE_ERROR = -300;
    public static final int MIG_REPLY_MISMATCH = -301;
    public static final int MIG_BAD_ID = -303;
    public static final int MIG_NO_REPLY = -305;
}
