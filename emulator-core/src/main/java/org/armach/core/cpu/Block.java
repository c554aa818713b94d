package org.armach.core.cpu;

/**
 * A hot straight-line run of guest instructions compiled to JVM bytecode by
 * {@link BlockCompiler}: one hidden class per block, in which every instruction is its own
 * {@code Op.exec} call site on a constant receiver, so HotSpot inlines each op. Executing a
 * block has exactly the effect of interpreting its instructions one by one (see
 * {@link BlockCompiler}); it leaves early where the interpreter's
 * straight-line path would (a taken branch, {@link Cpu#exitLoop}, a guest exception).
 */
abstract class Block {
    /** Instructions in the block: the most it can retire in one {@link #run}. */
    final int length;

    protected Block(int length) {
        this.length = length;
    }

    /** Runs the block from {@code c.pc} (the physical code page's slot where it was compiled). */
    abstract void run(Cpu c);
}
