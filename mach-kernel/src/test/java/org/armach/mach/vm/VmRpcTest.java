package org.armach.mach.vm;

import static org.armach.mach.ipc.KernReturn.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.armach.mach.ipc.VmCopy;
import org.armach.mig.DefsParser;
import org.armach.mig.IndexedSlots;
import org.armach.mig.MigClient;
import org.armach.mig.MigReply;
import org.armach.mig.MigServer;
import org.armach.mig.OutOfLine;
import org.armach.mig.Routine;
import org.armach.mig.Subsystem;
import org.junit.jupiter.api.Test;

/** The vm_* routines through the MIG codec, as a guest's MIG user stubs would call them. */
class VmRpcTest {
    private final VmFixture f = new VmFixture(16384);
    private final TaskVm task = f.space();
    private final Object taskPort = "task", hostPriv = "host-priv", reply = "reply";
    private final IndexedSlots slots = new IndexedSlots();
    private final MigClient client = new MigClient(slots);
    private final Subsystem mach = DefsParser.builtin("mach.defs"), host = DefsParser.builtin("mach_host.defs");
    private final MigServer machServer = VmRpc.install(new MigServer(mach, slots), p -> p == taskPort ? task : null);
    private final MigServer hostServer = VmRpc.installHost(new MigServer(host, slots), p -> p == hostPriv,
            p -> p == taskPort ? task : null);

    /** What the kernel's copyin does to the request: header ports swapped, send dispositions become received ones. */
    private static byte[] asReceived(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        int bits = b.getInt(0);
        b.putInt(0, (bits & 0xFFFF0000) | 18 | (17 << 8)); // remote = PORT_SEND_ONCE, local = PORT_SEND
        long remote = b.getLong(8);
        b.putLong(8, b.getLong(16));
        b.putLong(16, remote);
        for (int off = 32; off < b.getInt(4); ) {
            long w = b.getLong(off);
            int name = (int) (w & 0xff);
            if (name == 19) b.putLong(off, (w & ~0xFFL) | 17); // COPY_SEND arrives as PORT_SEND
            boolean inline = (w & (1L << 29)) != 0;
            long bytes = ((w >>> 32) * ((w >>> 8) & 0xffff) + 7) / 8;
            off += 8 + (inline ? (int) ((bytes + 7) & ~7) : 8);
        }
        return m;
    }

    private MigReply call(MigServer s, Subsystem sub, String routine, Object port, Map<String, Object> args) {
        Routine r = sub.byName(routine);
        return client.reply(r, s.dispatch(asReceived(client.request(r, port, reply, args))));
    }

    private MigReply call(String routine, Map<String, Object> args) {
        return call(machServer, mach, routine, taskPort, args);
    }

    @Test
    void allocateRegionStatisticsDeallocate() {
        MigReply a = call("vm_allocate", Map.of("address", 0L, "size", 0x8000L, "anywhere", 1));
        assertEquals(KERN_SUCCESS, a.retCode());
        long addr = a.getLong("address");
        MigReply r = call("vm_region", Map.of("address", addr));
        assertEquals(KERN_SUCCESS, r.retCode());
        assertEquals(0x8000, r.getLong("size"), "rounded to the 16K page");
        assertEquals(3, r.getInt("protection"));
        assertEquals(7, r.getInt("max_protection"));
        assertEquals(1, r.getInt("inheritance"));
        assertEquals(0, r.getInt("is_shared"));
        int[] st = (int[]) call("vm_statistics", Map.of()).get("vm_stats");
        assertEquals(13, st.length);
        assertEquals(16384, st[0], "vm_page_size comes from here");
        assertEquals(KERN_SUCCESS, call("vm_protect", Map.of("address", addr, "size", 0x4000L, "set_maximum", 0,
                "new_protection", 1)).retCode());
        assertEquals(KERN_SUCCESS, call("vm_protect", Map.of("address", addr, "size", 0x4000L,
                "set_maximum", 1, "new_protection", 1)).retCode());
        assertEquals(KERN_PROTECTION_FAILURE, call("vm_protect", Map.of("address", addr, "size", 0x4000L,
                "set_maximum", 0, "new_protection", 3)).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call("vm_inherit", Map.of("address", addr, "size", 0x4000L,
                "new_inheritance", 9)).retCode());
        assertEquals(KERN_SUCCESS, call("vm_deallocate", Map.of("address", addr, "size", 0x8000L)).retCode());
        assertEquals(KERN_NO_SPACE, call("vm_region", Map.of("address", addr)).retCode());
        assertEquals(KERN_INVALID_ARGUMENT, call(machServer, mach, "vm_allocate", "not-a-task",
                Map.of("address", 0L, "size", 0x1000L, "anywhere", 1)).retCode());
    }

    @Test
    void readWriteCopyAndMap() {
        long[] a = {0x10_0000};
        task.allocate(a, 0x8000, false);
        task.write(0x10_0000, VmFixture.bytes(0x4000, 5), 0, 0x4000);
        MigReply rd = call("vm_read", Map.of("address", 0x10_0000L, "size", 0x4000L));
        assertEquals(KERN_SUCCESS, rd.retCode());
        OutOfLine ool = (OutOfLine) rd.get("data");
        assertEquals(0x4000, ool.count());
        VmCopy copy = (VmCopy) ool.data();
        assertArrayEquals(VmFixture.bytes(0x4000, 5), copy.bytes());
        Map<String, Object> w = new HashMap<>();
        w.put("address", 0x10_4000L);
        w.put("data", new OutOfLine(copy, 0x4000, false));
        assertEquals(KERN_SUCCESS, call("vm_write", w).retCode());
        assertArrayEquals(VmFixture.bytes(0x4000, 5), VmFixture.read(task, 0x10_4000, 0x4000));
        assertEquals(KERN_INVALID_ADDRESS, call("vm_read", Map.of("address", 0x90_0000L, "size", 16L)).retCode());
        assertEquals(KERN_SUCCESS, call("vm_copy", Map.of("source_address", 0x10_4000L, "size", 0x4000L,
                "dest_address", 0x10_0000L)).retCode());
        Map<String, Object> m = new HashMap<>(Map.of("address", 0L, "size", 0x4000L, "mask", 0L, "anywhere", 1,
                "offset", 0L, "copy", 0, "cur_protection", 3, "max_protection", 7, "inheritance", 1));
        m.put("memory_object", null);
        MigReply mp = call("vm_map", m);
        assertEquals(KERN_SUCCESS, mp.retCode());
        assertNotNull(task.region(mp.getLong("address")));
        m.put("memory_object", "a-pager");
        assertEquals(KERN_INVALID_ARGUMENT, call("vm_map", m).retCode(), "memory objects are later work");
        MigReply ma = call("vm_machine_attribute", Map.of("address", 0x10_0000L, "size", 0x4000L, "attribute", 1, "value", 2));
        assertEquals(KERN_SUCCESS, ma.retCode());
        assertEquals(1, ma.getInt("value"));
    }

    @Test
    void vmWireNeedsHostPriv() {
        long[] a = {0x20_0000};
        task.allocate(a, 0x4000, false);
        Map<String, Object> args = new HashMap<>(Map.of("address", 0x20_0000L, "size", 0x4000L, "access", 3));
        args.put("task", taskPort);
        assertEquals(VmRpc.KERN_INVALID_HOST, call(hostServer, host, "vm_wire", "host", args).retCode());
        assertEquals(KERN_SUCCESS, call(hostServer, host, "vm_wire", hostPriv, args).retCode());
        assertEquals(1, task.statistics()[4]);
        args.put("task", "nobody");
        assertEquals(KERN_INVALID_TASK, call(hostServer, host, "vm_wire", hostPriv, args).retCode());
    }
}
