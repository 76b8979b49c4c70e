package io.apogee.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The Apache {@code rocketmq-client} objects of one run: a producer (started on open), the run's topic and
 * group names, and push consumers on demand. Closing shuts everything down.
 *
 * <p>The topic is created explicitly (UPDATE_AND_CREATE_TOPIC sent by the client to every master found in
 * the route of {@code TBW102}) with {@code --queues} read and write queues; the run starts once the name
 * server's route for it lists that many write queues.
 *
 * <p>Thread-safe as the client objects are: producers and consumers may be used from any thread.
 */
final class BenchClients implements AutoCloseable {

    private static final String TEMPLATE_TOPIC = "TBW102";
    private static final long ROUTE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final CommonOptions options;
    private final String topic;
    private final String runId;
    private final DefaultMQProducer producer;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

    private BenchClients(CommonOptions options, String scenario) {
        this.options = options;
        this.topic = options.topicFor(scenario);
        this.runId = scenario.replace('-', '_') + "_" + System.currentTimeMillis();
        this.producer = new DefaultMQProducer("bench_producer_" + runId);
        producer.setNamesrvAddr(options.namesrv);
        producer.setVipChannelEnabled(false);
        producer.setSendMsgTimeout(options.sendTimeoutMillis);
        producer.setRetryTimesWhenSendFailed(options.retries);
        producer.setRetryTimesWhenSendAsyncFailed(options.retries);
        producer.setDefaultTopicQueueNums(options.queues);
        producer.setInstanceName("bench_" + runId);
    }

    /** Starts the producer and creates the topic; fails with the reason if the route never shows up. */
    static BenchClients open(CommonOptions options, String scenario) throws Exception {
        BenchClients clients = new BenchClients(options, scenario);
        try {
            clients.producer.start();
            clients.createTopic();
            return clients;
        } catch (Exception | Error e) {
            clients.close();
            throw e;
        }
    }

    String topic() {
        return topic;
    }

    DefaultMQProducer producer() {
        return producer;
    }

    @SuppressWarnings("deprecation") // the client's createTopic is deprecated in favour of the admin tool
    private void createTopic() throws MQClientException, InterruptedException {
        long deadline = System.nanoTime() + ROUTE_WAIT_NANOS;
        // Right after "boot success" the name server may not know TBW102 yet (RocketMQ 5.4.0 registers it
        // a few seconds later at times): retry until the deadline.
        while (true) {
            try {
                producer.createTopic(TEMPLATE_TOPIC, topic, options.queues, Map.of());
                break;
            } catch (MQClientException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        String last = "no route";
        while (System.nanoTime() < deadline) {
            try {
                List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
                if (queues.size() >= options.queues) {
                    return;
                }
                last = queues.size() + " write queues";
            } catch (MQClientException e) {
                last = e.getErrorMessage();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("topic " + topic + " created but its route never listed " + options.queues
                + " write queues within 30 s (last: " + last + ")");
    }

    /**
     * A push consumer in a fresh group ({@code bench_consumer_<run>}) subscribed to the whole topic from the
     * first offset, not started yet.
     */
    DefaultMQPushConsumer newConsumer() throws MQClientException {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("bench_consumer_" + runId);
        consumer.setNamesrvAddr(options.namesrv);
        consumer.setVipChannelEnabled(false);
        consumer.setInstanceName("bench_" + runId);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumers.add(consumer);
        return consumer;
    }

    /**
     * Waits until the consumer's rebalance has assigned it {@code queues} queues (its process-queue table, an
     * internal of the Apache client), polling every 10 ms; returns the seconds it took, or -1 after the timeout.
     *
     * <p>Then it makes sure the broker has the subscription version the rebalance just set: the client bumps
     * the version when its queues change and sends a heartbeat, but skips that heartbeat when another one holds
     * its heartbeat lock; pulls carrying the newer version are then refused with SUBSCRIPTION_NOT_LATEST (by
     * Apache RocketMQ and Apogee alike) until the next periodic heartbeat, up to 30 s later. That client race
     * would otherwise dominate a drain measurement now and then, so a heartbeat is sent here until one succeeds.
     */
    @SuppressWarnings("deprecation") // the client marks its implementation accessor deprecated; we only read it
    static double awaitAssignment(DefaultMQPushConsumer consumer, int queues, long timeoutNanos)
            throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeoutNanos) {
            if (consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().size() >= queues) {
                double seconds = (System.nanoTime() - start) / 1e9;
                sendHeartbeat(consumer);
                return seconds;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return -1;
    }

    @SuppressWarnings("deprecation")
    private static void sendHeartbeat(DefaultMQPushConsumer consumer) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(50);
        for (int attempt = 0; attempt < 100; attempt++) {
            if (consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().sendHeartbeatToAllBrokerWithLock()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @SuppressWarnings("deprecation")
    static int assignedQueues(DefaultMQPushConsumer consumer) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().size();
    }

    @Override
    public void close() {
        for (DefaultMQPushConsumer consumer : consumers) {
            consumer.shutdown();
        }
        producer.shutdown();
    }
}
