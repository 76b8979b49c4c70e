package io.apogee.store.index;

import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.PutResult;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Store settings with small commit-log and index files, and keyed drafts, for the index tests. */
final class IndexedStore {

    static final String TOPIC = "TopicIdx";
    static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private IndexedStore() {
    }

    static MessageStoreConfig config(Path dir) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.storePathRootDir = dir.toString();
        c.mapedFileSizeCommitLog = 64 * 1024;
        c.mapedFileSizeConsumeQueue = 100 * 20;
        c.maxMessageSize = 32 * 1024;
        c.flushIntervalCommitLog = 50;
        c.flushIntervalConsumeQueue = 100;
        c.maxHashSlotNum = 64;
        c.maxIndexNum = 101; // 100 entries per file: 33 messages with three keys (UNIQ_KEY, order-n, all)
        return c;
    }

    static MessageStore started(MessageStoreConfig config) throws Exception {
        MessageStore store = new MessageStore(config);
        store.start();
        return store;
    }

    static String uniq(int n) {
        return String.format("0A000001%024X", n);
    }

    static String key(int n) {
        return "order-" + n;
    }

    static MessageDraft draft(int n, int sysFlag) {
        MessageDraft m = new MessageDraft();
        m.topic = TOPIC;
        m.queueId = n % 2;
        m.body = ("body-" + n).getBytes(StandardCharsets.UTF_8);
        m.setProperties("UNIQ_KEY\u0001" + uniq(n) + "\u0002KEYS\u0001" + key(n) + " all\u0002");
        m.sysFlag = sysFlag;
        m.bornTimestamp = System.currentTimeMillis();
        m.bornHost = HOST;
        m.storeHost = HOST;
        return m;
    }

    /** An untagged draft (three index keys) or, with a tag, a tagged one (four). */
    static MessageDraft draft(int n, String tag) {
        MessageDraft m = draft(n, 0);
        m.setProperties("TAGS\u0001" + tag + "\u0002UNIQ_KEY\u0001" + uniq(n) + "\u0002KEYS\u0001" + key(n)
                + " all\u0002");
        return m;
    }

    static PutResult put(MessageStore store, int n) {
        return store.put(draft(n, 0)).join();
    }

    static void awaitDispatched(MessageStore store) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
    }

    static List<Long> find(MessageStore store, String key) {
        return store.queryMessage(TOPIC, key, 64, 0, Long.MAX_VALUE).offsets();
    }
}
