package org.armach.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.armach.core.board.ConsoleInput;
import org.armach.core.board.GuestModule;
import org.armach.core.board.Machine;
import org.armach.core.board.StreamConsoleInput;
import org.armach.core.board.VirtBoard;
import org.armach.core.board.VirtConfig;
import org.armach.core.cpu.CpuModel;
import org.armach.core.dev.virtio.BlockBackend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code armach run}: boots a kernel on the virt board. Options are spelled as
 * qemu-system-aarch64 spells them, so a QEMU command line with {@code qemu-system-aarch64}
 * replaced by {@code armach run} means the same; armach's own options use two dashes.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Boot a kernel or bare-metal program on the emulated 'virt' board (qemu-system-aarch64 options).",
        sortOptions = false, separator = " ")
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-machine", "--machine", "-M"}, paramLabel = "virt|a64[,prop=value...]",
            description = "Machine: virt or a64 (Allwinner A64 / A64-OLinuXino), with gic-version=2|3|host|max, virtualization=on|off, secure=off, dumpdtb=FILE.")
    List<String> machine = new ArrayList<>();

    @Option(names = {"-cpu", "--cpu"}, paramLabel = "MODEL", description = "CPU model: cortex-a53 (default), cortex-a72, max.")
    String cpu;

    @Option(names = {"-m", "--m"}, paramLabel = "SIZE", description = "RAM size, e.g. 512M, 1G, 512 (MiB). Default 128M.")
    String memory;

    @Option(names = {"-kernel", "--kernel"}, paramLabel = "FILE", description = "Kernel: arm64 Image (optionally gzipped), ELF, or raw binary.")
    String kernel;

    @Option(names = {"-append", "--append"}, paramLabel = "CMDLINE", description = "Kernel command line (/chosen/bootargs).")
    String append;

    @Option(names = {"-initrd", "--initrd"}, paramLabel = "FILE", description = "Initial ramdisk.")
    String initrd;

    @Option(names = {"-dtb", "--dtb"}, paramLabel = "FILE", description = "Use this device tree blob instead of the generated one.")
    String dtb;

    @Option(names = {"-device", "--device"}, paramLabel = "DEVICE,prop=value...",
            description = {"Add a device (repeatable); ',,' is a literal comma:",
                    "guest-loader,addr=A,kernel=F[,bootargs=S] | guest-loader,addr=A,initrd=F (load a boot module);",
                    "virtio-blk-device,drive=ID[,serial=S] (virtio-mmio disk on a -drive)."})
    List<String> devices = new ArrayList<>();

    @Option(names = {"-drive", "--drive"}, paramLabel = "file=F,if=none|virtio,id=ID,format=raw[,readonly=on]",
            description = "A raw disk image (repeatable): if=none for -device virtio-blk-device,drive=ID; if=virtio (the default) adds the virtio disk itself.")
    List<String> drives = new ArrayList<>();

    @Option(names = {"-nographic", "--nographic"}, description = "No graphics: the serial console (with Ctrl-A escapes) is on stdio.")
    boolean nographic;

    @Option(names = {"-no-reboot", "--no-reboot"}, description = "Exit instead of rebooting when the guest resets.")
    boolean noReboot;

    @Option(names = {"-serial", "--serial"}, paramLabel = "DEV", description = "Serial port backend: mon:stdio, stdio or none.")
    List<String> serial = new ArrayList<>();

    @Option(names = {"-smp", "--smp"}, paramLabel = "N", description = "Number of CPUs (only 1 is supported).")
    String smp;

    @Option(names = "-s", description = "Shorthand for -gdb tcp::1234.")
    boolean gdbDefault;

    @Option(names = "-S", description = "Do not start the CPU at startup: wait for the debugger's continue (needs -s or -gdb).")
    boolean freeze;

    @Option(names = {"-gdb", "--gdb"}, paramLabel = "DEV", description = "Wait for a gdb connection on DEV: tcp::PORT, tcp:HOST:PORT or unix:PATH,server.")
    String gdb;

    @Option(names = {"-d", "--d"}, paramLabel = "ITEM,...", description = "Log items: in_asm, exec, cpu, int, guest_errors, unimp (-d help lists them).")
    String logItems;

    @Option(names = {"-D", "--D"}, paramLabel = "LOGFILE", description = "Write the -d log to LOGFILE instead of stderr.")
    String logFile;

    @Option(names = "--stats", description = "At exit, print instructions retired, host seconds and MIPS to stderr.")
    boolean stats;

    @Option(names = "--jit", paramLabel = "on|off", description = "Compile hot code to JVM bytecode (default on; the result and the instruction count are the same either way).")
    String jit;

    @Option(names = "--max-insns", paramLabel = "N", description = "Stop after N instructions (exit status 3).")
    String maxInsns;

    @Option(names = "--dump-dtb", paramLabel = "FILE", description = "Write the device tree blob the guest would get and exit.")
    String dumpDtb;

    @Option(names = "--clock", paramLabel = "virtual|host", description = "virtual (default: reproducible, from the instruction count) or host (wall time).")
    String clock = "virtual";

    @Option(names = "--java-mach", description = "Run the Java GNU Mach as EL1 (no -kernel): boot modules come from -device guest-loader.")
    boolean javaMach;

    @Option(names = "--page-size", paramLabel = "4k|16k|64k", description = "Page size of the Java kernel (default 4k).")
    String pageSize;

    private final InputStream in;
    private final PrintStream out, err;

    RunCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** What the options say, after validation. */
    static final class Settings {
        final VirtConfig config = new VirtConfig();
        String machineDumpDtb;
        /** -gdb / -s, or null. */
        org.armach.core.gdb.GdbServer.Endpoint gdb;
        String gdbSpec;
        boolean freeze;
        /** -d items (TraceLog bits), 0 = no tracing. */
        int traceMask;
        /** "mon:stdio", "stdio" or "none". */
        String serial = "mon:stdio";
        long maxInsns;
        long pageSize = 4096;
        boolean noReboot;
        /** Drives by id, in -drive order. */
        final Map<String, DriveSpec> drives = new java.util.LinkedHashMap<>();
        /** virtio-blk devices in slot-assignment order (explicit -device ones first, then if=virtio drives, as QEMU). */
        final List<BlockSpec> blockDevices = new ArrayList<>();
    }

    /** A -drive option, validated but not opened. */
    static final class DriveSpec {
        final String option;
        String file, id, iface = "virtio", format;
        boolean readOnly;
        boolean used;

        DriveSpec(String option) { this.option = option; }
    }

    /** A virtio-blk device and the drive it uses. */
    static final class BlockSpec {
        final DriveSpec drive;
        final String serial;

        BlockSpec(DriveSpec drive, String serial) {
            this.drive = drive;
            this.serial = serial;
        }
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        if ("help".equals(logItems)) {
            out.print(org.armach.core.trace.TraceLog.help());
            out.flush();
            return 0;
        }
        Settings s = settings();
        String dump = dumpDtb != null ? dumpDtb : s.machineDumpDtb;
        if (dump != null) return dumpDtb(s, dump);
        if (s.config.kernel == null && !javaMach) throw new UsageException("no kernel given (use -kernel FILE)");
        return boot(s, t0);
    }

    private int dumpDtb(Settings s, String file) {
        VirtBoard b = new VirtBoard(s.config, OutputStream.nullOutputStream());
        if (s.config.kernel != null) b.boot();
        byte[] blob = b.dtb();
        try {
            Files.write(Path.of(file), blob);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + ioMessage(e));
        }
        return 0;
    }

    private int boot(Settings s, long t0) {
        boolean mux = s.serial.equals("mon:stdio");
        boolean noSerial = s.serial.equals("none");
        HostTerminal term = null;
        org.armach.core.gdb.GdbServer gdbServer = null;
        org.armach.core.trace.TraceLog trace = null;
        if (!noSerial && in == System.in && System.console() != null) term = HostTerminal.open(!mux);
        try {
            ConsoleInput input;
            if (noSerial) input = ConsoleInput.CLOSED;
            else input = new StreamConsoleInput(term != null ? term.input() : in);
            if (mux) input = new MuxConsoleInput(input, err);
            OutputStream console = noSerial ? OutputStream.nullOutputStream() : out;
            VirtConfig cfg = s.config;
            if (s.traceMask != 0) trace = openTrace(s);
            final org.armach.core.trace.TraceLog traceLog = trace;
            final boolean jitOff = "off".equals(jit);
            openDrives(s, err);
            org.armach.mach.kern.Kernel[] kernel = {null};
            Machine m = new Machine(o -> {
                VirtBoard b = new VirtBoard(cfg, o);
                if (traceLog != null) b.cpu.setTracer(traceLog);
                if (jitOff) b.cpu.jit = false;
                if (javaMach) kernel[0] = org.armach.mach.kern.JavaMach.boot(b, s.pageSize, org.armach.mach.kern.JavaMach.serviceVm());
                else b.boot();
                return b;
            }, console, input, s.noReboot, s.maxInsns);
            if (javaMach) m.addClockListener(() -> kernel[0].clock().poll());
            m.setPaceIdle(term != null); // a person at the terminal: do not spin while the guest idles
            VirtBoard b = m.boot();
            if (s.gdb != null) {
                org.armach.core.gdb.GdbStub stub = new org.armach.core.gdb.GdbStub(s.freeze);
                try {
                    gdbServer = org.armach.core.gdb.GdbServer.start(s.gdb, stub);
                } catch (IOException | RuntimeException e) {
                    throw new UsageException("-gdb " + s.gdbSpec + ": Failed to open the socket: " + (e instanceof IOException ? ioMessage((IOException) e) : e.getMessage()));
                }
                m.setRunControl(stub);
                if (s.freeze) err.println("armach: waiting for gdb on " + s.gdb + " (-S: the CPU starts at the debugger's continue)");
            }
            if (!javaMach && !b.layout().isLinux && cfg.initrd != null)
                err.println("armach: warning: -initrd is ignored for ELF kernels (as QEMU does)");
            Machine.Outcome o = m.run();
            out.flush();
            if (o.message != null) err.println((term != null || mux ? "\r\n" : "") + "armach: " + o.message);
            if (stats) {
                double secs = (System.nanoTime() - t0) / 1e9;
                long n = m.retired();
                // cpu-seconds: CPU time of this (the emulating) thread, steadier than wall time on a shared machine
                double cpuSecs = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
                err.printf(Locale.ROOT, "armach: stats instructions=%d seconds=%.3f mips=%.2f cpu-seconds=%.3f%n", n, secs, n / secs / 1e6, cpuSecs);
            }
            return o.status;
        } finally {
            if (gdbServer != null) gdbServer.close();
            if (trace != null) trace.close();
            s.config.close();
            if (term != null) term.close();
        }
    }

    /** The -d log on -D's file or on stderr. */
    private org.armach.core.trace.TraceLog openTrace(Settings s) {
        PrintStream log = err;
        if (logFile != null) {
            try {
                log = new PrintStream(new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(logFile)), 1 << 16), false, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new UsageException("-D " + logFile + ": cannot open the log file: " + (e instanceof IOException ? ioMessage((IOException) e) : e.getMessage()));
            }
        }
        return new org.armach.core.trace.TraceLog(log, s.traceMask, log != err);
    }

    /**
     * Opens the images of the virtio-blk devices into the config (closed by {@link VirtConfig#close()});
     * a drive that cannot be opened is a usage error naming its -drive option.
     */
    static void openDrives(Settings s, PrintStream err) {
        for (BlockSpec b : s.blockDevices) {
            DriveSpec d = b.drive;
            if (d.format == null && err != null)
                err.println("armach: warning: image format was not specified for '" + d.file + "'; using raw (specify format=raw to silence this)");
            BlockBackend backend;
            try {
                Path p = Path.of(d.file);
                if (Files.isDirectory(p)) throw new UsageException("-drive " + d.option + ": Could not open '" + d.file + "': Is a directory");
                backend = BlockBackend.open(p, d.readOnly);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                s.config.close();
                String why = e instanceof IOException ? ioMessage((IOException) e) : e.getMessage();
                if (e instanceof AccessDeniedException && !d.readOnly) why += " (use readonly=on for a read-only image)";
                throw new UsageException("-drive " + d.option + ": Could not open '" + d.file + "': " + why);
            } catch (UsageException e) {
                s.config.close();
                throw e;
            }
            s.config.blockDevices.add(new VirtConfig.BlockDevice(backend, b.serial));
        }
    }

    // =====================================================================================
    // Option validation
    // =====================================================================================

    Settings settings() {
        if (javaMach && kernel != null) throw new UsageException("--java-mach runs the Java kernel: -kernel cannot be given too");
        if (pageSize != null && !javaMach) throw new UsageException("--page-size only applies to --java-mach");
        Settings s = new Settings();
        if (gdb != null || gdbDefault) {
            s.gdbSpec = gdb != null ? gdb : "tcp::1234";
            if (gdb != null && gdbDefault && !gdb.equals("tcp::1234")) throw new UsageException("-s and -gdb " + gdb + " both given: use one of them");
            if (!s.gdbSpec.equals("none")) {
                try {
                    s.gdb = org.armach.core.gdb.GdbServer.parse(s.gdbSpec);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        s.freeze = freeze;
        if (freeze && s.gdb == null) throw new UsageException("-S needs -s or -gdb: without a monitor only a debugger can start the CPU");
        if (logItems != null) {
            try {
                s.traceMask = org.armach.core.trace.TraceLog.parse(logItems);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (logFile != null && logItems == null) throw new UsageException("-D " + logFile + " needs -d ITEMS (what to log)");
        VirtConfig c = s.config;
        for (String mopt : machine) machineOpts(s, mopt);
        boolean a64 = s.config.board == VirtConfig.BoardType.A64;
        if (a64 && s.config.gicVersion != 2)
            throw new UsageException("-machine a64: the A64 has a GIC-400 (GICv2); gic-version=3 is not available on this board");
        if (a64 && s.config.virtualization)
            throw new UsageException("-machine a64: virtualization=on is not supported (the kernel is entered at EL1, EL2 is not emulated on this board)");
        if (s.config.virtualization && s.config.gicVersion != 3)
            throw new UsageException("-machine virtualization=on needs gic-version=3 (the GICv2 virtualization extensions are not emulated)");
        if (cpu != null) {
            List<String> parts = QemuOpts.split(cpu);
            CpuModel model = CpuModel.byName(parts.get(0));
            if (model == null) throw new UsageException("-cpu " + parts.get(0) + ": unsupported CPU model (supported: cortex-a53, cortex-a72, max)");
            if (parts.size() > 1) throw new UsageException("-cpu " + cpu + ": CPU properties are not supported");
            if (a64 && model != CpuModel.CORTEX_A53) throw new UsageException("-cpu " + parts.get(0) + ": the a64 board's CPU is a cortex-a53");
            c.cpuModel = model;
        }
        if (memory != null) c.ramSize = ramSize(memory);
        if (a64 && c.ramSize > org.armach.core.board.A64Soc.MAX_RAM)
            throw new UsageException("-m " + memory + ": RAM size too large for the a64 board (at most 2G)");
        if (smp != null) smpOpts(smp);
        switch (clock) {
            case "virtual": c.hostClock = false; break;
            case "host": c.hostClock = true; break;
            default: throw new UsageException("--clock must be 'virtual' or 'host', not '" + clock + "'");
        }
        if (jit != null && !jit.equals("on") && !jit.equals("off"))
            throw new UsageException("--jit must be 'on' or 'off', not '" + jit + "'");
        if (maxInsns != null) {
            try {
                s.maxInsns = Long.parseLong(maxInsns.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new UsageException("--max-insns expects a positive number, not '" + maxInsns + "'");
            }
            if (s.maxInsns <= 0) throw new UsageException("--max-insns expects a positive number, not '" + maxInsns + "'");
        }
        if (serial.size() > 1) throw new UsageException("-serial: only one serial port is supported");
        if (!serial.isEmpty()) {
            String sv = serial.get(0);
            switch (sv) {
                case "mon:stdio": s.serial = "mon:stdio"; break;
                case "stdio": s.serial = "stdio"; break;
                case "none": case "null": s.serial = "none"; break;
                default: throw new UsageException("-serial " + sv + ": unsupported backend (supported: mon:stdio, stdio, none)");
            }
        }
        if (pageSize != null) {
            switch (pageSize.toLowerCase(Locale.ROOT)) {
                case "4k": s.pageSize = 4096; break;
                case "16k": s.pageSize = 16384; break;
                case "64k": s.pageSize = 65536; break;
                default: throw new UsageException("--page-size must be 4k, 16k or 64k, not '" + pageSize + "'");
            }
        }
        c.append = append;
        if (kernel != null) {
            c.kernel = readFile(kernel, "kernel");
            c.kernelName = kernel;
        }
        if (initrd != null) {
            c.initrd = readFile(initrd, "initrd");
            c.initrdName = initrd;
        }
        if (dtb != null) {
            c.dtb = readFile(dtb, "dtb file");
            c.dtbName = dtb;
        }
        s.noReboot = noReboot;
        for (String d : drives) drive(s, d);
        for (String d : devices) {
            String driver = QemuOpts.parse("-device", d, "driver").getOrDefault("driver", "");
            if (driver.equals("virtio-blk-device")) blockDevice(s, d);
            else c.modules.add(device(d));
        }
        for (DriveSpec d : s.drives.values()) {
            if (d.iface.equals("virtio")) {
                d.used = true;
                s.blockDevices.add(new BlockSpec(d, null));
            }
        }
        if (s.config.board == VirtConfig.BoardType.A64 && !s.blockDevices.isEmpty())
            throw new UsageException("-machine a64 has no virtio-mmio transports: -drive/virtio-blk-device are not available on this board");
        if (s.blockDevices.size() > VirtBoard.VIRTIO_SLOTS)
            throw new UsageException("too many virtio devices: the virt board has " + VirtBoard.VIRTIO_SLOTS + " virtio-mmio slots");
        return s;
    }

    private static void drive(Settings s, String opt) {
        Map<String, String> m = QemuOpts.parse("-drive", opt, "file");
        DriveSpec d = new DriveSpec(opt);
        String where = "-drive " + opt;
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            switch (k) {
                case "file": d.file = v; break;
                case "id": d.id = v; break;
                case "if":
                    if (!v.equals("none") && !v.equals("virtio"))
                        throw new UsageException(where + ": interface if=" + v + " is not supported on this board (use if=none with -device virtio-blk-device, or if=virtio)");
                    d.iface = v;
                    break;
                case "format":
                    if (!v.equals("raw")) throw new UsageException(where + ": format '" + v + "' is not supported (only raw images)");
                    d.format = v;
                    break;
                case "readonly": d.readOnly = QemuOpts.bool("-drive", k, v); break;
                case "media":
                    if (!v.equals("disk")) throw new UsageException(where + ": media=" + v + " is not supported (only disk)");
                    break;
                case "snapshot":
                    if (QemuOpts.bool("-drive", k, v)) throw new UsageException(where + ": snapshot=on is not supported");
                    break;
                case "cache":
                    if (!List.of("writeback", "none", "writethrough", "directsync", "unsafe").contains(v))
                        throw new UsageException(where + ": invalid cache option '" + v + "'");
                    break; // writes always reach the file at once; FLUSH forces them to disk
                case "aio": case "discard": case "detect-zeroes":
                    break; // accepted, no effect
                default:
                    throw new UsageException(where + ": unknown parameter '" + k + "'");
            }
        }
        if (d.file == null || d.file.isEmpty()) throw new UsageException(where + ": missing file=IMAGE (empty drives are not supported)");
        if (d.id == null) d.id = "drive" + s.drives.size(); // QEMU names anonymous drives automatically
        if (s.drives.containsKey(d.id)) throw new UsageException(where + ": Duplicate ID '" + d.id + "' for drive");
        s.drives.put(d.id, d);
    }

    private static void blockDevice(Settings s, String opt) {
        Map<String, String> m = QemuOpts.parse("-device", opt, "driver");
        String drive = null, serial = null;
        String where = "-device " + opt;
        for (Map.Entry<String, String> e : m.entrySet()) {
            switch (e.getKey()) {
                case "driver": case "id": break;
                case "drive": drive = e.getValue(); break;
                case "serial": serial = e.getValue(); break;
                default: throw new UsageException(where + ": unknown property '" + e.getKey() + "' (supported: drive, serial, id)");
            }
        }
        if (drive == null) throw new UsageException(where + ": drive property not set");
        DriveSpec d = s.drives.get(drive);
        if (d == null) throw new UsageException(where + ": Property 'virtio-blk-device.drive' can't find value '" + drive + "'");
        if (d.used || d.iface.equals("virtio")) throw new UsageException(where + ": Property 'virtio-blk-device.drive' can't take value '" + drive + "', it's in use");
        d.used = true;
        s.blockDevices.add(new BlockSpec(d, serial));
    }

    private static void machineOpts(Settings s, String mopt) {
        Map<String, String> m = QemuOpts.parse("-machine", mopt, "type");
        for (Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            switch (k) {
                case "type":
                    if (v.equals("a64")) {
                        s.config.board = VirtConfig.BoardType.A64;
                        s.config.psciSmc = true; // ATF's PSCI
                    } else if (!v.equals("virt") && !v.matches("virt-\\d+\\.\\d+")) {
                        throw new UsageException("-machine " + v + ": unsupported machine type (supported: virt, a64)");
                    }
                    break;
                case "gic-version":
                    switch (v) {
                        case "2": s.config.gicVersion = 2; break;
                        case "3": case "max": case "host": s.config.gicVersion = 3; break;
                        default: throw new UsageException("-machine gic-version=" + v + ": valid values are 2, 3, host and max");
                    }
                    break;
                case "virtualization":
                    s.config.virtualization = QemuOpts.bool("-machine", k, v);
                    s.config.psciSmc = s.config.virtualization; // QEMU: PSCI over smc when EL2 is on
                    break;
                case "secure":
                    if (QemuOpts.bool("-machine", k, v)) throw new UsageException("-machine secure=on is not supported yet (EL3 is not emulated)");
                    break;
                case "highmem":
                case "its":
                    QemuOpts.bool("-machine", k, v); // accepted; no effect on this board
                    break;
                case "accel":
                    if (!v.equals("tcg")) throw new UsageException("-machine accel=" + v + ": only tcg (the interpreter) is available");
                    break;
                case "dumpdtb":
                    s.machineDumpDtb = v;
                    break;
                default:
                    throw new UsageException("-machine: unknown property '" + k + "' for machine " + (s.config.board == VirtConfig.BoardType.A64 ? "a64" : "virt"));
            }
        }
    }

    static long ramSize(String memory) {
        Map<String, String> m = QemuOpts.parse("-m", memory, "size");
        long size = -1;
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey().equals("size")) size = QemuOpts.sizeMiB("-m", e.getValue());
            else throw new UsageException("-m: parameter '" + e.getKey() + "' is not supported");
        }
        if (size < 0) throw new UsageException("-m: missing size");
        if (size == 0) throw new UsageException("-m " + memory + ": RAM size must be larger than 0");
        size = (size + 8191) & ~8191L; // QEMU rounds RAM up to 8 KiB
        if (size > VirtBoard.MAX_RAM) throw new UsageException("-m " + memory + ": RAM size too large for the virt board (at most 255G)");
        return size;
    }

    private static void smpOpts(String smp) {
        Map<String, String> m = QemuOpts.parse("-smp", smp, "cpus");
        for (Map.Entry<String, String> e : m.entrySet()) {
            switch (e.getKey()) {
                case "cpus": case "maxcpus": case "sockets": case "dies": case "clusters": case "cores": case "threads":
                    if (QemuOpts.uint("-smp", e.getKey(), e.getValue()) != 1)
                        throw new UsageException("-smp " + smp + ": only 1 CPU is supported yet");
                    break;
                default:
                    throw new UsageException("-smp: unknown parameter '" + e.getKey() + "'");
            }
        }
    }

    private static GuestModule device(String d) {
        Map<String, String> m = QemuOpts.parse("-device", d, "driver");
        String driver = m.getOrDefault("driver", "");
        if (!driver.equals("guest-loader")) {
            if (driver.isEmpty()) throw new UsageException("-device " + d + ": missing device type");
            throw new UsageException("-device " + driver + ": unsupported device (supported: guest-loader, virtio-blk-device)");
        }
        Long addr = null;
        String kernel = null, initrd = null, bootargs = null;
        for (Map.Entry<String, String> e : m.entrySet()) {
            switch (e.getKey()) {
                case "driver": break;
                case "addr": addr = QemuOpts.uint("-device guest-loader", "addr", e.getValue()); break;
                case "kernel": kernel = e.getValue(); break;
                case "initrd": initrd = e.getValue(); break;
                case "bootargs": bootargs = e.getValue(); break;
                case "id": break;
                default: throw new UsageException("-device guest-loader: unknown property '" + e.getKey() + "'");
            }
        }
        if (kernel != null && initrd != null) throw new UsageException("-device guest-loader: Cannot specify a kernel and initrd in same stanza");
        if (kernel == null && initrd == null) throw new UsageException("-device guest-loader: Need to specify a kernel or initrd image");
        if (addr == null || addr == 0) throw new UsageException("-device guest-loader: Need to specify the address of guest blob");
        if (bootargs != null && kernel == null) throw new UsageException("-device guest-loader: Boot args only relevant to kernel blobs");
        String file = kernel != null ? kernel : initrd;
        byte[] data;
        try {
            data = readFile(file, "image");
        } catch (UsageException e) {
            throw new UsageException("-device guest-loader: Cannot load specified image " + file + ": " + e.getMessage().replaceFirst("^could not load image '[^']*': ", ""));
        }
        return new GuestModule(addr, data, file, kernel != null, bootargs);
    }

    static byte[] readFile(String file, String what) {
        try {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) throw new UsageException("could not load " + what + " '" + file + "': Is a directory");
            long size = Files.size(p);
            if (size > Integer.MAX_VALUE - 64) throw new UsageException("could not load " + what + " '" + file + "': file too large");
            return Files.readAllBytes(p);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException("could not load " + what + " '" + file + "': " + (e instanceof IOException ? ioMessage((IOException) e) : e.getMessage()));
        }
    }

    static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    /** For tests: the parsed settings without running. */
    static Settings parseOnly(RunCommand rc) { return rc.settings(); }
}
