package io.apogee.tools.admin;

import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.tools.message.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal producer on {@link AdminClient}: looks the topic's route up once and sends SEND_MESSAGE_V2 (310) to its
 * writable queues in turn from a random one (as the clients do), or to one chosen queue. For a topic the name
 * servers do not know yet it uses the route of {@code TBW102} with at most 4 queues, as the clients do, so a broker
 * with {@code autoCreateTopicEnable} creates the topic (docs/protocol/04-producer.md §1). Used by mqadmin's send
 * commands and the quickstart Producer.
 *
 * <p>Not thread-safe (the round-robin position): one sender per thread.
 */
public final class TopicSender {

    /** The key topic of auto-creation. */
    public static final String DEFAULT_TOPIC = "TBW102";
    private static final int DEFAULT_TOPIC_QUEUES = 4;

    private final AdminClient admin;
    private final String group;
    private final String topic;
    private final List<MessageQueue> queues;
    private final Map<String, String> masters;
    private int next;

    /** Resolves the route of {@code topic}; fails when neither it nor {@code TBW102} has writable queues. */
    public TopicSender(AdminClient admin, String group, String topic) throws AdminException {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        TopicRouteData route;
        boolean viaDefault = false;
        try {
            route = admin.route(topic);
        } catch (AdminException e) {
            if (e.code() != ResponseCode.TOPIC_NOT_EXIST) {
                throw e;
            }
            route = admin.route(DEFAULT_TOPIC);
            viaDefault = true;
        }
        List<MessageQueue> writable = BrokerLocator.writeQueues(topic, route);
        if (viaDefault) {
            writable = writable.stream().filter(q -> q.queueId() < DEFAULT_TOPIC_QUEUES).toList();
        }
        if (writable.isEmpty()) {
            throw new AdminException(ResponseCode.TOPIC_NOT_EXIST, "No route info of this topic: " + topic);
        }
        this.queues = writable;
        this.masters = BrokerLocator.masters(route);
        this.next = ThreadLocalRandom.current().nextInt(writable.size());
    }

    /** The writable queues, sorted. */
    public List<MessageQueue> queues() {
        return queues;
    }

    /** The master addresses this sender sends to. */
    public List<String> brokerAddrs() {
        return List.copyOf(masters.values());
    }

    /** Sends to the next queue in turn. */
    public SendReceipt send(OutgoingMessage message) throws AdminException {
        MessageQueue queue = queues.get(Math.floorMod(next++, queues.size()));
        return send(message, queue);
    }

    /** Sends to {@code queue}, which must be on a broker of the route. */
    public SendReceipt send(OutgoingMessage message, MessageQueue queue) throws AdminException {
        String addr = masters.get(queue.brokerName());
        if (addr == null) {
            throw AdminException.illegal("broker [" + queue.brokerName() + "] is not in the route of " + topic);
        }
        return admin.messages().send(addr, group, queue, message);
    }
}
