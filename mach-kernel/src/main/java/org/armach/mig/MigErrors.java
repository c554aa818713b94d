package org.armach.mig;

/** MIG and message return codes used by the codec (PROTOCOLS 1.7). */
public final class MigErrors {
    public static final int KERN_SUCCESS = 0;
    public static final int MIG_TYPE_ERROR = -300;
    public static final int MIG_REPLY_MISMATCH = -301;
    public static final int MIG_REMOTE_ERROR = -302;
    public static final int MIG_BAD_ID = -303;
    public static final int MIG_BAD_ARGUMENTS = -304;
    public static final int MIG_NO_REPLY = -305;
    public static final int MIG_EXCEPTION = -306;
    public static final int MIG_ARRAY_TOO_LARGE = -307;
    public static final int MIG_SERVER_DIED = -308;
    public static final int MIG_DESTROY_REQUEST = -309;
    /** msgh_id of a send-once notification: the server died before replying. */
    public static final int MACH_NOTIFY_SEND_ONCE = 71;

    private MigErrors() {}
}
