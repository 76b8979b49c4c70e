package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a broker process (ASYNC_FLUSH, so nothing was forced per message) is a graceful stop: the store is
 * flushed, the checkpoint written and the abort file removed, and the next start is a clean recovery that
 * still has every message.
 */
@SuppressWarnings("deprecation")
class GracefulShutdownIT extends ChildBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void shouldFlushAndRecoverCleanlyAfterSigterm() throws Exception {
        Path config = writeBrokerConfig("GracefulCluster", "ASYNC_FLUSH");
        Path store = storeDir();
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        assertThat(store.resolve("abort")).as("abort marker while running").exists();
        String topic = UniqueName.of("SigtermTopic");
        Set<String> sent = KeyedMessages.sendOk(namesrvAddress, topic, "graceful", 200);

        broker.terminate(PATIENCE);

        assertThat(broker.logText()).contains("shutdown complete");
        assertThat(store.resolve("abort")).as("abort marker after a graceful stop").doesNotExist();
        assertThat(store.resolve("checkpoint")).exists();

        ChildBroker restarted = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));
        assertThat(restarted.logText()).contains("clean shutdown");
        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(namesrvAddress, UniqueName.of("Reader"));
        track(reader::shutdown);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(TopicReader.readAll(reader, topic).keySet()).containsAll(sent));
    }


}
