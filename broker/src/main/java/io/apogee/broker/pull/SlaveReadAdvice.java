package io.apogee.broker.pull;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The {@code suggestWhichBrokerId} of a PULL answer, RocketMQ's read-from-slave rule (docs/protocol/15-replication.md
 * §3.1): 0 unless {@code slaveReadEnable}; with it, a consumer whose last pulled message lies further behind the end
 * of the commit log than {@code accessMessageInMemoryMaxRatio} percent of the machine's memory (its data has likely
 * left the page cache) is sent to its group's {@code whichBrokerWhenConsumeSlowly} (a slave, 1 by default), any
 * other to its group's {@code brokerId} (0). The client pulls that queue from the suggested broker from then on,
 * and comes back when that broker suggests 0.
 *
 * <p>Immutable apart from the config it reads, hence thread-safe.
 */
final class SlaveReadAdvice {

    private final BrokerConfig config;
    private final MessageStore store;
    private final long memoryBytes;

    SlaveReadAdvice(BrokerConfig config, MessageStore store) {
        this(config, store, totalMemory());
    }

    SlaveReadAdvice(BrokerConfig config, MessageStore store, long memoryBytes) {
        this.config = config;
        this.store = store;
        this.memoryBytes = memoryBytes;
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The broker id to suggest for this answer of {@code group} (null: unknown group). */
    long suggest(GetResult result, SubscriptionGroupConfig group) {
        if (!config.slaveReadEnable || group == null) {
            return 0;
        }
        if (result.status() != GetStatus.FOUND || result.records().isEmpty()) {
            return group.brokerId;
        }
        List<ByteBuffer> records = result.records();
        long lastPulled = StoredMessage.physicalOffset(records.get(records.size() - 1));
        long behind = store.commitLogMaxOffset() - lastPulled;
        return behind > memoryBytes / 100 * config.accessMessageInMemoryMaxRatio
                ? group.whichBrokerWhenConsumeSlowly : group.brokerId;
    }
}
