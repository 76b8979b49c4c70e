package io.apogee.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogee.console.ConsoleFixture;
import io.apogee.remoting.body.TopicConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's scenario as an operator lives it, in a real headless Chromium against a real name server and
 * broker ({@link ConsoleFixture}) that the real Apache RocketMQ client (5.4.0) keeps busy: a live producer group
 * {@value #PRODUCER_GROUP} sending keyed JSON orders to {@value #TOPIC} every {@value #SEND_EVERY_MILLIS} ms, a
 * consumer group {@value #SLOW_GROUP} consuming them too slowly (one thread, {@value #SLOW_CONSUME_MILLIS} ms a
 * message) so its lag grows, and a consumer group {@value #DLQ_GROUP} with {@code maxReconsumeTimes} 0 whose
 * listener fails every message of {@value #DLQ_TOPIC} until it is "repaired", so all {@value #DEAD_LETTERS} of
 * them land in its dead-letter queue.
 *
 * <p>The tests run in order, each logging in through the form first: the cluster page shows the broker putting
 * messages; the producers page the producer's connection; the lagging group its lag and its one client; the
 * message search finds an order by key and shows its body as text, hex and JSON; skipping the lagging group to the
 * latest message empties its lag; the topic page shows the topic's queues and consumer; and after the consumer is
 * repaired, replaying all dead letters from the console at 20 messages/s brings every one of them back to it.
 * Screenshots {@code scenario-*} go to {@code target/screenshots}. Every test ends with a look at the browser's
 * console, which must show no error.
 *
 * <p>Skipping a live group: the broker commits the new offsets at once and holds them until the client's next pull
 * of each queue (useServerSideResetOffset, as Apache 5.x), ignoring the older offsets the client commits meanwhile,
 * so no queue falls back behind the skip while the client takes it up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleScenarioBrowserTest {

    private static final String TOPIC = "ScenarioTopic";
    private static final String PRODUCER_GROUP = "ScenarioProducer";
    private static final String SLOW_GROUP = "ScenarioSlowGroup";
    private static final String DLQ_TOPIC = "ScenarioDlqTopic";
    private static final String DLQ_GROUP = "ScenarioDlqGroup";
    private static final int QUEUES = 4;
    private static final int DEAD_LETTERS = 100;
    private static final long SEND_EVERY_MILLIS = 100;
    private static final long SLOW_CONSUME_MILLIS = 500;
    /** The order the message search looks for. */
    private static final int SEARCHED_ORDER = 5;
    /** The lagging group's backlog when it is skipped: a few seconds of the producer's ~10 messages/s. */
    private static final long MIN_BACKLOG = 30;
    /** Columns of the group page's progress table. */
    private static final int BROKER_OFFSET = 3;
    private static final int CONSUMER_OFFSET = 4;
    /** How long a skip must hold on the page: past the client's 10 s pause before it adopts a moved offset. */
    private static final Duration SKIP_HOLD = Duration.ofSeconds(15);
    /** The console samples the rates every 10 s; the broker's put rate is over the last 10 s. */
    private static final Duration RATE_DEADLINE = Duration.ofSeconds(45);
    private static final Duration DLQ_DEADLINE = Duration.ofSeconds(60);
    /** 100 dead letters at 20/s take ~5 s; the rest is a shared build machine's slack. */
    private static final Duration REPLAY_DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong SEND_FAILURES = new AtomicLong();
    private static final AtomicBoolean DLQ_CONSUMER_FAILING = new AtomicBoolean(true);
    private static final AtomicInteger FAILED_DELIVERIES = new AtomicInteger();
    private static final Map<String, Integer> REDELIVERED = new ConcurrentHashMap<>();

    private static ConsoleFixture fixture;
    private static Browser browser;
    private static DefaultMQProducer producer;
    private static DefaultMQPushConsumer slowConsumer;
    private static DefaultMQPushConsumer dlqConsumer;
    private static ScheduledExecutorService sender;
    private static String slowInstance;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOT_ON_FAILURE = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        topic(TOPIC);
        topic(DLQ_TOPIC);
        slowInstance = unique("scenario-slow");
        slowConsumer = consumer(SLOW_GROUP, TOPIC, slowInstance, 1, -1, (messages, context) -> consumeSlowly());
        dlqConsumer = consumer(DLQ_GROUP, DLQ_TOPIC, unique("scenario-dlq"), QUEUES, 0,
                (messages, context) -> {
                    if (DLQ_CONSUMER_FAILING.get()) {
                        FAILED_DELIVERIES.addAndGet(messages.size());
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                    messages.forEach(m -> REDELIVERED.merge(m.getKeys(), 1, Integer::sum));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        producer = new DefaultMQProducer(PRODUCER_GROUP);
        producer.setNamesrvAddr(fixture.namesrvAddress());
        producer.setInstanceName(unique("scenario-producer"));
        producer.setVipChannelEnabled(false);
        producer.start();
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scenario-producer");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(ConsoleScenarioBrowserTest::sendOrder, 0, SEND_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < DEAD_LETTERS; i++) {
            producer.send(new Message(DLQ_TOPIC, "TagDlq", "dlq-" + i,
                    ("{\"payment\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        browser = new Browser(fixture.url());
    }

    private static String unique(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void topic(String name) throws Exception {
        fixture.admin().createOrUpdateTopic(fixture.brokerAddress(), new TopicConfig(name, QUEUES, 6));
        await("the route of " + name).atMost(Browser.DEADLINE)
                .until(() -> !fixture.admin().route(name).queueDatas.isEmpty());
    }

    /**
     * A started push consumer of {@code group} on {@code topic}, from the first message, {@code threads} wide;
     * {@code maxReconsumeTimes} -1 is the client's default (16 retries), 0 sends a failed message to the DLQ at once.
     */
    private static DefaultMQPushConsumer consumer(String group, String topic, String instance, int threads,
                                                  int maxReconsumeTimes, MessageListenerConcurrently listener)
            throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(fixture.namesrvAddress());
        consumer.setInstanceName(instance);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(threads);
        consumer.setConsumeThreadMax(threads);
        consumer.setMaxReconsumeTimes(maxReconsumeTimes);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(listener);
        consumer.start();
        return consumer;
    }

    /** The lagging group's listener: the slowness is simulated, one message at a time. */
    private static ConsumeConcurrentlyStatus consumeSlowly() {
        try {
            Thread.sleep(SLOW_CONSUME_MILLIS);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
    }

    /** The live producer's task: the next order, key order-&lt;n&gt;, a JSON body. */
    private static void sendOrder() {
        long n = SENT.get();
        String body = "{\"order\":" + n + ",\"item\":\"book\",\"amount\":12.5}";
        try {
            producer.send(new Message(TOPIC, "TagOrder", "order-" + n, body.getBytes(StandardCharsets.UTF_8)));
            SENT.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            SEND_FAILURES.incrementAndGet();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        List<AutoCloseable> steps = List.of(ConsoleScenarioBrowserTest::stopSending,
                () -> shutdown(producer == null ? null : producer::shutdown),
                () -> shutdown(slowConsumer == null ? null : slowConsumer::shutdown),
                () -> shutdown(dlqConsumer == null ? null : dlqConsumer::shutdown),
                () -> shutdown(browser == null ? null : browser::close),
                () -> shutdown(fixture == null ? null : fixture::close));
        Exception first = null;
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void stopSending() throws InterruptedException {
        if (sender != null) {
            sender.shutdownNow();
            assertThat(sender.awaitTermination(10, TimeUnit.SECONDS)).as("the producer's thread ended").isTrue();
        }
    }

    private static void shutdown(AutoCloseable closeable) throws Exception {
        if (closeable != null) {
            closeable.close();
        }
    }

    @BeforeEach
    void logInAsAdmin() {
        browser.forgetSession();
        browser.login(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD);
        assertThat(browser.path()).as("page after logging in").isEqualTo("/");
    }

    @AfterEach
    void consoleShowsNoErrors() {
        browser.assertNoConsoleErrors();
    }

    /** Waits until {@code condition}, which may reload the page, holds (exceptions count as "not yet"). */
    private static void eventually(String what, Duration deadline, Callable<Boolean> condition) {
        await(what).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(condition);
    }

    /** The text of the first row matching {@code css} that contains {@code text}. */
    private static String row(String css, String text) {
        return browser.elements(css).stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + css + " contains " + text));
    }

    /** The text of the {@code index}-th cell of the first row matching {@code css}. */
    private static String cell(String css, int index) {
        return browser.element(css).findElements(By.tagName("td")).get(index).getText();
    }

    @Test
    @Order(1)
    void shouldShowTheBrokerPuttingTheLiveProducersMessagesOnTheClusterPage() throws Exception {
        assertThat(browser.text("#who")).isEqualTo(ConsoleFixture.ADMIN);

        eventually("a put rate in the broker's row and in a sample of the chart", RATE_DEADLINE, () -> {
            browser.open("/");
            return Double.parseDouble(cell("#brokers tr.broker", 8)) > 0 && chartHasPuts();
        });

        assertThat(browser.text("#brokers tr.broker")).contains("DefaultCluster", "broker-a", "master",
                fixture.brokerAddress(), "answering");
        assertThat(Long.parseLong(cell("#brokers tr.broker", 6))).as("put today").isPositive();
        browser.waitFor("uPlot to draw the rate chart", () -> browser.exists("#rate-chart div.uplot canvas"));
        browser.screenshot("scenario-cluster");
    }

    private static boolean chartHasPuts() throws Exception {
        JsonNode puts = JSON.readTree(browser.element("#rate-chart").getDomAttribute("data-samples")).get(1);
        for (JsonNode put : puts) {
            if (put.asDouble() > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Order(2)
    void shouldShowTheLiveProducersConnection() throws Exception {
        browser.submit("header nav a[href='/producers']");
        browser.type("#producer-group", PRODUCER_GROUP);
        browser.submit("form.search button[type=submit]");

        assertThat(browser.elements("#producers tr.producer")).hasSize(1);
        assertThat(browser.text("#producers tr.producer")).contains("broker-a", producer.getInstanceName(), "JAVA",
                "V5_4_0");
        browser.screenshot("scenario-producers");
    }

    @Test
    @Order(3)
    void shouldShowTheSlowGroupLaggingWithOneClientOnline() throws Exception {
        browser.submit("header nav a[href='/groups']");
        browser.type("#group-search", "Scenario");
        browser.submit("form.search button[type=submit]");
        assertThat(row("#groups tr.group", SLOW_GROUP)).isNotEmpty();
        assertThat(row("#groups tr.group", DLQ_GROUP)).isNotEmpty();
        browser.screenshot("scenario-groups");

        browser.submit("#groups a[href='/groups/view?group=" + SLOW_GROUP + "']");
        eventually("the group's lag to show", Browser.DEADLINE, () -> {
            browser.open(browser.pathAndQuery());
            return Long.parseLong(browser.text("#total-lag")) > 0;
        });

        assertThat(browser.text("#group-name")).isEqualTo(SLOW_GROUP);
        assertThat(browser.text("#client-count")).isEqualTo("1");
        assertThat(browser.text("#clients tr.client")).contains(slowInstance, "JAVA", "V5_4_0");
        assertThat(browser.text("#subscriptions")).contains(TOPIC);
        assertThat(browser.elements("#progress tr.queue").stream().map(WebElement::getText)
                .filter(t -> t.startsWith(TOPIC + " "))).hasSize(QUEUES);
        browser.screenshot("scenario-group-lagging");
    }

    @Test
    @Order(4)
    void shouldFindAnOrderByKeyAndShowItsBodyAsTextHexAndJson() throws Exception {
        String key = "order-" + SEARCHED_ORDER;
        await("order " + SEARCHED_ORDER + " to be sent").atMost(Browser.DEADLINE)
                .until(() -> SENT.get() > SEARCHED_ORDER);
        browser.submit("header nav a[href='/messages']");
        browser.click("input[name=mode][value=key]");
        browser.type("#topic", TOPIC);
        browser.type("#key", key);
        eventually("the search to find " + key, Browser.DEADLINE, () -> {
            browser.submit("#search");
            return browser.exists("#messages tr.message");
        });
        assertThat(browser.elements("#messages tr.message")).hasSize(1);
        assertThat(browser.text("#messages tr.message")).contains(TOPIC, "TagOrder", key);

        browser.submit("#messages tr.message a");

        String text = "{\"order\":" + SEARCHED_ORDER + ",\"item\":\"book\",\"amount\":12.5}";
        assertThat(browser.text("#message-facts")).contains(TOPIC, key, "TagOrder", text.length() + " bytes");
        assertThat(browser.element("#body").getDomAttribute("data-as")).as("a JSON body is shown as JSON")
                .isEqualTo("json");
        browser.submit("#body-tabs a[href$='as=text']");
        assertThat(browser.element("#body").getDomAttribute("data-as")).isEqualTo("text");
        assertThat(browser.text("#body")).isEqualTo(text);
        browser.submit("#body-tabs a[href$='as=hex']");
        assertThat(browser.element("#body").getDomAttribute("data-as")).isEqualTo("hex");
        assertThat(browser.text("#body")).startsWith("00000000  7b 22 6f 72 64 65 72 22").contains("|{\"order\":");
        browser.submit("#body-tabs a[href$='as=json']");
        assertThat(browser.element("#body").getDomAttribute("data-as")).isEqualTo("json");
        assertThat(browser.text("#body")).contains("\"order\" : " + SEARCHED_ORDER, "\"item\" : \"book\"");
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.element("#body"));
        browser.screenshot("scenario-message");
    }

    @Test
    @Order(5)
    void shouldSkipTheLaggingGroupPastItsBacklog() throws Exception {
        browser.open("/groups/view?group=" + SLOW_GROUP);
        long before = Long.parseLong(browser.text("#total-lag"));
        assertThat(before).as("lag before skipping").isGreaterThan(MIN_BACKLOG);
        Map<String, Long> backlogEnds = progressColumn(BROKER_OFFSET);
        browser.elements("#skip-offset select[name=topic] option").stream()
                .filter(option -> option.getText().equals(TOPIC)).findFirst().orElseThrow().click();

        browser.submit("#skip-button");

        assertThat(browser.text("main p.flash.ok")).isEqualTo("Group " + SLOW_GROUP + " on " + TOPIC + ": "
                + QUEUES + " queues moved to the latest message");
        assertThat(Long.parseLong(browser.text("#total-lag"))).as("lag right after skipping " + before + " messages")
                .isLessThan(before);
        assertThat(browser.text("#client-count")).as("the client stays online").isEqualTo("1");
        browser.screenshot("scenario-group-reset");
        // the client takes the reset up at its next pull of each queue (it answers PULL_OFFSET_MOVED, which the
        // client adopts after 10 s); the offsets it commits until then must not put a queue back behind the skip
        await("every queue's offset past the backlog of before the skip " + backlogEnds)
                .during(SKIP_HOLD).atMost(SKIP_HOLD.plusSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    browser.open(browser.pathAndQuery());
                    Map<String, Long> consumed = progressColumn(CONSUMER_OFFSET);
                    return backlogEnds.entrySet().stream().allMatch(e -> consumed.get(e.getKey()) >= e.getValue());
                });
        browser.screenshot("scenario-group-reset-settled");
    }

    /** Queue id to the number in {@code column} of the group page's progress rows of {@value #TOPIC}. */
    private static Map<String, Long> progressColumn(int column) {
        Map<String, Long> values = new TreeMap<>();
        for (WebElement row : browser.elements("#progress tr.queue")) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.get(0).getText().equals(TOPIC)) {
                values.put(cells.get(2).getText(), Long.parseLong(cells.get(column).getText()));
            }
        }
        assertThat(values).as("queues of " + TOPIC + " on the group page").hasSize(QUEUES);
        return values;
    }

    @Test
    @Order(6)
    void shouldShowTheTopicWithItsQueuesAndItsConsumer() throws Exception {
        browser.submit("header nav a[href='/topics']");
        browser.type("#topic-search", "Scenario");
        browser.submit("form.search button[type=submit]");
        assertThat(row("#topics tr.topic", DLQ_TOPIC)).isNotEmpty();
        browser.screenshot("scenario-topics");

        browser.submit("#topics a[href='/topics/view?topic=" + TOPIC + "']");

        assertThat(browser.text("#topic-name")).isEqualTo(TOPIC);
        assertThat(browser.text("#topic-config")).startsWith(QUEUES + " write queues, " + QUEUES + " read queues");
        List<WebElement> queues = browser.elements("#queues tr.queue");
        assertThat(queues).hasSize(QUEUES);
        long stored = queues.stream().mapToLong(q -> Long.parseLong(
                q.findElements(By.tagName("td")).get(4).getText())).sum();
        assertThat(stored).as("messages stored in the topic").isPositive();
        assertThat(browser.text("#consumers")).contains(SLOW_GROUP);
        browser.screenshot("scenario-topic");
    }

    @Test
    @Order(7)
    void shouldReplayEveryDeadLetterToTheRepairedConsumer() throws Exception {
        await("all " + DEAD_LETTERS + " dead letters").atMost(DLQ_DEADLINE).ignoreExceptions()
                .until(() -> deadLetters() == DEAD_LETTERS);
        assertThat(FAILED_DELIVERIES).as("each failed once, then went to the DLQ (maxReconsumeTimes 0)")
                .hasValue(DEAD_LETTERS);
        DLQ_CONSUMER_FAILING.set(false);
        browser.submit("header nav a[href='/dlq']");
        assertThat(row("#dlq-groups tr.dlq-group", DLQ_GROUP)).contains("%DLQ%" + DLQ_GROUP, " " + DEAD_LETTERS);

        browser.submit("#dlq-groups a[href='/dlq/" + DLQ_GROUP + "']");
        assertThat(browser.text("#dlq-count")).isEqualTo(DEAD_LETTERS + " dead letters in %DLQ%" + DLQ_GROUP + ".");
        assertThat(browser.text("#dead-letters")).contains(DLQ_TOPIC, "dlq-");
        browser.type("#replay-form input[name=rate]", "20");
        browser.submit("#replay-all");

        assertThat(browser.text("main p.flash.ok")).contains("Started replay", "of " + DEAD_LETTERS + " messages",
                "at 20/s");
        eventually("the replay's progress to reach " + DEAD_LETTERS, REPLAY_DEADLINE, () -> {
            WebElement progress = browser.element("#replay-progress");
            return String.valueOf(DEAD_LETTERS).equals(progress.getDomAttribute("data-done"));
        });
        WebElement progress = browser.element("#replay-progress");
        assertThat(progress.getDomAttribute("data-ok")).isEqualTo(String.valueOf(DEAD_LETTERS));
        assertThat(progress.getDomAttribute("data-failed")).isEqualTo("0");
        browser.screenshot("scenario-dlq-replayed");

        Set<String> keys = IntStream.range(0, DEAD_LETTERS).mapToObj(i -> "dlq-" + i).collect(Collectors.toSet());
        await("the repaired consumer to get every replayed dead letter").atMost(REPLAY_DEADLINE)
                .until(() -> REDELIVERED.keySet().containsAll(keys));
        assertThat(REDELIVERED).as("each dead letter consumed once").hasSize(DEAD_LETTERS)
                .allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
    }

    /** How many messages {@code %DLQ%<group>} holds, as the admin API counts them. */
    private static long deadLetters() throws Exception {
        return fixture.admin().topicStats("%DLQ%" + DLQ_GROUP).offsetTable.values().stream()
                .mapToLong(o -> o.maxOffset - o.minOffset).sum();
    }
}
