package io.apogee.store;

import java.net.InetSocketAddress;

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
}
