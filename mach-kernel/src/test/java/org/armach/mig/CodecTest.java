package org.armach.mig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client → server → client round trips through the codec, and MIG's rejection codes. */
class CodecTest {
    private final IndexedSlots slots = new IndexedSlots();
    private final MigClient client = new MigClient(slots);
    private final Object task = "task", reply = "reply";

    private static ByteBuffer le(byte[] m) { return ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN); }

    /** What the kernel's copyin does to a user request: dispositions become received names. */
    private static byte[] asReceived(byte[] m) {
        ByteBuffer b = le(m);
        int bits = b.getInt(0);
        b.putInt(0, (bits & 0xFFFF0000) | Header.bits(MsgTypes.received(Header.localBits(bits)),
                MsgTypes.received(Header.remoteBits(bits))));
        long remote = b.getLong(8);
        b.putLong(8, b.getLong(16));
        b.putLong(16, remote);
        for (int off = 32; off < b.getInt(4); ) {
            long w = b.getLong(off);
            int name = Descriptor.name(w);
            if (MsgTypes.isPortRight(name)) b.putLong(off, (w & ~0xFFL) | MsgTypes.received(name));
            off += 8 + (Descriptor.inline(w) ? LayoutItem.pad8((Descriptor.number(w) * Descriptor.bits(w) + 7) / 8) : 8);
        }
        return m;
    }

    private MigServer server(String subsystem) {
        return new MigServer(KernelDefs.get(subsystem), slots);
    }

    @Test
    void vmAllocateRoundTrip() {
        MigServer s = server("mach").on("vm_allocate", c -> {
            assertSame(task, c.requestPort());
            assertEquals(0x1000, c.getLong("size"));
            assertEquals(true, c.getBoolean("anywhere"));
            c.set("address", c.getLong("address") + 0x4000_0000L);
            return 0;
        });
        Routine r = s.subsystem().byName("vm_allocate");
        byte[] req = client.request(r, task, reply, Map.of("address", 0x10L, "size", 0x1000L, "anywhere", 1));
        assertEquals(80, req.length);
        assertEquals(Header.bits(MsgTypes.COPY_SEND, MsgTypes.MAKE_SEND_ONCE), le(req).getInt(0));
        byte[] rep = s.dispatch(asReceived(req));
        assertEquals(64, rep.length);
        assertEquals(2121, le(rep).getInt(28));
        assertEquals(Header.bits(MsgTypes.PORT_SEND_ONCE, 0), le(rep).getInt(0));
        assertSame(reply, slots.get(le(rep).getLong(8)));
        MigReply out = client.reply(r, rep);
        assertEquals(0, out.retCode());
        assertEquals(0x4000_0010L, out.getLong("address"));
    }

    @Test
    void portsVariableArraysAndCountInOut() {
        MigServer s = server("mach_aarch64").on("aarch64_get_hwcaps", c -> {
            assertEquals(16, c.getInt("hwcapsCnt"));
            c.set("hwcaps", new int[] {3, 0}).set("midr_el1", 0x410FD034L).set("revidr_el1", 0L);
            return 0;
        });
        Routine r = s.subsystem().byName("aarch64_get_hwcaps");
        byte[] req = client.request(r, "host", reply, Map.of("hwcapsCnt", 16));
        assertEquals(48, req.length);
        byte[] rep = s.dispatch(asReceived(req));
        assertEquals(88 + 8, rep.length);
        MigReply out = client.reply(r, rep);
        assertEquals(0, out.retCode());
        assertArrayEquals(new int[] {3, 0}, (int[]) out.get("hwcaps"));
        assertEquals(0x410FD034L, out.getLong("midr_el1"));
    }

    @Test
    void specialPortAndOutOfLineRoundTrips() {
        Object special = "bootstrap";
        MigServer s = server("mach")
                .on("task_get_special_port", c -> { c.set("special_port", special); return 0; })
                .on("vm_read", c -> { c.set("data", new OutOfLine("copy-object", 4096, true)); return 0; })
                .on("task_threads", c -> { c.set("thread_list", new OutOfLine(new Object[] {"t1"}, 1, false)); return 0; });
        Subsystem mach = s.subsystem();
        MigReply sp = client.reply(mach.byName("task_get_special_port"), asReceived(
                s.dispatch(asReceived(client.request(mach.byName("task_get_special_port"), task, reply, Map.of("which_port", 4))))));
        assertEquals(0, sp.retCode());
        assertSame(special, sp.get("special_port"));
        byte[] rd = asReceived(s.dispatch(asReceived(client.request(mach.byName("vm_read"), task, reply,
                Map.of("address", 0L, "size", 4096L)))));
        assertEquals(Header.COMPLEX, le(rd).getInt(0) & Header.COMPLEX);
        OutOfLine data = (OutOfLine) client.reply(mach.byName("vm_read"), rd).get("data");
        assertEquals("copy-object", data.data());
        assertEquals(4096, data.count());
        byte[] th = asReceived(s.dispatch(asReceived(client.request(mach.byName("task_threads"), task, reply, Map.of()))));
        assertEquals(32, Descriptor.bits(le(th).getLong(48)), "OOL port arrays carry 32-bit names");
        assertEquals(0, client.reply(mach.byName("task_threads"), th).retCode());
    }

    @Test
    void bothStructEncodingsAreAcceptedOnInput() {
        MigServer s = server("mach_host").on("host_set_time", c -> {
            assertEquals(16, ((byte[]) c.get("new_time")).length);
            return 0;
        });
        Routine r = s.subsystem().byName("host_set_time");
        byte[] req = client.request(r, "host", reply, Map.of("new_time", new byte[16]));
        assertEquals(Descriptor.pack(MsgTypes.BYTE, 8, 16, true, false, false), le(req).getLong(32));
        assertEquals(0, le(s.dispatch(asReceived(req.clone()))).getInt(40));
        le(req).putLong(32, Descriptor.pack(MsgTypes.INTEGER_64, 64, 2, true, false, false));
        assertEquals(0, le(s.dispatch(asReceived(req))).getInt(40));
    }

    @Test
    void badIdBadTypeBadSizeAreRejectedLikeMig() {
        MigServer s = server("mach").on("vm_deallocate", c -> 0);
        Routine r = s.subsystem().byName("vm_deallocate");
        byte[] good = asReceived(client.request(r, task, reply, Map.of("address", 0L, "size", 4096L)));
        byte[] badId = good.clone();
        le(badId).putInt(28, 2005);
        byte[] rep = s.dispatch(badId);
        assertEquals(48, rep.length);
        assertEquals(2105, le(rep).getInt(28));
        assertEquals(MigErrors.MIG_BAD_ID, le(rep).getInt(40));
        byte[] badType = good.clone();
        le(badType).putLong(32, Descriptor.pack(MsgTypes.INTEGER_32, 32, 2, true, false, false));
        assertEquals(MigErrors.MIG_BAD_ARGUMENTS, le(s.dispatch(badType)).getInt(40));
        byte[] longForm = good.clone();
        le(longForm).putLong(48, le(good).getLong(48) | Descriptor.LONGFORM);
        assertEquals(MigErrors.MIG_BAD_ARGUMENTS, le(s.dispatch(longForm)).getInt(40));
        byte[] badSize = good.clone();
        le(badSize).putInt(4, 56);
        assertEquals(MigErrors.MIG_BAD_ARGUMENTS, le(s.dispatch(badSize)).getInt(40));
        byte[] complex = good.clone();
        le(complex).putInt(0, le(good).getInt(0) | Header.COMPLEX);
        assertEquals(MigErrors.MIG_BAD_ARGUMENTS, le(s.dispatch(complex)).getInt(40));
        assertEquals(0, le(s.dispatch(good)).getInt(40));
        assertEquals(MigErrors.MIG_BAD_ID, le(s.dispatch(asReceived(client.request(
                s.subsystem().byName("vm_protect"), task, reply, Map.of())))).getInt(40), "no handler");
    }

    @Test
    void clientChecksReplyIdsAndErrorReplies() {
        Routine r = KernelDefs.get("mach").byName("vm_allocate");
        assertEquals(MigErrors.MIG_REPLY_MISMATCH, client.reply(r, MigServer.shortReply(0, 18, 2122, 0)).retCode());
        byte[] died = MigServer.shortReply(0, 18, 71, 0);
        assertEquals(MigErrors.MIG_SERVER_DIED, client.reply(r, died).retCode());
        assertEquals(3, client.reply(r, MigServer.shortReply(0, 18, 2121, 3)).retCode());
        assertEquals(MigErrors.MIG_TYPE_ERROR, client.reply(r, MigServer.shortReply(0, 18, 2121, 0)).retCode());
    }

    @Test
    void simpleRoutinesAndDeferredRepliesProduceNoImmediateReply() {
        MigCall[] saved = new MigCall[1];
        MigServer s = server("gnumach")
                .on("gsync_wake", c -> 0)
                .on("gsync_wait", c -> { saved[0] = c; return MigErrors.MIG_NO_REPLY; });
        Subsystem g = s.subsystem();
        byte[] wake = client.request(g.byName("gsync_wake"), task, reply, Map.of("addr", 8L, "val", 1, "flags", 0));
        assertEquals(80, wake.length);
        assertEquals(0, Header.localBits(le(wake).getInt(0)), "no reply port for simpleroutines");
        assertNull(s.dispatch(asReceived(wake)));
        assertNull(s.dispatch(asReceived(client.request(g.byName("gsync_wait"), task, reply, Map.of()))));
        byte[] later = s.reply(saved[0], 0);
        assertEquals(48, later.length);
        assertEquals(4304, le(later).getInt(28));
    }

    @Test
    void kernelBuiltExceptionAndNotificationMessages() {
        Routine raise = KernelDefs.get("exc").byName("exception_raise");
        byte[] m = client.request(raise, "excport", reply,
                Map.of("thread", "th", "task", task, "exception", 1, "code", 2, "subcode", 0x1234L));
        assertEquals(112, m.length);
        assertEquals(Header.COMPLEX, le(m).getInt(0) & Header.COMPLEX);
        assertEquals(Descriptor.pack(MsgTypes.COPY_SEND, 64, 1, true, false, false), le(m).getLong(32));
        assertEquals(Descriptor.pack(MsgTypes.INTEGER_64, 64, 1, true, false, false), le(m).getLong(96));
        assertEquals(0, client.reply(raise, MigServer.shortReply(0, 18, 2500, 0)).retCode() == 0 ? 0 : 1);
        Routine noSenders = KernelDefs.get("notify").byName("mach_notify_no_senders");
        byte[] n = client.request(noSenders, "notify", null, Map.of("mscount", 5));
        assertEquals(48, n.length);
        assertEquals(70, le(n).getInt(28));
        assertEquals(Header.bits(MsgTypes.MAKE_SEND_ONCE, 0), le(n).getInt(0));
    }
}
