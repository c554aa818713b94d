package org.armach.core.cpu.decode;

import org.armach.core.cpu.CpuModel;
import org.armach.core.cpu.Insn;
import org.armach.core.cpu.Op;

/**
 * Decode half of an encoding: fills the operand fields of {@code out} from the word and
 * returns the {@link Op} to run, or {@code null} if the word is unallocated (or needs a
 * feature the model lacks), which makes it UNDEFINED.
 */
@FunctionalInterface
public interface Decoder {
    Op decode(int w, Insn out, CpuModel model);
}
