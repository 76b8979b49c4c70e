package io.apogee.bench.jmh;

import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@link MessageStore} on a fresh temp directory (ASYNC_FLUSH, 1 GiB commit-log files) and a reusable 1 KiB
 * message draft, for the store benchmarks. {@link #close()} closes the store and deletes the directory.
 *
 * <p>Not thread-safe: owned by one benchmark state.
 */
final class StoreFixture implements AutoCloseable {

    static final String TOPIC = "BenchTopic";

    final MessageStore store;
    final MessageDraft draft = new MessageDraft();
    private final Path dir;

    StoreFixture() {
        try {
            dir = Files.createTempDirectory("apogee-jmh-store");
            MessageStoreConfig config = new MessageStoreConfig();
            config.storePathRootDir = dir.toString();
            config.flushDiskType = FlushDiskType.ASYNC_FLUSH;
            store = new MessageStore(config);
            store.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = new byte[Frames.BODY_SIZE];
        Arrays.fill(body, (byte) 'x');
        draft.topic = TOPIC;
        draft.queueId = 0;
        draft.body = body;
        draft.properties = Frames.PROPERTIES.getBytes(StandardCharsets.UTF_8);
        draft.bornTimestamp = System.currentTimeMillis();
        draft.bornHost = new InetSocketAddress("127.0.0.1", 50_000);
        draft.storeHost = new InetSocketAddress("127.0.0.1", 10_911);
        draft.tagsCode = "bench".hashCode();
    }

    /** Waits (spinning) until everything appended is in the consume queues. */
    void awaitDispatched() {
        long end = store.commitLogMaxOffset();
        while (store.dispatchedOffset() < end) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
