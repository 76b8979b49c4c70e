package io.apogee.console.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.console.ConsoleFixture;
import io.apogee.console.WebSession;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.ConsumerData;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.admin.SendReceipt;
import io.apogee.tools.admin.TopicSender;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message pages against a real name server and broker: search by key, by id and by time range, the detail page
 * with its body as text, hex and JSON, refused input, and resending to a consumer (none online; a fake one online).
 */
class MessagePagesTest {

    private static final String TOPIC = "MessagePagesTopic";
    private static ConsoleFixture fixture;
    private static WebSession admin;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig(TOPIC, 2, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.admin().route(TOPIC).queueDatas.isEmpty());
        admin = fixture.loggedIn(ConsoleFixture.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static SendReceipt send(String key, String body) throws Exception {
        TopicSender sender = new TopicSender(fixture.admin(), "MessagePagesProducer", TOPIC);
        return sender.send(new OutgoingMessage(TOPIC, "TagA", key, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindTheMessagesOfATopicByKey() throws Exception {
        String key = "order-" + UUID.randomUUID();
        SendReceipt first = send(key, "first");
        SendReceipt second = send(key, "second");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> page = admin.get("/messages?mode=key&topic=" + TOPIC + "&key=" + q(key));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("2 messages found", first.msgId(), second.msgId(), "TagA", key);
        });
    }

    @Test
    void shouldFindAMessageByItsMsgIdAndByItsOffsetMsgId() throws Exception {
        SendReceipt sent = send("by-id", "find me");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                admin.get("/messages?mode=id&topic=" + TOPIC + "&msgId=" + sent.msgId()).body())
                .contains("1 message found", sent.msgId(), sent.offsetMsgId()));
        assertThat(admin.get("/messages?mode=id&topic=" + TOPIC + "&msgId=" + sent.offsetMsgId()).body())
                .contains("1 message found", sent.msgId());
    }

    @Test
    void shouldListTheMessagesStoredInATimeRange() throws Exception {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        SendReceipt sent = send("in-range", "in range");
        String begin = now.minusMinutes(1).toString();
        String end = now.plusMinutes(1).toString();

        HttpResponse<String> page = admin.get("/messages?mode=time&topic=" + TOPIC + "&begin=" + q(begin) + "&end="
                + q(end));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(sent.msgId(), "in-range");
        HttpResponse<String> before = admin.get("/messages?mode=time&topic=" + TOPIC + "&begin="
                + q(now.minusHours(2).toString()) + "&end=" + q(now.minusHours(1).toString()));
        assertThat(before.body()).contains("0 messages found").doesNotContain(sent.msgId());
    }

    @Test
    void shouldShowTheBodyAsTextHexAndPrettyPrintedJson() throws Exception {
        SendReceipt sent = send("json", "{\"amount\":42,\"items\":[\"x\"]}");
        String view = "/messages/view?topic=" + TOPIC + "&id=" + sent.offsetMsgId();

        HttpResponse<String> json = admin.get(view);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("data-as=\"json\"", "42", "UNIQ_KEY", sent.msgId(), "TagA",
                "id=\"reconsume-times\">0<");
        assertThat(json.body()).containsPattern("amount&#34; : 42|amount&quot; : 42|amount\" : 42");
        assertThat(admin.get(view + "&as=text").body()).contains("data-as=\"text\"");
        assertThat(admin.get(view + "&as=hex").body()).contains("data-as=\"hex\"", "00000000  7b 22 61 6d 6f 75");
    }

    @Test
    void shouldShowTheTraceRecordsOfAMessageOnItsPageOrSayThereAreNone() throws Exception {
        SendReceipt traced = send("traced", "traced body");
        String id = traced.msgId();
        String trace = "Pub\u00011700000000123\u0001DefaultRegion\u0001TracedProducers\u0001" + TOPIC + "\u0001" + id
                + "\u0001TagA\u0001traced\u0001127.0.0.1:10911\u000111\u00013\u00010\u0001"
                + traced.offsetMsgId() + "\u0001true\u0002"
                + "SubBefore\u00011700000000200\u0001DefaultRegion\u0001TracedConsumers\u0001req-1\u0001" + id
                + "\u00010\u0001traced\u0002"
                + "SubAfter\u0001req-1\u0001" + id + "\u00014\u0001true\u0001traced\u00010\u00011700000000205"
                + "\u0001TracedConsumers\u0002";
        new TopicSender(fixture.admin(), "TraceWriter", MessageTrace.DEFAULT_TOPIC).send(new OutgoingMessage(
                MessageTrace.DEFAULT_TOPIC, null, id + " traced", trace.getBytes(StandardCharsets.UTF_8)));
        SendReceipt untraced = send("untraced", "no trace");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                admin.get("/messages/view?topic=" + TOPIC + "&id=" + traced.offsetMsgId()).body())
                .contains("id=\"trace\"", "TracedProducers", "TracedConsumers", "3ms", "4ms", "started")
                .containsPattern("<td>Pub</td>[\\s\\S]*<td>SubBefore</td>[\\s\\S]*<td>SubAfter</td>"));
        assertThat(admin.get("/messages/view?topic=" + TOPIC + "&id=" + untraced.offsetMsgId()).body())
                .contains("id=\"trace-problem\"", "No trace of this message in RMQ_SYS_TRACE_TOPIC");
        assertThat(admin.get("/messages/view?topic=" + TOPIC + "&id=" + untraced.offsetMsgId()
                + "&traceTopic=NoSuchTraceTopic").body()).contains("The trace topic NoSuchTraceTopic does not exist");
    }

    @Test
    void shouldRefuseBadSearchInputWithTheReason() throws Exception {
        HttpResponse<String> noKey = admin.get("/messages?mode=key&topic=" + TOPIC + "&key=");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("Key is required.");

        HttpResponse<String> backwards = admin.get("/messages?mode=time&topic=" + TOPIC
                + "&begin=2026-12-02T10:15&end=2026-12-02T09:15");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("End must not be before begin.");

        HttpResponse<String> illegal = admin.get("/messages?mode=key&topic=" + q("bad topic!") + "&key=k");
        assertThat(illegal.statusCode()).isEqualTo(400);
        assertThat(illegal.body()).contains("contains the illegal character");
    }

    @Test
    void shouldSayWhenTheTopicDoesNotExistAndStillShowThePage() throws Exception {
        HttpResponse<String> page = admin.get("/messages?mode=key&topic=NoSuchTopicAnywhere&key=k");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Topic 'NoSuchTopicAnywhere' does not exist", "id=\"message-search\"")
                .doesNotContain("messages found");
    }

    @Test
    void shouldFlashAClearFailureWhenNoConsumerOfTheGroupIsOnline() throws Exception {
        SendReceipt sent = send("resend", "resend me");
        String view = "/messages/view?topic=" + TOPIC + "&id=" + sent.offsetMsgId();
        assertThat(admin.get(view).body()).contains("id=\"resend\"");

        HttpResponse<String> answer = admin.post("/messages/resend", Map.of("topic", TOPIC, "msgId",
                sent.offsetMsgId(), "group", "NobodyHomeGroup"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(admin.follow(answer).body()).contains("flash error",
                "No consumer of group NobodyHomeGroup is online");
        assertThat(Files.readString(fixture.auditLog())).contains("\"action\":\"message.resend\"",
                "NobodyHomeGroup");
    }

    @Test
    void shouldShowNoResendFormToAReadOnlyUser() throws Exception {
        SendReceipt sent = send("read-only", "look only");
        WebSession viewer = fixture.loggedIn(ConsoleFixture.VIEWER);

        HttpResponse<String> page = viewer.get("/messages/view?topic=" + TOPIC + "&id=" + sent.offsetMsgId());

        assertThat(page.body()).contains(sent.msgId()).doesNotContain("id=\"resend\"");
        assertThat(viewer.post("/messages/resend", Map.of("topic", TOPIC, "msgId", sent.msgId(), "group", "G"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldResendAMessageToAnOnlineConsumerOfTheGroupAndShowItsAnswer() throws Exception {
        SendReceipt sent = send("resend-ok", "hello consumer");
        AtomicReference<String> handed = new AtomicReference<>();
        try (RemotingClient client = new RemotingClient("test-consumer")) {
            client.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY, (channel, request) -> {
                handed.set(request.ext("clientId") + " " + request.ext("msgId"));
                return RemotingCommand.success().body("{\"consumeResult\":\"CR_SUCCESS\",\"spentTimeMills\":3}"
                        .getBytes(StandardCharsets.UTF_8));
            }, Runnable::run);
            client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> null,
                    Runnable::run);
            client.start();
            AdminClient consumer = new AdminClient(client, List.of(fixture.namesrvAddress()), 3000);
            consumer.messages().heartbeat(fixture.brokerAddress(), heartbeat("127.0.0.1@resend", "ResendGroup"));
            admin.get("/messages/view?topic=" + TOPIC + "&id=" + sent.msgId());

            HttpResponse<String> answer = admin.post("/messages/resend", Map.of("topic", TOPIC, "msgId",
                    sent.msgId(), "group", "ResendGroup"));

            assertThat(admin.follow(answer).body()).contains("flash ok",
                    "Consumer 127.0.0.1@resend of group ResendGroup answered CR_SUCCESS");
            assertThat(handed.get()).isEqualTo("127.0.0.1@resend " + sent.offsetMsgId());
        }
    }

    private static HeartbeatData heartbeat(String clientId, String group) {
        ConsumerData member = new ConsumerData();
        member.groupName = group;
        member.consumeType = "CONSUME_PASSIVELY";
        member.messageModel = ConsumerData.CLUSTERING;
        member.consumeFromWhere = "CONSUME_FROM_LAST_OFFSET";
        member.subscriptionDataSet.add(new SubscriptionData(TOPIC, "*", 1));
        HeartbeatData data = new HeartbeatData();
        data.clientID = clientId;
        data.consumerDataSet.add(member);
        return data;
    }
}
