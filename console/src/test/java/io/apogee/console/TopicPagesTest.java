package io.apogee.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.admin.OutgoingMessage;
import io.apogee.tools.message.MessageQueue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topic list, a topic's page, and creating, updating and deleting topics through the console. */
class TopicPagesTest {

    private static ConsoleFixture fixture;
    private static WebSession admin;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        admin = fixture.loggedIn(ConsoleFixture.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void shouldCreateATopicOnTheClustersMastersAndAuditIt() throws Exception {
        admin.get("/topics");

        HttpResponse<String> created = admin.post("/topics", Map.of("topic", "OrdersTopic", "cluster",
                "DefaultCluster", "writeQueueNums", "3", "readQueueNums", "3", "perm", "6"));

        assertThat(created.statusCode()).isEqualTo(302);
        TopicConfig config = fixture.admin().topicConfig(fixture.brokerAddress(), "OrdersTopic");
        assertThat(config.writeQueueNums).isEqualTo(3);
        HttpResponse<String> page = admin.follow(created);
        assertThat(page.body()).contains("Topic OrdersTopic created or updated", "id=\"queues\"");
        assertThat(Files.readString(fixture.auditLog())).contains("\"user\":\"admin\",\"action\":\"topic.create\","
                + "\"target\":\"OrdersTopic\",\"result\":\"ok:");
    }

    @Test
    void shouldExplainEveryWrongFieldOfTheCreateForm() throws Exception {
        admin.get("/topics");

        HttpResponse<String> refused = admin.post("/topics", Map.of("topic", "bad topic!", "cluster", "NoCluster",
                "writeQueueNums", "0", "readQueueNums", "many"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("contains the illegal character ' ' at index 3",
                "Cluster 'NoCluster' is not in the name servers", "Write queues must be between 1 and 1024",
                "Read queues must be a whole number, not 'many'");
    }

    @Test
    void shouldShowQueueOffsetsRouteAndConsumersOfATopic() throws Exception {
        fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig("ShownTopic", 2, 6));
        for (int i = 0; i < 5; i++) {
            fixture.admin().messages().send(fixture.brokerAddress(), "P", new MessageQueue("ShownTopic", "broker-a",
                    0), new OutgoingMessage("ShownTopic", null, null, "x".getBytes(StandardCharsets.UTF_8)));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> page = admin.get("/topics/view?topic=ShownTopic");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("2 write queues, 2 read queues", "broker-a", "read, write")
                    .containsPattern("<td class=\"num\">0</td>\\s*<td class=\"num\">5</td><td class=\"num\">5</td>");
        });
    }

    @Test
    void shouldSearchAndPageTheTopicList() throws Exception {
        for (int i = 0; i < 60; i++) {
            fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig("PagedTopic" + i, 1, 6));
        }

        HttpResponse<String> first = admin.get("/topics?q=pagedtopic");
        HttpResponse<String> second = admin.get("/topics?all=&q=pagedtopic&page=2");

        assertThat(first.body()).contains("60 topics", "Page 1 of 2");
        assertThat(first.body().split("class=\"topic\"")).hasSize(51);
        assertThat(second.body().split("class=\"topic\"")).hasSize(11);
    }

    @Test
    void shouldUpdateAndDeleteATopicOnlyWithItsNameTypedAgain() throws Exception {
        fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig("DoomedTopic", 4, 6));
        admin.get("/topics/view?topic=DoomedTopic");

        HttpResponse<String> updated = admin.post("/topics/update", Map.of("topic", "DoomedTopic",
                "writeQueueNums", "2", "readQueueNums", "2", "perm", "4"));
        HttpResponse<String> unconfirmed = admin.post("/topics/delete", Map.of("topic", "DoomedTopic",
                "confirm", "Doomed"));
        HttpResponse<String> deleted = admin.post("/topics/delete", Map.of("topic", "DoomedTopic",
                "confirm", "DoomedTopic"));

        assertThat(updated.statusCode()).isEqualTo(302);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("Type the topic's name, DoomedTopic, to confirm");
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(fixture.admin().topicList().topicList).doesNotContain("DoomedTopic");
        assertThat(Files.readString(fixture.auditLog())).contains("\"action\":\"topic.update\"",
                "\"action\":\"topic.delete\",\"target\":\"DoomedTopic\",\"result\":\"refused:",
                "\"action\":\"topic.delete\",\"target\":\"DoomedTopic\",\"result\":\"ok:");
    }

    @Test
    void shouldShowAMissingTopicAsNotFoundInsideTheConsole() throws Exception {
        HttpResponse<String> page = admin.get("/topics/view?topic=NoSuchTopic");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No route for topic 'NoSuchTopic'", "Log out");
    }
}
