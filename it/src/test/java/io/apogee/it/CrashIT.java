package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kill -9 of a broker child process in the middle of a send stream: with SYNC_FLUSH, every message the producer
 * saw SEND_OK for is still there after the broker restarts on the same store.
 */
@SuppressWarnings("deprecation")
class CrashIT extends ChildBrokerTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);

    private static final int THREADS = 4;
    private static final int PER_THREAD = 500;
    private static final int KILL_AFTER = 1000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void shouldKeepEveryAcknowledgedMessageAfterKillMinus9() throws Exception {
        Path config = writeBrokerConfig("CrashCluster", "SYNC_FLUSH");
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        String topic = UniqueName.of("CrashTopic");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, Throwable> failedBeforeKill = new ConcurrentHashMap<>();
        AtomicBoolean killing = new AtomicBoolean();

        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        track(senders::shutdownNow);
        List<Future<?>> streams = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = "t" + t;
            streams.add(senders.submit(() -> sendUntilFailure(producer, topic, prefix, acknowledged,
                    failedBeforeKill, killing)));
        }
        await().atMost(PATIENCE).until(() -> acknowledged.size() >= KILL_AFTER || !failedBeforeKill.isEmpty());
        killing.set(true);
        broker.kill();
        for (Future<?> stream : streams) {
            stream.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        LOG.info("broker killed with {} messages acknowledged", acknowledged.size());
        assertThat(failedBeforeKill).as("sends that failed while the broker was up; broker output:%n%s",
                broker.logText()).isEmpty();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER);

        track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));

        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(namesrvAddress, UniqueName.of("Reader"));
        track(reader::shutdown);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(TopicReader.readAll(reader, topic).keySet()).containsAll(acknowledged));

        Set<String> afterRestart = sendAfterRestart(topic);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(reader, topic).keySet())
                .as("recovered messages plus those sent after the restart")
                .containsAll(acknowledged)
                .containsAll(afterRestart));
    }

    private Set<String> sendAfterRestart(String topic) throws Exception {
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        Set<String> keys = new HashSet<>();
        try {
            for (int i = 0; i < 20; i++) {
                String key = "after-restart-" + i;
                assertThat(producer.send(KeyedMessages.message(topic, "TagA", key)).getSendStatus())
                        .isEqualTo(SendStatus.SEND_OK);
                keys.add(key);
            }
        } finally {
            producer.shutdown();
        }
        return keys;
    }

    private static void sendUntilFailure(DefaultMQProducer producer, String topic, String prefix,
            Set<String> acknowledged, Map<String, Throwable> failedBeforeKill, AtomicBoolean killing) {
        for (int i = 0; i < PER_THREAD; i++) {
            String key = prefix + "-" + i;
            try {
                SendResult result = producer.send(KeyedMessages.message(topic, "TagA", key));
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    acknowledged.add(key);
                }
            } catch (Exception e) {
                if (!killing.get()) {
                    failedBeforeKill.put(key, e);
                }
                return;
            }
        }
    }

}
