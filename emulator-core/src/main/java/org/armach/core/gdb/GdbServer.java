package org.armach.core.gdb;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The listening end of the gdb stub: QEMU's {@code -gdb} device spellings
 * ({@code tcp::PORT}, {@code tcp:HOST:PORT}, {@code unix:PATH,server}), one debugger at a time
 * (a later one is served once the earlier one has gone), on a daemon acceptor thread.
 */
public final class GdbServer implements Closeable {
    /** A parsed {@code -gdb} device. */
    public static final class Endpoint {
        public final String host; // null for unix
        public final int port;
        public final String path; // null for tcp

        Endpoint(String host, int port, String path) {
            this.host = host;
            this.port = port;
            this.path = path;
        }

        @Override
        public String toString() { return path != null ? "unix:" + path : "tcp:" + host + ":" + port; }
    }

    /** Parses a {@code -gdb} device; throws IllegalArgumentException with a one-line message. */
    public static Endpoint parse(String dev) {
        String[] parts = dev.split(",", -1);
        String addr = parts[0];
        boolean unix = addr.startsWith("unix:");
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "server": case "server=on": case "nowait": case "wait=off": case "nodelay": case "nodelay=on": case "ipv4": case "ipv6":
                    break;
                default:
                    throw new IllegalArgumentException("-gdb " + dev + ": unsupported option '" + parts[i] + "' (use tcp::PORT, tcp:HOST:PORT or unix:PATH,server)");
            }
        }
        if (unix) {
            String path = addr.substring(5);
            if (path.isEmpty()) throw new IllegalArgumentException("-gdb " + dev + ": missing socket path (unix:PATH,server)");
            return new Endpoint(null, 0, path);
        }
        if (!addr.startsWith("tcp:")) {
            if (addr.matches("\\d+")) addr = "tcp::" + addr; // QEMU accepts a bare port number
            else throw new IllegalArgumentException("-gdb " + dev + ": unsupported device (use tcp::PORT, tcp:HOST:PORT or unix:PATH,server)");
        }
        String hp = addr.substring(4);
        int colon = hp.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("-gdb " + dev + ": missing port (tcp::PORT or tcp:HOST:PORT)");
        String host = hp.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hp.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("-gdb " + dev + ": invalid port '" + hp.substring(colon + 1) + "'");
        return new Endpoint(host, port, null);
    }

    private final Endpoint endpoint;
    private final GdbStub stub;
    private ServerSocket tcp;
    private ServerSocketChannel unix;
    private volatile boolean closed;

    private GdbServer(Endpoint e, GdbStub stub) {
        this.endpoint = e;
        this.stub = stub;
    }

    /** Binds the endpoint and starts accepting; IOException (one-line message) if it cannot listen. */
    public static GdbServer start(Endpoint e, GdbStub stub) throws IOException {
        GdbServer s = new GdbServer(e, stub);
        if (e.path != null) {
            Path p = Path.of(e.path);
            Files.deleteIfExists(p); // a stale socket file from an earlier run, as QEMU does
            s.unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.unix.bind(UnixDomainSocketAddress.of(p));
        } else {
            s.tcp = new ServerSocket();
            s.tcp.setReuseAddress(true);
            s.tcp.bind(e.host.isEmpty() ? new InetSocketAddress(e.port) : new InetSocketAddress(e.host, e.port));
        }
        stub.setOnExit(s::close);
        Thread t = new Thread(s::acceptLoop, "armach-gdb-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The TCP port listened on (useful with port 0), or -1 for a unix socket. */
    public int port() { return tcp != null ? tcp.getLocalPort() : -1; }

    private void acceptLoop() {
        while (!closed) {
            try {
                GdbConnection c;
                CountDownLatch gone = new CountDownLatch(1);
                if (tcp != null) {
                    Socket sock = tcp.accept();
                    sock.setTcpNoDelay(true);
                    c = new GdbConnection(new java.io.BufferedInputStream(sock.getInputStream()), sock.getOutputStream(), () -> {
                        sock.close();
                        gone.countDown();
                    }, stub);
                } else {
                    SocketChannel ch = unix.accept();
                    // own adapters: the Channels streams serialise reads and writes on one lock
                    c = new GdbConnection(new java.io.InputStream() {
                        @Override
                        public int read() throws IOException {
                            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                            int n;
                            do n = ch.read(b); while (n == 0);
                            return n < 0 ? -1 : b.get(0) & 0xff;
                        }
                    }, new java.io.OutputStream() {
                        @Override
                        public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                            while (buf.hasRemaining()) ch.write(buf);
                        }
                    }, () -> {
                        ch.close();
                        gone.countDown();
                    }, stub);
                }
                stub.connect(c);
                c.start();
                gone.await();
            } catch (IOException e) {
                if (closed) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (tcp != null) tcp.close();
            if (unix != null) {
                unix.close();
                Files.deleteIfExists(Path.of(endpoint.path));
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
