package org.armach.mach.ipc;

import static org.armach.mach.ipc.MachMsgReturn.*;
import static org.armach.mach.ipc.MsgType.*;
import static org.armach.mach.ipc.PortConst.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mach_msg when user memory is a page still on its way from a pager: the copy-in or copy-out
 * answers a memory wait before committing anything, and the restarted call completes.
 */
class MemoryWaitTest {
    /** Memory where [lo, hi) is "not yet arrived" until {@link #arrived}. */
    static final class PagedMemory implements TaskMemory {
        final ArrayTaskMemory m = new ArrayTaskMemory(0x100000);
        long lo, hi;
        boolean arrived = true, pending, writesOnly;

        private boolean blocked(long addr, long len, boolean write) {
            pending = !arrived && (write || !writesOnly) && addr < hi && addr + len > lo;
            return pending;
        }
        @Override public boolean read(long a, byte[] d, int o, int l) { return !blocked(a, l, false) && m.read(a, d, o, l); }
        @Override public boolean write(long a, byte[] s, int o, int l) { return !blocked(a, l, true) && m.write(a, s, o, l); }
        @Override public boolean ready(long a, long l, boolean w) { return !blocked(a, l, w); }
        @Override public boolean pagePending() { return pending; }
        @Override public VmCopy copyin(long a, long s, boolean d) { return m.copyin(a, s, d); }
        @Override public long copyout(VmCopy c) { return m.copyout(c); }
        @Override public long allocate(long s) { return m.allocate(s); }
        @Override public int deallocate(long a, long s) { return m.deallocate(a, s); }
    }

    static final long BUF = 0x10000, PAGE = 0x11000;
    IpcKernel k;
    PagedMemory mem;
    IpcSpace a;
    TestTask b;
    int pb, sa, reply;

    @BeforeEach
    void setUp() {
        k = new IpcKernel();
        mem = new PagedMemory();
        mem.m.map(BUF, 0x4000);
        mem.lo = PAGE;
        mem.hi = PAGE + 0x1000;
        a = k.createSpace(mem, "a");
        b = new TestTask(k, "b");
        pb = b.port();
        int[] n = {0};
        assertEquals(0, MachPortNames.allocate(a, RIGHT_RECEIVE, n));
        reply = n[0];
        Port[] p = {null};
        int[] t = {0};
        assertEquals(0, MachPortRights.extractRight(b.space, pb, MAKE_SEND, p, t));
        int[] sn = {0};
        assertEquals(0, RightCopyout.copyout(a, p[0], t[0], false, sn));
        sa = sn[0];
    }

    private int refs(int name, int right) {
        int[] r = {0};
        assertEquals(0, MachPortRefs.getRefs(a, name, right, r));
        return r[0];
    }

    @Test
    void sendFromAPendingPageRestartsWithNothingTaken() {
        // the header at the end of one page, the body in the next one, which is not there yet
        byte[] msg = new UMsg(MOVE_SEND, sa, MAKE_SEND_ONCE, reply, 77).int32(0x1234).build();
        long at = PAGE - 32;
        mem.m.write(at, msg, 0, msg.length);
        mem.arrived = false;
        MsgOutcome o = MachMsg.trap(a, at, MsgBits.SEND_MSG, msg.length, 0, 0, 0, 0);
        assertTrue(o.waitsForMemory());
        assertEquals(MACH_SEND_INTERRUPTED, o.interruptCode());
        // nothing was committed: the moved send right is still ours, nothing queued
        assertEquals(1, refs(sa, RIGHT_SEND));
        assertEquals(0, IpcIntrospect.portOf(b.space, pb).msgCount());
        mem.arrived = true;
        assertEquals(MACH_MSG_SUCCESS, MachMsg.call(o.restartCall()).code());
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).msgCount());
        assertEquals(TYPE_NONE, typeOf(sa));
    }

    @Test
    void oolPortArrayInAPendingPageWaitsBeforeHeaderRights() {
        byte[] names = new byte[4];
        Le.put32(names, 0, reply);
        mem.m.write(PAGE, names, 0, 4);
        byte[] msg = new UMsg(MOVE_SEND, sa, 0, 0, 78).complex().oolPorts(MAKE_SEND, PAGE, 1, false).build();
        mem.m.write(BUF, msg, 0, msg.length);
        mem.arrived = false;
        MsgOutcome o = MachMsg.trap(a, BUF, MsgBits.SEND_MSG, msg.length, 0, 0, 0, 0);
        assertTrue(o.waitsForMemory());
        assertEquals(1, refs(sa, RIGHT_SEND));
        mem.arrived = true;
        assertEquals(MACH_MSG_SUCCESS, MachMsg.call(o.restartCall()).code());
        assertEquals(1, IpcIntrospect.portOf(b.space, pb).msgCount());
    }

    @Test
    void receiveIntoAPendingPageLeavesTheMessageQueued() {
        byte[] m = new UMsg(MAKE_SEND, reply, 0, 0, 99).int32(42).build();
        mem.m.write(BUF, m, 0, m.length);
        assertEquals(MACH_MSG_SUCCESS, MachMsg.trap(a, BUF, MsgBits.SEND_MSG, m.length, 0, 0, 0, 0).code());
        // the buffer can be read but a write must wait (a write-locked pager page)
        mem.arrived = false;
        mem.writesOnly = true;
        byte[] m2 = new UMsg(MAKE_SEND, reply, 0, 0, 100).int32(43).build();
        mem.m.write(PAGE, m2, 0, m2.length);
        MsgOutcome o = MachMsg.trap(a, PAGE, MsgBits.SEND_MSG | MsgBits.RCV_MSG, m2.length, 256, reply, 0, 0);
        assertTrue(o.waitsForMemory());
        // the send part is done; the restart is a receive only; both messages are still queued
        assertEquals(0, o.restartCall().option & MsgBits.SEND_MSG);
        assertEquals(MACH_RCV_INTERRUPTED, o.interruptCode());
        assertEquals(2, IpcIntrospect.portOf(a, reply).msgCount());
        mem.arrived = true;
        assertEquals(MACH_MSG_SUCCESS, MachMsg.call(o.restartCall()).code());
        assertEquals(1, IpcIntrospect.portOf(a, reply).msgCount());
        byte[] got = new byte[4];
        mem.m.read(PAGE + 28, got, 0, 4);
        assertEquals(99, Le.i32(got, 0));
    }

    private int typeOf(int name) {
        int[] t = {0};
        return MachPortNames.type(a, name, t) == 0 ? t[0] : 0;
    }
}
