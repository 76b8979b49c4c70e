package io.apogee.it;

import io.apogee.store.Tmpfs;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker process whose store lives on a small tmpfs (mounted and removed by the test; the suite runs as root)
 * that fills up under a real producer: every SEND_OK message stays readable, the failing sends name the full
 * disk, sends succeed again by themselves once space is freed, and after a kill -9 and restart every SEND_OK
 * message is still there. (Before, appends into the unbacked mapped file faulted, left a hole the dispatcher
 * spun on, and the acknowledged messages were gone after the restart.)
 */
@SuppressWarnings("deprecation")
class DiskFullIT extends ChildBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long DISK = 40L * 1024 * 1024;
    private static final int BODY = 4000;
    private Tmpfs tmpfs;

    @Override
    Path storeDir() {
        return tmpfs.path().resolve("store");
    }

    @Test
    void shouldKeepEverySendOkMessageWhenTheDiskFillsFreesAndTheBrokerRestarts() throws Exception {
        tmpfs = track(Tmpfs.mount(workDir, DISK));
        Path filler = tmpfs.path().resolve("filler");
        Files.write(filler, new byte[20 * 1024 * 1024]);
        Path config = writeBrokerConfig("DiskFullCluster", "ASYNC_FLUSH",
                "mapedFileSizeCommitLog=" + 4 * 1024 * 1024,
                "commitLogPrepareAheadBytes=" + 4 * 1024 * 1024,
                "diskFreeReserveBytes=" + 1024 * 1024,
                "diskSpaceWarningLevelRatio=99");
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        String topic = UniqueName.of("DiskFullTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(namesrvAddress, UniqueName.of("Reader"));
        track(reader::shutdown);

        Set<String> acked = new LinkedHashSet<>();
        Exception refusal = sendUntilRefused(producer, topic, acked);
        assertThat(acked).as("messages acknowledged before the disk filled").hasSizeGreaterThan(500);
        assertThat(refusal).hasStackTraceContaining("CODE: 14").hasStackTraceContaining("disk full");
        assertThat(TopicReader.readAll(reader, topic).keySet()).as("readable while the disk is full")
                .containsExactlyInAnyOrderElementsOf(acked);

        Files.delete(filler);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> send(producer, topic, "after-free", acked));
        broker.kill();
        track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(TopicReader.readAll(reader, topic).keySet()).as("after kill -9 and restart")
                        .containsAll(acked));
        assertThat(broker.logText()).doesNotContain("InternalError", "OutOfMemoryError");
    }

    /** Sends until a send fails, which must be the full disk; returns that failure. */
    private static Exception sendUntilRefused(DefaultMQProducer producer, String topic, Set<String> acked) {
        for (int i = 0; i < 20_000; i++) {
            try {
                send(producer, topic, "m-" + i, acked);
            } catch (Exception e) {
                return e;
            }
        }
        throw new AssertionError("the disk never filled");
    }

    /** Sends one message; true (and recorded) when it is SEND_OK. */
    private static boolean send(DefaultMQProducer producer, String topic, String key, Set<String> acked)
            throws Exception {
        Message message = new Message(topic, "TagA", (key + ":" + "x".repeat(BODY)).getBytes(StandardCharsets.UTF_8));
        message.setKeys(key);
        SendResult result = producer.send(message);
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new AssertionError(key + ": " + result);
        }
        acked.add(key);
        return true;
    }
}
