package io.apogee.broker.assignment;

import io.apogee.broker.topic.TopicTable;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readable queues of a topic over every broker of its route, for QUERY_ASSIGNMENT: queue ids
 * {@code 0..readQueueNums-1} of each broker whose queue data is readable, as Apache's
 * {@code topicRouteData2TopicSubscribeInfo} builds them, sorted by topic, broker name and queue id.
 *
 * <p>The route comes from the name servers of {@code namesrvAddr} (GET_ROUTEINFO_BY_TOPIC, one name server after
 * the other until one answers) and is kept {@value #FRESH_MILLIS} ms, so a rebalance of many clients asks once;
 * concurrent look-ups of one topic share one request. A name server answering TOPIC_NOT_EXIST gives null (no
 * assignment); when none answers, the last known queues are used (null if none). Without name servers (a
 * standalone broker in tests) the queues are this broker's own, from its topic table.
 *
 * <p>Thread-safe: a concurrent map of futures; futures complete on the client's I/O thread (callers chain with
 * {@code *Async}). Nothing here blocks.
 */
final class TopicQueues implements AutoCloseable {

    /** How long a route is reused. */
    static final long FRESH_MILLIS = 3_000;
    /** Timeout of one name-server request (the client waits 3 s for its QUERY_ASSIGNMENT answer). */
    static final long TIMEOUT_MILLIS = 1_500;
    /** Most topics cached; beyond it the cache is emptied (look-ups of made-up topics cannot grow it forever). */
    static final int MAX_TOPICS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(TopicQueues.class);
    private static final Comparator<MessageQueueBody> ORDER = Comparator.comparing((MessageQueueBody q) -> q.topic)
            .thenComparing(q -> q.brokerName).thenComparingInt(q -> q.queueId);

    /** A route as of {@code fetchedAt}; {@code queues} completes with null for an unknown topic. */
    private record Entry(CompletableFuture<List<MessageQueueBody>> queues, long fetchedAt) {
    }

    private final List<String> nameServers;
    private final TopicTable topics;
    private final String brokerName;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final RemotingClient client;

    /**
     * @param namesrvAddr "host:port;host:port", or empty for this broker's own queues
     * @param topics      this broker's topics (used without name servers)
     * @param brokerName  this broker's name (used without name servers)
     */
    TopicQueues(String namesrvAddr, TopicTable topics, String brokerName, LongSupplier clock) {
        this.nameServers = namesrvAddr == null ? List.of() : Arrays.stream(namesrvAddr.split(";"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.topics = topics;
        this.brokerName = brokerName;
        this.clock = clock;
        this.client = nameServers.isEmpty() ? null : new RemotingClient("broker-routes");
    }

    /** The topic's readable queues, sorted; completes with null when the topic has no route. */
    CompletableFuture<List<MessageQueueBody>> of(String topic) {
        if (client == null) {
            return CompletableFuture.completedFuture(local(topic));
        }
        long now = clock.getAsLong();
        Entry entry = cache.get(topic);
        if (entry != null && (!entry.queues().isDone() || now - entry.fetchedAt() < FRESH_MILLIS)) {
            return entry.queues();
        }
        if (cache.size() >= MAX_TOPICS) {
            cache.clear();
        }
        Entry mine = new Entry(new CompletableFuture<>(), now);
        Entry current = cache.compute(topic, (t, old) -> old == null || old == entry ? mine : old);
        if (current == mine) {
            fetch(topic, entry == null ? null : entry.queues().getNow(null), mine.queues());
        }
        return current.queues();
    }

    /** Completes {@code into} with the route's queues, or {@code previous} when no name server answers. */
    private void fetch(String topic, List<MessageQueueBody> previous, CompletableFuture<List<MessageQueueBody>> into) {
        ask(topic, 0, next.getAndIncrement()).whenComplete((queues, error) -> {
            if (error != null) {
                LOG.warn("no route of topic {} from name servers {}: {}{}", ClientText.of(topic), nameServers,
                        error.getMessage(), previous == null ? "" : "; using the last known queues");
                into.complete(previous);
            } else {
                into.complete(queues);
            }
        });
    }

    /** Asks name server {@code (start + tried) % n}, then the next ones until one answers. */
    private CompletableFuture<List<MessageQueueBody>> ask(String topic, int tried, int start) {
        String ns = nameServers.get(Math.floorMod(start + tried, nameServers.size()));
        CompletableFuture<RemotingCommand> response;
        try {
            response = client.invokeAsync(ns, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                    .putExt("topic", topic), TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.thenApply(r -> queues(topic, r)).handle((queues, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(queues);
            }
            if (tried + 1 < nameServers.size()) {
                return ask(topic, tried + 1, start);
            }
            return CompletableFuture.<List<MessageQueueBody>>failedFuture(error);
        }).thenCompose(f -> f);
    }

    private static List<MessageQueueBody> queues(String topic, RemotingCommand response) {
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return null;
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("GET_ROUTEINFO_BY_TOPIC answered " + response.code() + " "
                    + response.remark());
        }
        TopicRouteData route = JsonCodec.decodeLenient(response.body(), TopicRouteData.class);
        List<MessageQueueBody> queues = new ArrayList<>();
        if (route.queueDatas != null) {
            for (QueueData data : route.queueDatas) {
                if ((data.perm & TopicConfig.PERM_READ) != 0) {
                    addQueues(queues, topic, data.brokerName, data.readQueueNums);
                }
            }
        }
        return queues.stream().distinct().sorted(ORDER).toList();
    }

    /** This broker's own readable queues of the topic, or null when it does not have the topic. */
    private List<MessageQueueBody> local(String topic) {
        TopicConfig config = topics.find(topic);
        if (config == null) {
            return null;
        }
        List<MessageQueueBody> queues = new ArrayList<>();
        if (config.isReadable()) {
            addQueues(queues, topic, brokerName, config.readQueueNums);
        }
        return queues;
    }

    private static void addQueues(List<MessageQueueBody> queues, String topic, String broker, int count) {
        for (int i = 0; i < count; i++) {
            queues.add(new MessageQueueBody(topic, broker, i));
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
