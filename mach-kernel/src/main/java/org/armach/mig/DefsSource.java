package org.armach.mig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code .defs} files (and the files they include) are read from. */
@FunctionalInterface
public interface DefsSource {
    /** The text of the named file; throws {@link DefsException} if it does not exist. */
    String read(String fileName);

    /** Files in a directory. */
    static DefsSource directory(Path dir) {
        return fileName -> {
            Path p = dir.resolve(fileName);
            if (!Files.isRegularFile(p)) throw new DefsException("no such defs file: " + p);
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The project's own definitions, packaged as class-path resources under {@code /defs/}. */
    static DefsSource builtin() {
        return fileName -> {
            try (InputStream in = DefsSource.class.getResourceAsStream("/defs/" + fileName)) {
                if (in == null) throw new DefsException("no such built-in defs file: " + fileName);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
