package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.AckResult;
import org.apache.rocketmq.client.consumer.AckStatus;
import org.apache.rocketmq.client.consumer.PopResult;
import org.apache.rocketmq.client.consumer.PopStatus;
import org.apache.rocketmq.client.impl.ClientRemotingProcessor;
import org.apache.rocketmq.client.impl.mqclient.MQClientAPIExt;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.protocol.header.AckMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.ChangeInvisibleTimeRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.ExtraInfoUtil;
import org.apache.rocketmq.remoting.protocol.header.NotificationRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remoting POP protocol driven by the 5.4.0 client's own API ({@code MQClientAPIExt}, what the gRPC proxy
 * uses): pop, ack, change invisible time, batch ack, notification and orderly pops. The push consumer's path
 * (assignments, two consumers) is PopConsumerIT; journal recovery after kill -9 is PopCrashIT.
 */
class PopProtocolIT {

    private static final long TIMEOUT = 20_000;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    private MQClientAPIExt api;
    private DefaultMQProducer producer;
    private String addr;

    @BeforeEach
    void start() throws Exception {
        NettyClientConfig netty = new NettyClientConfig();
        api = new MQClientAPIExt(new ClientConfig(), netty, new ClientRemotingProcessor(null), null);
        api.start();
        producer = TestClients.startedProducer(server.namesrvAddress());
        addr = server.broker().address();
    }

    @AfterEach
    void stop() {
        producer.shutdown();
        api.shutdown();
    }

    @Test
    void shouldPopEveryQueueAndNotRedeliverAcknowledgedMessages() throws Exception {
        String topic = topic(4);
        String group = UniqueName.of("GID_POP");
        Set<String> sent = KeyedMessages.sendOk(producer, topic, "acked", 12);

        List<MessageExt> popped = popAll(group, topic, 12, 2_000, false);
        assertThat(keys(popped)).isEqualTo(sent);
        for (MessageExt m : popped) {
            assertThat(m.getTopic()).isEqualTo(topic);
            assertThat(ack(group, topic, m).getStatus()).isEqualTo(AckStatus.OK);
        }

        PopResult after = pop(group, topic, -1, 32, 2_000, 4_000, false);
        assertThat(after.getPopStatus()).as("acknowledged messages stay consumed past their invisible time")
                .isEqualTo(PopStatus.POLLING_NOT_FOUND);
    }

    @Test
    void shouldRedeliverUnacknowledgedMessagesAfterTheirInvisibleTime() throws Exception {
        String topic = topic(2);
        String group = UniqueName.of("GID_POP");
        KeyedMessages.sendOk(producer, topic, "redelivered", 6);
        List<MessageExt> first = popAll(group, topic, 6, 1_500, false);
        Map<String, String> msgIds = new HashMap<>();
        for (MessageExt m : first) {
            msgIds.put(m.getKeys(), m.getMsgId());
            if (!m.getKeys().endsWith("-0") && !m.getKeys().endsWith("-1")) {
                ack(group, topic, m);
            }
        }

        List<MessageExt> again = popAll(group, topic, 2, 60_000, false);
        assertThat(keys(again)).containsExactlyInAnyOrder(first.stream().map(MessageExt::getKeys)
                .filter(k -> k.endsWith("-0") || k.endsWith("-1")).toArray(String[]::new));
        for (MessageExt m : again) {
            assertThat(m.getTopic()).as("shown under the original topic").isEqualTo(topic);
            assertThat(m.getReconsumeTimes()).isEqualTo(1);
            assertThat(m.getMsgId()).as("same message id").isEqualTo(msgIds.get(m.getKeys()));
            assertThat(m.getProperty(MessageConst.PROPERTY_FIRST_POP_TIME)).isNotNull();
            String[] handle = ExtraInfoUtil.split(m.getProperty(MessageConst.PROPERTY_POP_CK));
            assertThat(ExtraInfoUtil.getRetry(handle)).as("read from the POP retry topic").isEqualTo("1");
            assertThat(ack(group, topic, m).getStatus()).isEqualTo(AckStatus.OK);
        }
        assertThat(pop(group, topic, -1, 32, 2_000, 4_000, false).getPopStatus())
                .as("acknowledged redeliveries are not delivered a third time").isEqualTo(PopStatus.POLLING_NOT_FOUND);
        assertThat(PrometheusScrape.of(server.broker().metricsPort()).value("apogee_pop_revived_total"))
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void shouldRedeliverWhenTheInvisibleTimeIsShortened() throws Exception {
        String topic = topic(1);
        String group = UniqueName.of("GID_POP");
        KeyedMessages.sendOk(producer, topic, "changed", 1);
        MessageExt m = popAll(group, topic, 1, 60_000, false).get(0);

        ChangeInvisibleTimeRequestHeader change = new ChangeInvisibleTimeRequestHeader();
        change.setConsumerGroup(group);
        change.setTopic(topic);
        change.setQueueId(m.getQueueId());
        change.setOffset(m.getQueueOffset());
        change.setExtraInfo(m.getProperty(MessageConst.PROPERTY_POP_CK));
        change.setInvisibleTime(1_000L);
        long changedAt = System.currentTimeMillis();
        AckResult changed = api.changeInvisibleTimeAsync(addr, ApogeeServer.BROKER_NAME, change, TIMEOUT)
                .get(TIMEOUT, TimeUnit.MILLISECONDS);
        assertThat(changed.getStatus()).isEqualTo(AckStatus.OK);
        assertThat(changed.getPopTime()).isGreaterThanOrEqualTo(changedAt - 1_000);

        MessageExt again = popAll(group, topic, 1, 60_000, false).get(0);
        assertThat(System.currentTimeMillis() - changedAt).as("back after about one second, not sixty")
                .isLessThan(15_000);
        assertThat(again.getKeys()).isEqualTo(m.getKeys());
        assertThat(again.getReconsumeTimes()).isEqualTo(1);
    }

    @Test
    void shouldAcknowledgeABatchByBitSet() throws Exception {
        String topic = topic(2);
        String group = UniqueName.of("GID_POP");
        KeyedMessages.sendOk(producer, topic, "batch", 10);
        List<MessageExt> popped = popAll(group, topic, 10, 2_000, false);
        List<String> handles = popped.stream().map(m -> m.getProperty(MessageConst.PROPERTY_POP_CK)).toList();

        AckResult acked = api.batchAckMessageAsync(addr, topic, group, handles, TIMEOUT)
                .get(TIMEOUT, TimeUnit.MILLISECONDS);
        assertThat(acked.getStatus()).isEqualTo(AckStatus.OK);
        assertThat(pop(group, topic, -1, 32, 2_000, 4_000, false).getPopStatus())
                .isEqualTo(PopStatus.POLLING_NOT_FOUND);
    }

    @Test
    void shouldNotifyAWaitingWatcherWhenAMessageArrives() throws Exception {
        String topic = topic(2);
        String group = UniqueName.of("GID_POP");
        NotificationRequestHeader watch = new NotificationRequestHeader();
        watch.setConsumerGroup(group);
        watch.setTopic(topic);
        watch.setQueueId(-1);
        watch.setPollTime(15_000);
        watch.setBornTime(System.currentTimeMillis());
        assertThat(api.notification(addr, copy(watch, 0), TIMEOUT).get(TIMEOUT, TimeUnit.MILLISECONDS))
                .as("nothing yet").isFalse();

        CompletableFuture<Boolean> waiting = api.notification(addr, watch, TIMEOUT);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        KeyedMessages.sendOk(producer, topic, "wake", 1);
        assertThat(waiting.get(TIMEOUT, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void shouldPopOneQueueInOrderAndRepeatUnacknowledgedMessages() throws Exception {
        String topic = topic(1);
        String group = UniqueName.of("GID_POP_ORDER");
        for (int i = 0; i < 6; i++) {
            producer.send(KeyedMessages.message(topic, "TagA", "ordered-" + i));
        }
        PopResult first = pop(group, topic, 0, 3, 2_000, 0, true);
        assertThat(keysInOrder(first)).containsExactly("ordered-0", "ordered-1", "ordered-2");
        assertThat(pop(group, topic, 0, 3, 2_000, 0, true).getPopStatus())
                .as("the queue is blocked while its last pop is un-acknowledged")
                .isEqualTo(PopStatus.POLLING_NOT_FOUND);

        PopResult[] again = new PopResult[1];
        await().atMost(PATIENCE).until(() -> {
            again[0] = pop(group, topic, 0, 3, 2_000, 0, true);
            return again[0].getPopStatus() == PopStatus.FOUND;
        });
        assertThat(keysInOrder(again[0])).containsExactly("ordered-0", "ordered-1", "ordered-2");
        assertThat(again[0].getMsgFoundList()).extracting(MessageExt::getReconsumeTimes).containsOnly(1);
        for (MessageExt m : again[0].getMsgFoundList()) {
            assertThat(ack(group, topic, m).getStatus()).isEqualTo(AckStatus.OK);
        }
        assertThat(keysInOrder(pop(group, topic, 0, 3, 60_000, 0, true)))
                .containsExactly("ordered-3", "ordered-4", "ordered-5");
    }

    private String topic(int queues) throws Exception {
        String topic = UniqueName.of("PopTopic");
        server.broker().topics().createIfAbsent(topic, queues, 6, 0);
        // announced to the name server, so the producer's first send routes to these queues, not TBW102's
        server.broker().topics().ready(topic).get(30, TimeUnit.SECONDS);
        return topic;
    }

    /** Pops until {@code count} messages came (each pop long-polls up to 5 s), within the test's patience. */
    private List<MessageExt> popAll(String group, String topic, int count, long invisibleTime, boolean order) {
        List<MessageExt> all = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            PopResult r = pop(group, topic, -1, 32, invisibleTime, 5_000, order);
            if (r.getPopStatus() == PopStatus.FOUND) {
                all.addAll(r.getMsgFoundList());
            }
            return all.size() >= count;
        });
        assertThat(all).hasSize(count);
        return all;
    }

    private PopResult pop(String group, String topic, int queueId, int max, long invisibleTime, long pollTime,
                          boolean order) throws Exception {
        PopMessageRequestHeader h = new PopMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setMaxMsgNums(max);
        h.setInvisibleTime(invisibleTime);
        h.setPollTime(pollTime);
        h.setBornTime(System.currentTimeMillis());
        h.setInitMode(0);
        h.setOrder(order);
        return api.popMessageAsync(addr, ApogeeServer.BROKER_NAME, h, pollTime + TIMEOUT)
                .get(pollTime + TIMEOUT, TimeUnit.MILLISECONDS);
    }

    private AckResult ack(String group, String topic, MessageExt m) throws Exception {
        String handle = m.getProperty(MessageConst.PROPERTY_POP_CK);
        AckMessageRequestHeader h = new AckMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(ExtraInfoUtil.getRealTopic(ExtraInfoUtil.split(handle), topic, group));
        h.setQueueId(ExtraInfoUtil.getQueueId(ExtraInfoUtil.split(handle)));
        h.setOffset(ExtraInfoUtil.getQueueOffset(ExtraInfoUtil.split(handle)));
        h.setExtraInfo(handle);
        return api.ackMessageAsync(addr, h, TIMEOUT).get(TIMEOUT, TimeUnit.MILLISECONDS);
    }

    private static NotificationRequestHeader copy(NotificationRequestHeader h, long pollTime) {
        NotificationRequestHeader c = new NotificationRequestHeader();
        c.setConsumerGroup(h.getConsumerGroup());
        c.setTopic(h.getTopic());
        c.setQueueId(h.getQueueId());
        c.setPollTime(pollTime);
        c.setBornTime(System.currentTimeMillis());
        return c;
    }

    private static Set<String> keys(List<MessageExt> messages) {
        Set<String> keys = new HashSet<>();
        messages.forEach(m -> keys.add(m.getKeys()));
        return keys;
    }

    private static List<String> keysInOrder(PopResult r) {
        assertThat(r.getPopStatus()).isEqualTo(PopStatus.FOUND);
        return r.getMsgFoundList().stream().map(MessageExt::getKeys).toList();
    }
}
