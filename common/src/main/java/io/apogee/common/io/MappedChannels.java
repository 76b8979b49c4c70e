package io.apogee.common.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Closing and deleting a file mapped through a {@link FileChannel} (the commit log's and consume queues' mapped
 * files, the index files): the mapping itself stays valid until the garbage collector releases it, so readers that
 * still hold the buffer are not disturbed.
 *
 * <p>Stateless, so thread-safe.
 */
public final class MappedChannels {

    private MappedChannels() {
    }

    /** Closes the channel; a failure to close has nothing left to report and is ignored. */
    public static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing the channel of a mapped file has nothing left to report
        }
    }

    /** Closes the channel, then deletes the file if it is still there. */
    public static void delete(FileChannel channel, Path path) throws IOException {
        close(channel);
        Files.deleteIfExists(path);
    }
}
