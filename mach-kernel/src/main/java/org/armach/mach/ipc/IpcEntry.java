package org.armach.mach.ipc;

/** One name in a space ({@code ipc_entry}): right type bits, user references, object. */
final class IpcEntry {
    final int name;
    int type;
    int urefs;
    IpcObject object;
    DnRequest request;
    /** Pending msg-accepted request made through this entry ({@code IE_BITS_MAREQUEST}). */
    MaRequest marequest;

    IpcEntry(int name) {
        this.name = name;
    }

    boolean has(int typeBits) {
        return (type & typeBits) != 0;
    }

    Port port() {
        return (Port) object;
    }
}
