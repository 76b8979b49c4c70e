package io.apogee.console.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.common.message.MessageProperties;
import io.apogee.console.ConsoleFixture;
import io.apogee.console.WebSession;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.message.MessageQueue;
import io.apogee.tools.message.MessageRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter pages against a real name server and broker: dead letters are sent straight into
 * {@code %DLQ%<group>}, then browsed and replayed through the console, and the copies read back from
 * {@code %RETRY%<group>}.
 */
class DlqReplayTest {

    private static final Pattern OUTCOME = Pattern.compile("<tr class=\"outcome (ok|failed)\">");
    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** Makes {@code %DLQ%<group>} with {@code count} dead letters of topic OrderTopic, keys k0, k1, .... */
    private static void deadLetters(String group, int count) throws Exception {
        AdminClient admin = fixture.admin();
        String topic = "%DLQ%" + group;
        admin.createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig(topic, 1, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> !admin.route(topic).queueDatas.isEmpty());
        for (int i = 0; i < count; i++) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put(MessageProperties.KEYS, "k" + i);
            props.put(MessageProperties.TAGS, "TagA");
            props.put(MessageProperties.RETRY_TOPIC, "OrderTopic");
            props.put("shop", "north");
            admin.messages().sendWithProperties(fixture.brokerAddress(), "DlqTestProducer",
                    new MessageQueue(topic, "broker-a", 0), props, ("order " + i).getBytes(StandardCharsets.UTF_8),
                    16);
        }
    }

    private static List<MessageRecord> retried(String group) throws AdminException {
        return fixture.admin().messages().pull(fixture.brokerAddress(), MessageOperations.TOOLS_CONSUMER_GROUP,
                new MessageQueue("%RETRY%" + group, "broker-a", 0), "*", 0, 32).records();
    }

    private static List<String> outcomes(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = OUTCOME.matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void shouldReplayEveryDeadLetterToTheRetryTopicNamingItsOriginalTopic() throws Exception {
        deadLetters("ReplayAllGroup", 5);
        WebSession admin = fixture.loggedIn(ConsoleFixture.ADMIN);
        assertThat(admin.get("/dlq").body()).contains("ReplayAllGroup", "%DLQ%ReplayAllGroup", ">5<");
        HttpResponse<String> browse = admin.get("/dlq/ReplayAllGroup");
        assertThat(browse.body()).contains("5 dead letters", "broker-a:0:4", "OrderTopic", "id=\"replay-all\"");

        HttpResponse<String> answer = admin.post("/dlq/ReplayAllGroup/replay", Map.of("rate", "1000", "scope", "all"));

        assertThat(answer.statusCode()).isEqualTo(302);
        String replay = answer.headers().firstValue("Location").orElseThrow();
        assertThat(replay).matches("/dlq/ReplayAllGroup/replays/\\d+");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.get(replay + "/progress").body())
                .contains("data-state=\"done\"", "data-done=\"5\"", "data-total=\"5\"", "data-ok=\"5\"")
                .doesNotContain("hx-trigger"));
        String page = admin.get(replay).body();
        assertThat(page).contains("id=\"replay-progress\"", "id=\"replay-outcomes\"");
        assertThat(outcomes(page)).containsExactly("ok", "ok", "ok", "ok", "ok");

        List<MessageRecord> copies = retried("ReplayAllGroup");
        assertThat(copies).hasSize(5);
        assertThat(copies).extracting(MessageRecord::keys).containsExactly("k0", "k1", "k2", "k3", "k4");
        for (MessageRecord copy : copies) {
            assertThat(copy.properties()).containsEntry(MessageProperties.RETRY_TOPIC, "OrderTopic")
                    .containsEntry("shop", "north").containsEntry(MessageProperties.TAGS, "TagA");
            assertThat(copy.reconsumeTimes()).isZero();
            assertThat(new String(copy.body(), StandardCharsets.UTF_8)).startsWith("order ");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(fixture.auditLog()))
                .contains("\"action\":\"dlq.replay\"", "Started replay", "of 5 messages", "ended: ", "5 of 5 sent"));
    }

    @Test
    void shouldReplayOnlyTheSelectedDeadLetters() throws Exception {
        deadLetters("ReplaySomeGroup", 3);
        WebSession admin = fixture.loggedIn(ConsoleFixture.ADMIN);
        admin.get("/dlq/ReplaySomeGroup");

        HttpResponse<String> answer = admin.post("/dlq/ReplaySomeGroup/replay", Map.of("rate", "1000", "scope",
                "selected", "position", "broker-a:0:1"));

        String replay = answer.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.get(replay + "/progress").body())
                .contains("data-state=\"done\"", "data-total=\"1\"", "data-ok=\"1\""));
        assertThat(retried("ReplaySomeGroup")).extracting(MessageRecord::keys).containsExactly("k1");
    }

    @Test
    void shouldAskToSelectSomethingBeforeReplayingSelected() throws Exception {
        deadLetters("ReplayNoneGroup", 1);
        WebSession admin = fixture.loggedIn(ConsoleFixture.ADMIN);
        admin.get("/dlq/ReplayNoneGroup");

        HttpResponse<String> answer = admin.post("/dlq/ReplayNoneGroup/replay", Map.of("rate", "5000", "scope",
                "selected"));

        assertThat(answer.headers().firstValue("Location")).contains("/dlq/ReplayNoneGroup");
        assertThat(admin.follow(answer).body()).contains("Rate must be between 1 and 1000");
    }

    @Test
    void shouldRefuseAReadOnlyUsersReplayAndSendNothing() throws Exception {
        deadLetters("ReadOnlyGroup", 2);
        WebSession viewer = fixture.loggedIn(ConsoleFixture.VIEWER);
        HttpResponse<String> browse = viewer.get("/dlq/ReadOnlyGroup");
        assertThat(browse.body()).contains("2 dead letters").doesNotContain("id=\"replay-all\"",
                "name=\"position\"");

        HttpResponse<String> answer = viewer.post("/dlq/ReadOnlyGroup/replay", Map.of("rate", "1000", "scope",
                "all"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("read-only");
        assertThatThrownBy(() -> fixture.admin().topicConfig(fixture.brokerAddress(), "%RETRY%ReadOnlyGroup"))
                .isInstanceOfSatisfying(AdminException.class,
                        e -> assertThat(e.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    }
}
