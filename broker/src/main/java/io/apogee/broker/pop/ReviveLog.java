package io.apogee.broker.pop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.GetResult;
import io.apogee.store.GetStatus;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal that makes in-flight pops survive a restart: every checkpoint and every acknowledgement is stored as
 * a message of the revive topic {@code rmq_sys_REVIVE_LOG_<cluster>}, queue 0, so it is as durable and replicated as
 * the messages themselves (the topic is created with the first pop). Record: tag ({@code TAGS}) {@code ck} or
 * {@code ack}, body the JSON of {@link Checkpoint.Record} or {@link Checkpoint.Ack}, written straight to the store
 * (never through the send path).
 *
 * <p>Progress: the committed offset of the group {@value #PROGRESS_GROUP} on that queue is the oldest journal
 * record still needed, that of the oldest live checkpoint (or the journal's end when none is). At start,
 * {@link #replay} reads from there: checkpoints are rebuilt, acknowledgements applied (one whose checkpoint is not
 * found is for an ended pop and ignored). A crash between a redelivery and the next progress commit redelivers those
 * messages once more (at-least-once, as any consumer sees after a crash).
 *
 * <p>Thread-safe: appends and the progress commit are serialized by this object's monitor, so no checkpoint can be
 * stored without being in the in-flight table when progress is computed.
 */
final class ReviveLog {

    /** The group whose committed offset on the revive topic is the journal's progress (Apache's name). */
    static final String PROGRESS_GROUP = "CID_RMQ_SYS_REVIVE_GROUP";
    static final String TOPIC_PREFIX = "rmq_sys_REVIVE_LOG_";
    private static final String TAG_CK = "ck";
    private static final String TAG_ACK = "ack";
    private static final int READ_BATCH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ReviveLog.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final MessageStore store;
    private final TopicTable topics;
    private final ConsumerOffsetTable offsets;
    private final InetSocketAddress host;
    private final String brokerName;
    private final String topic;
    private final InflightPops inflight;

    ReviveLog(MessageStore store, TopicTable topics, ConsumerOffsetTable offsets, InetSocketAddress host,
              String brokerName, String cluster, InflightPops inflight) {
        this.store = store;
        this.topics = topics;
        this.offsets = offsets;
        this.host = host;
        this.brokerName = brokerName;
        this.topic = TOPIC_PREFIX + cluster;
        this.inflight = inflight;
    }

    String topic() {
        return topic;
    }

    /** Stores the checkpoint and adds it to the in-flight table; false when the store refused it. */
    synchronized boolean append(Checkpoint checkpoint) {
        if (topics.find(topic) == null) {
            // created with the first pop, so brokers that never serve one do not show it
            topics.createIfAbsent(topic, 1, TopicConfig.PERM_READ | TopicConfig.PERM_WRITE, 0);
        }
        long at = put(TAG_CK, checkpoint.toRecord(brokerName));
        if (at < 0) {
            return false;
        }
        checkpoint.journalOffset(at);
        inflight.add(checkpoint);
        return true;
    }

    /** Stores an acknowledgement of {@code offsets} of the checkpoint; false when the store refused it. */
    synchronized boolean appendAck(Checkpoint.Ack ack) {
        return put(TAG_ACK, ack) >= 0;
    }

    /** Commits the progress: the oldest live checkpoint's record, or the journal's end. */
    synchronized void commitProgress() {
        long oldest = inflight.oldestJournalOffset();
        long progress = oldest == Long.MAX_VALUE ? store.maxOffsetInQueue(topic, 0) : oldest;
        if (progress >= 0) {
            offsets.commit(PROGRESS_GROUP, topic, 0, progress);
        }
    }

    /** The queue offset of the stored record, or -1 when the put failed (logged). */
    private long put(String tag, Object record) {
        MessageDraft d = new MessageDraft();
        d.waitStoreMsgOK = false;
        d.topic = topic;
        d.queueId = 0;
        try {
            d.body = JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        d.setProperties(PropertyEditor.of("").set(MessageProperties.TAGS, tag).render());
        d.bornTimestamp = System.currentTimeMillis();
        d.bornHost = host;
        d.storeHost = host;
        return StoreWrite.stored(store, d, "a POP " + tag + " record");
    }

    /** Rebuilds the in-flight table from the journal, from the committed progress to its end. */
    void replay() {
        long from = Math.max(0, offsets.query(PROGRESS_GROUP, topic, 0));
        long end = store.maxOffsetInQueue(topic, 0);
        int checkpoints = 0;
        while (from < end) {
            GetResult batch = store.get(topic, 0, from, READ_BATCH, 1 << 20, null);
            if (batch.status() != GetStatus.FOUND) {
                from = Math.max(from + 1, batch.nextBeginOffset());
                continue;
            }
            for (ByteBuffer record : batch.records()) {
                checkpoints += apply(record) ? 1 : 0;
            }
            from = batch.nextBeginOffset();
            batch.release();
        }
        LOG.info("POP journal {} replayed: {} checkpoints read, {} still in flight", topic, checkpoints,
                inflight.size());
    }

    /** Applies one journal record; true when it was a checkpoint. */
    private boolean apply(ByteBuffer record) {
        String tag = StoredMessage.property(record, MessageProperties.TAGS);
        try {
            if (TAG_CK.equals(tag)) {
                Checkpoint c = Checkpoint.fromRecord(JSON.readValue(StoredMessage.body(record),
                        Checkpoint.Record.class));
                c.journalOffset(StoredMessage.queueOffset(record));
                inflight.add(c);
                return true;
            }
            if (TAG_ACK.equals(tag)) {
                Checkpoint.Ack ack = JSON.readValue(StoredMessage.body(record), Checkpoint.Ack.class);
                Checkpoint c = inflight.find(ack.checkpointKey());
                if (c != null) {
                    ack.offsets().forEach(c::ack);
                    if (c.allAcked()) {
                        c.resolve();
                        inflight.remove(c);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping an unreadable POP journal record at {}: {}", StoredMessage.queueOffset(record),
                    e.toString());
        }
        return false;
    }
}
