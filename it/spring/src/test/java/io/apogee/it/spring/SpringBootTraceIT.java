package io.apogee.it.spring;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.trace.TraceView;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Message trace the way a Spring Boot user turns it on with rocketmq-spring-boot-starter 2.3.5 (rocketmq-client
 * 5.3.2): {@code rocketmq.producer.enable-msg-trace=true} for the template's producer and
 * {@code enableMsgTrace = true} on a {@code @RocketMQMessageListener}, nothing else (no trace topic created by hand:
 * Apogee's broker creates RMQ_SYS_TRACE_TOPIC at start-up). The send's {@code Pub} and the consumption's
 * {@code SubBefore} and {@code SubAfter} records of the message are then found in RMQ_SYS_TRACE_TOPIC by its id,
 * as the dashboard and {@code mqadmin queryMsgTraceById} look them up (QUERY_MESSAGE with the id as key, decoded by
 * the client's {@code TraceView}). The consume records need the MSG_REGION the broker stores on every message
 * (docs/protocol/16-timers-trace-reply-pop.md §2); without it the client drops them.
 */
class SpringBootTraceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final String TOPIC = "traced-topic-" + RUN;
    private static final String GROUP = "traced-group-" + RUN;

    @TempDir
    static Path storeDir;
    private static ApogeeChildServer server;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void startServerAndApplication() throws Exception {
        Path logDir = Path.of(System.getProperty("apogee.it.serverLogDir", "target/apogee-server-logs"));
        server = ApogeeChildServer.start(storeDir, logDir.resolve(SpringBootTraceIT.class.getSimpleName() + ".log"));
        DefaultMQProducer creator = new DefaultMQProducer("topic-creator-" + RUN);
        creator.setNamesrvAddr(server.namesrvAddress());
        creator.start();
        try {
            creator.send(new Message(TOPIC, "creates the topic".getBytes(StandardCharsets.UTF_8)));
        } finally {
            creator.shutdown();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("rocketmq.name-server", server.namesrvAddress());
        properties.put("rocketmq.producer.group", "traced-producer-" + RUN);
        properties.put("rocketmq.producer.enable-msg-trace", "true");
        properties.put("it.traced.topic", TOPIC);
        properties.put("it.traced.group", GROUP);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        app = new SpringApplicationBuilder(TracedApplication.class).web(WebApplicationType.NONE).properties(properties)
                .run();
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
    @SuppressWarnings("deprecation") // queryMessage: what the dashboard's and mqadmin's trace look-ups call
    void shouldStoreThePubSubBeforeAndSubAfterRecordsOfATracedSendAndConsumption() {
        RocketMQTemplate template = app.getBean(RocketMQTemplate.class);
        Deliveries received = app.getBean(TracedListener.class).received;
        String payload = "traced " + RUN;

        String msgId = template.syncSend(TOPIC, payload).getMsgId();

        await("the traced message consumed").atMost(PATIENCE).until(() -> received.contains(payload));
        DefaultMQProducer producer = template.getProducer();
        await("Pub, SubBefore and SubAfter records of " + msgId + " in " + TRACE_TOPIC).atMost(PATIENCE)
                .ignoreExceptions().untilAsserted(() -> {
                    List<TraceView> views = new ArrayList<>();
                    for (MessageExt m : producer.queryMessage(TRACE_TOPIC, msgId, 64, 0, Long.MAX_VALUE)
                            .getMessageList()) {
                        views.addAll(TraceView.decodeFromTraceTransData(msgId, m));
                    }
                    assertThat(views).extracting(TraceView::getMsgType).contains("Pub", "SubBefore", "SubAfter");
                    assertThat(views).filteredOn(v -> v.getMsgType().equals("SubAfter"))
                            .extracting(TraceView::getGroupName, TraceView::getStatus)
                            .contains(tuple(GROUP, "success"));
                });
    }

    /** The application: the starter's auto-configuration (template with trace on) and one traced listener. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TracedListener.class)
    static class TracedApplication {
    }

    /** A listener with the starter's trace switch on. */
    @RocketMQMessageListener(topic = "${it.traced.topic}", consumerGroup = "${it.traced.group}",
            enableMsgTrace = true)
    static class TracedListener implements RocketMQListener<String> {
        final Deliveries received = new Deliveries();

        @Override
        public void onMessage(String message) {
            received.record(message);
        }
    }
}
