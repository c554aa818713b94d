package org.armach.core.gdb;

import java.util.ArrayDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.armach.core.board.Machine;
import org.armach.core.board.RunControl;
import org.armach.core.cpu.Cpu;
import org.armach.core.cpu.CpuDebug;
import org.armach.core.trace.CpuDump;

/**
 * The GDB remote-serial-protocol stub (all-stop, one thread per CPU, as QEMU's): steers the
 * {@link Machine} run loop as its {@link RunControl}. Packets arrive from connection reader
 * threads as {@link Event}s and are served on the machine thread while the CPU is stopped, so
 * the guest never runs, and its virtual clock never advances, while the debugger holds it.
 * Breakpoints and watchpoints are a {@link CpuDebug} on the CPU: guest memory is never patched.
 */
public final class GdbStub implements RunControl {
    /** What a reader thread or the acceptor reports. */
    static final class Event {
        static final int PACKET = 0, INTERRUPT = 1, CONNECTED = 2, DISCONNECTED = 3;
        final int type;
        final String data;
        final GdbConnection conn;

        Event(int type, String data, GdbConnection conn) {
            this.type = type;
            this.data = data;
            this.conn = conn;
        }
    }

    private static final String THREAD = "thread:01;";
    private enum State { RUNNING, STOPPED, STEPPING, RANGE }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean attention;
    private final CpuDebug debug = new CpuDebug();
    private GdbConnection conn;
    private State state;
    private long rangeStart, rangeEnd;
    private boolean swbreak, hwbreak;
    private String lastStop = "T05" + THREAD;
    private Runnable onExit = () -> {};

    /** @param startStopped QEMU's -S: the CPU does not run until a debugger continues it */
    public GdbStub(boolean startStopped) {
        state = startStopped ? State.STOPPED : State.RUNNING;
    }

    /** Run when the machine has ended (closes the listening socket). */
    void setOnExit(Runnable r) { onExit = r; }

    /** Queues an event from another thread; the machine thread sees it within one slice. */
    void post(Event e) {
        events.add(e);
        attention = true;
    }

    /** A new debugger connection: the CPU stops (as QEMU stops the VM when gdb connects). */
    void connect(GdbConnection c) {
        post(new Event(Event.CONNECTED, null, c));
    }

    // =====================================================================================
    // RunControl
    // =====================================================================================

    @Override
    public int beforeRun(Machine m) {
        Cpu cpu = m.board().cpu;
        if (cpu.debug() != debug) cpu.setDebug(debug); // a new board after a reboot
        switch (state) {
            case RUNNING:
                if (debug.stopReason != CpuDebug.STOP_NONE) {
                    stop(stopReply());
                } else if (attention && drainWhileRunning()) {
                    break;
                } else {
                    return RUN;
                }
                break;
            case STEPPING:
                stop(debug.stopReason == CpuDebug.STOP_WATCH ? stopReply() : "T05" + THREAD);
                break;
            case RANGE:
                if (debug.stopReason != CpuDebug.STOP_NONE) {
                    stop(stopReply());
                } else if (attention && drainWhileRunning()) {
                    break;
                } else if (Long.compareUnsigned(cpu.pc - rangeStart, rangeEnd - rangeStart) < 0 && debug.breakpointAt(cpu.pc) < 0) {
                    return STEP;
                } else {
                    stop("T05" + THREAD);
                }
                break;
            default:
                break;
        }
        return serve(m);
    }

    @Override
    public void exited(Machine.Outcome o) {
        if (conn != null) {
            conn.send("W" + Packets.hex2(o.status & 0xff));
            conn.close();
            conn = null;
        }
        onExit.run();
    }

    private void stop(String reply) {
        state = State.STOPPED;
        lastStop = reply;
        debug.stopReason = CpuDebug.STOP_NONE;
        if (conn != null) conn.send(reply);
    }

    private String stopReply() {
        if (debug.stopReason == CpuDebug.STOP_WATCH) {
            String w = debug.stopKind == CpuDebug.WATCH_WRITE ? "watch" : debug.stopKind == CpuDebug.WATCH_READ ? "rwatch" : "awatch";
            return "T05" + w + ":" + Long.toHexString(debug.stopAddr) + ";" + THREAD;
        }
        String why = debug.stopKind == CpuDebug.SOFTWARE ? (swbreak ? "swbreak:;" : "") : (hwbreak ? "hwbreak:;" : "");
        return "T05" + why + THREAD;
    }

    /** Handles events that arrived while the CPU ran; true if the CPU must stop. */
    private final ArrayDeque<Event> pending = new ArrayDeque<>();

    private boolean drainWhileRunning() {
        attention = false;
        Event e;
        boolean stop = false;
        while ((e = events.poll()) != null) {
            switch (e.type) {
                case Event.INTERRUPT:
                    if (e.conn == conn && !stop) {
                        stop("T02" + THREAD);
                        stop = true;
                    }
                    break;
                case Event.CONNECTED:
                    conn = e.conn;
                    resetSession();
                    state = State.STOPPED;
                    stop = true;
                    break;
                case Event.DISCONNECTED:
                    if (e.conn == conn) {
                        conn = null;
                        detach();
                    }
                    break;
                default:
                    if (e.conn == conn) {
                        pending.add(e);
                        state = State.STOPPED;
                        stop = true;
                    }
                    break;
            }
        }
        return stop;
    }

    private void resetSession() {
        swbreak = hwbreak = false;
        lastStop = "T05" + THREAD;
    }

    /** Drops breakpoints and watchpoints and lets the guest run on. */
    private void detach() {
        debug.clearAll();
        state = State.RUNNING;
    }

    /** Serves packets while the CPU is stopped; returns what the machine does next. */
    private int serve(Machine m) {
        while (true) {
            Event e = pending.poll();
            if (e == null) {
                try {
                    e = events.take();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return KILL;
                }
            }
            switch (e.type) {
                case Event.CONNECTED:
                    conn = e.conn;
                    resetSession();
                    continue;
                case Event.DISCONNECTED:
                    // as QEMU: a debugger that goes away without detaching leaves the CPU stopped
                    // for the next one (its breakpoints go with it)
                    if (e.conn == conn) {
                        conn = null;
                        debug.clearAll();
                        m.board().cpu.instrumentationChanged();
                    }
                    continue;
                case Event.PACKET:
                    if (e.conn != conn) continue;
                    int r = handle(e.data, m);
                    if (r >= 0) {
                        attention = false;
                        m.board().cpu.instrumentationChanged();
                        return r;
                    }
                    continue;
                default:
                    continue; // an interrupt while stopped: nothing to do
            }
        }
    }

    // =====================================================================================
    // Packets
    // =====================================================================================

    /** Handles one packet; returns -1 to stay stopped, or RUN, STEP or KILL. */
    int handle(String p, Machine m) {
        Cpu cpu = m.board().cpu;
        try {
            return dispatch(p, cpu);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            conn.send("E01"); // malformed packet
            return -1;
        }
    }

    private void reply(String s) {
        if (conn != null) conn.send(s);
    }

    private int dispatch(String p, Cpu cpu) {
        if (p.isEmpty()) {
            reply("");
            return -1;
        }
        char c0 = p.charAt(0);
        switch (c0) {
            case '?': reply(lastStop); return -1;
            case 'g': reply(GdbRegisters.readAll(cpu)); return -1;
            case 'G': reply(GdbRegisters.writeAll(cpu, p.substring(1)) ? "OK" : "E01"); return -1;
            case 'p': {
                String v = GdbRegisters.read(cpu, (int) Packets.num(p.substring(1)));
                reply(v == null ? "E01" : v);
                return -1;
            }
            case 'P': {
                int eq = p.indexOf('=');
                reply(GdbRegisters.write(cpu, (int) Packets.num(p.substring(1, eq)), p, eq + 1) ? "OK" : "E01");
                return -1;
            }
            case 'm': {
                int comma = p.indexOf(',');
                long addr = Packets.num(p.substring(1, comma));
                int len = (int) Math.min(Packets.num(p.substring(comma + 1)), 0x2000);
                byte[] data = DebugMemory.read(cpu, addr, len);
                reply(data.length == 0 && len > 0 ? "E14" : Packets.hex(data));
                return -1;
            }
            case 'M': {
                int comma = p.indexOf(','), colon = p.indexOf(':');
                long addr = Packets.num(p.substring(1, comma));
                byte[] data = Packets.unhex(p.substring(colon + 1));
                if (data.length != Packets.num(p.substring(comma + 1, colon))) throw new IllegalArgumentException("length");
                reply(DebugMemory.write(cpu, addr, data) ? "OK" : "E14");
                return -1;
            }
            case 'X': {
                int comma = p.indexOf(','), colon = p.indexOf(':');
                long addr = Packets.num(p.substring(1, comma));
                byte[] data = Packets.unescape(p.substring(colon + 1));
                if (data.length != Packets.num(p.substring(comma + 1, colon))) throw new IllegalArgumentException("length");
                reply(DebugMemory.write(cpu, addr, data) ? "OK" : "E14");
                return -1;
            }
            case 'c': case 'C': case 's': case 'S': {
                String rest = p.substring(1);
                if (c0 == 'C' || c0 == 'S') rest = rest.contains(";") ? rest.substring(rest.indexOf(';') + 1) : "";
                if (!rest.isEmpty()) cpu.pc = cpu.npc = Packets.num(rest);
                return c0 == 'c' || c0 == 'C' ? resume(cpu) : step();
            }
            case 'D': reply("OK"); detach(); return RUN;
            case 'k': return KILL;
            case 'H': reply("OK"); return -1;
            case 'T': reply(isThisThread(p.substring(1)) ? "OK" : "E01"); return -1;
            case 'Z': case 'z': reply(breakpoint(p, cpu)); return -1;
            case 'q': case 'Q': query(p, cpu); return -1;
            case 'v': return vPacket(p, cpu);
            default: reply(""); return -1;
        }
    }

    private static boolean isThisThread(String id) {
        return id.equals("1") || id.equals("01") || id.equals("-1") || id.equals("0") || id.equals("p1.1") || id.equals("p01.01");
    }

    private int resume(Cpu cpu) {
        debug.resumeFrom(cpu.pc);
        state = State.RUNNING;
        return RUN;
    }

    private int step() {
        debug.prepareStep();
        state = State.STEPPING;
        return STEP;
    }

    private String breakpoint(String p, Cpu cpu) {
        String[] f = p.substring(1).split(",");
        if (f.length < 3) return "E01";
        int type = (int) Packets.num(f[0]);
        long addr = Packets.num(f[1]);
        long kind = Packets.num(f[2].contains(";") ? f[2].substring(0, f[2].indexOf(';')) : f[2]);
        boolean insert = p.charAt(0) == 'Z';
        switch (type) {
            case 0: case 1:
                if (insert) debug.addBreakpoint(addr, type);
                else debug.removeBreakpoint(addr, type);
                break;
            case 2: case 3: case 4: {
                int wk = type == 2 ? CpuDebug.WATCH_WRITE : type == 3 ? CpuDebug.WATCH_READ : CpuDebug.WATCH_ACCESS;
                if (kind <= 0) return "E22";
                if (insert) debug.addWatchpoint(addr, kind, wk);
                else debug.removeWatchpoint(addr, kind, wk);
                break;
            }
            default:
                return "";
        }
        cpu.instrumentationChanged();
        return "OK";
    }

    private void query(String p, Cpu cpu) {
        if (p.startsWith("qSupported")) {
            swbreak = p.contains("swbreak+");
            hwbreak = p.contains("hwbreak+");
            reply("PacketSize=4000;qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+");
        } else if (p.equals("QStartNoAckMode")) {
            conn.noAck = true;
            reply("OK");
        } else if (p.startsWith("qXfer:features:read:")) {
            String[] f = p.substring("qXfer:features:read:".length()).split(":");
            if (f.length != 2 || !f[0].equals("target.xml")) {
                reply("E00");
                return;
            }
            String[] ol = f[1].split(",");
            int off = (int) Packets.num(ol[0]), len = (int) Packets.num(ol[1]);
            String xml = TargetDescription.XML;
            if (off >= xml.length()) reply("l");
            else if (off + len >= xml.length()) reply("l" + xml.substring(off));
            else reply("m" + xml.substring(off, off + len));
        } else if (p.equals("qAttached") || p.startsWith("qAttached:")) {
            reply("1");
        } else if (p.equals("qC")) {
            reply("QC01");
        } else if (p.equals("qfThreadInfo")) {
            reply("m01");
        } else if (p.equals("qsThreadInfo")) {
            reply("l");
        } else if (p.startsWith("qThreadExtraInfo,")) {
            reply(Packets.hex("CPU#0 [halted ]"));
        } else if (p.startsWith("qSymbol")) {
            reply("OK");
        } else if (p.startsWith("qRcmd,")) {
            monitor(new String(Packets.unhex(p.substring(6)), java.nio.charset.StandardCharsets.UTF_8).trim(), cpu);
        } else {
            reply("");
        }
    }

    private void monitor(String cmd, Cpu cpu) {
        String out;
        switch (cmd.replaceAll("\\s+", " ")) {
            case "help":
                out = "info registers -- show the CPU registers\ninfo el -- show the exception level and the stack pointers\nhelp -- this list\n";
                break;
            case "info registers":
                out = CpuDump.of(cpu);
                break;
            case "info el":
                out = String.format("EL%d%s SP_EL0=%016x SP_EL1=%016x SP_EL2=%016x icount=%d%n", cpu.el, cpu.spsel ? "h" : "t",
                        cpu.spOf(0), cpu.spOf(1), cpu.spOf(2), cpu.icount);
                break;
            default:
                out = "unknown command '" + cmd + "' (try 'monitor help')\n";
                break;
        }
        reply("O" + Packets.hex(out));
        reply("OK");
    }

    private int vPacket(String p, Cpu cpu) {
        if (p.equals("vCont?")) {
            reply("vCont;c;C;s;S;r");
            return -1;
        }
        if (p.startsWith("vCont;")) {
            // the first action that applies to our thread (or to all) decides
            for (String a : p.substring(6).split(";")) {
                int colon = a.indexOf(':');
                if (colon >= 0 && !isThisThread(a.substring(colon + 1))) continue;
                String act = colon >= 0 ? a.substring(0, colon) : a;
                switch (act.charAt(0)) {
                    case 'c': case 'C': return resume(cpu);
                    case 's': case 'S': return step();
                    case 'r': {
                        String[] r = act.substring(1).split(",");
                        rangeStart = Packets.num(r[0]);
                        rangeEnd = Packets.num(r[1]);
                        debug.prepareStep();
                        state = State.RANGE;
                        return STEP;
                    }
                    default: break;
                }
            }
            reply("E01");
            return -1;
        }
        if (p.startsWith("vKill")) {
            reply("OK");
            return KILL;
        }
        reply("");
        return -1;
    }
}
