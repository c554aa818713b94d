package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;
import static org.armach.mach.kern.KernCodes.*;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.armach.mig.MigCall;
import org.armach.mig.MigErrors;

/** gsync_wait / gsync_wake / gsync_requeue: futex-like waits keyed by (task, address). */
final class Gsync {
    static final int GSYNC_SHARED = 1, GSYNC_QUAD = 2, GSYNC_TIMED = 4, GSYNC_BROADCAST = 8, GSYNC_MUTATE = 16;

    private record Key(Task task, long addr) {
        @Override public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).task == task && ((Key) o).addr == addr;
        }

        @Override public int hashCode() { return Objects.hash(System.identityHashCode(task), addr); }
    }

    private static final class Waiter {
        final KernelRpc.Deferred reply;
        Timers.Event timer;

        Waiter(KernelRpc.Deferred reply) { this.reply = reply; }
    }

    private final Kernel k;
    private final Map<Key, ArrayDeque<Waiter>> queues = new HashMap<>();
    private final byte[] buf = new byte[8];

    private Gsync(Kernel k) {
        this.k = k;
    }

    static void register(Kernel k, KernelRpc rpc) {
        Gsync g = new Gsync(k);
        rpc.server("gnumach.defs")
                .on("gsync_wait", c -> g.waitCall(rpc, c))
                .on("gsync_wake", g::wake)
                .on("gsync_requeue", g::requeue);
    }

    private Key key(Task t, long addr, int flags) {
        return new Key((flags & GSYNC_SHARED) != 0 ? null : t, addr);
    }

    private int waitCall(KernelRpc rpc, MigCall c) {
        return waitCall(c, () -> rpc.defer(c));
    }

    /**
     * gsync_wait with the reply deferred through {@code defer} when it must wait (for a wake, or
     * for the word's page to come from a pager: GNU Mach faults it in, then evaluates again).
     */
    private int waitCall(MigCall c, java.util.function.Supplier<KernelRpc.Deferred> defer) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        long addr = c.getLong("addr");
        int flags = c.getInt("flags");
        boolean quad = (flags & GSYNC_QUAD) != 0;
        if ((addr & 3) != 0) return KERN_INVALID_ADDRESS; // GNU Mach: addr % sizeof (int), also for quads
        if (!t.vm.ready(addr, quad ? 8 : 4, false)) {
            KernelRpc.Deferred d = defer.get();
            afterPage(t, () -> replyUnlessWaiting(d, waitCall(c, () -> d)));
            return MigErrors.MIG_NO_REPLY;
        }
        if (!t.vm.read(addr, buf, 0, quad ? 8 : 4)) return KERN_INVALID_ADDRESS;
        if (UserMem.getInt(buf, 0) != c.getInt("val1")) return KERN_INVALID_ARGUMENT;
        if (quad && UserMem.getInt(buf, 4) != c.getInt("val2")) return KERN_INVALID_ARGUMENT;
        Key key = key(t, addr, flags);
        Waiter w = new Waiter(defer.get());
        queues.computeIfAbsent(key, x -> new ArrayDeque<>()).add(w);
        if ((flags & GSYNC_TIMED) != 0) {
            long ns = (c.getInt("msec") & 0xffffffffL) * 1_000_000L;
            w.timer = k.timers.at(k.clock.nowNs() + ns, () -> {
                ArrayDeque<Waiter> q = queues.get(key);
                if (q != null && q.remove(w)) {
                    if (q.isEmpty()) queues.remove(key);
                    w.reply.reply(KERN_TIMEDOUT);
                }
            });
        }
        return MigErrors.MIG_NO_REPLY;
    }

    private int wake(MigCall c) {
        return wake(c, () -> k.rpc.defer(c));
    }

    /** gsync_wake; GSYNC_MUTATE on a page still to come from a pager waits for it (deferred reply). */
    private int wake(MigCall c, java.util.function.Supplier<KernelRpc.Deferred> defer) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        long addr = c.getLong("addr");
        int flags = c.getInt("flags");
        if ((addr & 3) != 0) return KERN_INVALID_ADDRESS;
        if ((flags & GSYNC_MUTATE) != 0 && !t.vm.ready(addr, 4, true)) {
            KernelRpc.Deferred d = defer.get();
            afterPage(t, () -> replyUnlessWaiting(d, wake(c, () -> d)));
            return MigErrors.MIG_NO_REPLY;
        }
        if ((flags & GSYNC_MUTATE) != 0) {
            UserMem.putInt(buf, 0, c.getInt("val"));
            if (!t.vm.write(addr, buf, 0, 4)) return KERN_INVALID_ADDRESS;
        }
        wakeOn(key(t, addr, flags), (flags & GSYNC_BROADCAST) != 0);
        return KERN_SUCCESS;
    }

    private static void afterPage(Task t, Runnable r) {
        org.armach.mach.vm.PageRequest q = t.vm.takePendingPage();
        if (q == null) r.run();
        else q.whenDone(r);
    }

    private static void replyUnlessWaiting(KernelRpc.Deferred d, int kr) {
        if (kr != MigErrors.MIG_NO_REPLY) d.reply(kr);
    }

    private void wakeOn(Key key, boolean all) {
        ArrayDeque<Waiter> q = queues.get(key);
        if (q == null) return;
        do {
            Waiter w = q.poll();
            if (w == null) break;
            if (w.timer != null) w.timer.cancel();
            w.reply.reply(KERN_SUCCESS);
        } while (all);
        if (q.isEmpty()) queues.remove(key);
    }

    private int requeue(MigCall c) {
        Task t = TaskRpc.taskOf(c);
        if (t == null) return KERN_INVALID_ARGUMENT;
        int flags = c.getInt("flags");
        Key src = key(t, c.getLong("src_addr"), flags), dst = key(t, c.getLong("dst_addr"), flags);
        if (c.getBoolean("wake_one")) wakeOn(src, false);
        ArrayDeque<Waiter> q = queues.remove(src);
        if (q != null && !q.isEmpty()) queues.computeIfAbsent(dst, x -> new ArrayDeque<>()).addAll(q);
        return KERN_SUCCESS;
    }
}
