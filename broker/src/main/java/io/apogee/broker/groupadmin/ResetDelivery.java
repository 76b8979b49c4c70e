package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.ResetOffsetBody;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies new committed offsets of a group the way an admin offset reset does ({@link ResetOffsetProcessor}): each
 * queue's offset is committed, and as the {@link Hold} says also held against the clients' other commits (and pulls)
 * until they commit it themselves; then RESET_CONSUMER_CLIENT_OFFSET (220, oneway, header {@code topic},
 * {@code group}, {@code timestamp}, {@code isForce}, body {@link ResetOffsetBody}) goes to every live member, which
 * drops its local state of those queues (an orderly consumer included: its ProcessQueue is marked dropped and
 * cleared), waits about 10 s, commits the new offsets and takes the queues up again at its next rebalance.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables; sends do not block.
 */
final class ResetDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ResetDelivery.class);

    /** How the new offsets are held until the clients take them up. */
    enum Hold {
        /** Committed only (classic reset, {@code useServerSideResetOffset=false}). */
        NONE,
        /** Other commits ignored ({@link ConsumerOffsetTable#holdCommit}); pulls served as asked. */
        COMMITS,
        /** Other commits ignored and pulls from elsewhere moved ({@link ConsumerOffsetTable#assignReset}). */
        COMMITS_AND_PULLS
    }

    private final ConsumerOffsetTable offsets;
    private final ClientTable clients;

    ResetDelivery(ConsumerOffsetTable offsets, ClientTable clients) {
        this.offsets = offsets;
        this.clients = clients;
    }

    /**
     * Commits every offset of {@code table} for {@code group} on {@code topic}, held as {@code hold} says, and tells
     * the group's live members; returns how many were told.
     */
    int deliver(String group, String topic, long timestamp, boolean force, ResetOffsetBody table, Hold hold) {
        table.offsetTable.forEach((queue, offset) -> {
            switch (hold) {
                case COMMITS_AND_PULLS -> offsets.assignReset(group, topic, queue.queueId, offset);
                case COMMITS -> offsets.holdCommit(group, topic, queue.queueId, offset);
                default -> offsets.commit(group, topic, queue.queueId, offset);
            }
        });
        ConsumerGroup live = clients.consumerGroup(group);
        Collection<ClientConnection> members = live == null ? List.of() : live.connections();
        byte[] body = JsonCodec.encode(table);
        int told = 0;
        for (ClientConnection member : members) {
            if (!member.channel().isActive()) {
                continue;
            }
            RemotingCommand notice = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
                    .putExt("topic", topic).putExt("group", group).putExt("timestamp", timestamp)
                    .putExt("isForce", force).body(body).markOneway();
            try {
                member.channel().invokeOneway(notice);
                told++;
            } catch (RuntimeException e) {
                LOG.warn("cannot tell {} of the offset reset of group {}: {}", member, group, e.toString());
            }
        }
        return told;
    }
}
