package io.apogee.tools.message;

import io.apogee.common.message.MessageProperties;
import java.util.Map;

/**
 * One stored message as a broker returns it in PULL_MESSAGE, QUERY_MESSAGE and VIEW_MESSAGE_BY_ID bodies, decoded
 * by {@link RecordDecoder} (layout: docs/protocol/09-message-format.md §2). Hosts are {@code ip:port}; the body is
 * decompressed when the record said it was zlib-compressed; {@code properties} keep the stored order.
 *
 * @param offsetMsgId the broker's id of the record (store host + commit-log offset,
 *                    docs/protocol/09-message-format.md §6)
 */
public record MessageRecord(int storeSize, int bodyCrc, int queueId, int flag, long queueOffset,
                            long commitLogOffset, int sysFlag, long bornTimestamp, String bornHost,
                            long storeTimestamp, String storeHost, int reconsumeTimes,
                            long preparedTransactionOffset, String topic, Map<String, String> properties,
                            byte[] body, String offsetMsgId) {

    /** The client's message id (UNIQ_KEY), or the offsetMsgId when the record has none. */
    public String msgId() {
        String uniq = properties.get(MessageProperties.UNIQ_KEY);
        return uniq == null ? offsetMsgId : uniq;
    }

    /** The tag, or null. */
    public String tags() {
        return properties.get(MessageProperties.TAGS);
    }

    /** The business keys (space separated), or null. */
    public String keys() {
        return properties.get(MessageProperties.KEYS);
    }
}
