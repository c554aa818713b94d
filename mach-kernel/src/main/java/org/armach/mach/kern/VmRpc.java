package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import org.armach.mig.MigCall;
import org.armach.mig.MigServer;

/**
 * Minimal routing of the mach.defs memory routines to the task's VmSpace, so that tasks run
 * before the VM layer registers its own handlers (which replace these).
 */
final class VmRpc {
    private VmRpc() {}

    static void register(Kernel k, MigServer m) {
        m.on("vm_allocate", c -> {
            Task t = TaskRpc.taskOf(c);
            if (t == null) return KERN_INVALID_ARGUMENT;
            long[] a = {c.getLong("address")};
            int kr = t.vm.allocate(a, c.getLong("size"), c.getBoolean("anywhere"));
            c.set("address", a[0]);
            return kr;
        }).on("vm_deallocate", c -> vm(c, t -> t.vm.deallocate(c.getLong("address"), c.getLong("size"))))
          .on("vm_protect", c -> vm(c, t -> t.vm.protect(c.getLong("address"), c.getLong("size"),
                  c.getBoolean("set_maximum"), c.getInt("new_protection"))))
          .on("vm_inherit", c -> vm(c, t -> t.vm.inherit(c.getLong("address"), c.getLong("size"), c.getInt("new_inheritance"))))
          .on("vm_statistics", c -> {
              Task t = TaskRpc.taskOf(c);
              if (t == null) return KERN_INVALID_ARGUMENT;
              int[] s = new int[13];
              s[0] = (int) t.vm.pageSize();
              long free = Math.max(0, k.cpu.ram.size() - (long) k.cpu.ram.allocatedPages() * 4096) / t.vm.pageSize();
              s[1] = (int) free;
              c.set("vm_stats", s);
              return KERN_SUCCESS;
          });
    }

    private static int vm(MigCall c, TaskRpc.TaskFn f) {
        Task t = TaskRpc.taskOf(c);
        return t == null ? KERN_INVALID_ARGUMENT : f.apply(t);
    }
}
