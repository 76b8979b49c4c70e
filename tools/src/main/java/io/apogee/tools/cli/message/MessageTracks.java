package io.apogee.tools.cli.message;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumeStats;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.OffsetWrapper;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.BrokerLocator;
import io.apogee.tools.cli.consumer.ConnectionLookup;
import io.apogee.tools.message.MessageRecord;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the query-message commands print under a message, as Apache's {@code messageTrackDetail}: one line per group
 * that consumes the topic (QUERY_TOPIC_CONSUME_BY_WHO 300 on the topic's masters), {@code MessageTrack
 * [consumerGroup=G, trackType=T, exceptionDesc=D]}, where T is CONSUMED (the group's committed offset of the
 * message's queue on the broker that stored it is past the message; CONSUMED_BUT_FILTERED when its subscription
 * excludes the tag), NOT_CONSUME_YET, PULL (a pull consumer, whose progress the broker does not judge), NOT_ONLINE
 * (no live client, code 206) or UNKNOWN with the error; {@code WARN: No Consumer} when no group consumes the topic.
 *
 * <p>Stateless, hence thread-safe.
 */
final class MessageTracks {

    private MessageTracks() {
    }

    /** Prints the tracks of {@code m}, read from the broker that stored it. */
    static void print(AdminClient admin, PrintWriter out, MessageRecord m) throws AdminException {
        Set<String> groups = new TreeSet<>();
        for (String addr : BrokerLocator.masters(admin.route(m.topic())).values()) {
            groups.addAll(admin.groups().consumersOfTopic(addr, m.topic()).groupList);
        }
        if (groups.isEmpty()) {
            out.printf("%n%nWARN: No Consumer");
            return;
        }
        String brokerName = BrokerLocator.brokerNameOf(admin.clusterInfo(), m.storeHost()).orElse(null);
        out.printf("%n%n");
        for (String group : groups) {
            out.printf("MessageTrack [consumerGroup=%s, %s]%n", group, track(admin, m, brokerName, group));
        }
    }

    /** {@code trackType=T, exceptionDesc=D} of one group. */
    private static String track(AdminClient admin, MessageRecord m, String brokerName, String group) {
        try {
            ConsumerConnection cc = ConnectionLookup.consumers(admin, group, null);
            if ("CONSUME_ACTIVELY".equals(cc.consumeType)) {
                return line("PULL", null);
            }
            if (!consumed(admin.consumeStats(group, m.topic()), m, brokerName)) {
                return line("NOT_CONSUME_YET", null);
            }
            SubscriptionData sub = cc.subscriptionTable.get(m.topic());
            boolean takesTag = sub == null || sub.tagsSet.isEmpty() || sub.tagsSet.contains("*")
                    || sub.tagsSet.contains(m.tags());
            return line(takesTag ? "CONSUMED" : "CONSUMED_BUT_FILTERED", null);
        } catch (AdminException e) {
            String type = e.code() == ResponseCode.CONSUMER_NOT_ONLINE ? "NOT_ONLINE" : "UNKNOWN";
            return line(type, "CODE:" + e.code() + " DESC:" + e.remark());
        } catch (RuntimeException e) {
            return line("UNKNOWN", e.getMessage());
        }
    }

    private static boolean consumed(ConsumeStats stats, MessageRecord m, String brokerName) {
        for (Map.Entry<MessageQueueBody, OffsetWrapper> e : stats.offsetTable.entrySet()) {
            MessageQueueBody q = e.getKey();
            if (q.topic.equals(m.topic()) && q.queueId == m.queueId() && q.brokerName.equals(brokerName)) {
                return e.getValue().consumerOffset > m.queueOffset();
            }
        }
        return false;
    }

    private static String line(String type, String exceptionDesc) {
        return "trackType=" + type + ", exceptionDesc=" + exceptionDesc;
    }
}
