package io.apogee.broker.send;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicCreation;
import io.apogee.broker.topic.TopicTable;
import io.apogee.remoting.body.TopicConfig;
import java.util.Optional;

/**
 * Decides whether a SEND to an unknown topic creates it (Apache's rules,
 * docs/protocol/04-producer.md §4 step 2):
 * <ul>
 *   <li>{@code %RETRY%} topics are created with 1 queue, perm 6;</li>
 *   <li>otherwise, only with {@code autoCreateTopicEnable}, when the request's default topic (normally TBW102)
 *       exists with the INHERIT bit: min(defaultTopicQueueNums, its write queues) queues, its perm minus
 *       INHERIT.</li>
 * </ul>
 * Creation writes the topic to topics.json and announces it to the name servers in the background; the
 * returned {@link TopicCreation} says when the topic is ready, so the message is stored only afterwards.
 *
 * <p>Thread-safe: reads immutable settings and delegates to the thread-safe {@link TopicTable}.
 */
final class AutoCreatePolicy {

    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;

    private final BrokerConfig config;
    private final TopicTable topics;

    AutoCreatePolicy(BrokerConfig config, TopicTable topics) {
        this.config = config;
        this.topics = topics;
    }

    /** The created (or concurrently created) topic, or empty when the topic may not be created. */
    Optional<TopicCreation> resolve(SendRequestHeader h) {
        if (SystemTopics.isRetry(h.topic)) {
            return Optional.of(topics.createOrGet(h.topic, 1, PERM_RW, 0));
        }
        if (!config.autoCreateTopicEnable) {
            return Optional.empty();
        }
        TopicConfig template = topics.find(h.defaultTopic);
        if (template == null || (template.perm & TopicConfig.PERM_INHERIT) == 0) {
            return Optional.empty();
        }
        int queues = Math.max(1, Math.min(h.defaultTopicQueueNums, template.writeQueueNums));
        int perm = template.perm & ~TopicConfig.PERM_INHERIT;
        return Optional.of(topics.createOrGet(h.topic, queues, perm, 0));
    }
}
