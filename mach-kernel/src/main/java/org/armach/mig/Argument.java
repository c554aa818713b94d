package org.armach.mig;

/**
 * One routine argument.
 *
 * @param name        argument name
 * @param direction   kind of argument
 * @param type        its resolved type (with any disposition override applied)
 * @param countInOut  {@code CountInOut}: the caller's buffer size travels in the request
 * @param dealloc     deallocation flag (OOL data)
 */
public record Argument(String name, Direction direction, MigType type, boolean countInOut, Dealloc dealloc) {

    /** True if this argument is a body item of the request. */
    public boolean inRequestBody() { return direction.inRequest(); }

    /** True if this argument is a body item of the reply. */
    public boolean inReplyBody() { return direction.inReply(); }
}
