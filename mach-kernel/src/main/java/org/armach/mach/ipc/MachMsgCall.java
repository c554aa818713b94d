package org.armach.mach.ipc;

/** The arguments of one {@code mach_msg_trap} call. */
public final class MachMsgCall {
    public final IpcSpace space;
    public final long msg;
    public final int option;
    public final int sendSize;
    public final int rcvSize;
    public final int rcvName;
    public final int timeout;
    public final int notify;
    /**
     * When each phase (send, receive) of this trap first started to wait, on the kernel's clock
     * (unset: Long.MIN_VALUE). Shared by the restarted calls of one trap, so that a phase waiting
     * again after a restart keeps its original deadline.
     */
    final long[] phaseStart;

    public MachMsgCall(IpcSpace space, long msg, int option, int sendSize, int rcvSize, int rcvName,
                       int timeout, int notify) {
        this(space, msg, option, sendSize, rcvSize, rcvName, timeout, notify, new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
    }

    private MachMsgCall(IpcSpace space, long msg, int option, int sendSize, int rcvSize, int rcvName,
                        int timeout, int notify, long[] phaseStart) {
        this.phaseStart = phaseStart;
        this.space = space;
        this.msg = msg;
        this.option = option;
        this.sendSize = sendSize;
        this.rcvSize = rcvSize;
        this.rcvName = rcvName;
        this.timeout = timeout;
        this.notify = notify;
    }

    /** The same call without its send part (the send completed before the receive had to wait). */
    MachMsgCall receiveOnly() {
        if (!has(MsgBits.SEND_MSG)) return this;
        return new MachMsgCall(space, msg, option & ~MsgBits.SEND_MSG, sendSize, rcvSize, rcvName, timeout, notify, phaseStart);
    }

    boolean has(int opt) {
        return (option & opt) != 0;
    }
}
