package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.broker.subscription.Subscription;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.Connection;
import io.apogee.remoting.body.ConsumerConnection;
import io.apogee.remoting.body.GroupList;
import io.apogee.remoting.body.ProducerConnection;
import io.apogee.remoting.body.TopicList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Who is connected and who consumes what (docs/protocol/06-admin.md):
 * <ul>
 *   <li>GET_CONSUMER_CONNECTION_LIST (203), header {@code consumerGroup}: {@link ConsumerConnection} of the group's
 *       live members and heartbeat-reported subscriptions; CONSUMER_NOT_ONLINE (206) when no member is live.</li>
 *   <li>GET_PRODUCER_CONNECTION_LIST (204), header {@code producerGroup}: {@link ProducerConnection};
 *       SYSTEM_ERROR (1) naming the group when it has no live member (Apache's answer).</li>
 *   <li>QUERY_TOPIC_CONSUME_BY_WHO (300), header {@code topic}: {@link GroupList} of the groups with a live
 *       subscription to the topic plus those with committed offsets on it; TOPIC_NOT_EXIST (17) when the topic is
 *       unknown here and no group has offsets on it.</li>
 *   <li>QUERY_TOPICS_BY_CONSUMER (343), header {@code group}: {@link TopicList} of the topics on which the group
 *       has committed offsets, with {@code brokerAddr}.</li>
 * </ul>
 * An illegal group name is refused with INVALID_PARAMETER (29) naming it.
 *
 * <p>Thread-safe: stateless apart from the thread-safe tables it reads.
 */
public final class ConnectionListProcessor implements RequestProcessor {

    private final ClientTable clients;
    private final ConsumerOffsetTable offsets;
    private final TopicTable topics;
    private final Supplier<String> brokerAddress;

    /** @param brokerAddress the broker's registered "ip:port", for TopicList's {@code brokerAddr} */
    public ConnectionListProcessor(ClientTable clients, ConsumerOffsetTable offsets, TopicTable topics,
                                   Supplier<String> brokerAddress) {
        this.clients = clients;
        this.offsets = offsets;
        this.topics = topics;
        this.brokerAddress = brokerAddress;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumers(request.requireExt("consumerGroup"));
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producers(request.requireExt("producerGroup"));
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request.requireExt("topic"));
            case RequestCode.QUERY_TOPICS_BY_CONSUMER -> topicsOf(request.requireExt("group"));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "connection list processor cannot handle request code " + request.code());
        };
    }

    private RemotingCommand consumers(String group) {
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(group);
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        ConsumerGroup live = clients.consumerGroup(group);
        if (live == null || live.connections().isEmpty()) {
            return RemotingCommand.response(ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[" + group + "] not online");
        }
        ConsumerConnection body = new ConsumerConnection();
        body.consumeType = live.consumeType();
        body.messageModel = live.messageModel();
        body.consumeFromWhere = live.consumeFromWhere();
        for (Subscription sub : live.subscriptions()) {
            body.subscriptionTable.put(sub.topic(), sub.toData());
        }
        body.connectionSet.addAll(connections(live.connections()));
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private RemotingCommand producers(String group) {
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(group);
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        List<ClientConnection> members = clients.producerConnections(group);
        if (members.isEmpty()) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "the producer group[" + group + "] not exist: no live producer of it is connected");
        }
        ProducerConnection body = new ProducerConnection();
        body.connectionSet.addAll(connections(members));
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private static List<Connection> connections(Collection<ClientConnection> members) {
        return members.stream()
                .sorted(Comparator.comparing(ClientConnection::clientId).thenComparing(ClientConnection::address))
                .map(c -> new Connection(c.clientId(), c.address(), c.language().name(), c.version()))
                .toList();
    }

    private RemotingCommand consumedBy(String topic) {
        Set<String> groups = new TreeSet<>(clients.consumerGroupsSubscribing(topic));
        groups.addAll(offsets.groupsOf(topic));
        if (groups.isEmpty() && topics.find(topic) == null) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "topic " + ClientText.of(topic) + " does not exist on this broker");
        }
        return RemotingCommand.success().body(JsonCodec.encode(new GroupList(groups)));
    }

    private RemotingCommand topicsOf(String group) {
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(group);
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        TopicList body = new TopicList();
        body.topicList.addAll(offsets.topicsOf(group));
        body.brokerAddr = brokerAddress.get();
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }
}
