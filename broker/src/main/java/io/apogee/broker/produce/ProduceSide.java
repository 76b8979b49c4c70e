package io.apogee.broker.produce;

import io.apogee.broker.admin.TopicAdminProcessor;
import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.dedup.RecentSends;
import io.apogee.broker.reply.ReplyProcessor;
import io.apogee.broker.retry.ConsumerSendMsgBackProcessor;
import io.apogee.broker.schedule.DelayLevels;
import io.apogee.broker.schedule.DelayParking;
import io.apogee.broker.schedule.ScheduleMessageService;
import io.apogee.broker.send.SendProcessor;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.timer.Timers;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The broker's producing side, wired by one short class: the send processor (SEND_MESSAGE, V2, batch), the reply
 * processor (SEND_REPLY_MESSAGE, V2), the consumer send-back processor on its {@code broker-send} pool, the topic
 * create/read calls, the delay-level {@link ScheduleMessageService}, and the {@link Timers} (timer wheel and recall).
 * On a slave the schedule service only follows the master's progress and the timer wheel does not turn (messages
 * are moved by the master only).
 *
 * <p>Thread-safe for its lifecycle: {@link #start()} and {@link #close()} are synchronized.
 */
public final class ProduceSide implements Lifecycle {

    private final BrokerConfig config;
    private final DelayParking delayParking;
    private final ThreadPoolExecutor sendExecutor;
    private final ScheduleMessageService schedule;
    private final Timers timers;
    private final boolean slave;
    private final SendProcessor send;
    private final ConsumerSendMsgBackProcessor sendBack;
    private long startAcceptSendMillis;

    /** The parts of a broker storing in {@code store} as {@code address}. */
    public ProduceSide(BrokerConfig config, MessageStoreConfig storeConfig, MessageStore store, TopicTable topics,
                       BrokerAddress address, SubscriptionGroupTable groups, BrokerStats stats) {
        this.config = config;
        this.slave = storeConfig.brokerRole == io.apogee.store.BrokerRole.SLAVE;
        this.delayParking = new DelayParking(DelayLevels.parse(config.messageDelayLevel),
                Timers.maxDelayMillis(storeConfig));
        this.sendExecutor = new ThreadPoolExecutor(config.sendMessageThreadPoolNums,
                config.sendMessageThreadPoolNums, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(config.sendThreadPoolQueueCapacity), new DefaultThreadFactory("broker-send"));
        this.send = new SendProcessor(config, storeConfig, store, topics, address, groups, delayParking, stats);
        this.sendBack = new ConsumerSendMsgBackProcessor(config, store, topics, groups, delayParking,
                address.socketAddress(), stats);
        this.schedule = new ScheduleMessageService(config, storeConfig.configDir(), store, topics,
                delayParking.levels(), address.socketAddress(), stats);
        this.timers = new Timers(config, storeConfig, store, topics, address.socketAddress(), stats, slave);
    }

    /**
     * Registers the send, reply (pushed to the requester among {@code clients}), send-back, topic and recall calls;
     * {@code storeHost} is the broker's "ip:port".
     */
    public void registerWith(RemotingServer server, TopicTable topics, ClientTable clients, String storeHost) {
        send.registerWith(server);
        ReplyProcessor.registerWith(server, config, send, clients, storeHost);
        startAcceptSendMillis = System.currentTimeMillis();
        server.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK, sendBack, sendExecutor);
        TopicAdminProcessor admin = new TopicAdminProcessor(topics);
        server.registerProcessor(RequestCode.UPDATE_AND_CREATE_TOPIC, admin);
        server.registerProcessor(RequestCode.GET_TOPIC_CONFIG, admin);
        server.registerProcessor(RequestCode.GET_ALL_TOPIC_CONFIG, admin);
        timers.registerWith(server);
    }

    /** Starts delay-level delivery (following on a slave) and the timer wheel. */
    @Override
    public synchronized void start() throws IOException {
        if (slave) {
            schedule.startFollowing();
        } else {
            schedule.start();
        }
        timers.start();
    }

    /** When sends were first accepted (epoch ms). */
    public long startAcceptSendMillis() {
        return startAcceptSendMillis;
    }

    /** Send-back requests waiting for the {@code broker-send} pool. */
    public int sendQueueSize() {
        return sendExecutor.getQueue().size();
    }

    /** The number of delay levels ({@code messageDelayLevel}). */
    public int delayLevelCount() {
        return delayParking.levels().count();
    }

    public ScheduleMessageService schedule() {
        return schedule;
    }

    public Timers timers() {
        return timers;
    }

    /** Which consumer groups hold live queue locks: their retry sends are dead-lettered at once (Apache 5.x). */
    public void orderlyGroups(Predicate<String> holdsQueueLock) {
        send.orderlyGroups(holdsQueueLock);
    }

    /** The duplicate-send window of the send processor (for the broker's metrics). */
    public RecentSends recentSends() {
        return send.recentSends();
    }

    /** Stops the timer wheel, the schedule service (writing delayOffset.json) and the send-back pool. */
    @Override
    public synchronized void close() {
        timers.close();
        schedule.close();
        sendExecutor.shutdown();
        try {
            sendExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProduceSide[" + config.brokerName + "]";
    }
}
