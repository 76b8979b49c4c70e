package io.apogee.store;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Writes stored message records (layout in {@link StoredMessage}) straight into a mapped commit-log buffer.
 *
 * <p>Threads: {@link #write} uses one reusable CRC32 and must only be called by the holder of the commit-log
 * append lock; {@link #topicBytes} and the size helpers are thread-safe.
 */
final class RecordEncoder {

    private static final byte[] NO_PROPERTIES = new byte[0];
    private static final int TOPIC_CACHE_LIMIT = 100_000;

    private final CRC32 crc = new CRC32();
    private final ConcurrentHashMap<String, byte[]> topicCache = new ConcurrentHashMap<>();

    /** UTF-8 bytes of the topic, cached per topic name. */
    byte[] topicBytes(String topic) {
        byte[] b = topicCache.get(topic);
        if (b == null) {
            b = topic.getBytes(StandardCharsets.UTF_8);
            if (topicCache.size() < TOPIC_CACHE_LIMIT) {
                topicCache.put(topic, b);
            }
        }
        return b;
    }

    static byte[] properties(MessageDraft m) {
        return m.properties == null ? NO_PROPERTIES : m.properties;
    }

    static boolean isV6(InetSocketAddress host) {
        return host.getAddress() instanceof Inet6Address;
    }

    /** Length of the stored record for this draft. */
    static int recordSize(MessageDraft m, byte[] topic) {
        return StoredMessage.recordSize(m.body.length, topic.length, properties(m).length,
                StoredMessage.hostLength(isV6(m.bornHost)), StoredMessage.hostLength(isV6(m.storeHost)));
    }

    /** Writes the record of {@code m} at {@code at}; the caller has checked that {@code size} bytes fit. */
    void write(ByteBuffer buf, int at, MessageDraft m, byte[] topic, int size, long queueOffset,
               long physicalOffset, long storeTimestamp) {
        boolean bornV6 = isV6(m.bornHost);
        boolean storeV6 = isV6(m.storeHost);
        int sysFlag = (m.sysFlag & ~(StoredMessage.FLAG_BORNHOST_V6 | StoredMessage.FLAG_STOREHOST_V6))
                | (bornV6 ? StoredMessage.FLAG_BORNHOST_V6 : 0) | (storeV6 ? StoredMessage.FLAG_STOREHOST_V6 : 0);
        crc.reset();
        crc.update(m.body, 0, m.body.length);
        int p = at;
        buf.putInt(p, size);
        buf.putInt(p + 4, topic.length > 127 ? StoredMessage.MAGIC_V2 : StoredMessage.MAGIC_V1);
        buf.putInt(p + 8, (int) (crc.getValue() & 0x7FFFFFFF));
        buf.putInt(p + 12, m.queueId);
        buf.putInt(p + 16, m.flag);
        buf.putLong(p + 20, queueOffset);
        buf.putLong(p + 28, physicalOffset);
        buf.putInt(p + 36, sysFlag);
        buf.putLong(p + 40, m.bornTimestamp);
        p = putHost(buf, p + 48, m.bornHost);
        buf.putLong(p, storeTimestamp);
        p = putHost(buf, p + 8, m.storeHost);
        buf.putInt(p, m.reconsumeTimes);
        buf.putLong(p + 4, m.preparedTransactionOffset);
        buf.putInt(p + 12, m.body.length);
        buf.put(p + 16, m.body);
        p += 16 + m.body.length;
        if (topic.length > 127) {
            buf.putShort(p, (short) topic.length);
            p += 2;
        } else {
            buf.put(p++, (byte) topic.length);
        }
        buf.put(p, topic);
        p += topic.length;
        byte[] props = properties(m);
        buf.putShort(p, (short) props.length);
        buf.put(p + 2, props);
    }

    private static int putHost(ByteBuffer buf, int at, InetSocketAddress host) {
        InetAddress address = host.getAddress();
        byte[] ip = address.getAddress();
        buf.put(at, ip);
        buf.putInt(at + ip.length, host.getPort());
        return at + ip.length + 4;
    }
}
