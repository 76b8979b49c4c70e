package io.apogee.broker.schedule;

import io.apogee.store.MessageDraft;
import io.apogee.store.StoredMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds a {@link MessageDraft} that re-stores a stored record (delay delivery, retries, dead letters):
 * body (still compressed if it was), flag, sysFlag, born time, born host, reconsume times, prepared-transaction
 * offset, topic, queue id and properties are copied; the store host is this broker's. Callers then change
 * what the new copy needs. The born host is decoded from the commit-log record (layout on
 * {@link StoredMessage}): at byte 48, 4 (IPv4) or 16 (IPv6, sysFlag 0x10) address bytes and an int32 port.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class StoredRecordCopy {

    private static final int BORN_HOST_OFFSET = 48;

    private StoredRecordCopy() {
    }

    /** A draft equal to {@code record} (read from its position), to be stored by {@code storeHost}. */
    public static MessageDraft of(ByteBuffer record, InetSocketAddress storeHost) {
        MessageDraft d = new MessageDraft();
        d.topic = StoredMessage.topic(record);
        d.queueId = StoredMessage.queueId(record);
        d.flag = StoredMessage.flag(record);
        d.body = StoredMessage.body(record);
        d.properties = StoredMessage.properties(record).getBytes(StandardCharsets.UTF_8);
        d.bornTimestamp = StoredMessage.bornTimestamp(record);
        d.bornHost = bornHost(record);
        d.storeHost = storeHost;
        d.sysFlag = StoredMessage.sysFlag(record);
        d.reconsumeTimes = StoredMessage.reconsumeTimes(record);
        d.preparedTransactionOffset = StoredMessage.preparedTransactionOffset(record);
        String tags = StoredMessage.property(record, StoredMessage.PROPERTY_TAGS);
        d.tagsCode = tags == null ? 0 : tags.hashCode();
        return d;
    }

    /** Sets the draft's properties and its tag code (TAGS hash) from them. */
    public static void setProperties(MessageDraft d, String props, String tags) {
        d.properties = props.getBytes(StandardCharsets.UTF_8);
        d.tagsCode = tags == null ? 0 : tags.hashCode();
    }

    static InetSocketAddress bornHost(ByteBuffer record) {
        int at = record.position() + BORN_HOST_OFFSET;
        boolean v6 = (StoredMessage.sysFlag(record) & StoredMessage.FLAG_BORNHOST_V6) != 0;
        byte[] ip = new byte[v6 ? 16 : 4];
        record.get(at, ip);
        int port = record.getInt(at + ip.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreadable born host in record at " + record.position(), e);
        }
    }
}
