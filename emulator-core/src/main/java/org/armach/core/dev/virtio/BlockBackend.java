package org.armach.core.dev.virtio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file ({@code -drive file=…,format=raw}). Reads and writes go straight to the
 * file through a {@link FileChannel} (positional, no caching of our own), so every write the
 * guest makes reaches the file at once; {@link #flush()} forces it to stable storage
 * (VIRTIO_BLK_T_FLUSH). The size in sectors is the file size rounded up to 512 bytes; reads past
 * the end of a file whose size is not a multiple of 512 return zeros (as QEMU's raw driver).
 *
 * <p>The image is locked (shared when read-only, exclusive otherwise) while open, as QEMU locks
 * images, so two emulators cannot write one disk. A drive outlives board resets: the machine's
 * owner opens it and closes it after the run.
 */
public final class BlockBackend implements Closeable {
    public static final int SECTOR = 512;

    private final Path path;
    private final FileChannel ch;
    private final FileLock lock;
    private final boolean readOnly;
    private final long sizeBytes;
    private boolean closed;

    private BlockBackend(Path path, FileChannel ch, FileLock lock, boolean readOnly, long size) {
        this.path = path;
        this.ch = ch;
        this.lock = lock;
        this.readOnly = readOnly;
        this.sizeBytes = size;
    }

    /** Opens an image; IOException with a message fit for the user if it cannot be opened or locked. */
    public static BlockBackend open(Path path, boolean readOnly) throws IOException {
        FileChannel ch = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, readOnly);
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM already holds it
        } catch (IOException e) {
            return new BlockBackend(path, ch, null, readOnly, ch.size()); // no locking on this file system
        }
        if (lock == null) {
            ch.close();
            throw new IOException("Failed to get \"" + (readOnly ? "consistent read" : "write") + "\" lock (is another process using the image?)");
        }
        return new BlockBackend(path, ch, lock, readOnly, ch.size());
    }

    public Path path() { return path; }

    public boolean readOnly() { return readOnly; }

    /** Size in bytes of the image as opened. */
    public long sizeBytes() { return sizeBytes; }

    /** Capacity in 512-byte sectors (rounded up). */
    public long sectors() { return (sizeBytes + SECTOR - 1) / SECTOR; }

    /** Reads into dst from byte position pos until dst is full; zeros past the end of the file. */
    public void read(long pos, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                while (dst.hasRemaining()) dst.put((byte) 0);
                return;
            }
            pos += n;
        }
    }

    /** Writes all of src at byte position pos. */
    public void write(long pos, ByteBuffer src) throws IOException {
        if (readOnly) throw new IOException("read-only drive");
        while (src.hasRemaining()) pos += ch.write(src, pos);
    }

    /** Forces written data to the storage device. */
    public void flush() throws IOException {
        if (!readOnly) ch.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (!readOnly) ch.force(false);
            if (lock != null && lock.isValid()) lock.release();
        } finally {
            ch.close();
        }
    }

    @Override
    public String toString() { return path.toString(); }
}
