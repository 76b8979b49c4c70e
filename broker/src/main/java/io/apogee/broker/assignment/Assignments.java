package io.apogee.broker.assignment;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.ExecutorStop;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broker-side queue assignment for 5.x push consumers with {@code clientRebalance=false}: the request modes
 * ({@link MessageRequestModes}, {@code messageRequestMode.json}, loaded here), the topic routes it divides
 * ({@link TopicQueues}: the name servers' routes, or this broker's topics without name servers) and
 * QUERY_ASSIGNMENT / SET_MESSAGE_REQUEST_MODE ({@link AssignmentProcessor}). QUERY_ASSIGNMENT runs on its own
 * {@value #THREADS} {@code broker-assignment-*} threads (queue {@value #QUEUE_CAPACITY}; beyond it SYSTEM_BUSY), so
 * a rebalance storm neither waits for nor delays the worker pool.
 *
 * <p>Use: construct, {@link #registerWith} the broker's server, {@link #close()}. The POP path reads
 * {@link #modes()}.
 *
 * <p>Thread-safe: every part is.
 */
public final class Assignments implements AutoCloseable {

    static final int THREADS = 2;
    static final int QUEUE_CAPACITY = 10_000;

    private final MessageRequestModes modes;
    private final TopicQueues queues;
    private final ThreadPoolExecutor executor;
    private final AssignmentProcessor processor;

    /**
     * @param configDir where {@code messageRequestMode.json} lives
     * @param clients   live clients by group (whose ids the queues are divided among)
     * @param groups    subscription groups (SET_MESSAGE_REQUEST_MODE's group check, auto-creation)
     */
    public Assignments(BrokerConfig config, Path configDir, MetadataWriter metadata, TopicTable topics,
                       ClientTable clients, SubscriptionGroupTable groups) {
        this.modes = new MessageRequestModes(configDir, config, metadata);
        modes.load();
        this.queues = new TopicQueues(config.namesrvAddr, topics, config.brokerName, System::currentTimeMillis);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY),
                r -> new Thread(r, "broker-assignment-" + n.incrementAndGet()));
        this.processor = new AssignmentProcessor(new AssignmentProcessor.Parts(modes, queues, clients, topics, groups,
                config, executor));
    }

    /**
     * Registers QUERY_ASSIGNMENT (own executor), SET_MESSAGE_REQUEST_MODE and GET_ALL_MESSAGE_REQUEST_MODE (worker
     * pool).
     */
    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.QUERY_ASSIGNMENT, processor, executor);
        server.registerProcessor(RequestCode.SET_MESSAGE_REQUEST_MODE, processor);
        server.registerProcessor(RequestCode.GET_ALL_MESSAGE_REQUEST_MODE, processor);
    }

    /** The request mode of each topic and group ({@link MessageRequestModes#mode}). */
    public MessageRequestModes modes() {
        return modes;
    }

    @Override
    public void close() {
        ExecutorStop.gracefully(executor);
        queues.close();
    }
}
