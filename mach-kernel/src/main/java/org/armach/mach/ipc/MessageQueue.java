package org.armach.mach.ipc;

import java.util.ArrayDeque;

/** Messages waiting to be received and the receivers waiting for them ({@code ipc_mqueue}). */
final class MessageQueue {
    final ArrayDeque<KMsg> msgs = new ArrayDeque<>();
    final ArrayDeque<MsgWait> receivers = new ArrayDeque<>();

    /** Wakes every waiting receiver with an error (port died / changed). */
    void failReceivers(int code) {
        while (!receivers.isEmpty()) {
            MsgWait w = receivers.poll();
            w.wakeWith(code);
        }
    }
}
