package io.apogee.it.spring;

import org.apache.rocketmq.client.exception.RequestTimeoutException;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQLocalRequestCallback;
import org.apache.rocketmq.spring.core.RocketMQReplyListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.apache.rocketmq.spring.support.DefaultRocketMQListenerContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply through the Spring starter as its samples write it: {@link RocketMQTemplate#sendAndReceive} answered
 * by a {@code @RocketMQMessageListener} bean implementing {@code RocketMQReplyListener<String, String>}
 * (rocketmq-spring-boot-starter 2.3.5, rocketmq-client 5.3.2, Spring Boot 2.7.18), against Apogee in a child JVM.
 * The listener container sends each reply with {@code MessageUtil.createReplyMessage} through its client instance's
 * inner producer (group {@code CLIENT_INNER_PRODUCER}); the broker pushes it to the template producer's connection.
 *
 * <p>What client 5.3.2 does (details on the test methods): the async {@code sendAndReceive(destination, payload,
 * callback, timeout)} gets the reply; the sync {@code sendAndReceive(destination, payload, type, timeout)} throws a
 * request timeout as soon as the request is sent, whatever the broker does (apache/rocketmq#9319), so the sync
 * test asserts exactly that client behaviour. Apogee does nothing to work around it.
 */
class SpringRequestReplyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long REQUEST_TIMEOUT_MILLIS = 15_000;
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String TOPIC = "request-topic-" + RUN;
    private static final String GROUP = "reply-group-" + RUN;

    @TempDir
    static Path storeDir;
    private static ApogeeChildServer server;
    private static ConfigurableApplicationContext app;
    private static RocketMQTemplate template;

    @BeforeAll
    @SuppressWarnings("deprecation") // the consumer's rebalance state is only reachable through its impl
    static void startServerAndApplication() throws Exception {
        Path logDir = Path.of(System.getProperty("apogee.it.serverLogDir", "target/apogee-server-logs"));
        server = ApogeeChildServer.start(storeDir, logDir.resolve(SpringRequestReplyIT.class.getSimpleName() + ".log"));
        try (ConfigurableApplicationContext sender = run(SenderApplication.class, Map.of(
                "rocketmq.name-server", server.namesrvAddress(),
                "rocketmq.producer.group", "sender-group-" + RUN))) {
            sender.getBean(RocketMQTemplate.class).convertAndSend(TOPIC, "creates the topic");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("rocketmq.name-server", server.namesrvAddress());
        properties.put("rocketmq.producer.group", "requester-group-" + RUN);
        properties.put("it.request.topic", TOPIC);
        properties.put("it.reply.group", GROUP);
        app = run(ReplyApplication.class, properties);
        template = app.getBean(RocketMQTemplate.class);
        // the listener starts from the last offset: a request sent before it owns the queues would be skipped
        await("the reply listener owns the request topic's queues").atMost(PATIENCE).until(() ->
                app.getBeansOfType(DefaultRocketMQListenerContainer.class).values().stream().allMatch(c ->
                        !c.getConsumer().getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable()
                                .isEmpty()));
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

    /**
     * Client 5.3.2's sync request cannot work against any broker (apache/rocketmq#9319): the request's SendCallback
     * counts down the latch the caller waits on ({@code RequestResponseFuture.acquireCountDownLatch}) as soon as the
     * request is stored, so {@code waitResponse} wakes with no reply and throws {@code RequestTimeoutException}
     * (code 10006) "send request message to &lt;topic&gt; OK, but wait reply message timeout, &lt;timeout&gt; ms."
     * right away, long before the timeout, while the replier still answers and the broker pushes the reply (which
     * the client then drops: no request waits for it). Client 5.4.0 waits correctly (RequestReplyIT).
     */
    @Test
    void shouldFailASyncSendAndReceiveAtOnceBecauseOfClient532sCountDownOnSend() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> template.sendAndReceive(TOPIC, "ping-sync", String.class, REQUEST_TIMEOUT_MILLIS))
                .hasRootCauseInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("OK, but wait reply message timeout, " + REQUEST_TIMEOUT_MILLIS + " ms.");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the client gave up")
                .isLessThan(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS / 3));
        await("the replier answered the request all the same").atMost(PATIENCE)
                .until(() -> app.getBean(EchoReplyListener.class).received.contains("ping-sync"));
    }

    /**
     * The async path works. The client calls the starter's request callback with a null message once the request
     * is sent (as 4.9.8 to 5.4.0 do); the starter's conversion of that null throws inside the client's
     * SendCallback, which swallows it, so the user's callback sees the reply only.
     */
    @Test
    void shouldGiveTheReplyListenersAnswerToTheCallbackOfAnAsyncSendAndReceive() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<String> calls = new CopyOnWriteArrayList<>();

        template.sendAndReceive(TOPIC, "ping-async", new RocketMQLocalRequestCallback<String>() {
            @Override
            public void onSuccess(String message) {
                calls.add(String.valueOf(message));
                answer.complete(message);
            }

            @Override
            public void onException(Throwable e) {
                answer.completeExceptionally(e);
            }
        }, REQUEST_TIMEOUT_MILLIS);

        assertThat(answer.get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("pong:ping-async");
        assertThat(calls).containsExactly("pong:ping-async");
    }

    private static ConfigurableApplicationContext run(Class<?> application, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.log-startup-info", "false");
        all.put("logging.level.root", "WARN");
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(all).run();
    }

    /** A producer-only application that creates the request topic before the listener starts. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SenderApplication {
    }

    /** The application under test: the starter's auto-configuration (its RocketMQTemplate) and the replier. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EchoReplyListener.class)
    static class ReplyApplication {
    }

    /** Answers each request with "pong:" + its payload. */
    @RocketMQMessageListener(topic = "${it.request.topic}", consumerGroup = "${it.reply.group}")
    static class EchoReplyListener implements RocketMQReplyListener<String, String> {
        final Deliveries received = new Deliveries();

        @Override
        public String onMessage(String message) {
            received.record(message);
            return "pong:" + message;
        }
    }
}
