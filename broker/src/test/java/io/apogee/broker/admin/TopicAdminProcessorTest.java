package io.apogee.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.FakeNameServer;
import io.apogee.broker.ProducerSideFixture;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicAdminProcessorTest {

    @TempDir
    Path dir;

    private FakeNameServer nameServer;
    private ProducerSideFixture broker;

    @BeforeEach
    void start() throws Exception {
        nameServer = new FakeNameServer();
        broker = new ProducerSideFixture(dir, ProducerSideFixture.config(nameServer.address()));
    }

    @AfterEach
    void stop() {
        broker.close();
        nameServer.close();
    }

    private static RemotingCommand create(String topic) {
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .putExt("topic", topic).putExt("defaultTopic", "TBW102").putExt("readQueueNums", 3)
                .putExt("writeQueueNums", 3).putExt("perm", 6).putExt("topicFilterType", "SINGLE_TAG")
                .putExt("topicSysFlag", 0).putExt("order", false).putExt("attributes", "").putExt("force", false);
    }

    @Test
    void shouldCreateTopicRegisterItAndServeItsConfig() throws Exception {
        RemotingCommand created = broker.call(create("TopicAdm"));

        assertThat(created.code()).as(created.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(nameServer.hasRegistrationOfExactly("TopicAdm")).isTrue();
        RemotingCommand got = broker.call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
                .putExt("topic", "TopicAdm").putExt("lo", true));
        assertThat(got.code()).isEqualTo(ResponseCode.SUCCESS);
        TopicConfig config = JsonCodec.decode(got.body(), TopicConfig.class);
        assertThat(config.topicName).isEqualTo("TopicAdm");
        assertThat(config.readQueueNums).isEqualTo(3);
        assertThat(config.perm).isEqualTo(6);
    }

    @Test
    void shouldAnswerTopicNotExistForUnknownTopicConfig() throws Exception {
        RemotingCommand got = broker.call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
                .putExt("topic", "Nope"));

        assertThat(got.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void shouldCutAVeryLongUnknownTopicNameInTheRemark() throws Exception {
        RemotingCommand got = broker.call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
                .putExt("topic", "Nope\n" + "x".repeat(10_000)));

        assertThat(got.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(got.remark()).startsWith("topic Nope\\nxxx").contains("(10005 chars)").hasSizeLessThan(600);
    }

    @Test
    void shouldRejectIllegalTopicNameNamingIt() throws Exception {
        RemotingCommand response = broker.call(create("bad/topic"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("'bad/topic'");
    }

    @Test
    void shouldServeAllTopicConfigsWithDataVersion() throws Exception {
        broker.call(create("TopicAdm"));

        RemotingCommand all = broker.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG));

        TopicConfigSerializeWrapper table = JsonCodec.decode(all.body(), TopicConfigSerializeWrapper.class);
        assertThat(table.topicConfigTable).containsKeys("TopicAdm", "TBW102");
        assertThat(table.dataVersion.counter).isPositive();
    }
}
