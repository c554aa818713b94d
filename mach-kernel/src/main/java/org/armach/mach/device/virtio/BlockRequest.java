package org.armach.mach.device.virtio;

import java.util.function.Consumer;

/**
 * One virtio-blk request: {@code type} (IN, OUT, FLUSH) on {@code bytes} (a multiple of 512)
 * starting at {@code sector}. OUT data comes from {@code buf[off..off+copyLen)}; IN data is
 * copied there (at most {@code copyLen} bytes). {@code status} is the device's status byte
 * (OK 0, IOERR 1, UNSUPP 2) or -1 when the driver could not submit it (no memory).
 */
public final class BlockRequest {
    public static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4;
    public static final int S_OK = 0, S_NO_MEMORY = -1;

    final int type;
    final long sector;
    final int bytes;
    final byte[] buf;
    final int off, copyLen;
    final Consumer<BlockRequest> done;
    long[] frames;
    int descs;
    public int status;

    public BlockRequest(int type, long sector, int bytes, byte[] buf, int off, int copyLen, Consumer<BlockRequest> done) {
        this.type = type;
        this.sector = sector;
        this.bytes = bytes;
        this.buf = buf;
        this.off = off;
        this.copyLen = copyLen;
        this.done = done;
    }
}
