package io.apogee.common.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A small metadata file (topics.json, consumerOffset.json, ...) that is replaced atomically: the new content
 * is written to {@code <name>.tmp}, forced to disk, and renamed over the old file, so a crash leaves either
 * the old or the new content, never a torn one.
 *
 * <p>Not thread-safe per path: each file has one owner that serializes its writes.
 */
public final class ConfigFile {

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The current content, or null when the file does not exist yet. */
    public byte[] readOrNull() throws IOException {
        return Files.exists(path) ? Files.readAllBytes(path) : null;
    }

    /** Replaces the content atomically and durably. */
    public void write(byte[] content) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
