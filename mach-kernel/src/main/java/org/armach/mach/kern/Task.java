package org.armach.mach.kern;

import java.util.ArrayList;
import java.util.List;

import org.armach.mach.ipc.IpcSpace;
import org.armach.mach.ipc.KObjectKind;
import org.armach.mach.ipc.KernelObject;
import org.armach.mach.ipc.Port;
import org.armach.mach.vm.VmSpace;

/** A Mach task: port space, address space, threads, special ports. */
public final class Task implements KernelObject {
    final Kernel kernel;
    final int id;
    String name;
    final IpcSpace space;
    final VmSpace vm;
    final List<KThread> threads = new ArrayList<>();
    /** The task's kernel port (receive right held by the kernel). */
    Port self;
    /** Special ports: send rights held by the kernel, or null. */
    Port excPort, bootstrapPort;
    /** mach_ports_register: send rights held by the kernel (null = MACH_PORT_NULL). */
    final Port[] registered = new Port[RegisteredPorts.MAX];
    int suspendCount;
    boolean active = true;
    boolean essential;
    int nextThreadId = 1;
    int priority = Scheduler.BASEPRI_USER;
    /** Time of day at creation (ns since 1970), for task_info. */
    long createdNs;
    /** Page faults taken (TASK_EVENTS_INFO). */
    long faults;
    /** task_set_emulation_vector: entries from {@link #emulationStart} (null: none). */
    long[] emulation;
    int emulationStart;
    /** PC sampling of the task's threads (null: never enabled). */
    PcSampling.Control pcSample;

    Task(Kernel kernel, int id, String name, IpcSpace space, VmSpace vm) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.space = space;
        this.vm = vm;
    }

    @Override public KObjectKind kind() { return KObjectKind.TASK; }

    public int id() { return id; }
    public String name() { return name; }
    public IpcSpace space() { return space; }
    public VmSpace vm() { return vm; }
    public List<KThread> threads() { return List.copyOf(threads); }
    public boolean isActive() { return active; }
    public int suspendCount() { return suspendCount; }
    public Port kernelPort() { return self; }

    @Override
    public String toString() {
        return "task " + id + " (" + name + ")";
    }
}
