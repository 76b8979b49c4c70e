package io.apogee.it;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply with the real clients, as a user writes it: a requester calls {@code DefaultMQProducer.request}
 * (sync, and async with a {@link RequestCallback}); a replying {@link DefaultMQPushConsumer} answers each request
 * with {@code MessageUtil.createReplyMessage(request, body)} sent by its own {@link DefaultMQProducer}. The broker
 * pushes the reply to the requester's connection (PUSH_REPLY_MESSAGE_TO_CLIENT) and stores it in
 * {@code <cluster>_REPLY_TOPIC}. A request whose body starts with {@code gone-} is answered only once the test
 * opens {@link #goneGate}, after it has shut its requester down.
 */
class RequestReplyIT {

    private static final String CLUSTER = "ReplyCluster";
    private static final String REPLY_TOPIC = CLUSTER + "_REPLY_TOPIC";
    private static final long REQUEST_TIMEOUT_MILLIS = 20_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SharedServer server = new SharedServer(broker -> broker.brokerClusterName = CLUSTER, store -> { });

    private String topic;
    private DefaultMQProducer requester;
    private DefaultMQProducer replyProducer;
    private DefaultMQPushConsumer replier;
    private final List<AutoCloseable> extra = new ArrayList<>();
    /** Request messages as the replier received them, by body. */
    private final Map<String, MessageExt> requests = new ConcurrentHashMap<>();
    /** How the replier's send of each reply ended, by request body: the error, or null when sent. */
    private final Map<String, CompletableFuture<Throwable>> replySends = new ConcurrentHashMap<>();
    private final CountDownLatch goneGate = new CountDownLatch(1);

    @BeforeEach
    void startReplier() throws Exception {
        topic = UniqueName.of("RequestTopic");
        replyProducer = TestClients.startedProducer(server.namesrvAddress());
        replyProducer.send(new Message(topic, "create-topic".getBytes(StandardCharsets.UTF_8)));
        replier = TestClients.pushConsumer(server.namesrvAddress(), UniqueName.of("Replier"));
        replier.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        replier.setConsumeThreadMin(8);
        replier.setConsumeThreadMax(8);
        replier.subscribe(topic, "*");
        replier.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            batch.forEach(this::answer);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        replier.start();
        requester = TestClients.startedProducer(server.namesrvAddress());
    }

    @AfterEach
    void stopClients() throws Exception {
        goneGate.countDown();
        replier.shutdown();
        replyProducer.shutdown();
        requester.shutdown();
        for (AutoCloseable c : extra) {
            c.close();
        }
    }

    /** The replier: answers "re:" + the request's body, to requests only (they carry a correlation id). */
    private void answer(MessageExt request) {
        if (request.getProperty(MessageConst.PROPERTY_CORRELATION_ID) == null) {
            return;
        }
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        requests.put(body, request);
        CompletableFuture<Throwable> sent = replySends.computeIfAbsent(body, b -> new CompletableFuture<>());
        try {
            if (body.startsWith("gone-") && !goneGate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never let the replier answer " + body);
            }
            Message reply = MessageUtil.createReplyMessage(request, ("re:" + body).getBytes(StandardCharsets.UTF_8));
            replyProducer.send(reply);
            sent.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.complete(e);
        } catch (Exception e) {
            sent.complete(e);
        }
    }

    private Message request(String body) {
        return new Message(topic, "TagA", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String bodyOf(Message m) {
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswerASyncRequestWithTheRepliersReply() throws Exception {
        Message reply = requester.request(request("sync-1"), REQUEST_TIMEOUT_MILLIS);

        assertThat(bodyOf(reply)).isEqualTo("re:sync-1");
        assertThat(reply.getTopic()).isEqualTo(REPLY_TOPIC);
        MessageExt asked = requests.get("sync-1");
        assertThat(reply.getProperty(MessageConst.PROPERTY_CORRELATION_ID))
                .isEqualTo(asked.getProperty(MessageConst.PROPERTY_CORRELATION_ID));
        assertThat(reply.getProperty(MessageConst.PROPERTY_MESSAGE_TYPE)).isEqualTo("reply");
        assertThat(reply.getProperty("PUSH_REPLY_TIME")).isNotNull();
        assertThat(asked.getProperty(MessageConst.PROPERTY_CLUSTER)).isEqualTo(CLUSTER);
        assertThat(asked.getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT)).isNotBlank();
        assertThat(replySends.get("sync-1").get(5, TimeUnit.SECONDS)).isNull();
    }

    /**
     * Both clients (4.9.8 and 5.4.0, {@code DefaultMQProducerImpl.request(Message, RequestCallback, long)}) call
     * {@code onSuccess(null)} as soon as the request itself is sent (its SendCallback runs
     * {@code executeRequestCallback()} before any reply exists), then {@code onSuccess(reply)} when the reply is
     * pushed: a callback must skip the null. Not a broker matter; Apache's broker gives the same two calls.
     */
    @Test
    void shouldCallTheCallbackOfAnAsyncRequestWithItsReply() throws Exception {
        CompletableFuture<Message> answered = new CompletableFuture<>();

        requester.request(request("async-1"), new RequestCallback() {
            @Override
            public void onSuccess(Message message) {
                if (message != null) {
                    answered.complete(message);
                }
            }

            @Override
            public void onException(Throwable e) {
                answered.completeExceptionally(e);
            }
        }, REQUEST_TIMEOUT_MILLIS);

        assertThat(bodyOf(answered.get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))).isEqualTo("re:async-1");
    }

    @Test
    void shouldAnswerEachOf100ConcurrentRequestsWithItsOwnReply() throws Exception {
        requester.request(request("warm-up"), REQUEST_TIMEOUT_MILLIS);
        ExecutorService callers = Executors.newFixedThreadPool(20);
        extra.add(callers::shutdownNow);
        List<Future<Message>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = "many-" + i;
            replies.add(callers.submit(() -> requester.request(request(body), REQUEST_TIMEOUT_MILLIS)));
        }

        for (int i = 0; i < 100; i++) {
            Message reply = replies.get(i).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(bodyOf(reply)).isEqualTo("re:many-" + i);
            assertThat(reply.getProperty(MessageConst.PROPERTY_CORRELATION_ID)).isEqualTo(
                    requests.get("many-" + i).getProperty(MessageConst.PROPERTY_CORRELATION_ID));
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void shouldStoreTheReplyInTheClustersReplyTopic() throws Exception {
        Message reply = requester.request(request("stored-1"), REQUEST_TIMEOUT_MILLIS);
        String correlationId = reply.getProperty(MessageConst.PROPERTY_CORRELATION_ID);

        DefaultMQPullConsumer reader = TestClients.startedPullConsumer(server.namesrvAddress(),
                UniqueName.of("ReplyReader"));
        extra.add(reader::shutdown);
        MessageExt stored = await().atMost(PATIENCE).until(() -> storedReply(reader, correlationId),
                m -> m != null);
        assertThat(bodyOf(stored)).isEqualTo("re:stored-1");
        assertThat(stored.getTopic()).isEqualTo(REPLY_TOPIC);
    }

    @SuppressWarnings("deprecation")
    private static MessageExt storedReply(DefaultMQPullConsumer reader, String correlationId) throws Exception {
        MessageQueue queue = new MessageQueue(REPLY_TOPIC, ApogeeServer.BROKER_NAME, 0);
        long offset = 0;
        while (true) {
            PullResult result = reader.pull(queue, "*", offset, 32);
            if (result.getPullStatus() != PullStatus.FOUND) {
                return null;
            }
            for (MessageExt m : result.getMsgFoundList()) {
                if (correlationId.equals(m.getProperty(MessageConst.PROPERTY_CORRELATION_ID))) {
                    return m;
                }
            }
            offset = result.getNextBeginOffset();
        }
    }

    @Test
    void shouldFailTheRepliersSendNamingTheRequesterWhenTheRequesterIsGone() throws Exception {
        DefaultMQProducer leaving = TestClients.startedProducer(server.namesrvAddress());
        leaving.request(request("leaving-warm-up"), REQUEST_TIMEOUT_MILLIS);
        leaving.request(request("gone-1"), new RequestCallback() {
            @Override
            public void onSuccess(Message message) {
            }

            @Override
            public void onException(Throwable e) {
            }
        }, REQUEST_TIMEOUT_MILLIS);
        await().atMost(PATIENCE).until(() -> requests.containsKey("gone-1"));
        String requesterId = requests.get("gone-1").getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT);

        leaving.shutdown();
        goneGate.countDown();

        Throwable failure = replySends.get("gone-1").get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(failure).isNotNull();
        assertThat(messagesOf(failure))
                .contains("push reply message fail, channel of <" + requesterId + "> not found.");
        assertThat(bodyOf(requester.request(request("after-gone"), REQUEST_TIMEOUT_MILLIS)))
                .isEqualTo("re:after-gone");
    }

    private static String messagesOf(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
