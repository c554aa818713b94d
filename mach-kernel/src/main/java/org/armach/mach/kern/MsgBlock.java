package org.armach.mach.kern;

import org.armach.mach.ipc.MachMsg;
import org.armach.mach.ipc.MsgOutcome;
import org.armach.mach.ipc.MsgWait;

/** A thread parked in mach_msg on the IPC layer's {@link MsgWait}. */
final class MsgBlock extends Wait {
    final MsgWait mw;

    MsgBlock(MsgWait mw) {
        this.mw = mw;
    }

    @Override
    boolean finish(Kernel k, KThread t) {
        k.msgWaiters.remove(mw);
        if (mw.isFinished()) return true;
        MsgOutcome o;
        if (reason == ABORTED) o = MachMsg.interrupt(mw);
        else if (reason == TIMEOUT) o = MachMsg.timeout(mw);
        else o = MachMsg.resume(mw);
        k.msgOutcome(t, o);
        return t.wait == null;
    }

    @Override
    String describe() {
        return "mach_msg " + mw.phase().name().toLowerCase();
    }
}
