package io.apogee.broker.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.FakeNameServer;
import io.apogee.broker.ProducerSideFixture;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendProcessorTest {

    @TempDir
    Path dir;

    private FakeNameServer nameServer;
    private ProducerSideFixture broker;

    private ProducerSideFixture start(BrokerConfig config) throws Exception {
        broker = new ProducerSideFixture(dir, config);
        return broker;
    }

    private ProducerSideFixture startWithNameServer() throws Exception {
        nameServer = new FakeNameServer();
        return start(ProducerSideFixture.config(nameServer.address()));
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        if (nameServer != null) {
            nameServer.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldStoreV2SendAndAnswerDecodableMsgIdWithIncreasingQueueOffset() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);

        RemotingCommand first = b.call(SendRequests.v2("TopicA", 1, bytes("hello")));
        RemotingCommand second = b.call(SendRequests.v2("TopicA", 1, bytes("world")));

        assertThat(first.code()).as(first.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(first.ext("queueId")).isEqualTo("1");
        assertThat(first.ext("queueOffset")).isEqualTo("0");
        assertThat(second.ext("queueOffset")).isEqualTo("1");
        assertThat(first.ext("transactionId")).isEqualTo("AC11000100002A9F0000000000000001");
        assertThat(first.ext("MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(first.ext("TRACE_ON")).isEqualTo("true");
        SendRequests.DecodedId id1 = SendRequests.DecodedId.of(first.ext("msgId"));
        SendRequests.DecodedId id2 = SendRequests.DecodedId.of(second.ext("msgId"));
        assertThat(first.ext("msgId")).hasSize(32).isUpperCase();
        assertThat(id1.address()).isEqualTo(b.address.toString());
        assertThat(id1.offset()).isZero();
        assertThat(id2.offset()).isGreaterThan(id1.offset());
    }

    @Test
    void shouldStoreClientPropertiesPlusClusterAndGeneratedUniqKey() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);
        RemotingCommand request = SendRequests.v2(RequestCode.SEND_MESSAGE_V2, "TopicA", 0, "TAGS\u0001TagA")
                .body(bytes("hello"));

        RemotingCommand response = b.call(request);

        long offset = SendRequests.DecodedId.of(response.ext("msgId")).offset();
        java.nio.ByteBuffer record = b.store.lookMessageByOffset(offset);
        String raw = new String(record.array(), record.arrayOffset(), record.remaining(), StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("TAGS\u0001TagA\u0002").contains("CLUSTER\u0001DefaultCluster\u0002")
                .contains("UNIQ_KEY\u0001" + response.ext("transactionId") + "\u0002");
        assertThat(response.ext("transactionId")).hasSize(32);
    }

    @Test
    void shouldAcceptLongKeySendMessage() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);

        RemotingCommand response = b.call(SendRequests.v1("TopicA", 2, bytes("hello")));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("queueId")).isEqualTo("2");
        assertThat(response.ext("transactionId")).isEqualTo("AC11000100002A9F0000000000000002");
    }

    @Test
    void shouldPickARandomWritableQueueForNegativeQueueId() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);

        RemotingCommand response = b.call(SendRequests.v2("TopicA", -1, bytes("hello")));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Integer.parseInt(response.ext("queueId"))).isBetween(0, 3);
    }

    @Test
    void shouldStoreBatchAndAnswerOneIdPerMessage() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);
        RemotingCommand request = SendRequests.v2(RequestCode.SEND_BATCH_MESSAGE, "TopicA", 2,
                "UNIQ_KEY\u0001AC11000100002A9F00000000000000FF\u0002WAIT\u0001true\u0002")
                .body(SendRequests.batchBody(3));

        RemotingCommand response = b.call(request);

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        String[] ids = response.ext("msgId").split(",");
        assertThat(ids).hasSize(3);
        assertThat(SendRequests.DecodedId.of(ids[0]).offset()).isZero();
        assertThat(SendRequests.DecodedId.of(ids[1]).offset()).isGreaterThan(0);
        assertThat(SendRequests.DecodedId.of(ids[2]).offset())
                .isGreaterThan(SendRequests.DecodedId.of(ids[1]).offset());
        assertThat(response.ext("queueId")).isEqualTo("2");
        assertThat(response.ext("queueOffset")).isEqualTo("0");
        RemotingCommand next = b.call(SendRequests.v2("TopicA", 2, bytes("after")));
        assertThat(next.ext("queueOffset")).isEqualTo("3");
    }

    @Test
    void shouldRejectMalformedBatchNamingTheRecord() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);
        byte[] body = SendRequests.batchBody(2);
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 3);

        RemotingCommand response = b.call(SendRequests.v2(RequestCode.SEND_BATCH_MESSAGE, "TopicA", 0, "")
                .body(truncated));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).contains("message 1");
    }

    @Test
    void shouldRejectOversizedBodyNamingSizeAndLimit() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);
        int size = ProducerSideFixture.MAX_MESSAGE_SIZE + 1;

        RemotingCommand response = b.call(SendRequests.v2("TopicA", 0, new byte[size]));

        assertThat(response.code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
        assertThat(response.remark()).contains(String.valueOf(size))
                .contains(String.valueOf(ProducerSideFixture.MAX_MESSAGE_SIZE));
    }

    @Test
    void shouldRejectIllegalTopicNameNamingIt() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));

        RemotingCommand response = b.call(SendRequests.v2("bad topic!", 0, bytes("x")));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("'bad topic!'");
    }

    @Test
    void shouldRejectAVeryLongTopicNameWithItsNameCutInTheRemark() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));

        RemotingCommand response = b.call(SendRequests.v2("T".repeat(10_000), 0, bytes("x")));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("10000 characters").contains("\u2026(10000 chars)")
                .hasSizeLessThan(600);
    }

    @Test
    void shouldRejectARetryTopicWithoutGroupBeforeCreatingIt() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));

        RemotingCommand response = b.call(SendRequests.v2("%RETRY%", 0, bytes("x")));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("group name is empty");
        assertThat(b.topics.find("%RETRY%")).isNull();
    }

    @Test
    void shouldRejectQueueIdBeyondQueueCount() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 4, 6, 0);

        RemotingCommand response = b.call(SendRequests.v2("TopicA", 4, bytes("x")));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("queueId 4").contains("4 queues");
    }

    @Test
    void shouldAutoCreateThroughTemplateAndRegisterBeforeAnswering() throws Exception {
        ProducerSideFixture b = startWithNameServer();

        RemotingCommand response = b.call(SendRequests.v2("NewTopic", 1, bytes("hello")));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        TopicConfig created = b.topics.find("NewTopic");
        assertThat(created.readQueueNums).isEqualTo(4);
        assertThat(created.writeQueueNums).isEqualTo(4);
        assertThat(created.perm).isEqualTo(6);
        assertThat(nameServer.hasRegistrationOfExactly("NewTopic")).isTrue();
        assertThat(Files.readString(b.storeConfig.configDir().resolve("topics.json"))).contains("\"NewTopic\"");
    }

    @Test
    void shouldCapAutoCreatedQueuesAtTemplateQueueCount() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));

        b.call(SendRequests.v2("NewTopic", 1, bytes("hello")).putExt("d", 64));

        assertThat(b.topics.find("NewTopic").writeQueueNums).isEqualTo(8);
    }

    @Test
    void shouldAnswerTopicNotExistWhenAutoCreateIsDisabled() throws Exception {
        BrokerConfig config = ProducerSideFixture.config("");
        config.autoCreateTopicEnable = false;
        ProducerSideFixture b = start(config);

        RemotingCommand response = b.call(SendRequests.v2("NewTopic", 0, bytes("hello")));

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).contains("NewTopic");
        assertThat(b.topics.find("NewTopic")).isNull();
    }

    @Test
    void shouldRefuseSendsWhenBrokerIsReadOnly() throws Exception {
        BrokerConfig config = ProducerSideFixture.config("");
        config.brokerPermission = 4;
        ProducerSideFixture b = start(config);
        b.topics.createIfAbsent("TopicA", 4, 6, 0);

        RemotingCommand response = b.call(SendRequests.v2("TopicA", 0, bytes("hello")));

        assertThat(response.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(response.remark()).contains("brokerPermission=4");
    }

    @Test
    void shouldRefuseSendsToReadOnlyTopic() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("ReadOnly", 4, 4, 0);

        RemotingCommand response = b.call(SendRequests.v2("ReadOnly", 0, bytes("hello")));

        assertThat(response.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(response.remark()).contains("ReadOnly");
    }

    @Test
    void shouldCreateRetryTopicOnFirstSend() throws Exception {
        BrokerConfig config = ProducerSideFixture.config("");
        config.autoCreateTopicEnable = false;
        ProducerSideFixture b = start(config);

        RemotingCommand response = b.call(SendRequests.v2("%RETRY%G1", 0, bytes("again")));

        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(b.topics.find("%RETRY%G1").writeQueueNums).isEqualTo(1);
    }

    @Test
    void shouldAnswerSendsConcurrently() throws Exception {
        ProducerSideFixture b = start(ProducerSideFixture.config(""));
        b.topics.createIfAbsent("TopicA", 1, 6, 0);
        java.util.List<java.util.concurrent.CompletableFuture<RemotingCommand>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(b.client.invokeAsync(b.address.toString(), SendRequests.v2("TopicA", 0, bytes("m" + i)), 5_000));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(f -> f.isDone()));
        assertThat(all).allSatisfy(f -> assertThat(f.get().code()).isEqualTo(ResponseCode.SUCCESS));
        assertThat(all.stream().map(f -> f.join().ext("queueOffset")).distinct().count()).isEqualTo(50);
    }
}
