package org.armach.core.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * The arm64 Linux {@code Image} format and raw binaries, loaded as QEMU's
 * {@code load_aarch64_image} does: a gzip-compressed file is decompressed first (on
 * AArch64 the boot loader uncompresses the kernel); if the header magic "ARM\x64" is at
 * 0x38 and image_size is non-zero, the image goes to RAM base + text_offset, moved up by
 * 2 MiB when text_offset is below the 4 KiB QEMU reserves for its boot stub; otherwise
 * (raw binaries, pre-3.17 Images) it goes to RAM base + 0x80000. Such kernels are started
 * through the boot stub with x0 = DTB address and x1 = x2 = x3 = 0.
 */
public final class LinuxImageLoader {
    private LinuxImageLoader() {}

    public static final int MAGIC_OFFSET = 0x38;
    /** Default offset of a kernel without a usable header (QEMU's KERNEL64_LOAD_ADDR). */
    public static final long KERNEL64_LOAD_ADDR = 0x80000;
    /** Bytes at the bottom of RAM that belong to the boot stub (QEMU's BOOTLOADER_MAX_SIZE). */
    public static final long BOOTLOADER_MAX_SIZE = 4096;
    /** Largest decompressed kernel accepted (QEMU's LOAD_IMAGE_MAX_GUNZIP_BYTES). */
    public static final int MAX_GUNZIP_BYTES = 256 << 20;
    private static final long MIB2 = 2L << 20;

    /** A parsed kernel ready to be placed. */
    public static final class Kernel {
        /** The (decompressed) bytes to load. */
        public final byte[] data;
        /** Offset from RAM base where the bytes go. */
        public final long loadOffset;
        /** QEMU's kernel_size: image_size from the header, else the file size. */
        public final long size;
        /** Whether the arm64 Image header was found. */
        public final boolean hasHeader;
        public final boolean gzipped;
        public final long textOffset, imageSize, flags;

        Kernel(byte[] data, long loadOffset, long size, boolean hasHeader, boolean gzipped, long textOffset, long imageSize, long flags) {
            this.data = data;
            this.loadOffset = loadOffset;
            this.size = size;
            this.hasHeader = hasHeader;
            this.gzipped = gzipped;
            this.textOffset = textOffset;
            this.imageSize = imageSize;
            this.flags = flags;
        }
    }

    public static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    public static boolean hasImageMagic(byte[] b) {
        return b.length > MAGIC_OFFSET + 4 && b[MAGIC_OFFSET] == 'A' && b[MAGIC_OFFSET + 1] == 'R' && b[MAGIC_OFFSET + 2] == 'M' && b[MAGIC_OFFSET + 3] == 0x64;
    }

    /** Decompresses a gzip file, with a size limit; malformed data is an {@link ImageFormatException}. */
    public static byte[] gunzip(byte[] gz, String name, int max) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, gz.length * 4));
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > max) throw new ImageFormatException(name + ": decompressed kernel is larger than " + (max >> 20) + " MiB");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ImageFormatException(name + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    /** Parses (and decompresses) a non-ELF kernel file. */
    public static Kernel parse(byte[] file, String name) {
        boolean gz = isGzip(file);
        byte[] data = gz ? gunzip(file, name, MAX_GUNZIP_BYTES) : file;
        if (data.length == 0) throw new ImageFormatException(name + ": kernel image is empty");
        long loadOffset = KERNEL64_LOAD_ADDR;
        long size = 0, textOffset = 0, imageSize = 0, flags = 0;
        boolean header = hasImageMagic(data);
        if (header) {
            textOffset = ElfLoader.u64(data, 8);
            imageSize = ElfLoader.u64(data, 16);
            flags = ElfLoader.u64(data, 24);
            if ((flags & 1) != 0) throw new ImageFormatException(name + ": big-endian arm64 kernels are not supported");
            size = imageSize;
            if (imageSize != 0) {
                if (Long.compareUnsigned(textOffset, 1L << 40) >= 0)
                    throw new ImageFormatException(String.format("%s: arm64 Image text_offset 0x%x is not plausible", name, textOffset));
                loadOffset = textOffset;
                if (loadOffset < BOOTLOADER_MAX_SIZE) loadOffset += MIB2;
            }
        }
        if (size == 0) size = data.length;
        return new Kernel(data, loadOffset, size, header, gz, textOffset, imageSize, flags);
    }
}
