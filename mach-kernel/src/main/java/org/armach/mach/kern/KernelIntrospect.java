package org.armach.mach.kern;

import org.armach.mach.ipc.IpcIntrospect;

/** Human-readable listings of tasks, threads and port names (debugging, monitor commands). */
public final class KernelIntrospect {
    private KernelIntrospect() {}

    public static String tasks(Kernel k) {
        StringBuilder sb = new StringBuilder();
        for (Task t : k.tasks) {
            sb.append(String.format("task %d %s%s suspend=%d threads=%d names=%d%n", t.id, t.name,
                    t.active ? "" : " (dead)", t.suspendCount, t.threads.size(), IpcIntrospect.names(t.space).size()));
            for (KThread th : t.threads) sb.append("  ").append(thread(k, th)).append('\n');
        }
        return sb.toString();
    }

    public static String thread(Kernel k, KThread th) {
        boolean on = k.sched.current == th;
        long pc = on ? k.cpu.pc : th.ctx.pc;
        return String.format("thread %d.%d %s%s pri=%d suspend=%d pc=0x%x%s", th.task.id, th.id, th.state,
                th.wait != null ? " [" + th.wait.describe() + "]" : "", th.schedPri(), th.suspendCount, pc, on ? " (running)" : "");
    }

    /** The task's VM map, one entry a line: range, protections, inheritance, object, sharing, residency. */
    public static String vmMap(Task t) {
        StringBuilder sb = new StringBuilder();
        for (org.armach.mach.vm.VmRegionInfo r : t.vm.regions()) {
            sb.append(String.format("  0x%012x-0x%012x %s/%s %s %s%s%s%s resident=%d%n", r.start(), r.end(), prot(r.protection()),
                    prot(r.maxProtection()), INHERIT[r.inheritance() & 3], r.objectKind(), r.shared() ? " shared" : "",
                    r.needsCopy() ? " needs-copy" : "", r.wired() > 0 ? " wired" : "", r.residentPages()));
        }
        return sb.toString();
    }

    /** The task's VM map entries (for tests and tools). */
    public static java.util.List<org.armach.mach.vm.VmRegionInfo> regions(Task t) {
        return t.vm.regions();
    }

    private static final String[] INHERIT = {"share", "copy", "none", "?"};

    private static String prot(int p) {
        return ((p & 1) != 0 ? "r" : "-") + ((p & 2) != 0 ? "w" : "-") + ((p & 4) != 0 ? "x" : "-");
    }

    public static String ports(Task t) {
        StringBuilder sb = new StringBuilder();
        for (IpcIntrospect.NameInfo n : IpcIntrospect.names(t.space)) {
            sb.append(String.format("  %d type=0x%x urefs=%d %s%n", n.name, n.type, n.urefs,
                    n.port == null ? "" : n.port + (n.port.kobject() != null ? " -> " + n.port.kobject() : "")));
        }
        return sb.toString();
    }
}
