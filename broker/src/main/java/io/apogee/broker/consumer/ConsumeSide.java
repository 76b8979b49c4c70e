package io.apogee.broker.consumer;

import io.apogee.common.DaemonScheduler;
import io.apogee.common.ExecutorStop;
import io.apogee.broker.assignment.Assignments;
import io.apogee.broker.assignment.MessageRequestModes;
import io.apogee.broker.client.ClientManageProcessor;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerIdsChangeNotifier;
import io.apogee.broker.client.QueueLockProcessor;
import io.apogee.broker.client.QueueLockTable;
import io.apogee.broker.client.RetryQueueWatch;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.offset.ConsumerOffsetProcessor;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.offset.QueueOffsetProcessor;
import io.apogee.broker.pull.PullMessageProcessor;
import io.apogee.broker.pull.PullRequestHoldService;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageArrivalListener;
import io.apogee.store.MessageStore;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's consumer side, wired from small parts: the client table (heartbeats, group membership,
 * change notices), orderly queue locks, subscription groups ({@code subscriptionGroup.json}), committed offsets
 * ({@code consumerOffset.json}), queue offset look-ups, pulls with long polling, and broker-side queue assignment
 * of 5.x consumers ({@link Assignments}: QUERY_ASSIGNMENT, request modes in {@code messageRequestMode.json}).
 *
 * <p>Use: construct (loads the three JSON files), {@link #registerWith} the broker's server, {@link #start()},
 * register as the store's {@link MessageArrivalListener}, {@link #close()} (flushes offsets).
 *
 * <p>Thread-safe: every part is thread-safe; pulls run on their own pool of
 * {@code pullMessageThreadPoolNums} threads, housekeeping (offset flush, expired-client scan) on one thread.
 */
public final class ConsumeSide implements Lifecycle, MessageArrivalListener {

    /** Milliseconds between scans for clients that stopped heartbeating. */
    static final long CLIENT_SCAN_INTERVAL_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeSide.class);

    private final BrokerConfig config;
    private final MessageStore store;
    private final SubscriptionGroupTable groups;
    private final ConsumerOffsetTable offsets;
    private final TopicTable topics;
    private final ClientTable clients;
    private final RetryQueueWatch retryWatch;
    private final QueueLockTable queueLocks = new QueueLockTable();
    private final ThreadPoolExecutor pullExecutor;
    private final PullRequestHoldService holdService;
    private final PullMessageProcessor pullProcessor;
    private final ClientManageProcessor clientProcessor;
    private final Assignments assignments;
    private final ScheduledExecutorService housekeeping = DaemonScheduler.named("consume-side-housekeeping");
    private volatile MessageArrivalListener alsoNotified;
    private boolean closed;

    public ConsumeSide(BrokerConfig config, Path configDir, MessageStore store, TopicTable topics,
                       MetadataWriter metadata) {
        this(config, configDir, store, topics, metadata, BrokerStats.unshared());
    }

    /** As above, counting every pull's store read in {@code stats}. */
    public ConsumeSide(BrokerConfig config, Path configDir, MessageStore store, TopicTable topics,
                       MetadataWriter metadata, BrokerStats stats) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.groups = new SubscriptionGroupTable(configDir, config.autoCreateSubscriptionGroup, metadata);
        this.offsets = new ConsumerOffsetTable(configDir);
        groups.load();
        offsets.load();
        this.clients = new ClientTable(new ConsumerIdsChangeNotifier(), this::notifyEnabled);
        this.retryWatch = new RetryQueueWatch(clients);
        this.pullExecutor = new ThreadPoolExecutor(config.pullMessageThreadPoolNums, config.pullMessageThreadPoolNums,
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(config.pullThreadPoolQueueCapacity),
                namedThreads("broker-pull-"));
        this.holdService = new PullRequestHoldService(store, pullExecutor, config.pullHoldMaxPerConnection,
                config.pullHoldMaxTotal);
        this.pullProcessor = new PullMessageProcessor(config, store, topics, groups, clients, offsets, holdService,
                retryWatch);
        pullProcessor.countWith(stats);
        this.clientProcessor = new ClientManageProcessor(clients, groups, topics, config.enablePropertyFilter);
        this.assignments = new Assignments(config, configDir, metadata, topics, clients, groups);
    }

    /** Registers every consumer-side processor and the connection listener with the broker's server. */
    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.HEART_BEAT, clientProcessor);
        server.registerProcessor(RequestCode.UNREGISTER_CLIENT, clientProcessor);
        server.registerProcessor(RequestCode.GET_CONSUMER_LIST_BY_GROUP, clientProcessor);
        server.registerProcessor(RequestCode.CHECK_CLIENT_CONFIG, clientProcessor);
        ConsumerOffsetProcessor offsetProcessor = new ConsumerOffsetProcessor(offsets, store, clients, topics);
        server.registerProcessor(RequestCode.QUERY_CONSUMER_OFFSET, offsetProcessor);
        server.registerProcessor(RequestCode.UPDATE_CONSUMER_OFFSET, offsetProcessor);
        QueueOffsetProcessor queueProcessor = new QueueOffsetProcessor(store, topics);
        server.registerProcessor(RequestCode.GET_MAX_OFFSET, queueProcessor);
        server.registerProcessor(RequestCode.GET_MIN_OFFSET, queueProcessor);
        server.registerProcessor(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, queueProcessor);
        server.registerProcessor(RequestCode.GET_EARLIEST_MSG_STORETIME, queueProcessor);
        QueueLockProcessor lockProcessor = new QueueLockProcessor(queueLocks);
        server.registerProcessor(RequestCode.LOCK_BATCH_MQ, lockProcessor);
        server.registerProcessor(RequestCode.UNLOCK_BATCH_MQ, lockProcessor);
        server.registerProcessor(RequestCode.PULL_MESSAGE, pullProcessor, pullExecutor);
        server.registerProcessor(RequestCode.LITE_PULL_MESSAGE, pullProcessor, pullExecutor);
        assignments.registerWith(server);
        server.addListener(new ChannelEventListener() {
            @Override
            public void onClose(RemoteChannel channel) {
                clients.connectionClosed(channel.remoteAddress());
                holdService.dropConnection(channel);
            }
        });
    }

    @Override
    public void start() {
        holdService.start();
        housekeeping.scheduleWithFixedDelay(this::flushOffsets, config.flushConsumerOffsetInterval,
                config.flushConsumerOffsetInterval, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::removeExpiredClients, CLIENT_SCAN_INTERVAL_MILLIS,
                CLIENT_SCAN_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void arrived(String topic, int queueId, long logicOffset, long tagsCode, long storeTimestamp) {
        holdService.arrived(topic, queueId, logicOffset, tagsCode);
        retryWatch.arrived(topic);
        MessageArrivalListener also = alsoNotified;
        if (also != null) {
            also.arrived(topic, queueId, logicOffset, tagsCode, storeTimestamp);
        }
    }

    /** Passes every arrival on to {@code listener} as well (the POP side's held pops). */
    public void alsoNotify(MessageArrivalListener listener) {
        this.alsoNotified = listener;
    }

    /** The pool pulls run on (pops share it). */
    public Executor pullExecutor() {
        return pullExecutor;
    }

    /** Live clients by group (for admin answers such as consumer connections and transaction checks). */
    public ClientTable clients() {
        return clients;
    }

    /** Committed consumer offsets (for consume stats and offset resets). */
    public ConsumerOffsetTable offsets() {
        return offsets;
    }

    /** Queue locks of orderly consumers (send-back of orderly groups may consult them). */
    public QueueLockTable queueLocks() {
        return queueLocks;
    }

    /** Consumer group settings (for send-back and admin). */
    public SubscriptionGroupTable subscriptionGroups() {
        return groups;
    }

    /** PULL or POP per topic and group, as QUERY_ASSIGNMENT answers it ({@link MessageRequestModes#mode}). */
    public MessageRequestModes requestModes() {
        return assignments.modes();
    }

    /** Pull requests waiting in the broker-pull pool's queue. */
    public int pullQueueSize() {
        return pullExecutor.getQueue().size();
    }

    /** Pull requests currently parked by long polling. */
    public int heldPullCount() {
        return holdService.heldCount();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        holdService.close();
        ExecutorStop.gracefully(pullExecutor);
        assignments.close();
        flushOffsets();
    }

    private boolean notifyEnabled(String group) {
        SubscriptionGroupConfig groupConfig = groups.find(group);
        return groupConfig == null || groupConfig.notifyConsumerIdsChangedEnable;
    }

    private void flushOffsets() {
        try {
            offsets.flush();
        } catch (Throwable t) {
            LOG.error("flushing consumer offsets failed", t);
        }
    }

    private void removeExpiredClients() {
        try {
            clients.removeExpired(System.currentTimeMillis(), config.channelExpiredTimeout);
        } catch (Throwable t) {
            LOG.error("scanning for expired clients failed", t);
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + n.incrementAndGet());
    }
}
