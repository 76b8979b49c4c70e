package io.apogee.broker.transaction;

import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of CHECK_TRANSACTION_STATE (docs/protocol/04-producer.md §7.3): the half record in stored format
 * (layout on {@link StoredMessage}) with its topic and queue id replaced by the real ones, as the Apache broker sends
 * it. Every other byte (offsets, hosts, times, body and its CRC, properties) is the stored record's; the magic
 * becomes V2 (2-byte topic length) only when the real topic is longer than 127 bytes.
 *
 * <p>Stateless, hence thread-safe.
 */
final class CheckRequestBody {

    private static final int OFF_MAGIC = 4;
    private static final int OFF_QUEUE_ID = 12;
    private static final int OFF_SYS_FLAG = 36;
    private static final int OFF_BORN_HOST = 48;
    private static final int V1_MAX_TOPIC = 127;

    private CheckRequestBody() {
    }

    /** The record at {@code record.position()} re-encoded for {@code topic}/{@code queueId}. */
    static byte[] encode(ByteBuffer record, String topic, int queueId) {
        int at = record.position();
        int sysFlag = record.getInt(at + OFF_SYS_FLAG);
        int bornHost = (sysFlag & StoredMessage.FLAG_BORNHOST_V6) != 0 ? 20 : 8;
        int storeHost = (sysFlag & StoredMessage.FLAG_STOREHOST_V6) != 0 ? 20 : 8;
        int bodyLengthAt = OFF_BORN_HOST + bornHost + 8 + storeHost + 4 + 8;
        int bodyEnd = bodyLengthAt + 4 + record.getInt(at + bodyLengthAt);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] props = StoredMessage.properties(record).getBytes(StandardCharsets.UTF_8);
        boolean v2 = topicBytes.length > V1_MAX_TOPIC;
        int size = bodyEnd + (v2 ? 2 : 1) + topicBytes.length + 2 + props.length;

        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(record.duplicate().position(at).limit(at + bodyEnd));
        out.putInt(0, size);
        out.putInt(OFF_MAGIC, v2 ? StoredMessage.MAGIC_V2 : StoredMessage.MAGIC_V1);
        out.putInt(OFF_QUEUE_ID, queueId);
        if (v2) {
            out.putShort((short) topicBytes.length);
        } else {
            out.put((byte) topicBytes.length);
        }
        out.put(topicBytes);
        out.putShort((short) props.length);
        out.put(props);
        return out.array();
    }
}
