package io.apogee.it;

import io.apogee.store.BrokerRole;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.StoredMessage;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a broker's store directory after the broker stopped, by opening it with Apogee's {@link MessageStore} in this
 * process (as a SLAVE, so it stores nothing): works for stores written by Apogee and by Apache RocketMQ alike.
 */
final class StoreContents {

    private StoreContents() {
    }

    /** The KEYS of every message of {@code topic} in the store under {@code root} (1 MiB commit-log files). */
    static Set<String> keys(Path root, String topic) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.storePathRootDir = root.toString();
        config.mapedFileSizeCommitLog = ChildBrokerTest.REPLICA_FILE_SIZE;
        config.brokerRole = BrokerRole.SLAVE;
        Set<String> keys = new HashSet<>();
        try (MessageStore store = new MessageStore(config)) {
            store.start();
            for (int queue = 0; queue < 16; queue++) {
                long offset = store.minOffsetInQueue(topic, queue);
                for (GetResult r; (r = store.get(topic, queue, offset, 64, 1 << 22, null)).status()
                        == GetStatus.FOUND; ) {
                    r.records().forEach(record -> keys.add(keysOf(record)));
                    offset = r.nextBeginOffset();
                    r.release();
                }
            }
        }
        return keys;
    }

    /**
     * Writes {@code count} messages of {@code bodyBytes} each to {@code topic} (4 queues, keyed {@code bulk-i}) into
     * the store under {@code root}, opened in this process as a master: a large log made faster than any client
     * could send it.
     */
    static void fill(Path root, String topic, int count, int bodyBytes) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.storePathRootDir = root.toString();
        config.mapedFileSizeCommitLog = ChildBrokerTest.REPLICA_FILE_SIZE;
        byte[] body = new byte[bodyBytes];
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        try (MessageStore store = new MessageStore(config)) {
            store.start();
            for (int i = 0; i < count; i++) {
                MessageDraft m = new MessageDraft();
                m.topic = topic;
                m.queueId = i % 4;
                m.body = body;
                m.setProperties("KEYS\u0001bulk-" + i + "\u0002");
                m.bornTimestamp = System.currentTimeMillis();
                m.bornHost = host;
                m.storeHost = host;
                if (!store.put(m).join().isStored()) {
                    throw new IllegalStateException("could not store message " + i);
                }
            }
        }
    }

    private static String keysOf(ByteBuffer record) {
        String props = StoredMessage.properties(record);
        int at = props.indexOf("KEYS\u0001");
        int end = props.indexOf('\u0002', at);
        return at < 0 ? "" : props.substring(at + 5, end < 0 ? props.length() : end);
    }
}
