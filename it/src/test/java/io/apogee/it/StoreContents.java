package io.apogee.it;

import io.apogee.store.BrokerRole;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.StoredMessage;

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

    private static String keysOf(ByteBuffer record) {
        String props = StoredMessage.properties(record);
        int at = props.indexOf("KEYS\u0001");
        int end = props.indexOf('\u0002', at);
        return at < 0 ? "" : props.substring(at + 5, end < 0 ? props.length() : end);
    }
}
