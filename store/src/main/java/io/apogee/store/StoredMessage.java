package io.apogee.store;

import io.apogee.common.message.MessageProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads fields of one stored message record. Each accessor has two forms: {@code f(record)} reads the record
 * starting at {@code record.position()}, {@code f(buf, at)} reads the record starting at index {@code at}.
 * All reads are absolute: the buffer's position and limit are never changed, so several threads may read
 * the same buffer. Stateless and thread-safe.
 *
 * <h2>Commit-log record layout (big-endian; the same bytes are sent to consumers)</h2>
 * <pre>
 * off  size      field
 *   0  int32     totalSize                  whole record including this field
 *   4  int32     magicCode                  0xDAA320A7 (V1, 1-byte topic length) or 0xDAA320AB (V2, 2-byte)
 *   8  int32     bodyCRC                    CRC32(body) &amp; 0x7FFFFFFF
 *  12  int32     queueId
 *  16  int32     flag
 *  20  int64     queueOffset                logical offset in the consume queue
 *  28  int64     physicalOffset             offset of this record in the commit log
 *  36  int32     sysFlag                    0x10: bornHost IPv6, 0x20: storeHost IPv6
 *  40  int64     bornTimestamp
 *  48  8 | 20    bornHost                   4 or 16 address bytes + int32 port
 *   .  int64     storeTimestamp
 *   .  8 | 20    storeHost                  4 or 16 address bytes + int32 port
 *   .  int32     reconsumeTimes
 *   .  int64     preparedTransactionOffset
 *   .  int32 + n bodyLength, body
 *   .  int8|int16 + n  topicLength (V1: int8, V2: int16), topic (UTF-8)
 *   .  int16 + n properties length, properties (UTF-8 "k\u0001v\u0002...")
 * </pre>
 * With IPv4 hosts and V1: {@code totalSize = 91 + bodyLength + topicLength + propertiesLength}.
 *
 * <p>The BLANK filler that ends a commit-log file is {@code int32 remainingLength, int32 0xCBD43194}; it is
 * never a message and is never handed out by the store.
 */
public final class StoredMessage {

    /** Magic of a record with a 1-byte topic length. */
    public static final int MAGIC_V1 = 0xDAA320A7;
    /** Magic of a record with a 2-byte topic length (topics longer than 127 bytes). */
    public static final int MAGIC_V2 = 0xDAA320AB;
    /** Magic of the end-of-file filler. */
    public static final int MAGIC_BLANK = 0xCBD43194;
    /** sysFlag bit: bornHost is IPv6. */
    public static final int FLAG_BORNHOST_V6 = 0x10;
    /** sysFlag bit: storeHost is IPv6. */
    public static final int FLAG_STOREHOST_V6 = 0x20;

    static final int OFF_TOTAL_SIZE = 0;
    static final int OFF_MAGIC = 4;
    static final int OFF_BODY_CRC = 8;
    static final int OFF_QUEUE_ID = 12;
    static final int OFF_FLAG = 16;
    static final int OFF_QUEUE_OFFSET = 20;
    static final int OFF_PHYSICAL_OFFSET = 28;
    static final int OFF_SYS_FLAG = 36;
    static final int OFF_BORN_TIMESTAMP = 40;
    static final int OFF_BORN_HOST = 48;

    /** Size of the smallest possible record: IPv4 hosts, empty body, topic and properties. */
    static final int MIN_RECORD_SIZE = recordSize(0, 0, 0, 8, 8);

    private StoredMessage() {
    }

    /** Record length for the given parts (host lengths are 8 for IPv4, 20 for IPv6). */
    public static int recordSize(int bodyLength, int topicLength, int propertiesLength, int bornHostLength,
                                 int storeHostLength) {
        int topicLengthSize = topicLength > 127 ? 2 : 1;
        return 72 + bornHostLength + storeHostLength + bodyLength + topicLengthSize + topicLength + 2
                + propertiesLength;
    }

    public static int totalSize(ByteBuffer record) {
        return totalSize(record, record.position());
    }

    public static int totalSize(ByteBuffer buf, int at) {
        return buf.getInt(at + OFF_TOTAL_SIZE);
    }

    public static int magic(ByteBuffer buf, int at) {
        return buf.getInt(at + OFF_MAGIC);
    }

    public static int bodyCrc(ByteBuffer record) {
        return record.getInt(record.position() + OFF_BODY_CRC);
    }

    public static int queueId(ByteBuffer record) {
        return queueId(record, record.position());
    }

    public static int queueId(ByteBuffer buf, int at) {
        return buf.getInt(at + OFF_QUEUE_ID);
    }

    public static int flag(ByteBuffer record) {
        return record.getInt(record.position() + OFF_FLAG);
    }

    public static long queueOffset(ByteBuffer record) {
        return queueOffset(record, record.position());
    }

    public static long queueOffset(ByteBuffer buf, int at) {
        return buf.getLong(at + OFF_QUEUE_OFFSET);
    }

    public static long physicalOffset(ByteBuffer record) {
        return physicalOffset(record, record.position());
    }

    public static long physicalOffset(ByteBuffer buf, int at) {
        return buf.getLong(at + OFF_PHYSICAL_OFFSET);
    }

    public static int sysFlag(ByteBuffer record) {
        return sysFlag(record, record.position());
    }

    public static int sysFlag(ByteBuffer buf, int at) {
        return buf.getInt(at + OFF_SYS_FLAG);
    }

    public static long bornTimestamp(ByteBuffer record) {
        return record.getLong(record.position() + OFF_BORN_TIMESTAMP);
    }

    public static long storeTimestamp(ByteBuffer record) {
        return storeTimestamp(record, record.position());
    }

    public static long storeTimestamp(ByteBuffer buf, int at) {
        return buf.getLong(at + storeTimestampOffset(sysFlag(buf, at)));
    }

    public static int reconsumeTimes(ByteBuffer record) {
        int at = record.position();
        return record.getInt(at + reconsumeTimesOffset(sysFlag(record, at)));
    }

    public static long preparedTransactionOffset(ByteBuffer record) {
        int at = record.position();
        return record.getLong(at + reconsumeTimesOffset(sysFlag(record, at)) + 4);
    }

    public static int bodyLength(ByteBuffer buf, int at) {
        return buf.getInt(at + bodyLengthOffset(sysFlag(buf, at)));
    }

    /** A copy of the body bytes (compressed if sysFlag bit 0x1 is set). */
    public static byte[] body(ByteBuffer record) {
        int at = record.position();
        int lenAt = at + bodyLengthOffset(sysFlag(record, at));
        byte[] body = new byte[record.getInt(lenAt)];
        record.get(lenAt + 4, body);
        return body;
    }

    public static String topic(ByteBuffer record) {
        return topic(record, record.position());
    }

    public static String topic(ByteBuffer buf, int at) {
        int lenAt = topicLengthOffset(buf, at);
        boolean v2 = magic(buf, at) == MAGIC_V2;
        int len = v2 ? buf.getShort(lenAt) & 0xFFFF : buf.get(lenAt) & 0xFF;
        byte[] bytes = new byte[len];
        buf.get(lenAt + (v2 ? 2 : 1), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The whole properties string ("" when there are none). */
    public static String properties(ByteBuffer record) {
        return properties(record, record.position());
    }

    public static String properties(ByteBuffer buf, int at) {
        int lenAt = propertiesLengthOffset(buf, at);
        int len = buf.getShort(lenAt) & 0xFFFF;
        byte[] bytes = new byte[len];
        buf.get(lenAt + 2, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One property value, or null when absent or empty ({@link MessageProperties}' rule). */
    public static String property(ByteBuffer record, String key) {
        return property(record, record.position(), key);
    }

    public static String property(ByteBuffer buf, int at, String key) {
        return MessageProperties.valueOf(properties(buf, at), key);
    }

    /** The tag code a consume-queue unit gets by default: {@code TAGS.hashCode()}, 0 without tag. */
    public static long defaultTagsCode(ByteBuffer buf, int at) {
        return MessageProperties.tagsCode(properties(buf, at));
    }

    /** The born host: 4 (IPv4) or 16 (IPv6, sysFlag 0x10) address bytes and an int32 port at byte 48. */
    public static InetSocketAddress bornHost(ByteBuffer record) {
        int at = record.position() + OFF_BORN_HOST;
        byte[] ip = new byte[(sysFlag(record) & FLAG_BORNHOST_V6) != 0 ? 16 : 4];
        record.get(at, ip);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), record.getInt(at + ip.length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreadable born host in record at " + record.position(), e);
        }
    }

    /**
     * True when a message record could start at {@code at}: a message magic, a total size of at least the
     * smallest record and within the {@code fileSize}, and a physicalOffset field equal to {@code offset} (its own
     * position in the log). Lengths and CRC are checked by recovery only.
     */
    static boolean isPlausible(ByteBuffer buf, int at, long offset, int fileSize) {
        int magic = magic(buf, at);
        int size = totalSize(buf, at);
        return (magic == MAGIC_V1 || magic == MAGIC_V2) && size >= MIN_RECORD_SIZE && size <= fileSize - at
                && physicalOffset(buf, at) == offset;
    }

    /**
     * Bytes to step over at a BLANK at {@code at}: its length when it marks a gap inside the file (a damaged
     * region skipped by recovery), else the rest of the file (the end-of-file filler).
     */
    static int blankLength(ByteBuffer buf, int at, int fileSize) {
        int rest = fileSize - at;
        if (rest < 8) {
            return rest;
        }
        int length = totalSize(buf, at);
        return length >= 8 && length < rest ? length : rest;
    }

    static int hostLength(boolean v6) {
        return v6 ? 20 : 8;
    }

    static int storeTimestampOffset(int sysFlag) {
        return OFF_BORN_HOST + hostLength((sysFlag & FLAG_BORNHOST_V6) != 0);
    }

    static int reconsumeTimesOffset(int sysFlag) {
        return storeTimestampOffset(sysFlag) + 8 + hostLength((sysFlag & FLAG_STOREHOST_V6) != 0);
    }

    static int bodyLengthOffset(int sysFlag) {
        return reconsumeTimesOffset(sysFlag) + 4 + 8;
    }

    /**
     * A heap copy of {@code record} (read from its position) with another topic and properties; every other field,
     * the body and its CRC included, is kept, and totalSize is recomputed. The magic is kept: a V1 record's topic must
     * fit its 1-byte length (else the copy is V2). For answers that show a message differently from how it is stored.
     */
    public static ByteBuffer rewrite(ByteBuffer record, String topic, String properties) {
        int at = record.position();
        int topicAt = topicLengthOffset(record, at);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] props = properties.getBytes(StandardCharsets.UTF_8);
        boolean v2 = magic(record, at) == MAGIC_V2 || topicBytes.length > 255;
        int head = topicAt - at;
        int size = head + (v2 ? 2 : 1) + topicBytes.length + 2 + props.length;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(0, record, at, head);
        out.putInt(OFF_TOTAL_SIZE, size);
        out.putInt(OFF_MAGIC, v2 ? MAGIC_V2 : MAGIC_V1);
        int p = head;
        if (v2) {
            out.putShort(p, (short) topicBytes.length);
            p += 2;
        } else {
            out.put(p++, (byte) topicBytes.length);
        }
        out.put(p, topicBytes);
        p += topicBytes.length;
        out.putShort(p, (short) props.length);
        out.put(p + 2, props);
        return out;
    }

    private static int topicLengthOffset(ByteBuffer buf, int at) {
        int lenAt = at + bodyLengthOffset(sysFlag(buf, at));
        return lenAt + 4 + buf.getInt(lenAt);
    }

    private static int propertiesLengthOffset(ByteBuffer buf, int at) {
        int lenAt = topicLengthOffset(buf, at);
        boolean v2 = magic(buf, at) == MAGIC_V2;
        int topicLen = v2 ? buf.getShort(lenAt) & 0xFFFF : buf.get(lenAt) & 0xFF;
        return lenAt + (v2 ? 2 : 1) + topicLen;
    }
}
