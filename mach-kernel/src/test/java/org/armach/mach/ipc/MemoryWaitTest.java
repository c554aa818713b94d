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
        SlowCopy slow;
        @Override public VmCopy copyin(long a, long s, boolean d) {
            VmCopy c = m.copyin(a, s, d);
            return slow == null || c == null ? c : (slow.inner = c) == null ? null : slow;
        }
        @Override public long copyout(VmCopy c) { return m.copyout(c); }
        @Override public long allocate(long s) { return m.allocate(s); }
        @Override public int deallocate(long a, long s) { return m.deallocate(a, s); }
    }

    /** An OOL region whose pages come from a pager: not ready until {@link #arrive}. */
    static final class SlowCopy implements VmCopy {
        VmCopy inner;
        Runnable waiter;
        boolean there, error;
        int asked;
        @Override public long size() { return inner.size(); }
        @Override public byte[] bytes() {
            assertTrue(there, "a kernel server read the data before its pages were there");
            return inner.bytes();
        }
        @Override public void discard() { inner.discard(); }
        @Override public boolean ready(Runnable r) {
            asked++;
            if (!there) waiter = r;
            return there;
        }
        @Override public boolean inError() { return error; }
        void arrive() {
            there = true;
            Runnable w = waiter;
            waiter = null;
            w.run();
        }
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

    record Obj(KObjectKind kind) implements KernelObject { }

    /** A kernel port in {@code a}'s space served by a server that reads the request's OOL data. */
    private int kernelPort(java.util.List<byte[]> seen) {
        k.registerServer(KObjectKind.HOST, (req, obj) -> {
            VmCopy c = req.items().stream().filter(i -> i.copy() != null).findFirst().get().copy();
            seen.add(c.bytes());
            Port r = req.takeReply();
            int rt = req.localType();
            k.destroy(req);
            return MigReplies.retCode(r, rt, req.id() + 100, 0);
        });
        Port kp = k.createKernelPort(new Obj(KObjectKind.HOST));
        int[] n = {0};
        assertEquals(0, RightCopyout.copyout(a, kp.makeSend(), PORT_SEND, false, n));
        return n[0];
    }

    private byte[] oolRequest(int kport, long data, int len) {
        return new UMsg(COPY_SEND, kport, MAKE_SEND_ONCE, reply, 3000).complex()
                .ool(MsgType.BYTE, 8, len, data, false).build();
    }

    @Test
    void kernelServerWaitsForPagerPagesOfOolDataAndTheSenderWaitsUntilServed() {
        java.util.List<byte[]> seen = new java.util.ArrayList<>();
        int kport = kernelPort(seen);
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        mem.m.write(BUF + 0x2000, data, 0, 8);
        mem.slow = new SlowCopy();
        byte[] msg = oolRequest(kport, BUF + 0x2000, 8);
        mem.m.write(BUF, msg, 0, msg.length);
        MsgOutcome o = MachMsg.trap(a, BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG, msg.length, 256, reply, 0, 0);
        // committed (a continuation, not a restart); the server has not run; not abortable
        assertTrue(o.waitsForMemory());
        assertNull(o.restartCall());
        assertTrue(seen.isEmpty());
        boolean[] woken = {false};
        o.continuation().accept(() -> woken[0] = true);
        assertFalse(woken[0]);
        // resuming early (an abort) just waits again
        MsgOutcome early = o.resume();
        assertTrue(early.waitsForMemory());
        mem.slow.arrive();
        assertTrue(woken[0]);
        assertEquals(1, seen.size());
        assertArrayEquals(data, seen.get(0));
        MsgOutcome r = o.resume();
        assertEquals(MACH_MSG_SUCCESS, r.code());
        byte[] got = new byte[4];
        mem.m.read(BUF + 28, got, 0, 4);
        assertEquals(3100, Le.i32(got, 0));
    }

    @Test
    void oolDataWithAPageInErrorAnswersMemoryError() {
        java.util.List<byte[]> seen = new java.util.ArrayList<>();
        int kport = kernelPort(seen);
        mem.slow = new SlowCopy();
        mem.slow.there = true;
        mem.slow.error = true;
        byte[] msg = oolRequest(kport, BUF + 0x2000, 8);
        mem.m.write(BUF, msg, 0, msg.length);
        MsgOutcome o = MachMsg.trap(a, BUF, MsgBits.SEND_MSG | MsgBits.RCV_MSG, msg.length, 256, reply, 0, 0);
        assertEquals(MACH_MSG_SUCCESS, o.code());
        assertTrue(seen.isEmpty(), "the server is not called");
        byte[] got = new byte[4];
        mem.m.read(BUF + 40, got, 0, 4);
        assertEquals(KernReturn.KERN_MEMORY_ERROR, Le.i32(got, 0));
    }

    @Test
    void pseudoReceiveOfAFailedSendWaitsForTheBuffer() {
        // fill b's port (qlimit 5 by default) so that a timed send with timeout 0 fails
        Port pp = IpcIntrospect.portOf(b.space, pb);
        byte[] m = new UMsg(COPY_SEND, sa, 0, 0, 1).int32(0).build();
        mem.m.write(BUF, m, 0, m.length);
        while (pp.msgCount() < 5) assertEquals(0, MachMsg.trap(a, BUF, MsgBits.SEND_MSG, m.length, 0, 0, 0, 0).code());
        byte[] m2 = new UMsg(COPY_SEND, sa, MAKE_SEND_ONCE, reply, 55).int32(7).build();
        mem.m.write(PAGE, m2, 0, m2.length);
        mem.arrived = false;
        mem.writesOnly = true; // write-locked: the copy-in reads it, the pseudo-receive must write it
        MsgOutcome o = MachMsg.trap(a, PAGE, MsgBits.SEND_MSG | MsgBits.SEND_TIMEOUT, m2.length, 0, 0, 0, 0);
        assertTrue(o.waitsForMemory());
        assertNull(o.restartCall());
        assertEquals(1, refs(reply, RIGHT_RECEIVE));
        assertEquals(5, pp.msgCount());
        MsgOutcome again = o.resume();          // still not there: waits again
        assertTrue(again.waitsForMemory());
        mem.arrived = true;
        assertEquals(MACH_SEND_TIMED_OUT, again.resume().code());
        byte[] got = new byte[4];
        mem.m.read(PAGE + 28, got, 0, 4);
        assertEquals(55, Le.i32(got, 0));
    }

    @Test
    void aRestartedPhaseKeepsItsDeadline() {
        long[] now = {0};
        k.setClock(() -> now[0]);
        MsgOutcome o = MachMsg.trap(a, BUF, MsgBits.RCV_MSG | MsgBits.RCV_TIMEOUT, 0, 256, reply, 100, 0);
        assertTrue(o.isBlocked());
        assertEquals(100_000_000L, o.waitObject().timeoutNs());
        now[0] = 60_000_000L;
        assertEquals(40_000_000L, o.waitObject().timeoutNs(), "a re-armed wait keeps the deadline");
        // a restarted call of the same trap (memory wait) waits with what is left
        MachMsgCall restart = o.waitObject().call();
        MachMsg.interrupt(o.waitObject());
        MsgOutcome r = MachMsg.call(restart);
        assertTrue(r.isBlocked());
        assertEquals(40_000_000L, r.waitObject().timeoutNs());
        now[0] = 200_000_000L;
        assertEquals(0, r.waitObject().timeoutNs());
        // a new trap starts a new deadline
        MachMsg.interrupt(r.waitObject());
        MsgOutcome n = MachMsg.trap(a, BUF, MsgBits.RCV_MSG | MsgBits.RCV_TIMEOUT, 0, 256, reply, 100, 0);
        assertEquals(100_000_000L, n.waitObject().timeoutNs());
    }

    private int typeOf(int name) {
        int[] t = {0};
        return MachPortNames.type(a, name, t) == 0 ? t[0] : 0;
    }
}
