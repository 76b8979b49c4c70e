package io.apogee.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The acked-keys file of {@code bench soak-produce}: the key of every send the broker answered SEND_OK, one per
 * line (US-ASCII, {@code '\n'}-terminated), in the order the answers came.
 *
 * <p>Each line is appended with its own {@code write(2)} (no user-space buffer), before the sending thread sends
 * again, so every acknowledgement the producer saw survives the producer's death, kill -9 included: the kernel
 * holds it. (A crash of the machine is not what the soak simulates, so there is no fsync.) {@link #read} ignores
 * a last line without its {@code '\n'}.
 *
 * <p>Thread-safe: appends are serialised.
 */
final class AckLog implements AutoCloseable {

    private final FileChannel channel;

    private AckLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    static AckLog open(Path file) throws IOException {
        return new AckLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Appends one key; when this returns, the line is in the kernel. */
    synchronized void append(String key) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /** The complete lines of an acked-keys file. */
    static List<String> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<String> keys = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            if (end > start) {
                keys.add(text.substring(start, end));
            }
            start = end + 1;
        }
        return keys;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
