package org.armach.mach.ipc;

/** One complex body item of a kernel message: port rights or an out-of-line region. */
public final class MsgItem {
    /** Offset of the descriptor within the body (bytes after the 32-byte header). */
    public final int offset;
    /** Offset of the inline data or of the 8-byte OOL pointer slot within the body. */
    public final int dataOffset;
    public final MsgDescriptor desc;
    /** For port items: the rights (null = MACH_PORT_NULL, {@link Port#DEAD}), of type {@link #rightType}. */
    Port[] ports;
    /** The converted right type (PORT_RECEIVE / PORT_SEND / PORT_SEND_ONCE) for port items. */
    public final int rightType;
    /** For non-port OOL items: the region (null if empty). */
    VmCopy copy;
    /** Out-of-line port names read from the sender, until translated. */
    byte[] oolNames;

    MsgItem(int offset, int dataOffset, MsgDescriptor desc, int rightType) {
        this.offset = offset;
        this.dataOffset = dataOffset;
        this.desc = desc;
        this.rightType = rightType;
    }

    public boolean isPort() {
        return ports != null;
    }

    public Port[] ports() {
        return ports;
    }

    public VmCopy copy() {
        return copy;
    }

    /** Takes the rights out of the item (the caller now owns them). */
    public Port[] takePorts() {
        Port[] p = ports;
        ports = p == null ? null : new Port[0];
        return p;
    }

    /** Takes the region out of the item (the caller now owns it). */
    public VmCopy takeCopy() {
        VmCopy c = copy;
        copy = null;
        return c;
    }
}
