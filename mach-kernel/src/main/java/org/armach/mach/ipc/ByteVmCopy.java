package org.armach.mach.ipc;

/** A {@link VmCopy} holding its bytes eagerly; used by kernel-built messages and tests. */
public final class ByteVmCopy implements VmCopy {
    private final byte[] data;

    public ByteVmCopy(byte[] data) {
        this.data = data;
    }

    @Override public long size() { return data.length; }
    @Override public byte[] bytes() { return data; }
    @Override public void discard() { }
}
