package io.apogee.broker.reply;

import static io.apogee.broker.reply.ReplyFixture.REPLY_TOPIC;
import static io.apogee.broker.reply.ReplyFixture.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageProperties;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyProcessorTest {

    private static final String REQUESTER = "10.0.0.1@requester";
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private ReplyFixture broker;
    private final ExecutorService clientThreads = Executors.newSingleThreadExecutor();
    private final AtomicReference<RemotingCommand> pushed = new AtomicReference<>();

    @AfterEach
    void stop() {
        clientThreads.shutdownNow();
        if (broker != null) {
            broker.close();
        }
    }

    private ReplyFixture broker(boolean storeReplies) throws Exception {
        broker = new ReplyFixture(dir, storeReplies);
        return broker;
    }

    /** A requester that records the pushed reply and answers {@code answer}. */
    private RemotingClient requester(RemotingCommand answer) throws Exception {
        RemotingClient requester = broker.requester(REQUESTER);
        requester.registerProcessor(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (ch, req) -> {
            pushed.set(req);
            return answer;
        }, clientThreads);
        return requester;
    }

    @Test
    void shouldPushTheReplyToTheRequestersConnectionAndAnswerWithTheStoredPosition() throws Exception {
        broker(true);
        requester(RemotingCommand.success());

        RemotingCommand response = broker.call(broker.newClient("replier"), reply(REQUESTER, "pong"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("msgId")).hasSize(32).isNotEqualTo("0");
        assertThat(response.ext("queueId")).isEqualTo("0");
        assertThat(response.ext("queueOffset")).isEqualTo("0");
        assertThat(response.ext("MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(response.ext("TRACE_ON")).isEqualTo("true");
        RemotingCommand push = pushed.get();
        assertThat(push.ext("topic")).isEqualTo(REPLY_TOPIC);
        assertThat(push.ext("producerGroup")).isEqualTo("replier-group");
        assertThat(push.ext("bornTimestamp")).isEqualTo("1700000000000");
        assertThat(push.ext("bornHost")).startsWith("127.0.0.1:");
        assertThat(push.ext("storeHost")).isEqualTo("127.0.0.1:" + broker.side.server.port());
        assertThat(Long.parseLong(push.ext("storeTimestamp"))).isPositive();
        assertThat(MessageProperties.valueOf(push.ext("properties"), "CORRELATION_ID")).isEqualTo("corr-1");
        assertThat(MessageProperties.valueOf(push.ext("properties"), "PUSH_REPLY_TIME")).isNotNull();
        assertThat(new String(push.body(), StandardCharsets.UTF_8)).isEqualTo("pong");
        await().atMost(PATIENCE).until(() -> broker.storedReplies() == 1);
    }

    @Test
    void shouldReadTheLongHeaderKeysOfSendReplyMessage() throws Exception {
        broker(true);
        requester(RemotingCommand.success());
        RemotingCommand v1 = RemotingCommand.request(RequestCode.SEND_REPLY_MESSAGE)
                .putExt("producerGroup", "replier-group").putExt("topic", REPLY_TOPIC)
                .putExt("defaultTopic", "TBW102").putExt("defaultTopicQueueNums", 4).putExt("queueId", 0)
                .putExt("sysFlag", 0).putExt("bornTimestamp", 1L).putExt("flag", 0)
                .putExt("properties", ReplyFixture.properties(REQUESTER)).body("v1".getBytes(StandardCharsets.UTF_8));

        RemotingCommand response = broker.call(broker.newClient("replier"), v1);

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(new String(pushed.get().body(), StandardCharsets.UTF_8)).isEqualTo("v1");
    }

    @Test
    void shouldAnswerSystemErrorNamingARequesterThatIsNotConnectedAndStoreTheReplyAllTheSame() throws Exception {
        broker(true);

        RemotingCommand response = broker.call(broker.newClient("replier"), reply("10.0.0.9@gone", "pong"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("push reply message fail, channel of <10.0.0.9@gone> not found.");
        await().atMost(PATIENCE).until(() -> broker.storedReplies() == 1);
    }

    @Test
    void shouldAnswerSystemErrorWhenTheRequesterHasClosedItsConnection() throws Exception {
        broker(true);
        RemotingClient requester = requester(RemotingCommand.success());
        requester.close();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                broker.call(broker.newClient("replier"), reply(REQUESTER, "late")).remark())
                .isEqualTo("push reply message fail, channel of <" + REQUESTER + "> not found."));
    }

    @Test
    void shouldAnswerSystemErrorForAReplyThatNamesNoRequester() throws Exception {
        broker(true);

        RemotingCommand response = broker.call(broker.newClient("replier"), reply(null, "pong"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("reply message properties[REPLY_TO_CLIENT] is null");
    }

    @Test
    void shouldAnswerSystemErrorWithTheRequestersAnswerWhenItRefusesTheReply() throws Exception {
        broker(true);
        requester(RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "process reply message fail"));

        RemotingCommand response = broker.call(broker.newClient("replier"), reply(REQUESTER, "pong"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).startsWith("push reply message to <" + REQUESTER + "> fail")
                .contains("code 1").contains("process reply message fail");
    }

    @Test
    void shouldOnlyPushWhenStoringRepliesIsOff() throws Exception {
        broker(false);
        requester(RemotingCommand.success());

        RemotingCommand response = broker.call(broker.newClient("replier"), reply(REQUESTER, "pong"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("msgId")).isEqualTo("0");
        assertThat(response.ext("queueOffset")).isEqualTo("0");
        assertThat(pushed.get()).isNotNull();
        assertThat(broker.storedReplies()).isZero();
    }

    @Test
    void shouldRefuseWhatTheSendPathRefusesWithoutPushing() throws Exception {
        broker(true);
        requester(RemotingCommand.success());

        RemotingCommand response = broker.call(broker.newClient("replier"),
                reply(REQUESTER, "pong").putExt("e", 5));

        assertThat(response.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(response.remark()).contains("queueId 5");
        assertThat(pushed.get()).isNull();
    }
}
