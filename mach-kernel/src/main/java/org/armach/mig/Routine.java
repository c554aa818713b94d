package org.armach.mig;

import java.util.List;

/**
 * A routine or simpleroutine.
 *
 * @param name    routine name
 * @param id      request msgh_id (subsystem base + index)
 * @param simple  simpleroutine: no reply
 * @param args    arguments in declaration order (the first is the request port)
 */
public record Routine(String name, int id, boolean simple, List<Argument> args) {

    public Routine {
        args = List.copyOf(args);
    }

    /** Reply msgh_id (request id + 100). */
    public int replyId() { return id + 100; }

    /** The request-port argument (first argument, or the one declared {@code requestport}). */
    public Argument requestPort() {
        for (Argument a : args) if (a.direction() == Direction.REQUEST_PORT) return a;
        throw new IllegalStateException(name + " has no request port");
    }

    /** The argument with the given name, or null. */
    public Argument arg(String argName) {
        for (Argument a : args) if (a.name().equals(argName)) return a;
        return null;
    }

    /** The explicit reply port argument of the given kind, or null. */
    public Argument replyPortArg(Direction kind) {
        for (Argument a : args) if (a.direction() == kind || a.direction() == Direction.REPLY_PORT) return a;
        return null;
    }
}
