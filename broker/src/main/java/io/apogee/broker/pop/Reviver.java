package io.apogee.broker.pop;

import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes popped messages visible again when their invisible time ends un-acknowledged: each due checkpoint's open
 * messages are copied to the POP retry topic {@code %RETRY%<group>_<topic>} (created with 1 queue, read-write; a
 * message read from a retry topic goes back to that same topic), where the group's next pops find them. The copy
 * keeps body, flags, born time and host and every property (so the msgId / UNIQ_KEY), with reconsume times + 1,
 * {@code 1ST_POP_TIME} = the first pop's time when not set yet and {@code ORIGIN_GROUP} = the group (Apache's
 * redelivery). A copy the store refuses is retried 10 s later through a new one-message checkpoint; a message
 * already deleted by retention is dropped and logged.
 *
 * <p>Runs on the POP side's scheduler thread ({@link #reviveDue}); the progress commit follows each round.
 * Thread-safe through {@link InflightPops} and {@link ReviveLog}.
 */
final class Reviver {

    private static final long RETRY_LATER_MILLIS = 10_000;
    private static final int PERM_RW = TopicConfig.PERM_READ | TopicConfig.PERM_WRITE;
    private static final Logger LOG = LoggerFactory.getLogger(Reviver.class);

    private final MessageStore store;
    private final TopicTable topics;
    private final InflightPops inflight;
    private final ReviveLog log;
    private final InetSocketAddress host;
    private final LongSupplier clock;
    private volatile long revived;

    Reviver(MessageStore store, TopicTable topics, InflightPops inflight, ReviveLog log, InetSocketAddress host,
            LongSupplier clock) {
        this.store = store;
        this.topics = topics;
        this.inflight = inflight;
        this.log = log;
        this.host = host;
        this.clock = clock;
    }

    /** Redelivers every due checkpoint's open messages, then commits the journal's progress. */
    void reviveDue() {
        long now = clock.getAsLong();
        for (Checkpoint c : inflight.takeDue(now)) {
            long[] open = c.resolve();
            for (long offset : open) {
                revive(c, offset, now);
            }
            inflight.remove(c);
        }
        log.commitProgress();
    }

    /** Messages made visible again since start. */
    long revived() {
        return revived;
    }

    private void revive(Checkpoint c, long offset, long now) {
        GetResult read = store.get(c.topic(), c.queueId(), offset, 1, Integer.MAX_VALUE, null);
        try {
            if (read.status() != GetStatus.FOUND) {
                LOG.warn("POP redelivery of {}:{} offset {} for group {} dropped: the message is gone ({})",
                        c.topic(), c.queueId(), offset, c.group(), read.status());
                return;
            }
            MessageDraft copy = retryCopy(read.records().get(0), c);
            if (StoreWrite.stored(store, copy, "a POP redelivery") >= 0) {
                revived++;
            } else {
                log.append(new Checkpoint(c.topic(), c.group(), c.queueId(), offset, now, RETRY_LATER_MILLIS,
                        new long[] {offset}));
            }
        } finally {
            read.release();
        }
    }

    private MessageDraft retryCopy(ByteBuffer record, Checkpoint c) {
        String retryTopic = SystemTopics.isRetry(c.topic()) ? c.topic() : PopHandle.retryTopic(c.group(), c.topic());
        topics.createIfAbsent(retryTopic, 1, PERM_RW, 0);
        MessageDraft copy = MessageDraft.copyOf(record, host);
        copy.topic = retryTopic;
        copy.queueId = 0;
        copy.reconsumeTimes = StoredMessage.reconsumeTimes(record) + 1;
        copy.setProperties(PropertyEditor.of(StoredMessage.properties(record))
                .remove(MessageProperties.POP_CK)
                .setIfAbsent(MessageProperties.FIRST_POP_TIME, Long.toString(c.popTime()))
                .set(MessageProperties.ORIGIN_GROUP, c.group())
                .render());
        return copy;
    }
}
