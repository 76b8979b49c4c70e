package io.apogee.store;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Validates drafts before they are appended. Stateless apart from the limits; thread-safe.
 */
final class DraftCheck {

    static final int MAX_PROPERTIES_SIZE = Short.MAX_VALUE;
    static final int MAX_TOPIC_SIZE = 255;
    static final int MAX_QUEUE_ID = 65_535;

    private final int maxBodySize;
    private final int maxRecordSize;
    private final ConsumeQueueTable queues;

    DraftCheck(int maxBodySize, int commitLogFileSize, ConsumeQueueTable queues) {
        this.maxBodySize = maxBodySize;
        this.maxRecordSize = commitLogFileSize - CommitLog.BLANK_SIZE;
        this.queues = queues;
    }

    /** Null when the draft may be appended, else the failure result. */
    PutResult check(MessageDraft m) {
        if (m == null) {
            return illegal("message is null");
        }
        PutResult content = checkContent(m);
        return content != null ? content : checkPlacement(m);
    }

    private PutResult checkContent(MessageDraft m) {
        if (m.topic == null || m.topic.isEmpty()) {
            return illegal("topic is empty");
        }
        if (m.body == null) {
            return illegal("body is null");
        }
        if (m.body.length > maxBodySize) {
            return illegal("message body of " + m.body.length + " bytes exceeds maxMessageSize " + maxBodySize);
        }
        if (m.properties != null && m.properties.length > MAX_PROPERTIES_SIZE) {
            return PutResult.failure(PutStatus.PROPERTIES_SIZE_EXCEEDED, "properties of " + m.properties.length
                    + " bytes exceed the limit of " + MAX_PROPERTIES_SIZE);
        }
        return null;
    }

    private PutResult checkPlacement(MessageDraft m) {
        if (m.queueId < 0 || m.queueId > MAX_QUEUE_ID) {
            return illegal("queueId " + m.queueId + " is outside 0.." + MAX_QUEUE_ID);
        }
        if (!queues.knowsTopic(m.topic)) {
            String reason = topicProblem(m.topic);
            if (reason != null) {
                return illegal(reason);
            }
        }
        PutResult hosts = checkHost("bornHost", m.bornHost);
        return hosts != null ? hosts : checkHost("storeHost", m.storeHost);
    }

    /** Checks every draft and that they all go to one queue. */
    PutResult checkBatch(List<MessageDraft> batch) {
        if (batch == null || batch.isEmpty()) {
            return illegal("batch is empty");
        }
        MessageDraft first = batch.get(0);
        for (MessageDraft m : batch) {
            PutResult r = check(m);
            if (r != null) {
                return r;
            }
            if (!m.topic.equals(first.topic) || m.queueId != first.queueId) {
                return illegal("batch mixes queues: " + first.topic + "/" + first.queueId + " and "
                        + m.topic + "/" + m.queueId);
            }
        }
        return null;
    }

    /** Null when a record of this size fits in a commit-log file, else the failure. */
    PutResult checkRecordSize(int recordSize) {
        return recordSize <= maxRecordSize ? null : illegal("stored record of " + recordSize
                + " bytes does not fit in a commit-log file of " + (maxRecordSize + CommitLog.BLANK_SIZE) + " bytes");
    }

    static String topicProblem(String topic) {
        if (topic.equals(".") || topic.equals("..")) {
            return "topic '" + topic + "' is not a legal file name";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == ':') {
                return "topic '" + topic + "' contains the illegal character 0x" + Integer.toHexString(c);
            }
        }
        return null;
    }

    private static PutResult checkHost(String name, InetSocketAddress host) {
        if (host == null || host.getAddress() == null) {
            return illegal(name + " " + host + " is missing or unresolved");
        }
        return null;
    }

    private static PutResult illegal(String reason) {
        return PutResult.failure(PutStatus.MESSAGE_ILLEGAL, reason);
    }
}
