package io.apogee.broker.admin;

import static io.apogee.broker.admin.AdminBrokerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicCleanupProcessorTest extends BrokerFixtureTest<AdminBrokerFixture> {

    TopicCleanupProcessorTest() {
        super(AdminBrokerFixture::new);
    }

    private Path queueDir(String topic) {
        return dir.resolve("store/consumequeue").resolve(topic);
    }

    private void awaitDispatched(String topic, int queueId, long max) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fixture.broker.store().maxOffsetInQueue(topic, queueId) == max);
    }

    @Test
    void shouldDeleteTheTopicItsFileEntryAndItsConsumeQueues() throws Exception {
        fixture.send("Doomed", 1, "T");
        fixture.send("Kept", 1, "T");
        awaitDispatched("Doomed", 1, 1);
        assertThat(queueDir("Doomed")).isDirectory();

        RemotingCommand deleted = fixture.call(request(RequestCode.DELETE_TOPIC_IN_BROKER, "topic", "Doomed"));

        assertThat(deleted.code()).as(deleted.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(fixture.broker.topics().find("Doomed")).isNull();
        assertThat(fixture.broker.store().hasQueue("Doomed", 1)).isFalse();
        assertThat(queueDir("Doomed")).doesNotExist();
        assertThat(fixture.broker.store().maxOffsetInQueue("Kept", 1)).isEqualTo(1);
        String topicsJson = Files.readString(dir.resolve("store/config/topics.json"));
        assertThat(topicsJson).doesNotContain("\"Doomed\"").contains("\"Kept\"");
    }

    @Test
    void shouldAnswerSuccessForAnUnknownTopicAsApache() throws Exception {
        RemotingCommand deleted = fixture.call(request(RequestCode.DELETE_TOPIC_IN_BROKER, "topic", "Never"));

        assertThat(deleted.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void shouldRefuseToDeleteSystemTopicsNamingThem() throws Exception {
        for (String topic : new String[] {"TBW102", "SCHEDULE_TOPIC_XXXX", "DefaultCluster", "broker-a",
                "rmq_sys_REVIVE_LOG_x"}) {
            RemotingCommand refused = fixture.call(request(RequestCode.DELETE_TOPIC_IN_BROKER, "topic", topic));

            assertThat(refused.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
            assertThat(refused.remark()).isEqualTo("topic " + topic
                    + " is a system topic of this broker and cannot be deleted");
        }
        assertThat(fixture.broker.topics().find("TBW102")).isNotNull();
        assertThat(fixture.call(request(RequestCode.DELETE_TOPIC_IN_BROKER, "topic", " ")).remark())
                .isEqualTo("The specified topic is blank.");
    }

    @Test
    void shouldCountTheBrokersOwnTraceTopicAsASystemTopic() {
        BrokerConfig config = new BrokerConfig();
        config.msgTraceTopicName = "MyTraceTopic";
        assertThat(new TopicCleanupProcessor(config, null, null, topic -> { }).isSystem("MyTraceTopic")).isTrue();

        config.traceTopicEnable = false;
        assertThat(new TopicCleanupProcessor(config, null, null, topic -> { }).isSystem("MyTraceTopic")).isFalse();
    }

    @Test
    void shouldDropConsumeQueuesOfTopicsNoLongerInTheTable() throws Exception {
        fixture.send("Orphan", 0, "T");
        fixture.send("Kept", 0, "T");
        awaitDispatched("Orphan", 0, 1);
        awaitDispatched("Kept", 0, 1);
        fixture.broker.topics().delete("Orphan").join();

        RemotingCommand cleaned = fixture.call(RemotingCommand.request(RequestCode.CLEAN_UNUSED_TOPIC));

        assertThat(cleaned.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(cleaned.remark()).isEqualTo("deleted consume queues of unused topics: [Orphan]");
        assertThat(fixture.broker.store().queueTopics()).contains("Kept").doesNotContain("Orphan");
        assertThat(queueDir("Orphan")).doesNotExist();
    }

    @Test
    void shouldKeepQueuesWhoseMessagesAreStillStoredWhenCleaningExpiredOnes() throws Exception {
        fixture.send("Live", 2, "T");
        awaitDispatched("Live", 2, 1);

        RemotingCommand cleaned = fixture.call(RemotingCommand.request(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE));

        assertThat(cleaned.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(cleaned.remark()).isEqualTo("deleted expired consume queues: none");
        assertThat(fixture.broker.store().hasQueue("Live", 2)).isTrue();
    }

    @Test
    void shouldListSystemTopicsWithTheBrokersOwn() throws Exception {
        RemotingCommand list = fixture.call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER));

        assertThat(new String(list.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"TBW102\"", "\"SCHEDULE_TOPIC_XXXX\"", "\"DefaultCluster\"", "\"broker-a\"",
                        "\"RMQ_SYS_TRANS_HALF_TOPIC\"", "\"RMQ_SYS_TRACE_TOPIC\"");
        assertThat(TopicConfig.PERM_WRITE).isEqualTo(2);
    }
}
