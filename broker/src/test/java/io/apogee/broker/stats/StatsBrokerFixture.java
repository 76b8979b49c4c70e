package io.apogee.broker.stats;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.store.MessageStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole broker on an ephemeral port with a store in a temp dir, not registered anywhere, and a client that sends,
 * pulls, commits offsets and asks the statistics calls, as the Apache clients do on the wire.
 */
final class StatsBrokerFixture implements AutoCloseable {

    static final String GROUP = "StatsGroup";

    final BrokerServer broker;
    private final RemotingClient client = new RemotingClient("stats-test-client");

    StatsBrokerFixture(Path dir) throws Exception {
        BrokerConfig config = new BrokerConfig();
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        config.duplicateSendDetectEnable = false;
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.brokerName = "broker-s";
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        broker = new BrokerServer(config, storeConfig);
        broker.start();
        client.start();
    }

    /** Creates a topic of two queues and sends 5 messages to queue 0 and 2 to queue 1. */
    void createTopicOfSevenMessages(String topic) throws Exception {
        createTopic(topic, 2);
        send(topic, 0, 5);
        send(topic, 1, 2);
    }

    /** Creates a topic of {@code queues} read and write queues. */
    void createTopic(String topic, int queues) throws Exception {
        TopicConfig config = new TopicConfig(topic, queues, TopicConfig.PERM_READ | TopicConfig.PERM_WRITE);
        RemotingCommand answer = call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .putExt("topic", topic).putExt("readQueueNums", queues).putExt("writeQueueNums", queues)
                .putExt("perm", config.perm).putExt("topicFilterType", "SINGLE_TAG").putExt("topicSysFlag", 0)
                .putExt("order", false));
        assertThat(answer.code()).as(answer.remark()).isEqualTo(ResponseCode.SUCCESS);
    }

    /** Sends {@code count} messages of {@code bodyBytes} bytes to one queue and waits until they are readable. */
    void send(String topic, int queueId, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            RemotingCommand answer = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                    .putExt("a", "StatsProducer").putExt("b", topic).putExt("c", "TBW102").putExt("d", 4)
                    .putExt("e", queueId).putExt("f", 0).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                    .putExt("i", "TAGS\u0001T\u0002").putExt("j", 0).putExt("k", false).putExt("m", false)
                    .body(("message-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(answer.code()).as(answer.remark()).isEqualTo(ResponseCode.SUCCESS);
        }
        long end = broker.store().commitLogMaxOffset();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.store().dispatchedOffset() >= end);
    }

    /** Pulls up to {@code max} messages of a queue for {@link #GROUP} from {@code offset} (TAG "*"); the answer. */
    RemotingCommand pull(String topic, int queueId, long offset, int max) throws Exception {
        return call(RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("consumerGroup", GROUP).putExt("topic", topic).putExt("queueId", queueId)
                .putExt("queueOffset", offset).putExt("maxMsgNums", max).putExt("sysFlag", 0x4)
                .putExt("commitOffset", 0).putExt("suspendTimeoutMillis", 0).putExt("subscription", "*")
                .putExt("subVersion", 0).putExt("expressionType", "TAG"));
    }

    /** Commits {@link #GROUP}'s offset on a queue. */
    void commit(String topic, int queueId, long offset) throws Exception {
        RemotingCommand answer = call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .putExt("consumerGroup", GROUP).putExt("topic", topic).putExt("queueId", queueId)
                .putExt("commitOffset", offset));
        assertThat(answer.code()).as(answer.remark()).isEqualTo(ResponseCode.SUCCESS);
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(broker.address(), request, 5_000);
    }

    /** Calls and decodes a successful answer's body. */
    <T> T callFor(RemotingCommand request, Class<T> body) throws Exception {
        RemotingCommand answer = call(request);
        assertThat(answer.code()).as(answer.remark()).isEqualTo(ResponseCode.SUCCESS);
        return JsonCodec.decode(answer.body(), body);
    }

    /** The answer body as text (object-keyed maps are not standard JSON). */
    String callForText(RemotingCommand request) throws Exception {
        RemotingCommand answer = call(request);
        assertThat(answer.code()).as(answer.remark()).isEqualTo(ResponseCode.SUCCESS);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        broker.close();
    }
}
