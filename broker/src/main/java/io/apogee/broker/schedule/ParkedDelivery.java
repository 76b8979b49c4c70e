package io.apogee.broker.schedule;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.PutResult;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a parked message (a delay-level or timer message, carrying {@code REAL_TOPIC} and {@code REAL_QID}) in its
 * real topic and queue: every other property, the body, flag, sysFlag, born time and host and reconsume times are
 * kept; {@code REAL_TOPIC}, {@code REAL_QID} and the caller's extra keys are removed; the tag code is the TAGS hash.
 * A real topic missing from the topic table is created (perm 6, enough queues for {@code REAL_QID}) rather than
 * dropping the message. A delivery the store answers PUT_OK counts as a put of the real topic in {@link BrokerStats},
 * as Apache counts it.
 *
 * <p>Thread-safe: immutable settings and thread-safe collaborators.
 */
public final class ParkedDelivery {

    /** What became of a delivery. */
    public enum Outcome {
        /** Stored in the real topic. */
        STORED,
        /** Cannot ever be delivered (no usable REAL_TOPIC/REAL_QID); logged, to be skipped. */
        UNDELIVERABLE,
        /** The store refused it for now; logged, to be tried again. */
        RETRY
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParkedDelivery.class);
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final BrokerConfig config;
    private final MessageStore store;
    private final TopicTable topics;
    private final InetSocketAddress storeHost;
    private final BrokerStats stats;

    public ParkedDelivery(BrokerConfig config, MessageStore store, TopicTable topics, InetSocketAddress storeHost,
                          BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.storeHost = storeHost;
        this.stats = stats;
    }

    /**
     * Stores the parked {@code record} in its real topic, removing {@code extraKeys} from its properties too;
     * {@code what} names the parking place in log lines.
     */
    public Outcome deliver(ByteBuffer record, String what, String... extraKeys) {
        MessageDraft draft = MessageDraft.copyOf(record, storeHost);
        PropertyEditor props = PropertyEditor.of(StoredMessage.properties(record));
        String realTopic = props.get(MessageProperties.REAL_TOPIC);
        Integer realQueue = parseQueueId(props.get(MessageProperties.REAL_QID));
        if (realTopic == null || realQueue == null) {
            LOG.error("{}: parked message at commit-log offset {} has no usable REAL_TOPIC/REAL_QID ({} / {}); "
                    + "skipped", what, StoredMessage.physicalOffset(record), realTopic,
                    props.get(MessageProperties.REAL_QID));
            return Outcome.UNDELIVERABLE;
        }
        ensureTopic(realTopic, realQueue);
        props.remove(MessageProperties.REAL_TOPIC, MessageProperties.REAL_QID);
        props.remove(extraKeys);
        draft.topic = realTopic;
        draft.queueId = realQueue;
        draft.setProperties(props.render());
        PutResult result = store.put(draft).join();
        if (result.isOk()) {
            stats.recordPut(realTopic, result.msgCount(), result.wroteBytes());
        }
        if (result.isStored()) {
            return Outcome.STORED;
        }
        LOG.warn("{}: re-putting the message at commit-log offset {} to {}/{} failed: {} {}; will retry", what,
                StoredMessage.physicalOffset(record), realTopic, realQueue, result.status(), result.reason());
        return Outcome.RETRY;
    }

    private void ensureTopic(String topic, int queueId) {
        if (topics.find(topic) == null) {
            boolean internal = SystemTopics.isRetryOrDlq(topic);
            int queues = Math.max(queueId + 1, internal ? 1 : config.defaultTopicQueueNums);
            LOG.warn("delayed message for unknown topic {}: creating it with {} queues", topic, queues);
            topics.createIfAbsent(topic, queues, PERM_RW, 0);
        }
    }

    private static Integer parseQueueId(String s) {
        if (s == null) {
            return null;
        }
        try {
            int q = Integer.parseInt(s.trim());
            return q >= 0 ? q : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
