package org.armach.mach.ipc;

/** Common base of ports and port sets ({@code ipc_object}). */
public abstract class IpcObject {
    boolean active = true;

    public boolean isActive() {
        return active;
    }
}
