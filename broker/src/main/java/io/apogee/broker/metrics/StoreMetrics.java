package io.apogee.broker.metrics;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.RuntimeInfoProcessor;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * The store and the broker's state: Apache RocketMQ 5's {@code rocketmq_storage_size} (bytes used on the store's
 * partition), {@code rocketmq_storage_flush_behind_bytes}, {@code rocketmq_storage_dispatch_behind_bytes},
 * {@code rocketmq_storage_message_reserve_time} (age of the oldest retained message, ms),
 * {@code rocketmq_broker_permission} and {@code rocketmq_processor_watermark} (queued requests); and Apogee's own
 * {@code rocketmq_storage_disk_ratio} (used share of the commit log's partition, 0..1, the figure the disk guards
 * act on), {@code rocketmq_storage_healthy} (1, or 0 after a write fault or a stopped dispatcher) and, on a master,
 * {@code rocketmq_replication_slaves} and {@code rocketmq_replication_behind_bytes} (log bytes the slaves have not
 * acknowledged yet).
 *
 * <p>Thread-safe: reads the store's volatile offsets and the file system.
 */
final class StoreMetrics implements MetricsSource {

    private static final String[] STORAGE = {"storage_type", "local", "storage_medium", "disk"};

    private final BrokerConfig config;
    private final MessageStore store;
    private final IntSupplier sendQueue;
    private final IntSupplier pullQueue;

    StoreMetrics(BrokerConfig config, MessageStore store, IntSupplier sendQueue, IntSupplier pullQueue) {
        this.config = config;
        this.store = store;
        this.sendQueue = sendQueue;
        this.pullQueue = pullQueue;
    }

    @Override
    public void collect(Scrape scrape) {
        Path commitLog = store.config().commitLogDir();
        long max = store.commitLogMaxOffset();
        scrape.gauge("rocketmq_storage_size", "Bytes used on the partition of the commit log.", usedBytes(commitLog),
                STORAGE);
        scrape.gauge("rocketmq_storage_disk_ratio", "Used share (0..1) of the partition of the commit log.",
                RuntimeInfoProcessor.usedRatio(commitLog), STORAGE);
        scrape.gauge("rocketmq_storage_flush_behind_bytes", "Commit-log bytes written but not yet flushed.",
                Math.max(0, max - store.flushedOffset()), STORAGE);
        scrape.gauge("rocketmq_storage_dispatch_behind_bytes",
                "Commit-log bytes not yet dispatched to consume queues and the index.",
                Math.max(0, max - store.dispatchedOffset()), STORAGE);
        scrape.gauge("rocketmq_storage_message_reserve_time", "Age in milliseconds of the oldest retained message.",
                reserveMillis(), STORAGE);
        scrape.gauge("rocketmq_storage_healthy", "1 while the store is healthy, 0 after a write fault, a stopped "
                + "dispatcher or damage skipped by recovery.", store.health().isHealthy() ? 1 : 0, STORAGE);
        scrape.gauge("rocketmq_broker_permission", "Broker permission bits: 4 read, 2 write.",
                config.brokerPermission);
        scrape.gauge("rocketmq_processor_watermark", "Requests queued for a processor.", sendQueue.getAsInt(),
                "processor", "send");
        scrape.gauge("rocketmq_processor_watermark", "Requests queued for a processor.", pullQueue.getAsInt(),
                "processor", "pull");
        if (store.config().brokerRole != BrokerRole.SLAVE) {
            replication(scrape, max);
        }
    }

    private void replication(Scrape scrape, long max) {
        int slaves = store.haSlaveCount();
        scrape.gauge("rocketmq_replication_slaves", "Slaves connected to this master's HA port.", slaves);
        long acked = store.haReplicatedOffset();
        if (slaves > 0 && acked >= 0) {
            scrape.gauge("rocketmq_replication_behind_bytes",
                    "Commit-log bytes the most advanced slave has not acknowledged yet.", Math.max(0, max - acked));
        }
    }

    private long reserveMillis() {
        ByteBuffer oldest = store.lookMessageByOffset(store.commitLogMinOffset());
        return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - StoredMessage.storeTimestamp(oldest));
    }

    private static long usedBytes(Path dir) {
        try {
            FileStore partition = Files.getFileStore(dir);
            return partition.getTotalSpace() - partition.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

}
