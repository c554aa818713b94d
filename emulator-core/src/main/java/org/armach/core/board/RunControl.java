package org.armach.core.board;

/**
 * A debugger steering {@link Machine}'s run loop (the gdb stub). Consulted before every slice;
 * it may block while it holds the CPU, so the guest's virtual clock stands still meanwhile.
 */
public interface RunControl {
    /** {@link #beforeRun} answers: run a slice, execute exactly one instruction, or end the run. */
    int RUN = 0, STEP = 1, KILL = 2;

    /** Decides what the machine does next; may block. */
    int beforeRun(Machine m);

    /** The machine stopped for good (guest power-off, instruction limit...): tell the debugger. */
    void exited(Machine.Outcome outcome);
}
