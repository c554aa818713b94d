package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.armach.mach.vm.VmSpace;

/**
 * The initial user stack of a boot module (PROTOCOLS §5.4): 128 KiB below the top of the
 * user address space; at SP: argc, argv[], NULL, envp[], NULL, then the strings; the block
 * size is rounded to 16 and SP is its start.
 */
final class UserStack {
    static final long TOP = 0x1_0000_0000_0000L, SIZE = 128 * 1024;

    private UserStack() {}

    /** Builds the stack; returns the initial SP. */
    static long build(VmSpace vm, List<String> argv, List<String> envp) {
        long[] a = {TOP - SIZE};
        int kr = vm.allocate(a, SIZE, false);
        if (kr != KERN_SUCCESS) throw new IllegalArgumentException("cannot allocate the user stack: " + kr);
        int slots = 1 + argv.size() + 1 + envp.size() + 1;
        int strings = 0;
        for (String s : argv) strings += s.getBytes(StandardCharsets.UTF_8).length + 1;
        for (String s : envp) strings += s.getBytes(StandardCharsets.UTF_8).length + 1;
        int size = (8 * slots + strings + 15) & ~15;
        long sp = TOP - size;
        byte[] b = new byte[size];
        UserMem.putLong(b, 0, argv.size());
        int slot = 1, str = 8 * slots;
        for (List<String> list : List.of(argv, envp)) {
            for (String s : list) {
                UserMem.putLong(b, 8 * slot++, sp + str);
                byte[] sb = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(sb, 0, b, str, sb.length);
                str += sb.length + 1;
            }
            slot++; // NULL
        }
        if (!vm.write(sp, b, 0, size)) throw new IllegalArgumentException("cannot write the user stack");
        return sp;
    }
}
