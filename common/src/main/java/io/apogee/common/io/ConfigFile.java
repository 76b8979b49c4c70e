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
 * is written to {@code <name>.tmp}, forced to disk, renamed over the old file, and the directory forced (so the
 * rename survives a crash too); a crash leaves either the old or the new content, never a torn one. Writes block
 * on the disk: call {@link #write} only from threads that may block ({@link MetadataWriter} is one).
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

    /**
     * Replaces the content atomically and durably. When the temporary file cannot be written (a full disk), it is
     * deleted and the old file stays as it was.
     */
    public void write(byte[] content) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            writeDurably(tmp, content);
        } catch (IOException e) {
            discardPartial(tmp, e);
            throw e;
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(path.toAbsolutePath().getParent());
    }

    /** Deletes a partly written temporary file (not whatever else may sit at its path). */
    private static void discardPartial(Path tmp, IOException cause) {
        try {
            if (Files.isRegularFile(tmp)) {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Makes the rename itself durable: without this a crash may bring back the old directory entry. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
