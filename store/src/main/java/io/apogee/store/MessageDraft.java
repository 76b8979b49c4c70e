package io.apogee.store;

import io.apogee.common.message.MessageProperties;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message to append, filled in by the broker. Mutable and reusable: the store copies everything it needs
 * into the commit log during {@link MessageStore#put} and keeps no reference afterwards. Not thread-safe;
 * a draft must not be modified while a put with it is in progress.
 *
 * <p>The store fills queueOffset, physicalOffset and storeTimestamp of the stored record itself, and sets
 * the host bits 0x10/0x20 of {@link #sysFlag} from the address types of {@link #bornHost}/{@link #storeHost}.
 */
public final class MessageDraft {
    public String topic;
    public int queueId;
    public int flag;
    public byte[] body;
    /** UTF-8 properties string ({@code key\u0001value\u0002...}); null or empty for none. */
    public byte[] properties;
    public long bornTimestamp;
    public InetSocketAddress bornHost;
    /** The broker's client-reachable address; becomes part of the offsetMsgId. */
    public InetSocketAddress storeHost;
    public int sysFlag;
    public int reconsumeTimes;
    public long preparedTransactionOffset;
    /** Written into the consume-queue unit; usually {@code TAGS.hashCode()}, 0 without tag. */
    public long tagsCode;
    /**
     * Whether the put's answer waits for SYNC_FLUSH's force and SYNC_MASTER's slave acknowledgement (Apache's
     * {@code isWaitStoreMsgOK}, the message property {@code WAIT}; the broker sets it). When false, the put answers
     * PUT_OK once the record is appended; it is forced and replicated later like any other. In a batch only the
     * first draft's value counts. Not stored and not copied by {@link #copyOf}.
     */
    public boolean waitStoreMsgOK = true;

    /**
     * A draft equal to the stored {@code record} (read from its position; layout on {@link StoredMessage}), to be
     * stored again by {@code storeHost} (delay delivery, retries, dead letters, transactions): topic, queue id,
     * flag, body (still compressed if it was), properties and their tag code, born time and host, sysFlag,
     * reconsume times and prepared-transaction offset are copied. Callers then change what the new copy needs. A copy
     * does not wait for the disk or a slave ({@link #waitStoreMsgOK} false), as Apache stores its own copies: the
     * original is already stored, and the services moving messages must not stall on a slave.
     */
    public static MessageDraft copyOf(ByteBuffer record, InetSocketAddress storeHost) {
        MessageDraft d = new MessageDraft();
        d.waitStoreMsgOK = false;
        d.topic = StoredMessage.topic(record);
        d.queueId = StoredMessage.queueId(record);
        d.flag = StoredMessage.flag(record);
        d.body = StoredMessage.body(record);
        d.setProperties(StoredMessage.properties(record));
        d.bornTimestamp = StoredMessage.bornTimestamp(record);
        d.bornHost = StoredMessage.bornHost(record);
        d.storeHost = storeHost;
        d.sysFlag = StoredMessage.sysFlag(record);
        d.reconsumeTimes = StoredMessage.reconsumeTimes(record);
        d.preparedTransactionOffset = StoredMessage.preparedTransactionOffset(record);
        return d;
    }

    /** Sets the properties and, from their {@code TAGS}, the tag code. */
    public void setProperties(String props) {
        properties = props.getBytes(StandardCharsets.UTF_8);
        tagsCode = MessageProperties.tagsCode(props);
    }
}
