package org.armach.core.dev.virtio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * virtio-blk (device ID 2) on a {@link BlockBackend}: one request queue of up to 1024 entries (QEMU's QueueNumMax);
 * features SEG_MAX (254: QEMU's default queue-size 256 - 2), BLK_SIZE (512), FLUSH, and RO for read-only
 * drives. Configuration space: capacity (512-byte sectors), size_max 0, seg_max, geometry 0,
 * blk_size, topology 0, writeback 0, num_queues 1.
 *
 * <p>Requests (virtio 1.x, 5.2.6): a 16-byte header {type, reserved, sector} in device-readable
 * buffers, then data, then the status byte (last byte of the device-writable area). IN reads,
 * OUT writes straight into the image file, FLUSH forces the file to disk, GET_ID returns the
 * serial (up to 20 bytes, NUL-terminated when shorter, as QEMU). Status is OK, IOERR (sector
 * range beyond the capacity, length not a multiple of 512, writes to a read-only drive, host I/O
 * errors) or UNSUPP (other types). A request without a complete header or a status byte is a
 * protocol violation (QEMU: "virtio-blk missing headers"). The used length is the number of
 * bytes written into the driver's buffers, status byte included.
 */
public final class VirtioBlk implements VirtioDevice {
    public static final int DEVICE_ID = 2;
    public static final int F_SIZE_MAX = 1, F_SEG_MAX = 2, F_GEOMETRY = 4, F_RO = 5, F_BLK_SIZE = 6, F_FLUSH = 9;
    public static final int T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8;
    public static final int S_OK = 0, S_IOERR = 1, S_UNSUPP = 2;
    public static final int QUEUE_SIZE = 1024, SEG_MAX = 254, ID_BYTES = 20;
    public static final int CONFIG_SIZE = 0x24;

    private final BlockBackend disk;
    private final GuestMemory mem;
    private final byte[] serial;
    private final byte[] config = new byte[CONFIG_SIZE];
    private long requests, ioErrors;

    /**
     * @param serial the GET_ID string (QEMU's {@code serial=} property), or null for none
     */
    public VirtioBlk(BlockBackend disk, String serial, GuestMemory mem) {
        this.disk = disk;
        this.mem = mem;
        this.serial = serial == null ? new byte[0] : serial.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(config).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x00, disk.sectors());
        b.putInt(0x0c, SEG_MAX);
        b.putInt(0x14, BlockBackend.SECTOR);
        b.putShort(0x22, (short) 1);
    }

    public BlockBackend disk() { return disk; }

    /** Requests completed so far, and how many ended in IOERR. */
    public long requests() { return requests; }

    public long ioErrors() { return ioErrors; }

    @Override public int deviceId() { return DEVICE_ID; }

    @Override
    public long deviceFeatures() {
        long f = (1L << F_SEG_MAX) | (1L << F_BLK_SIZE) | (1L << F_FLUSH);
        if (disk.readOnly()) f |= 1L << F_RO;
        return f;
    }

    @Override public int queueCount() { return 1; }

    @Override public int queueMaxSize(int q) { return QUEUE_SIZE; }

    @Override public int configSize() { return CONFIG_SIZE; }

    @Override
    public long readConfig(int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) v |= (config[offset + i] & 0xffL) << (8 * i);
        return v;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // writeback is only writable with VIRTIO_BLK_F_CONFIG_WCE, which is not offered
    }

    @Override public void reset() {}

    @Override public String name() { return "virtio-blk"; }

    @Override
    public void process(VirtioMmio transport, Virtqueue q) throws VirtioException {
        DescriptorChain c;
        while ((c = q.pop()) != null) q.push(c, handle(c));
    }

    /** Executes one request; returns the bytes written into the driver's buffers. */
    private long handle(DescriptorChain c) throws VirtioException {
        if (c.readableBytes() < 16 || c.writableBytes() < 1)
            throw new VirtioException("request without " + (c.readableBytes() < 16 ? "a complete 16-byte header" : "a status byte"));
        byte[] hdr = new byte[16];
        c.gather(mem, 0, hdr, 0, 16);
        ByteBuffer h = ByteBuffer.wrap(hdr).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int type = h.getInt(0);
        long sector = h.getLong(8);
        long inLen = c.writableBytes() - 1, outLen = c.readableBytes() - 16;
        long written = 0;
        int status;
        switch (type) {
            case T_IN:
                status = read(c, sector, inLen);
                if (status == S_OK) written = inLen;
                break;
            case T_OUT:
                status = write(c, sector, outLen);
                break;
            case T_FLUSH:
                try {
                    disk.flush();
                    status = S_OK;
                } catch (IOException e) {
                    status = S_IOERR;
                }
                break;
            case T_GET_ID: {
                int n = (int) Math.min(Math.min(serial.length + 1, ID_BYTES), inLen);
                byte[] id = java.util.Arrays.copyOf(serial, n);
                c.scatter(mem, 0, id, 0, n);
                written = n;
                status = S_OK;
                break;
            }
            default:
                status = S_UNSUPP;
                break;
        }
        c.scatter(mem, c.writableBytes() - 1, new byte[] {(byte) status}, 0, 1);
        requests++;
        if (status == S_IOERR) ioErrors++;
        return written + 1;
    }

    /** Whether [sector, sector + len/512) is a whole-sector range inside the disk. */
    private boolean rangeOk(long sector, long len) {
        if (len % BlockBackend.SECTOR != 0) return false;
        long cap = disk.sectors(), n = len / BlockBackend.SECTOR;
        return Long.compareUnsigned(sector, cap) <= 0 && n <= cap - sector;
    }

    private int read(DescriptorChain c, long sector, long len) throws VirtioException {
        if (!rangeOk(sector, len)) return S_IOERR;
        long pos = sector * BlockBackend.SECTOR;
        try {
            c.visit(mem, true, 0, len, (page, off, n, done) -> disk.read(pos + done, ByteBuffer.wrap(page, off, n)));
            return S_OK;
        } catch (IOException e) {
            return S_IOERR;
        }
    }

    private int write(DescriptorChain c, long sector, long len) throws VirtioException {
        if (disk.readOnly() || !rangeOk(sector, len)) return S_IOERR;
        long pos = sector * BlockBackend.SECTOR;
        try {
            c.visit(mem, false, 16, len, (page, off, n, done) -> disk.write(pos + done, ByteBuffer.wrap(page, off, n)));
            return S_OK;
        } catch (IOException e) {
            return S_IOERR;
        }
    }
}
