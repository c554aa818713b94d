package org.armach.core.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One debugger connection: a reader thread that parses the byte stream (acking packets unless
 * no-ack mode is on, answering nacks by resending) and hands packets, interrupts and the end of
 * the stream to the {@link GdbStub}; and the writer of framed replies.
 */
final class GdbConnection {
    private final InputStream in;
    private final OutputStream out;
    private final AutoCloseable closer;
    private final GdbStub stub;
    volatile boolean noAck;
    private byte[] last;
    private volatile boolean closed;

    GdbConnection(InputStream in, OutputStream out, AutoCloseable closer, GdbStub stub) {
        this.in = in;
        this.out = out;
        this.closer = closer;
        this.stub = stub;
    }

    void start() {
        Thread t = new Thread(this::readLoop, "armach-gdb-reader");
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        Packets.Parser p = new Packets.Parser();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                switch (p.feed(b)) {
                    case Packets.Parser.PACKET:
                        if (!noAck) raw(new byte[] {'+'});
                        stub.post(new GdbStub.Event(GdbStub.Event.PACKET, p.packet(), this));
                        break;
                    case Packets.Parser.BAD_CHECKSUM:
                        if (!noAck) raw(new byte[] {'-'});
                        break;
                    case Packets.Parser.INTERRUPT:
                        stub.post(new GdbStub.Event(GdbStub.Event.INTERRUPT, null, this));
                        break;
                    case Packets.Parser.NACK:
                        synchronized (this) {
                            if (last != null) raw(last);
                        }
                        break;
                    default:
                        break;
                }
            }
        } catch (IOException e) {
            // the connection is gone: same as end of stream
        }
        close();
        stub.post(new GdbStub.Event(GdbStub.Event.DISCONNECTED, null, this));
    }

    /** Sends one reply packet. */
    synchronized void send(String payload) {
        last = Packets.frame(payload);
        raw(last);
    }

    private synchronized void raw(byte[] b) {
        if (closed) return;
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    void close() {
        closed = true;
        try {
            closer.close();
        } catch (Exception e) {
            // already closed
        }
    }

    boolean isClosed() { return closed; }
}
