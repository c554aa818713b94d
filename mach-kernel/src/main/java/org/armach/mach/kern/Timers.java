package org.armach.mach.kern;

import java.util.PriorityQueue;

/** The kernel's timeout queue, in nanoseconds of the machine clock. */
public final class Timers {
    /** One armed timeout. */
    public static final class Event implements Comparable<Event> {
        final long dueNs;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Event(long dueNs, long seq, Runnable action) {
            this.dueNs = dueNs;
            this.seq = seq;
            this.action = action;
        }

        public void cancel() { cancelled = true; }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(dueNs, o.dueNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long seq;

    public Event at(long dueNs, Runnable action) {
        Event e = new Event(dueNs, seq++, action);
        queue.add(e);
        return e;
    }

    /** Runs every event due at {@code nowNs}. */
    public void fire(long nowNs) {
        while (true) {
            Event e = queue.peek();
            if (e == null || e.dueNs > nowNs) return;
            queue.poll();
            if (!e.cancelled) e.action.run();
        }
    }

    /** The due time of the earliest live event, or Long.MAX_VALUE. */
    public long next() {
        while (true) {
            Event e = queue.peek();
            if (e == null) return Long.MAX_VALUE;
            if (!e.cancelled) return e.dueNs;
            queue.poll();
        }
    }
}
