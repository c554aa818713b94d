package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.armach.mach.ipc.ByteVmCopy;
import org.armach.mach.ipc.VmCopy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VM side of external and kernel pagers, with a recording {@link PagerLink} (no IPC). */
class PagerTest {
    /** Records every kernel → pager message as a string, keeps returned data. */
    static final class Rec implements PagerLink {
        final List<String> log = new ArrayList<>();
        final List<byte[]> returned = new ArrayList<>();

        @Override public void init(Pager p, long pageSize) {
            p.control = "control";
            p.name = "name";
            log.add("init " + pageSize);
        }
        @Override public void dataRequest(Pager p, long off, long len, int access) { log.add("request " + off + " " + access); }
        @Override public void dataUnlock(Pager p, long off, long len, int access) {
            log.add("unlock " + off + " " + len + " " + access);
        }
        @Override public void dataReturn(Pager p, long off, VmCopy d, boolean dirty, boolean kc) {
            log.add("return " + off + " " + d.size() + " " + dirty + " " + kc);
            returned.add(d.bytes());
        }
        @Override public void lockCompleted(Object r, Pager p, long off, long len) { log.add("lock_completed " + r + " " + off); }
        @Override public void supplyCompleted(Object r, Pager p, long off, long len, int res, long eo) {
            log.add("supply_completed " + res + " " + eo);
        }
        @Override public void changeCompleted(Object r, boolean mc, int cs) { log.add("change_completed " + mc + " " + cs); }
        @Override public void terminate(Pager p) { log.add("terminate"); }

        String last() { return log.isEmpty() ? "" : log.get(log.size() - 1); }
    }

    private final Object port = new Object();

    private static long map(TaskVm t, Object mo, long size, long off, boolean copy) {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, t.map(a, size, 0, true, mo, off, copy, 3, 7, VmSpace.INHERIT_COPY));
        return a[0];
    }

    private static PageRequest[] w() { return new PageRequest[1]; }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void faultRequestsSupplyResumes(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 2 * ps, 0, false);
        assertEquals(List.of("init " + ps), rec.log);
        Pager p = f.vm.pagerOf(port);
        assertFalse(p.ready());
        PageRequest[] wait = w();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + ps + 8, VmSpace.ACCESS_READ, wait));
        assertEquals("request " + ps + " 1", rec.last());
        // a second thread faulting on the same page waits on the same request: no new message
        PageRequest[] wait2 = w();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + ps, VmSpace.ACCESS_WRITE, wait2));
        assertSame(wait[0], wait2[0]);
        assertEquals(2, rec.log.size());
        int[] woken = {0};
        wait[0].whenDone(() -> woken[0]++);
        wait2[0].whenDone(() -> woken[0]++);
        byte[] data = VmFixture.bytes((int) ps, 3);
        assertEquals(KERN_SUCCESS, p.dataSupply(ps, new ByteVmCopy(data), 0, false, "r"));
        assertEquals("supply_completed 0 0", rec.last());
        assertEquals(2, woken[0]);
        assertEquals(KERN_SUCCESS, t.fault(a + ps, VmSpace.ACCESS_READ, w()));
        assertArrayEquals(data, VmFixture.read(t, a + ps, (int) ps));
        // supplying a present page: KERN_MEMORY_PRESENT at its offset
        p.dataSupply(ps, new ByteVmCopy(data), 0, false, "r");
        assertEquals("supply_completed 23 " + ps, rec.last());
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void unavailableZeroFillsAndErrorFails(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 2 * ps, 0, false);
        Pager p = f.vm.pagerOf(port);
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + ps, VmSpace.ACCESS_READ, w()));
        // not requested pages are ignored by unavailable/error
        assertEquals(KERN_SUCCESS, p.dataUnavailable(0, ps));
        assertEquals(KERN_SUCCESS, p.dataError(ps, ps, 99));
        assertEquals(KERN_SUCCESS, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertArrayEquals(new byte[16], VmFixture.read(t, a, 16));
        assertEquals(KERN_MEMORY_ERROR, t.fault(a + ps, VmSpace.ACCESS_READ, w()));
        // the error page is consumed: the next fault asks again
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + ps, VmSpace.ACCESS_READ, w()));
        assertEquals("request " + ps + " 1", rec.last());
        // misaligned supply: refused, reply dropped
        assertEquals(KERN_INVALID_ARGUMENT, p.dataSupply(5, new ByteVmCopy(new byte[(int) ps]), 0, false, null));
        assertEquals(KERN_INVALID_ARGUMENT, p.dataSupply(0, new ByteVmCopy(new byte[100]), 0, false, null));
        assertEquals(KERN_INVALID_ARGUMENT, p.dataUnavailable(-ps, ps));
        assertEquals(KERN_INVALID_ARGUMENT, p.lockRequest(0, ps, 7, false, 0, null));
        assertEquals(KERN_INVALID_ARGUMENT, p.ready(false, 9));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384})
    void writesReturnOnLockRequestAndTerminate(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 3 * ps, 0, false);
        Pager p = f.vm.pagerOf(port);
        assertEquals(KERN_SUCCESS, p.ready(false, Pager.COPY_DELAY));
        for (int i = 0; i < 3; i++) t.fault(a + i * ps, VmSpace.ACCESS_READ, w());
        p.dataUnavailable(0, 3 * ps);
        byte[] hello = "hello pager".getBytes();
        assertTrue(t.write(a + ps, hello, 0, hello.length));
        assertTrue(t.write(a + 2 * ps, hello, 0, hello.length));
        rec.log.clear();
        assertEquals(KERN_SUCCESS, p.lockRequest(0, 3 * ps, Pager.RETURN_DIRTY, false, Pager.PROT_NO_CHANGE, "r"));
        assertEquals(List.of("return " + ps + " " + 2 * ps + " true true", "lock_completed r 0"), rec.log);
        byte[] run = rec.returned.get(0);
        assertArrayEquals(hello, Arrays.copyOf(run, hello.length));
        assertArrayEquals(hello, Arrays.copyOfRange(run, (int) ps, (int) ps + hello.length));
        // clean now: nothing to return; flush drops the pages, the next read asks again
        rec.log.clear();
        p.lockRequest(0, 3 * ps, Pager.RETURN_DIRTY, true, Pager.PROT_NO_CHANGE, null);
        assertEquals(List.of(), rec.log);
        assertEquals(0, p.residentPages());
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + ps, VmSpace.ACCESS_READ, w()));
        p.dataSupply(ps, new ByteVmCopy(VmFixture.bytes((int) ps, 1)), 0, false, null);
        assertTrue(t.write(a + ps, hello, 0, 5));
        // last reference: dirty page returned (kernel_copy false) then terminate
        rec.log.clear();
        assertEquals(KERN_SUCCESS, t.deallocate(a, 3 * ps));
        assertEquals(List.of("return " + ps + " " + ps + " true false", "terminate"), rec.log);
        assertNull(f.vm.pagerOf(port));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void sharedBetweenTasksCopyIsolatedCacheKeeps(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t1 = f.space(), t2 = f.space();
        long a1 = map(t1, port, ps, 0, false);
        long a2 = map(t2, port, ps, 0, false);
        long c = map(t1, port, ps, 0, true);
        assertEquals(1, rec.log.stream().filter(s -> s.startsWith("init")).count());
        Pager p = f.vm.pagerOf(port);
        p.ready(true, Pager.COPY_DELAY);
        t1.fault(a1, VmSpace.ACCESS_READ, w());
        p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 5)), 0, false, null);
        byte[] orig = VmFixture.read(t1, a1, 8);
        // the copy reads the pager's data, then its writes stay private
        assertArrayEquals(orig, VmFixture.read(t1, c, 8));
        assertTrue(t1.write(c, new byte[] {9, 9}, 0, 2));
        assertArrayEquals(orig, VmFixture.read(t2, a2, 8));
        // a write through the shared mapping is seen by the other task, not by the copy
        assertTrue(t2.write(a2 + 4, new byte[] {7}, 0, 1));
        assertEquals(7, VmFixture.read(t1, a1, 8)[4]);
        assertEquals(orig[4], VmFixture.read(t1, c, 8)[4]);
        assertEquals(9, VmFixture.read(t1, c, 8)[0]);
        // vm_region names the pager for the direct mapping only
        assertSame(p, t1.region(a1).objectName());
        assertNull(t1.region(c).objectName());
        // may_cache: the last unmapping keeps the object (no terminate); a new map reuses it
        t1.deallocate(a1, ps);
        t1.deallocate(c, ps);
        t2.deallocate(a2, ps);
        assertFalse(rec.log.contains("terminate"));
        long again = map(t2, port, ps, 0, false);
        assertEquals(KERN_SUCCESS, t2.fault(again, VmSpace.ACCESS_READ, w()));
        assertEquals(7, VmFixture.read(t2, again, 8)[4]);
        // change_attributes(may_cache false) and destroy terminate
        p.changeAttributes(false, Pager.COPY_DELAY, "r");
        assertEquals("change_completed false 2", rec.last());
        p.destroy(0);
        assertEquals("terminate", rec.last());
        assertEquals(KERN_MEMORY_ERROR, t2.fault(again + 8, VmSpace.ACCESS_READ, w()) == KERN_SUCCESS
                ? KERN_MEMORY_ERROR : t2.fault(again + 8, VmSpace.ACCESS_READ, w()));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void kernelPagerMapsFixedFrames(long ps) {
        VmFixture f = new VmFixture(ps);
        long frame = f.vm.phys().allocZeroed();
        f.ram.write(frame, 8, 0x1122334455667788L);
        KernelPager kp = new KernelPager() {
            @Override public long size() { return ps; }
            @Override public long frameAt(long off) { return off == 0 ? frame : -1; }
        };
        TaskVm t1 = f.space(), t2 = f.space();
        long a = map(t1, kp, 2 * ps, 0, false), b = map(t2, kp, ps, 0, false);
        assertEquals(KERN_SUCCESS, t1.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals(frame, t1.pmap().extract(a));
        assertEquals(0x1122334455667788L, t2.read64(b, 0));
        f.ram.write(frame, 8, 42);
        assertEquals(42, t1.read64(a, 0));
        assertEquals(KERN_MEMORY_ERROR, t1.fault(a + ps, VmSpace.ACCESS_READ, w()));
        // frames are the pager's: unmapping everything frees nothing of them
        long free = f.vm.phys().freePages();
        t1.deallocate(a, 2 * ps);
        t2.deallocate(b, ps);
        assertTrue(f.vm.phys().freePages() >= free);
        assertEquals(42, f.ram.read(frame, 8));
        // without a link, an external memory object cannot be mapped
        long[] x = {0};
        assertEquals(KERN_INVALID_ARGUMENT, t1.map(x, ps, 0, true, new Object(), 0, false, 3, 7, 1));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096})
    void forkCopiesAndSharesPagerEntries(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, ps, 0, false);
        long s = map(t, port, ps, 0, false);
        assertEquals(KERN_SUCCESS, t.inherit(s, ps, VmSpace.INHERIT_SHARE));
        Pager p = f.vm.pagerOf(port);
        t.fault(a, VmSpace.ACCESS_READ, w());
        p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 1)), 0, false, null);
        TaskVm child = (TaskVm) t.fork();
        assertTrue(child.write(s, new byte[] {55}, 0, 1));   // shared: the parent sees it
        assertEquals(55, VmFixture.read(t, a, 1)[0]);
        byte before = VmFixture.read(child, a, 1)[0];       // the child's copy was pushed before that write
        assertEquals(VmFixture.bytes(1, 1)[0], before);
        assertTrue(child.write(a, new byte[] {66}, 0, 1)); // copy: private
        assertEquals(55, VmFixture.read(t, a, 1)[0]);
        child.destroy();
        t.destroy();
        assertTrue(rec.log.contains("terminate"));
    }

    /** Maps 2 pages of the pager, makes it ready and supplies page 0 with {@code lock}; returns the address. */
    private static long lockedPage(TaskVm t, Object port, VmFixture f, long ps, int lock, boolean ready) {
        long a = map(t, port, 2 * ps, 0, false);
        Pager p = f.vm.pagerOf(port);
        if (ready) p.ready(false, Pager.COPY_DELAY);
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals(KERN_SUCCESS, p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 2)), lock, false, null));
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void writeLockedSupplyUnlocksOnWrite(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = lockedPage(t, port, f, ps, VmSpace.PROT_WRITE, true);
        Pager p = f.vm.pagerOf(port);
        // reads are allowed and map the page read-only
        assertEquals(KERN_SUCCESS, t.fault(a + 8, VmSpace.ACCESS_READ, w()));
        assertEquals(VmSpace.PROT_READ, t.pmap().rights(a) & VmSpace.PROT_ALL & ~VmSpace.PROT_EXECUTE);
        // a write faults: one data_unlock(offset, page, READ|WRITE); a second writer just waits
        PageRequest[] w1 = w(), w2 = w();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_WRITE, w1));
        assertEquals("unlock 0 " + ps + " 3", rec.last());
        int before = rec.log.size();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a + 16, VmSpace.ACCESS_WRITE, w2));
        assertSame(w1[0], w2[0]);
        assertEquals(before, rec.log.size());
        // kernel-side writes stop at the same page and say so
        assertFalse(t.write(a, new byte[] {1}, 0, 1));
        assertTrue(t.pagePending());
        assertSame(w1[0], t.takePendingPage());
        assertFalse(t.ready(a, 1, true));
        assertTrue(t.ready(a, 1, false));
        // data_error does not touch a resident page's lock (GNU Mach: only absent pages)
        p.dataError(0, ps, 5);
        assertFalse(w1[0].done());
        // the pager lowers the lock: the waiters retry and the write succeeds
        assertEquals(KERN_SUCCESS, p.lockRequest(0, ps, Pager.RETURN_NONE, false, VmSpace.PROT_NONE, "r"));
        assertTrue(w1[0].done());
        assertEquals(KERN_SUCCESS, t.fault(a, VmSpace.ACCESS_WRITE, w()));
        assertTrue((t.pmap().rights(a) & VmSpace.PROT_WRITE) != 0);
        assertTrue(t.write(a, new byte[] {42}, 0, 1));
        assertEquals(42, VmFixture.read(t, a, 1)[0]);
        // raising the lock again removes write from the translation; READ removes the mapping
        p.lockRequest(0, ps, Pager.RETURN_NONE, false, VmSpace.PROT_WRITE, null);
        assertEquals(0, t.pmap().rights(a) & VmSpace.PROT_WRITE);
        p.lockRequest(0, ps, Pager.RETURN_NONE, false, VmSpace.PROT_READ | VmSpace.PROT_WRITE, null);
        assertTrue(t.pmap().extract(a) < 0);
        rec.log.clear();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals(List.of("unlock 0 " + ps + " 1"), rec.log);
        // a later write widens the request: READ|WRITE
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_WRITE, w()));
        assertEquals("unlock 0 " + ps + " 3", rec.last());
        // PROT_NO_CHANGE keeps lock and request: no new message, still waiting
        PageRequest[] w3 = w();
        p.lockRequest(0, ps, Pager.RETURN_NONE, false, Pager.PROT_NO_CHANGE, null);
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_WRITE, w3));
        assertEquals(2, rec.log.size());
        // flushing frees the page: waiters retry and the next fault asks for the data again
        p.lockRequest(0, ps, Pager.RETURN_NONE, true, Pager.PROT_NO_CHANGE, null);
        assertTrue(w3[0].done());
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals("request 0 1", rec.last());
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void unlockWaitsForReadyAndDestroyReleases(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = lockedPage(t, port, f, ps, VmSpace.PROT_WRITE, false);
        Pager p = f.vm.pagerOf(port);
        // not ready: no data_unlock yet, the fault waits for memory_object_ready
        PageRequest[] w1 = w();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_WRITE, w1));
        assertFalse(rec.log.stream().anyMatch(s -> s.startsWith("unlock")));
        p.ready(false, Pager.COPY_DELAY);
        assertTrue(w1[0].done());
        PageRequest[] w2 = w();
        assertEquals(VmSpace.FAULT_WAIT, t.fault(a, VmSpace.ACCESS_WRITE, w2));
        assertEquals("unlock 0 " + ps + " 3", rec.last());
        // destroy frees the page: the waiter retries and finds the object gone
        p.destroy(0);
        assertTrue(w2[0].done());
        assertEquals(KERN_MEMORY_ERROR, t.fault(a, VmSpace.ACCESS_WRITE, w()));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void kernelAccessReportsPendingPage(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 2 * ps, 0, false);
        long anon = t.allocate(ps);
        Pager p = f.vm.pagerOf(port);
        byte[] b = new byte[16];
        // a message buffer straddling the pager mapping: the read stops at the absent page
        assertFalse(t.read(a + ps - 8, b, 0, 16));
        assertTrue(t.pagePending());
        PageRequest r = t.takePendingPage();
        assertEquals(0, r.offset);
        assertNull(t.takePendingPage());
        assertEquals("request 0 1", rec.last());
        // ready() faults the range in ahead; invalid memory and anonymous memory never wait
        assertFalse(t.ready(a, 2 * ps, false));
        assertTrue(t.ready(anon + 16 * ps, 8, false));
        assertTrue(t.ready(anon, ps, true));
        assertFalse(t.read(anon + 16 * ps, b, 0, 8));
        assertFalse(t.pagePending());
        p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 4)), 0, false, null);
        assertTrue(r.done());
        assertFalse(t.ready(a, 2 * ps, false));        // page 1 now
        assertEquals("request " + ps + " 1", rec.last());
        p.dataUnavailable(ps, ps);
        assertTrue(t.ready(a, 2 * ps, true));
        assertTrue(t.read(a + ps - 8, b, 0, 16));
        assertArrayEquals(Arrays.copyOfRange(VmFixture.bytes((int) ps, 4), (int) ps - 8, (int) ps), Arrays.copyOf(b, 8));
        // ready(write) marked both pages dirty: a lock_request returns them
        rec.log.clear();
        p.lockRequest(0, 2 * ps, Pager.RETURN_DIRTY, false, Pager.PROT_NO_CHANGE, null);
        assertEquals(List.of("return 0 " + 2 * ps + " true true"), rec.log);
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384})
    void copyMapWaitsForReady(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        PageRequest r = t.awaitReady(port);
        assertNotNull(r);
        assertEquals(List.of("init " + ps), rec.log);
        Pager p = f.vm.pagerOf(port);
        assertSame(r, t.awaitReady(port));     // a second waiter: same event, object held twice
        long[] got = {-1};
        r.whenDone(() -> got[0] = map(t, port, ps, 0, true));
        assertEquals(-1, got[0]);
        p.ready(false, Pager.COPY_DELAY);
        assertNotEquals(-1, got[0]);
        // the holds are gone, the copy's reference remains: the object lives until it is unmapped
        assertFalse(p.terminated());
        assertNull(t.awaitReady(port));         // ready: nothing to wait for
        assertFalse(p.terminated());
        assertEquals(VmSpace.FAULT_WAIT, t.fault(got[0], VmSpace.ACCESS_READ, w()));
        p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 6)), 0, false, null);
        assertArrayEquals(VmFixture.bytes(8, 6), VmFixture.read(t, got[0], 8));
        t.deallocate(got[0], ps);
        assertTrue(p.terminated());
        assertEquals("terminate", rec.last());
        // a wait on an object destroyed meanwhile ends too; kernel pagers never wait
        Object other = new Object();
        PageRequest r2 = t.awaitReady(other);
        f.vm.pagerOf(other).destroy(0);
        assertTrue(r2.done());
        assertNull(t.awaitReady(null));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 65536})
    void cachedObjectsAreBounded(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        f.vm.setCachedMax(2);
        TaskVm t = f.space();
        Object[] ports = {new Object(), new Object(), new Object()};
        Pager[] ps3 = new Pager[3];
        for (int i = 0; i < 3; i++) {
            long a = map(t, ports[i], ps, 0, false);
            ps3[i] = f.vm.pagerOf(ports[i]);
            ps3[i].ready(true, Pager.COPY_DELAY);
            t.fault(a, VmSpace.ACCESS_READ, w());
            ps3[i].dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, i)), 0, false, null);
            t.deallocate(a, ps);
            if (i == 0) {
                // reused while cached: no new init, the page is still resident, no new request
                long again = map(t, ports[0], ps, 0, false);
                int n = rec.log.size();
                assertEquals(KERN_SUCCESS, t.fault(again, VmSpace.ACCESS_READ, w()));
                assertEquals(n, rec.log.size());
                assertEquals(0, f.vm.cachedObjects());
                t.deallocate(again, ps);
            }
        }
        // three cached objects with room for two: the oldest (first cached) is terminated
        assertEquals(2, f.vm.cachedObjects());
        assertTrue(ps3[0].terminated());
        assertFalse(ps3[1].terminated());
        assertFalse(ps3[2].terminated());
        assertEquals(1, rec.log.stream().filter(x -> x.equals("terminate")).count());
        assertEquals(3, rec.log.stream().filter(x -> x.startsWith("init")).count());
        // lowering the bound trims at the next caching; may_cache FALSE terminates at once
        ps3[1].changeAttributes(false, Pager.COPY_DELAY, null);
        assertTrue(ps3[1].terminated());
        assertEquals(1, f.vm.cachedObjects());
        f.vm.setCachedMax(0);
        long a = map(t, ports[2], ps, 0, false);
        t.deallocate(a, ps);
        assertTrue(ps3[2].terminated());
        assertEquals(0, f.vm.cachedObjects());
    }

    // ---- kernel consumers of copies, dirty tracking, copy strategies ----

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void copyOfAbsentPagerPagesAsksAndWaitsNeverZeros(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 2 * ps, 0, false);
        Pager p = f.vm.pagerOf(port);
        p.ready(false, Pager.COPY_DELAY);
        VmCopy[] out = new VmCopy[1];
        assertEquals(KERN_SUCCESS, t.read(a + 8, ps, out)); // vm_read / OOL copyin: spans both pages
        int[] progress = {0};
        assertFalse(out[0].ready(() -> progress[0]++));
        assertEquals("request 0 1", rec.last());
        byte[] d0 = VmFixture.bytes((int) ps, 4), d1 = VmFixture.bytes((int) ps, 5);
        p.dataSupply(0, new ByteVmCopy(d0), 0, false, null);
        assertEquals(1, progress[0]);
        assertFalse(out[0].ready(() -> progress[0]++));
        assertEquals("request " + ps + " 1", rec.last());
        p.dataSupply(ps, new ByteVmCopy(d1), 0, false, null);
        assertEquals(2, progress[0]);
        assertTrue(out[0].ready(() -> fail("ready")));
        assertFalse(out[0].inError());
        byte[] b = out[0].bytes();
        assertArrayEquals(Arrays.copyOfRange(d0, 8, (int) ps), Arrays.copyOf(b, (int) ps - 8));
        assertArrayEquals(Arrays.copyOf(d1, 8), Arrays.copyOfRange(b, (int) ps - 8, (int) ps));
        out[0].discard();
        // a page the pager declares in error: the copy says so (consumers answer KERN_MEMORY_ERROR)
        long c = map(t, port, ps, 4 * ps, false);
        assertEquals(KERN_SUCCESS, t.read(c, ps, out));
        assertFalse(out[0].ready(() -> { }));
        p.dataError(4 * ps, ps, 1);
        assertTrue(out[0].ready(() -> { }));
        assertTrue(out[0].inError());
        out[0].discard();
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void dirtyTrackingWriteFaultIsInvisible(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = lockedPage(t, port, f, ps, VmSpace.PROT_NONE, true);
        Pager p = f.vm.pagerOf(port);
        assertEquals(KERN_SUCCESS, t.fault(a, VmSpace.ACCESS_READ, w()));
        assertEquals(0, t.pmap().rights(a) & VmSpace.PROT_WRITE, "read-only to see the first write");
        int faults = t.statistics()[9], logged = rec.log.size();
        assertFalse(t.dirtyFault(a, VmSpace.ACCESS_READ));
        assertTrue(t.dirtyFault(a + 5, VmSpace.ACCESS_WRITE));
        assertTrue((t.pmap().rights(a) & VmSpace.PROT_WRITE) != 0);
        assertEquals(faults, t.statistics()[9], "no fault counted");
        assertEquals(logged, rec.log.size(), "no message to the pager");
        assertTrue(p.dirty.contains(0L));
        // not for absent pages, locked pages, or an object with copies (GNU Mach write-protects then too)
        assertFalse(t.dirtyFault(a + ps, VmSpace.ACCESS_WRITE));
        p.lockRequest(0, ps, Pager.RETURN_DIRTY, false, VmSpace.PROT_WRITE, null);
        assertFalse(t.dirtyFault(a, VmSpace.ACCESS_WRITE));
        p.lockRequest(0, ps, Pager.RETURN_NONE, false, VmSpace.PROT_NONE, null);
        map(t, port, ps, 0, true);
        assertFalse(t.dirtyFault(a, VmSpace.ACCESS_WRITE));
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 16384, 65536})
    void copyNoneMakesImmediateCopiesAfterThePagesArrive(long ps) {
        VmFixture f = new VmFixture(ps);
        Rec rec = new Rec();
        f.vm.setPagerLink(rec);
        TaskVm t = f.space();
        long a = map(t, port, 2 * ps, 0, false);
        Pager p = f.vm.pagerOf(port);
        p.ready(false, Pager.COPY_NONE);
        // vm_map(copy) waits for every page of the range (vm_object_copy_slowly faults them in)
        PageRequest r = t.awaitCopySource(port, 0, 2 * ps);
        assertNotNull(r);
        assertEquals("request 0 1", rec.last());
        p.dataSupply(0, new ByteVmCopy(VmFixture.bytes((int) ps, 1)), 0, false, null);
        assertTrue(r.done());
        r = t.awaitCopySource(port, 0, 2 * ps);
        assertEquals("request " + ps + " 1", rec.last());
        p.dataSupply(ps, new ByteVmCopy(VmFixture.bytes((int) ps, 2)), 0, false, null);
        assertNull(t.awaitCopySource(port, 0, 2 * ps));
        long c = map(t, port, 2 * ps, 0, true);
        assertEquals(0, p.copies.size(), "an immediate copy, not a delayed one");
        byte[] before = VmFixture.read(t, c, 16);
        assertTrue(t.write(a, new byte[] {99}, 0, 1));
        assertArrayEquals(before, VmFixture.read(t, c, 16));
        // OOL copyin / vm_read of COPY_NONE memory waits for absent pages first
        p.lockRequest(0, 2 * ps, Pager.RETURN_NONE, true, Pager.PROT_NO_CHANGE, null);
        assertFalse(t.copyinReady(a, 2 * ps));
        assertNotNull(t.takePendingPage());
        assertTrue(t.copyinReady(c, 2 * ps), "anonymous memory needs nothing");
        // a range with a hole before the absent pages fails at the hole instead of waiting
        long[] x = {256 * ps};
        assertEquals(KERN_SUCCESS, t.map(x, 2 * ps, 0, false, port, 0, false, 3, 7, VmSpace.INHERIT_COPY));
        assertEquals(KERN_SUCCESS, t.deallocate(x[0] - ps, ps));
        assertTrue(t.copyinReady(x[0] - ps, 3 * ps), "the copy-in fails at the hole first");
        assertFalse(t.copyinReady(x[0], 2 * ps));
        assertNotNull(t.takePendingPage());
        assertEquals(KERN_SUCCESS, t.deallocate(x[0], 2 * ps));
        // COPY_TEMPORARY: the strategy is kept, copies are delayed
        assertEquals(KERN_SUCCESS, p.ready(false, Pager.COPY_TEMPORARY));
        assertEquals(Pager.COPY_NONE, p.copyStrategy());
        assertTrue(t.copyinReady(a, 2 * ps));
        map(t, port, 2 * ps, 0, true);
        assertEquals(1, p.copies.size());
    }
}
