package io.apogee.broker.client;

import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the members of a consumer group that the membership or subscriptions changed, so they rebalance at
 * once instead of at their next 20-second round: NOTIFY_CONSUMER_IDS_CHANGED (40), oneway, header
 * {@code consumerGroup}, sent on each member's connection.
 *
 * <p>Thread-safe: stateless; sending is a non-blocking channel write.
 */
public final class ConsumerIdsChangeNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerIdsChangeNotifier.class);

    /** Sends the notice to every active connection of the group. */
    public void notifyMembers(String group, Collection<ClientConnection> members) {
        for (ClientConnection member : members) {
            if (!member.channel().isActive()) {
                continue;
            }
            RemotingCommand notice = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                    .putExt("consumerGroup", group)
                    .markOneway();
            try {
                member.channel().invokeOneway(notice);
            } catch (RuntimeException e) {
                LOG.debug("cannot notify {} of group {} change: {}", member, group, e.toString());
            }
        }
    }
}
