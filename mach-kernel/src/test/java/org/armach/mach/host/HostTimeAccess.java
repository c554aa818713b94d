package org.armach.mach.host;

/** Test access to {@link HostTime}'s struct decoding. */
public final class HostTimeAccess {
    private HostTimeAccess() {}

    public static long[] decode(Object v) { return HostTime.decode(v); }
}
