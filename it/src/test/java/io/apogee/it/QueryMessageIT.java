package io.apogee.it;

import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The real client's message look-ups against a broker child process: by offsetMsgId (VIEW_MESSAGE_BY_ID, sent to
 * the store host in the id), by key and by unique message id (QUERY_MESSAGE from the message index,
 * docs/protocol/06-admin.md §QUERY_MESSAGE) — and by key and unique id again after the broker was killed with
 * kill -9 and restarted on the same store (the index is recovered from the checkpoint and the commit log).
 */
@SuppressWarnings("deprecation")
class QueryMessageIT extends ChildBrokerTest {

    private static final int MESSAGES = 40;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void shouldFindMessagesByOffsetIdKeyAndUniqueIdAlsoAfterKillMinus9() throws Exception {
        Path config = writeBrokerConfig("QueryCluster", "ASYNC_FLUSH");
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        String topic = UniqueName.of("QueryTopic");
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        Map<String, SendResult> sent = send(producer, topic);

        SendResult third = sent.get("query-3");
        MessageExt byOffsetId = producer.viewMessage(topic, third.getOffsetMsgId());
        assertThat(byOffsetId.getKeys()).isEqualTo("query-3 shared");
        assertThat(new String(byOffsetId.getBody(), StandardCharsets.UTF_8)).isEqualTo("body of query-3");
        assertThat(byOffsetId.getCommitLogOffset()).isEqualTo(offsetOf(third));

        assertEveryKeyFoundOnce(producer, topic, sent);
        QueryResult shared = producer.queryMessage(topic, "shared", 64, 0, Long.MAX_VALUE);
        assertThat(shared.getMessageList()).hasSize(MESSAGES);
        assertThat(shared.getIndexLastUpdateTimestamp()).isPositive();
        assertThatThrownBy(() -> producer.queryMessage(topic, "no-such-key", 10, 0, Long.MAX_VALUE))
                .as("every broker answered QUERY_NOT_FOUND").hasMessageContaining("no message");
        assertThat(producer.viewMessage(topic, sent.get("query-9").getMsgId()).getKeys()).isEqualTo("query-9 shared");

        broker.kill();
        track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));
        DefaultMQProducer afterRestart = TestClients.startedProducer(namesrvAddress);
        track(afterRestart::shutdown);
        await().atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertEveryKeyFoundOnce(afterRestart, topic, sent));
        assertThat(afterRestart.viewMessage(topic, sent.get("query-5").getMsgId()).getKeys())
                .isEqualTo("query-5 shared");
    }

    private static Map<String, SendResult> send(DefaultMQProducer producer, String topic) throws Exception {
        Map<String, SendResult> sent = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            String key = "query-" + i;
            Message message = KeyedMessages.message(topic, "TagA", key);
            message.setKeys(List.of(key, "shared"));
            SendResult result = producer.send(message);
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sent.put(key, result);
        }
        return sent;
    }

    private static void assertEveryKeyFoundOnce(DefaultMQProducer producer, String topic,
                                                Map<String, SendResult> sent) throws Exception {
        for (Map.Entry<String, SendResult> e : sent.entrySet()) {
            QueryResult found = producer.queryMessage(topic, e.getKey(), 10, 0, Long.MAX_VALUE);
            assertThat(found.getMessageList()).as("messages with key %s", e.getKey()).hasSize(1);
            MessageExt message = found.getMessageList().get(0);
            assertThat(message.getCommitLogOffset()).isEqualTo(offsetOf(e.getValue()));
            assertThat(message.getTopic()).isEqualTo(topic);
        }
    }

    /** The commit-log offset in an offsetMsgId: its last 8 bytes (16 hex digits). */
    private static long offsetOf(SendResult result) {
        String id = result.getOffsetMsgId();
        return Long.parseUnsignedLong(id.substring(id.length() - 16), 16);
    }
}
