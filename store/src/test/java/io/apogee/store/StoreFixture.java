package io.apogee.store;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Small-file store settings and message drafts shared by the store tests. */
final class StoreFixture {

    static final int COMMIT_LOG_FILE = 64 * 1024;
    static final int CONSUME_QUEUE_FILE = 10 * ConsumeQueue.UNIT_SIZE;
    static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 52244);
    static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);

    private StoreFixture() {
    }

    static MessageStoreConfig config(Path dir) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.storePathRootDir = dir.toString();
        c.mapedFileSizeCommitLog = COMMIT_LOG_FILE;
        c.mapedFileSizeConsumeQueue = CONSUME_QUEUE_FILE;
        c.maxMessageSize = 32 * 1024;
        c.flushIntervalCommitLog = 50;
        c.flushIntervalConsumeQueue = 100;
        return c;
    }

    static MessageStore started(MessageStoreConfig config) throws Exception {
        MessageStore store = new MessageStore(config);
        store.start();
        return store;
    }

    static MessageDraft draft(String topic, int queueId, String body, String tags) {
        MessageDraft m = new MessageDraft();
        m.topic = topic;
        m.queueId = queueId;
        m.body = body.getBytes(StandardCharsets.UTF_8);
        m.properties = tags == null ? new byte[0]
                : ("TAGS\u0001" + tags + "\u0002").getBytes(StandardCharsets.UTF_8);
        m.tagsCode = tags == null ? 0 : tags.hashCode();
        m.bornTimestamp = System.currentTimeMillis();
        m.bornHost = BORN;
        m.storeHost = STORE;
        return m;
    }

    static PutResult put(MessageStore store, String topic, int queueId, String body) {
        return store.put(draft(topic, queueId, body, null)).join();
    }

    static void awaitDispatched(MessageStore store) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
    }

    static String body(ByteBuffer record) {
        return new String(StoredMessage.body(record), StandardCharsets.UTF_8);
    }

    /** Bodies of every message in the queue from offset 0, fetched in pages. */
    static List<String> allBodies(MessageStore store, String topic, int queueId) {
        List<String> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            GetResult r = store.get(topic, queueId, offset, 7, 1 << 20, null);
            if (r.status() != GetStatus.FOUND) {
                return out;
            }
            r.records().forEach(b -> out.add(body(b)));
            offset = r.nextBeginOffset();
            r.release();
        }
    }
}
