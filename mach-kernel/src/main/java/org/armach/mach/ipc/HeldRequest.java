package org.armach.mach.ipc;

import java.util.ArrayList;

/**
 * A request to a kernel server whose out-of-line data still has pages on their way from a pager
 * ({@link VmCopy#ready}): it is served once they are all there. GNU Mach's kernel servers run in
 * the sender's thread and fault the data in there; here the sender waits ({@link #whenServed})
 * until the request was served, then goes on with its receive.
 */
final class HeldRequest {
    final KMsg msg;
    final KernelObject object;
    /** The destination port and the right the request carried to it, released once served. */
    final Port dest;
    final int destType;
    private ArrayList<Runnable> served;
    private boolean done;

    HeldRequest(KMsg msg, KernelObject object, Port dest, int destType) {
        this.msg = msg;
        this.object = object;
        this.dest = dest;
        this.destType = destType;
    }

    /** Runs {@code r} once the request was served (at once if it was). */
    void whenServed(Runnable r) {
        if (done) {
            r.run();
            return;
        }
        if (served == null) served = new ArrayList<>(1);
        served.add(r);
    }

    boolean served() { return done; }

    void markServed() {
        done = true;
        ArrayList<Runnable> s = served;
        served = null;
        if (s != null) for (Runnable r : s) r.run();
    }

    /** Whether every region of the request can be read now; if not, {@code onProgress} runs later. */
    boolean copiesReady(Runnable onProgress) {
        for (MsgItem it : msg.items) {
            if (it.copy != null && !it.copy.ready(onProgress)) return false;
        }
        return true;
    }

    boolean copiesInError() {
        for (MsgItem it : msg.items) {
            if (it.copy != null && it.copy.inError()) return true;
        }
        return false;
    }
}
