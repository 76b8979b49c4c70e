package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Builds real RocketMQ clients the way users configure them, plus the two settings every test needs:
 * a unique instance name (no client-instance sharing between tests) and, for push consumers, no pause
 * between pulls. Clients are returned unstarted. Stateless, so thread-safe.
 */
final class TestClients {

    private TestClients() {
    }

    /** An unstarted producer of a fresh group. */
    static DefaultMQProducer producer(String namesrvAddress) {
        DefaultMQProducer producer = new DefaultMQProducer(UniqueName.of("PG"));
        producer.setNamesrvAddr(namesrvAddress);
        producer.setInstanceName(UniqueName.of("producer"));
        return producer;
    }

    /** A started producer of a fresh group. */
    static DefaultMQProducer startedProducer(String namesrvAddress) throws Exception {
        DefaultMQProducer producer = producer(namesrvAddress);
        producer.start();
        return producer;
    }

    /** An unstarted push consumer of {@code group}. */
    static DefaultMQPushConsumer pushConsumer(String namesrvAddress, String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrvAddress);
        consumer.setInstanceName(UniqueName.of("push"));
        consumer.setPullInterval(0);
        consumer.setConsumeTimeout(1);
        return consumer;
    }

    /** A started pull consumer of {@code group}. */
    @SuppressWarnings("deprecation")
    static DefaultMQPullConsumer startedPullConsumer(String namesrvAddress, String group) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group);
        consumer.setNamesrvAddr(namesrvAddress);
        consumer.setInstanceName(UniqueName.of("pull"));
        consumer.start();
        return consumer;
    }
}
