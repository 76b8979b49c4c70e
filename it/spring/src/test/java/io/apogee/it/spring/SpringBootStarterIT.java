package io.apogee.it.spring;

import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apogee under a Spring Boot application written the way the RocketMQ Spring samples are: rocketmq-spring-boot-starter
 * 2.3.5 (rocketmq-client 5.3.2) on Spring Boot 2.7.18, configured through {@code rocketmq.name-server},
 * {@code rocketmq.producer.group} and {@code rocketmq.consumer.group}, sending with
 * {@link RocketMQTemplate#convertAndSend} and receiving with {@code @RocketMQMessageListener} beans that implement
 * {@code RocketMQListener<String>} with the starter's defaults (clustering, CONSUME_FROM_LAST_OFFSET, default delay
 * levels). The server runs as a child JVM ({@link ApogeeChildServer}).
 *
 * <p>One application context runs the four listeners (topics and groups from property placeholders, unique per run),
 * so the scenarios run concurrently. Before it starts, a separate producer-only application sends the history of
 * the history topic and the first message of the retry and existing topics (creating them); the new topic is
 * created by the first test message, while its listener is already running.
 */
@Execution(ExecutionMode.CONCURRENT)
class SpringBootStarterIT {

    /** A client learns the route of a topic created after it started on its 30 s name-server poll, then heartbeats
     * and rebalances: allow three polls. */
    private static final Duration NEW_TOPIC_PATIENCE = Duration.ofSeconds(90);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** How long the history test keeps watching for history after the new message arrived. */
    private static final Duration HISTORY_WATCH = Duration.ofSeconds(3);
    /** First retry of a failed consumption: delay level 3, 10 s with the default delay levels. */
    private static final Duration FIRST_RETRY_AT_LEAST = Duration.ofSeconds(8);
    private static final Duration FIRST_RETRY_AT_MOST = Duration.ofSeconds(15);
    private static final int HISTORY_MESSAGES = 8;

    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    /** The sample's topic and group names, made unique per run. */
    private static final String NEW_TOPIC = "springboot-rocketmq-" + RUN;
    private static final String NEW_TOPIC_GROUP = "my-group-" + RUN;
    private static final String HISTORY_TOPIC = "history-topic-" + RUN;
    private static final String HISTORY_GROUP = "history-group-" + RUN;
    private static final String RETRY_TOPIC = "retry-topic-" + RUN;
    private static final String RETRY_GROUP = "retry-group-" + RUN;
    private static final String EXISTING_TOPIC = "existing-topic-" + RUN;
    private static final String EXISTING_GROUP = "existing-group-" + RUN;

    @TempDir
    static Path storeDir;
    private static ApogeeChildServer server;
    private static ConfigurableApplicationContext app;
    private static RocketMQTemplate template;

    @BeforeAll
    static void startServerAndApplication() throws Exception {
        assertThat(resource("io/apogee/distribution/ApogeeMain.class")).as("Apogee on the application's classpath")
                .isFalse();
        assertThat(resource("org/slf4j/impl/StaticLoggerBinder.class"))
                .as("Spring Boot 2.7's logging stack (logback 1.2) on the application's classpath").isTrue();
        Path logDir = Path.of(System.getProperty("apogee.it.serverLogDir", "target/apogee-server-logs"));
        server = ApogeeChildServer.start(storeDir, logDir.resolve(SpringBootStarterIT.class.getSimpleName() + ".log"));

        try (ConfigurableApplicationContext sender = run(SenderApplication.class, Map.of(
                "rocketmq.name-server", server.namesrvAddress(),
                "rocketmq.producer.group", "sender-group-" + RUN))) {
            RocketMQTemplate history = sender.getBean(RocketMQTemplate.class);
            historyPayloads().forEach(payload -> history.convertAndSend(HISTORY_TOPIC, payload));
            history.convertAndSend(RETRY_TOPIC, "sent before the application started");
            history.convertAndSend(EXISTING_TOPIC, "sent before the application started");
        }

        Map<String, Object> properties = new HashMap<>();
        properties.put("rocketmq.name-server", server.namesrvAddress());
        properties.put("rocketmq.producer.group", NEW_TOPIC_GROUP);
        properties.put("rocketmq.consumer.group", NEW_TOPIC_GROUP);
        properties.put("it.new.topic", NEW_TOPIC);
        properties.put("it.history.topic", HISTORY_TOPIC);
        properties.put("it.history.group", HISTORY_GROUP);
        properties.put("it.retry.topic", RETRY_TOPIC);
        properties.put("it.retry.group", RETRY_GROUP);
        properties.put("it.existing.topic", EXISTING_TOPIC);
        properties.put("it.existing.group", EXISTING_GROUP);
        app = run(ListenerApplication.class, properties);
        template = app.getBean(RocketMQTemplate.class);
    }

    @AfterAll
    static void stopApplicationAndServer() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void shouldDeliverTheFirstMessageSentToANewTopicToARunningListener() {
        String payload = "hello springboot rocketmq " + RUN;
        Deliveries received = app.getBean(NewTopicListener.class).received;
        long sent = System.nanoTime();

        template.convertAndSend(NEW_TOPIC, payload);

        await("the first message of a topic created while its listener was running")
                .atMost(NEW_TOPIC_PATIENCE).until(() -> received.contains(payload));
        System.out.printf("first message of a new topic delivered %d ms after it was sent%n",
                Duration.ofNanos(received.nanoTimesOf(payload).get(0) - sent).toMillis());
    }

    @Test
    void shouldDeliverOnlyMessagesSentAfterANewGroupStartedListeningToATopicWithHistory() {
        String payload = "sent after the application started " + RUN;
        Deliveries received = app.getBean(HistoryListener.class).received;

        template.convertAndSend(HISTORY_TOPIC, payload);

        await("the message sent after the listener started").atMost(PATIENCE).until(() -> received.contains(payload));
        await("no history for a new group consuming from the last offset")
                .during(HISTORY_WATCH).atMost(HISTORY_WATCH.plusSeconds(5))
                .untilAsserted(() -> assertThat(received.payloads()).as("payloads received by the new group")
                        .containsExactly(payload));
    }

    @Test
    void shouldRedeliverAMessageWhoseListenerThrewAfterTheFirstRetryDelay() {
        String payload = "fails on its first delivery " + RUN;
        Deliveries received = app.getBean(FailingOnceListener.class).received;

        template.convertAndSend(RETRY_TOPIC, payload);

        await("a redelivery after the listener threw").atMost(PATIENCE)
                .until(() -> received.nanoTimesOf(payload).size() >= 2);
        List<Long> times = received.nanoTimesOf(payload);
        Duration gap = Duration.ofNanos(times.get(1) - times.get(0));
        System.out.printf("redelivery %d ms after the failed first delivery%n", gap.toMillis());
        assertThat(gap).as("time from the failed first delivery to the redelivery (%d ms); the first retry is "
                        + "delay level 3, 10 s with the default levels", gap.toMillis())
                .isBetween(FIRST_RETRY_AT_LEAST, FIRST_RETRY_AT_MOST);
    }

    @Test
    void shouldDeliverAMessageSentToAnExistingTopicToARunningListener() {
        String payload = "sent to an existing topic " + RUN;
        Deliveries received = app.getBean(ExistingTopicListener.class).received;

        template.convertAndSend(EXISTING_TOPIC, payload);

        await("a message to an existing topic").atMost(PATIENCE).until(() -> received.contains(payload));
    }

    private static List<String> historyPayloads() {
        return IntStream.range(0, HISTORY_MESSAGES).mapToObj(i -> "history " + i + " " + RUN).toList();
    }

    private static boolean resource(String name) {
        return SpringBootStarterIT.class.getClassLoader().getResource(name) != null;
    }

    private static ConfigurableApplicationContext run(Class<?> application, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.log-startup-info", "false");
        all.put("logging.level.root", "WARN");
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(all).run();
    }

    /** A producer-only application: RocketMQTemplate from the starter's auto-configuration, no listeners. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SenderApplication {
    }

    /** The application under test: the starter's auto-configuration plus the four listeners. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({NewTopicListener.class, HistoryListener.class, FailingOnceListener.class, ExistingTopicListener.class})
    static class ListenerApplication {
    }

    /** Records every message it is given; each subclass is one listener bean with its own topic and group. */
    abstract static class RecordingListener implements RocketMQListener<String> {
        final Deliveries received = new Deliveries();

        @Override
        public void onMessage(String message) {
            received.record(message);
        }
    }

    /** The sample's consumer, on a topic that does not exist when the application starts. */
    @RocketMQMessageListener(topic = "${it.new.topic}", consumerGroup = "${rocketmq.consumer.group}")
    static class NewTopicListener extends RecordingListener {
    }

    /** A new group on a topic that already holds messages. */
    @RocketMQMessageListener(topic = "${it.history.topic}", consumerGroup = "${it.history.group}")
    static class HistoryListener extends RecordingListener {
    }

    /** Throws on the first delivery of each message, which makes the starter answer RECONSUME_LATER. */
    @RocketMQMessageListener(topic = "${it.retry.topic}", consumerGroup = "${it.retry.group}")
    static class FailingOnceListener implements RocketMQListener<String> {
        final Deliveries received = new Deliveries();

        @Override
        public void onMessage(String message) {
            if (received.record(message) == 1) {
                throw new IllegalStateException("failing the first delivery on purpose");
            }
        }
    }

    /** A new group on an existing topic: the harness's sanity check. */
    @RocketMQMessageListener(topic = "${it.existing.topic}", consumerGroup = "${it.existing.group}")
    static class ExistingTopicListener extends RecordingListener {
    }
}
