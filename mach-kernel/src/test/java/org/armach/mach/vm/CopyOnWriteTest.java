package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;

import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.VmCopy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Copy-on-write after fork and through out-of-line copies, for every page size. */
class CopyOnWriteTest {
    private static byte[] one(int v) { return new byte[] {(byte) v}; }

    private static int at(TaskVm t, long va) { return VmFixture.read(t, va, 1)[0]; }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void forkCopiesOnWriteBothWays(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm parent = f.space();
        long[] a = {0x100_0000};
        assertEquals(KERN_SUCCESS, parent.allocate(a, 3 * ps, false));
        parent.write(0x100_0000, one(1), 0, 1);
        parent.write(0x100_0000 + ps, one(2), 0, 1);
        TaskVm child = (TaskVm) parent.fork();
        assertEquals(1, at(child, 0x100_0000));
        assertEquals(0, child.pmap().rights(0x100_0000), "the child's pmap fills lazily");
        assertEquals(VmSpace.PROT_READ, parent.pmap().rights(0x100_0000), "the parent's pages became read-only");
        assertEquals(KERN_SUCCESS, parent.fault(0x100_0000, VmSpace.ACCESS_WRITE));
        parent.write(0x100_0000, one(10), 0, 1);
        assertEquals(1, at(child, 0x100_0000), "parent write not visible in child");
        child.write(0x100_0000 + ps, one(20), 0, 1);
        assertEquals(2, at(parent, 0x100_0000 + ps), "child write not visible in parent");
        assertEquals(20, at(child, 0x100_0000 + ps));
        assertEquals(KERN_SUCCESS, child.fault(0x100_0000 + 2 * ps, VmSpace.ACCESS_READ));
        assertEquals(0, at(child, 0x100_0000 + 2 * ps));
        assertNotEquals(parent.pmap().extract(0x100_0000), child.pmap().extract(0x100_0000));
        assertTrue(f.vm.statistics()[10] >= 2, "cow_faults");
        assertEquals(ps, f.vm.statistics()[0]);
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void inheritShareAndNone(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm parent = f.space();
        long[] a = {0x200_0000};
        parent.allocate(a, 3 * ps, false);
        parent.write(0x200_0000, one(5), 0, 1);
        parent.inherit(0x200_0000, ps, VmSpace.INHERIT_SHARE);
        parent.inherit(0x200_0000 + 2 * ps, ps, VmSpace.INHERIT_NONE);
        TaskVm child = (TaskVm) parent.fork();
        child.write(0x200_0000, one(6), 0, 1);
        assertEquals(6, at(parent, 0x200_0000), "shared memory is shared");
        parent.write(0x200_0000 + 8, one(7), 0, 1);
        assertEquals(7, at(child, 0x200_0000 + 8));
        assertTrue(child.region(0x200_0000).shared());
        assertTrue(parent.region(0x200_0000).shared());
        assertEquals(KERN_INVALID_ADDRESS, child.fault(0x200_0000 + 2 * ps, VmSpace.ACCESS_READ), "INHERIT_NONE");
        // a grandchild copying the shared region gets an eager copy; the sharing stays intact
        assertEquals(VmSpace.INHERIT_SHARE, child.region(0x200_0000).inheritance(), "inheritance is inherited");
        child.inherit(0x200_0000, ps, VmSpace.INHERIT_COPY);
        TaskVm grand = (TaskVm) child.fork();
        parent.write(0x200_0000, one(8), 0, 1);
        assertEquals(8, at(child, 0x200_0000));
        assertEquals(6, at(grand, 0x200_0000), "copied, not shared");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384})
    void sharedObjectWithFrozenBackingStaysCoherent(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm p = f.space();
        long[] a = {0x300_0000};
        p.allocate(a, ps, false);
        p.write(0x300_0000, one(1), 0, 1);
        TaskVm copyChild = (TaskVm) p.fork(); // freezes p's object (needs copy)
        p.inherit(0x300_0000, ps, VmSpace.INHERIT_SHARE);
        TaskVm sharer = (TaskVm) p.fork(); // p and sharer share a shadow over the frozen object
        assertEquals(1, at(sharer, 0x300_0000));
        assertEquals(1, at(p, 0x300_0000));
        p.write(0x300_0000, one(2), 0, 1); // copy-up into the shared shadow
        assertEquals(2, at(sharer, 0x300_0000));
        assertEquals(-1, sharer.pmap().extract(0x300_0000), "the stale read-only translation was removed");
        assertEquals(KERN_SUCCESS, sharer.fault(0x300_0000, VmSpace.ACCESS_READ));
        assertEquals(p.pmap().extract(0x300_0000), sharer.pmap().extract(0x300_0000));
        assertEquals(1, at(copyChild, 0x300_0000));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void outOfLineCopiesAreCopyOnWrite(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm sender = f.space(), receiver = f.space();
        long[] a = {0x400_0000};
        sender.allocate(a, 2 * ps, false);
        byte[] data = VmFixture.bytes(300, 9);
        sender.write(0x400_0000 + 100, data, 0, data.length);
        VmCopy c = sender.copyin(0x400_0000 + 100, data.length, false);
        assertEquals(data.length, c.size());
        sender.write(0x400_0000 + 100, one(0x55), 0, 1);
        long at = receiver.copyout(c);
        assertEquals(100, at & (ps - 1), "the data keeps its offset in the page");
        assertArrayEquals(data, VmFixture.read(receiver, at, data.length), "sender's later write not visible");
        receiver.write(at + 1, one(0x66), 0, 1);
        assertEquals(data[1], VmFixture.read(sender, 0x400_0000 + 101, 1)[0], "receiver's write not visible");
        assertEquals(-1, receiver.copyout(c), "a copy is consumed once");
        // move semantics
        VmCopy moved = sender.copyin(0x400_0000, ps, true);
        assertEquals(KERN_INVALID_ADDRESS, sender.fault(0x400_0000, VmSpace.ACCESS_READ));
        assertEquals(0x55, moved.bytes()[100] & 0xff);
        long m = receiver.copyout(moved);
        assertEquals(0x55, at(receiver, m + 100) & 0xff);
        // errors, empty copies, foreign copies
        assertNull(sender.copyin(0x7000_0000, 16, false));
        assertEquals(0, receiver.copyout(sender.copyin(0, 0, false)));
        long b = receiver.copyout(new ByteVmCopy(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, VmFixture.read(receiver, b, 3));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void vmReadWriteCopy(long ps) {
        VmFixture f = new VmFixture(ps);
        TaskVm t = f.space();
        long base = 0x500_0000;
        long[] a = {base};
        t.allocate(a, 4 * ps, false);
        t.write(base, VmFixture.bytes((int) ps, 1), 0, (int) ps);
        VmCopy[] out = new VmCopy[1];
        assertEquals(KERN_SUCCESS, t.read(base, ps, out));
        assertEquals(KERN_SUCCESS, t.write(base + 2 * ps, out[0]));
        assertArrayEquals(VmFixture.bytes((int) ps, 1), VmFixture.read(t, base + 2 * ps, (int) ps));
        assertEquals(KERN_INVALID_ADDRESS, t.read(base + 4 * ps, 16, out));
        assertEquals(KERN_INVALID_ARGUMENT, t.write(base + 8, new ByteVmCopy(new byte[(int) ps])), "not page aligned");
        assertEquals(KERN_INVALID_ARGUMENT, t.write(base, new ByteVmCopy(new byte[10])), "not whole pages");
        assertEquals(KERN_INVALID_ADDRESS, t.write(base + 3 * ps, new ByteVmCopy(new byte[(int) (2 * ps)])));
        t.protect(base + 3 * ps, ps, false, VmSpace.PROT_READ);
        assertEquals(KERN_PROTECTION_FAILURE, t.write(base + 3 * ps, new ByteVmCopy(new byte[(int) ps])));
        t.protect(base + ps, ps, false, VmSpace.PROT_NONE);
        assertEquals(KERN_PROTECTION_FAILURE, t.read(base, 2 * ps, out));
        assertEquals(KERN_SUCCESS, t.copy(base, ps, base + 2 * ps));
        // overlapping vm_copy reads the source as it was
        t.protect(base + ps, ps, false, VmSpace.PROT_DEFAULT);
        t.write(base + ps, VmFixture.bytes((int) ps, 77), 0, (int) ps);
        assertEquals(KERN_SUCCESS, t.copy(base, 2 * ps, base + ps));
        assertArrayEquals(VmFixture.bytes((int) ps, 1), VmFixture.read(t, base + ps, (int) ps));
        assertArrayEquals(VmFixture.bytes((int) ps, 77), VmFixture.read(t, base + 2 * ps, (int) ps));
    }
}
