package io.apogee.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.message.MessageQueue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consumer groups: list with lag, one group's progress, reset by time and skip to latest, producers. */
class GroupPagesTest {

    private static final String TOPIC = "LagTopic";
    private static ConsoleFixture fixture;
    private static WebSession admin;
    private static MessageQueue queue;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        admin = fixture.loggedIn(ConsoleFixture.ADMIN);
        fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig(TOPIC, 1, 6));
        queue = new MessageQueue(TOPIC, "broker-a", 0);
        for (int i = 0; i < 10; i++) {
            fixture.admin().messages().send(fixture.brokerAddress(), "LagProducer", queue,
                    new OutgoingMessage(TOPIC, null, null, ("m" + i).getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fixture.admin().messages().maxOffset(fixture.brokerAddress(), queue) == 10);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static void group(String group, long committed) throws Exception {
        fixture.admin().groups().createOrUpdateSubscriptionGroup(fixture.brokerAddress(), Map.of("groupName", group));
        fixture.admin().messages().updateConsumerOffset(fixture.brokerAddress(), group, queue, committed);
    }

    @Test
    void shouldListGroupsWithTheirLag() throws Exception {
        group("LaggingGroup", 4);

        HttpResponse<String> page = admin.get("/groups?q=lagging");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("LaggingGroup").containsPattern("<td class=\"num lag\">6</td>");
    }

    @Test
    void shouldShowTheLagOfEveryQueueOfAGroup() throws Exception {
        group("ProgressGroup", 7);

        HttpResponse<String> page = admin.get("/groups/view?group=ProgressGroup");

        assertThat(page.body()).contains("<b id=\"total-lag\">3</b>", TOPIC, "no client online");
    }

    @Test
    void shouldSkipAGroupToTheLatestMessage() throws Exception {
        group("SkippingGroup", 0);
        admin.get("/groups/view?group=SkippingGroup");

        HttpResponse<String> skipped = admin.post("/groups/skip", Map.of("group", "SkippingGroup", "topic", TOPIC));

        assertThat(skipped.statusCode()).isEqualTo(302);
        assertThat(fixture.admin().messages().consumerOffset(fixture.brokerAddress(), "SkippingGroup", queue))
                .isEqualTo(10);
        assertThat(admin.follow(skipped).body()).contains("1 queues moved to the latest message");
    }

    @Test
    void shouldResetAGroupToATimeBeforeEveryMessage() throws Exception {
        group("RewindGroup", 10);
        admin.get("/groups/view?group=RewindGroup");
        String longAgo = LocalDateTime.now().minusDays(1).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);

        HttpResponse<String> reset = admin.post("/groups/reset", Map.of("group", "RewindGroup", "topic", TOPIC,
                "time", longAgo));

        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(fixture.admin().messages().consumerOffset(fixture.brokerAddress(), "RewindGroup", queue))
                .isZero();
    }

    @Test
    void shouldExplainAResetWithoutATime() throws Exception {
        group("NoTimeGroup", 3);
        admin.get("/groups/view?group=NoTimeGroup");

        HttpResponse<String> refused = admin.post("/groups/reset", Map.of("group", "NoTimeGroup", "topic", TOPIC,
                "time", "yesterday"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The time must be a date and time like 2026-12-02T10:15, not "
                + "'yesterday'");
    }

    @Test
    void shouldExplainAnIllegalProducerGroup() throws Exception {
        HttpResponse<String> page = admin.get("/producers?group=bad%20group");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("illegal character");
    }

    @Test
    void shouldSayWhenNoProducerOfAGroupIsConnected() throws Exception {
        HttpResponse<String> page = admin.get("/producers?group=NobodyProduces");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("no producer of this group is connected");
    }
}
