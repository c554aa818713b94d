package org.armach.mach.kern;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.armach.core.board.GuestModule;
import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.cpu.CpuModel;
import org.junit.jupiter.api.Test;

class BootTest {
    static byte[] module() throws IOException {
        try (InputStream in = BootTest.class.getResourceAsStream("module-args")) {
            return in.readAllBytes();
        }
    }

    @Test
    void scriptSyntax() {
        BootScript.Command c = BootScript.parseLine("/hurd/ext2fs --host-priv-port=${host-port} ${device-port} -T device ${root-device} $(task-create) $(task-resume)");
        assertEquals("/hurd/ext2fs", c.path);
        assertEquals(5, c.args.size());
        assertEquals(List.of(new BootScript.Piece("--host-priv-port=", null), new BootScript.Piece(null, "host-port")), c.args.get(0));
        assertTrue(c.createsTask());
        assertTrue(c.resumes());
        BootScript.Command e = BootScript.parseLine("/lib/ld.so /hurd/exec $(exec-task=task-create)");
        assertTrue(e.createsTask());
        assertFalse(e.resumes());
        assertArrayEquals(new String[] {"exec-task", "task-create", "fn"}, e.bindings.get(0));
        assertNull(BootScript.parseLine("# comment"));
        assertNull(BootScript.parseLine("   "));
        assertThrows(BootScript.ScriptException.class, () -> BootScript.parseLine("x ${oops"));
    }

    @Test
    void commandLineVariables() {
        Map<String, Object> v = BootScript.commandLineVariables("foo=bar -s -ab root=/dev/hd0s1");
        assertEquals("bar", v.get("foo"));
        assertEquals("hd0s1", v.get("root-device"));
        assertEquals("-sab", v.get("boot-args"));
        assertEquals("-x", BootScript.commandLineVariables("").get("boot-args"));
        assertEquals("UNKNOWN", BootScript.commandLineVariables("").get("root-device"));
    }

    @Test
    void modulesGetArgvWithPortNamesOneTwoAndStartSuspendedUntilResume() throws IOException {
        KernelHarness h = new KernelHarness();
        byte[] elf = module();
        List<Task> tasks = new Bootstrap(h.k, "foo=bar").run(List.of(
                new BootModule(0x4000, elf, "module-a ${host-port} ${device-port} x=${foo} $(task-create) $(task-resume)"),
                new BootModule(0x8000, elf, "module-b ${exec} $(exec=task-create)")));
        assertEquals(2, tasks.size());
        Task a = tasks.get(0), b = tasks.get(1);
        assertEquals(0, a.suspendCount);
        assertEquals(1, b.suspendCount, "no task-resume: stays suspended");
        assertSame(h.k.host.privPort(), KernelHarness.portOf(a, 1));
        assertSame(h.k.devices.masterPort(), KernelHarness.portOf(a, 2));
        assertSame(b, KernelHarness.portOf(b, 1).kobject(), "a task value is a send right to its kernel port");
        KThread t = a.threads.get(0);
        assertEquals(0x10000, t.ctx.pc);
        assertEquals(0, t.ctx.sp & 15);
        byte[] argc = h.read(a, t.ctx.sp, 8);
        assertEquals(4, UserMem.getLong(argc, 0));
        h.run(100_000);
        assertTrue(h.console().contains("module-a|1|2|x=bar|"), h.console());
        assertFalse(h.console().contains("module-b|"), "module-b never resumed");
        assertTrue(h.console().contains("task loaded: module-b 1"), h.console());
    }

    @Test
    void stackLayoutArgvEnvpStrings() {
        KernelHarness h = new KernelHarness();
        Task t = h.k.taskOps.create(null, false, "s");
        long sp = UserStack.build(t.vm, List.of("prog", "a1"), List.of());
        byte[] b = h.read(t, sp, (int) (UserStack.TOP - sp));
        assertEquals(0, (UserStack.TOP - sp) % 16);
        assertEquals(2, UserMem.getLong(b, 0));
        long p0 = UserMem.getLong(b, 8), p1 = UserMem.getLong(b, 16);
        assertEquals(0, UserMem.getLong(b, 24), "argv NULL");
        assertEquals(0, UserMem.getLong(b, 32), "envp NULL");
        assertEquals(sp + 40, p0, "strings right after the pointer block");
        assertEquals("prog", new String(b, (int) (p0 - sp), 4));
        assertEquals("a1", new String(b, (int) (p1 - sp), 2));
    }

    @Test
    void virtBoardWithGuestLoaderModulesBootsFromTheDeviceTree() throws IOException {
        VirtConfig cfg = new VirtConfig();
        cfg.cpuModel = CpuModel.byName("max");
        cfg.ramSize = 256L << 20;
        cfg.append = "foo=bar";
        cfg.modules.add(new GuestModule(0x4000, module(), "module-hello", true,
                "module-hello ${host-port} ${device-port} ${foo} $(task-create) $(task-resume)"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtBoard board = new VirtBoard(cfg, out);
        TestVm.Factory vm = new TestVm.Factory(board.cpu, VirtBoard.RAM_BASE + (16L << 20), VirtBoard.RAM_BASE + (256L << 20));
        Kernel k = JavaMach.boot(board, 4096, vm);
        for (int i = 0; i < 100 && !board.cpu.waiting; i++) {
            board.cpu.run(10_000);
            k.clock().poll();
        }
        String s = out.toString().replace("\r", "");
        assertTrue(s.contains("module-hello|1|2|bar|"), s);
        assertEquals(1, k.tasks().size());
    }

    /** An ELF64 AArch64 executable with the given PT_LOAD segments {vaddr, fileSize, memSize, flags}. */
    static byte[] elf(long entry, long[]... segs) {
        int phoff = 64, fileAt = phoff + 56 * segs.length;
        int total = fileAt;
        for (long[] sg : segs) total += (int) sg[1];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(total).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        b.putShort((short) 2).putShort((short) 183).putInt(1).putLong(entry).putLong(phoff).putLong(0);
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) segs.length).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        long off = fileAt;
        for (long[] sg : segs) {
            b.putInt(1).putInt((int) sg[3]).putLong(off).putLong(sg[0]).putLong(sg[0]).putLong(sg[1]).putLong(sg[2]).putLong(0x1000);
            off += sg[1];
        }
        for (long[] sg : segs) for (int i = 0; i < sg[1]; i++) b.put((byte) (0x40 + i));
        return b.array();
    }

    @Test
    void segmentsSharingALargePageGetTheUnionOfTheirProtections() {
        KernelHarness h = new KernelHarness();
        h.vm.pageSize = 65536;
        Task t = h.k.taskOps.create(null, false, "t");
        TestVm vm = (TestVm) t.vm;
        // 4K-linked: text R-X at 0x400000, data RW- at 0x404010, both in the 64K page 0x400000;
        // a second data page (bss) at 0x410000 only RW.
        byte[] image = elf(0x400000, new long[] {0x400000, 0x100, 0x100, 5}, new long[] {0x404010, 0x20, 0xc000, 6});
        assertEquals(0x400000, ElfImage.load(vm, image, "t"));
        assertEquals(7, vm.pages.get(0x400000L >>> 12)[1], "shared page: read, write and execute");
        assertEquals(7, vm.pages.get(0x40f000L >>> 12)[1]);
        assertEquals(3, vm.pages.get(0x410000L >>> 12)[1], "data-only page: read/write");
        assertEquals(0x40, h.read(t, 0x400000, 1)[0]);
        assertEquals(0x41, h.read(t, 0x404011, 1)[0]);
    }
}
