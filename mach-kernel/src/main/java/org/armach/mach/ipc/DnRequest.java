package org.armach.mach.ipc;

/** A dead-name request: when the port dies, {@code notify} gets a DEAD_NAME for {@code name}. */
final class DnRequest {
    final IpcSpace space;
    final int name;
    Port notify;

    DnRequest(IpcSpace space, int name, Port notify) {
        this.space = space;
        this.name = name;
        this.notify = notify;
    }
}
