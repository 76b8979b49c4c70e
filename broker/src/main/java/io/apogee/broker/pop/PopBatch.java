package io.apogee.broker.pop;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.message.PropertyEditor;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.StoredMessage;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What one pop hands out, collected queue by queue, and its answer (docs/protocol/16-*.md §4):
 * <ul>
 *   <li>body: the stored records back to back. Records of the topic itself are the mapped slices, uncopied.
 *       Records of the POP retry topic are rewritten: topic set to the requested one and a complete 8-field
 *       {@code POP_CK} added ({@link PopHandle}), so the client acknowledges them against the retry topic;</li>
 *   <li>header: {@code popTime}, {@code invisibleTime}, {@code reviveQid}, {@code restNum} (always, also on 209 and
 *       210: the client decodes them), {@code startOffsetInfo} ({@code retryFlag queueId startOffset} per queue read,
 *       ';'-separated), {@code msgOffsetInfo} ({@code retryFlag queueId off,off,...}) and, for orderly pops,
 *       {@code orderCountInfo} ({@code retryFlag queueId count} and {@code retryFlag qo<queueId>%<offset> count}).
 *       The client builds each normal message's handle from the two info strings.</li>
 * </ul>
 *
 * <p>Not thread-safe: owned by the thread running the pop.
 */
final class PopBatch {

    private final String topic;
    private final long popTime;
    private final long invisibleTime;
    private final int reviveQid;
    private final int max;
    private final String brokerName;
    private final StringBuilder startOffsets = new StringBuilder();
    private final StringBuilder msgOffsets = new StringBuilder();
    private final StringBuilder orderCounts = new StringBuilder();
    private CompositeByteBuf body;
    private int count;
    private long rest;

    PopBatch(String topic, long popTime, long invisibleTime, int reviveQid, int max, String brokerName) {
        this.topic = topic;
        this.popTime = popTime;
        this.invisibleTime = invisibleTime;
        this.reviveQid = reviveQid;
        this.max = max;
        this.brokerName = brokerName;
    }

    /** How many more messages this pop may take. */
    int room() {
        return max - count;
    }

    long popTime() {
        return popTime;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds a queue's backlog (messages left unread) to {@code restNum}. */
    void addRest(long messages) {
        rest += Math.max(0, messages);
    }

    /** Adds the records read from {@code readTopic}'s queue, starting at {@code startOffset}. */
    void add(String readTopic, int queueId, long startOffset, List<ByteBuffer> records) {
        int flag = PopHandle.retryFlagOf(readTopic);
        separate(startOffsets).append(flag).append(' ').append(queueId).append(' ').append(startOffset);
        separate(msgOffsets).append(flag).append(' ').append(queueId).append(' ');
        if (body == null) {
            body = Unpooled.compositeBuffer(Math.max(2, max));
        }
        for (int i = 0; i < records.size(); i++) {
            ByteBuffer record = records.get(i);
            long offset = StoredMessage.queueOffset(record);
            msgOffsets.append(i == 0 ? "" : ",").append(offset);
            ByteBuffer out = flag == PopHandle.NORMAL ? record : rewritten(record, flag, queueId, startOffset, offset);
            body.addComponent(true, Unpooled.wrappedBuffer(out));
        }
        count += records.size();
    }

    /** Records an orderly pop's delivery counts (each offset's, and the queue's smallest). */
    void addOrderCounts(String readTopic, int queueId, long[] offsets, int[] counts) {
        int flag = PopHandle.retryFlagOf(readTopic);
        int least = Integer.MAX_VALUE;
        for (int i = 0; i < offsets.length; i++) {
            separate(orderCounts).append(flag).append(" qo").append(queueId).append('%').append(offsets[i])
                    .append(' ').append(counts[i]);
            least = Math.min(least, counts[i]);
        }
        separate(orderCounts).append(flag).append(' ').append(queueId).append(' ')
                .append(offsets.length == 0 ? 0 : least);
    }

    private ByteBuffer rewritten(ByteBuffer record, int flag, int queueId, long startOffset, long offset) {
        String handle = new PopHandle(startOffset, popTime, invisibleTime, reviveQid, flag, brokerName, queueId,
                offset).render();
        String props = PropertyEditor.of(StoredMessage.properties(record))
                .setIfAbsent(MessageProperties.POP_CK, handle).render();
        return StoredMessage.rewrite(record, topic, props);
    }

    private static StringBuilder separate(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(';');
    }

    /** SUCCESS with the messages, or {@code emptyCode} (POLLING_TIMEOUT, POLLING_FULL) with the header only. */
    RemotingCommand answer(int emptyCode) {
        RemotingCommand response = count > 0 ? RemotingCommand.response(ResponseCode.SUCCESS, "FOUND")
                : RemotingCommand.response(emptyCode, "NO_MESSAGE_IN_QUEUE");
        response.putExt("popTime", popTime).putExt("invisibleTime", invisibleTime).putExt("reviveQid", reviveQid)
                .putExt("restNum", rest).putExt("startOffsetInfo", startOffsets.toString())
                .putExt("msgOffsetInfo", msgOffsets.toString());
        if (!orderCounts.isEmpty()) {
            response.putExt("orderCountInfo", orderCounts.toString());
        }
        if (count > 0) {
            response.bodyRegion(body);
        } else if (body != null) {
            body.release();
        }
        return response;
    }
}
