package io.apogee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.ClientConfig;
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
import org.apache.rocketmq.remoting.protocol.header.ExtraInfoUtil;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;
import org.junit.jupiter.api.Test;

/**
 * In-flight pops survive a {@code kill -9} of the broker (a child process): messages popped and not acknowledged
 * before the kill come back once their invisible time ends after the restart, each exactly once, and the
 * acknowledged ones never do (the checkpoint journal, rmq_sys_REVIVE_LOG_*, is replayed at start).
 */
class PopCrashIT extends ChildBrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long INVISIBLE = 6_000;

    @Test
    void shouldRedeliverExactlyTheUnacknowledgedPopsAfterKillMinus9() throws Exception {
        Path config = writeBrokerConfig("PopCrashCluster", "ASYNC_FLUSH", "flushConsumerOffsetInterval=100");
        ChildBroker broker = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-1.log")));
        MQClientAPIExt api = new MQClientAPIExt(new ClientConfig(), new NettyClientConfig(),
                new ClientRemotingProcessor(null), null);
        api.start();
        track(api::shutdown);
        DefaultMQProducer producer = TestClients.startedProducer(namesrvAddress);
        track(producer::shutdown);
        String topic = UniqueName.of("PopCrashTopic");
        String group = UniqueName.of("GID_POP_CRASH");
        Set<String> sent = KeyedMessages.sendOk(producer, topic, "crash", 40);

        List<MessageExt> popped = popUntil(api, broker.address(), group, topic, 40);
        assertThat(keys(popped)).isEqualTo(sent);
        Set<String> open = new HashSet<>();
        for (MessageExt m : popped) {
            if (Integer.parseInt(m.getKeys().substring("crash-".length())) % 2 == 0) {
                assertThat(ack(api, broker.address(), group, topic, m)).isEqualTo(AckStatus.OK);
            } else {
                open.add(m.getKeys());
            }
        }
        Path offsets = storeDir().resolve("config").resolve("consumerOffset.json");
        await().atMost(PATIENCE).until(() -> Files.exists(offsets) && Files.readString(offsets).contains(group));

        broker.kill();
        ChildBroker restarted = track(ChildBroker.start(config, namesrvAddress, workDir.resolve("broker-2.log")));

        List<MessageExt> again = popUntil(api, restarted.address(), group, topic, open.size());
        assertThat(again).extracting(MessageExt::getKeys).doesNotHaveDuplicates();
        assertThat(keys(again)).isEqualTo(open);
        assertThat(again).extracting(MessageExt::getReconsumeTimes).containsOnly(1);
        for (MessageExt m : again) {
            assertThat(ack(api, restarted.address(), group, topic, m)).isEqualTo(AckStatus.OK);
        }
        assertThat(pop(api, restarted.address(), group, topic, INVISIBLE + 3_000).getPopStatus())
                .as("nothing else comes back").isEqualTo(PopStatus.POLLING_NOT_FOUND);
    }

    private static List<MessageExt> popUntil(MQClientAPIExt api, String addr, String group, String topic, int n) {
        List<MessageExt> all = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            PopResult r = pop(api, addr, group, topic, 5_000);
            if (r.getPopStatus() == PopStatus.FOUND) {
                all.addAll(r.getMsgFoundList());
            }
            return all.size() >= n;
        });
        return all;
    }

    private static PopResult pop(MQClientAPIExt api, String addr, String group, String topic, long pollTime)
            throws Exception {
        PopMessageRequestHeader h = new PopMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(-1);
        h.setMaxMsgNums(32);
        h.setInvisibleTime(INVISIBLE);
        h.setPollTime(pollTime);
        h.setBornTime(System.currentTimeMillis());
        h.setInitMode(0);
        return api.popMessageAsync(addr, ApogeeServer.BROKER_NAME, h, pollTime + 20_000)
                .get(pollTime + 20_000, TimeUnit.MILLISECONDS);
    }

    private static AckStatus ack(MQClientAPIExt api, String addr, String group, String topic, MessageExt m)
            throws Exception {
        String[] handle = ExtraInfoUtil.split(m.getProperty(MessageConst.PROPERTY_POP_CK));
        AckMessageRequestHeader h = new AckMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(ExtraInfoUtil.getRealTopic(handle, topic, group));
        h.setQueueId(ExtraInfoUtil.getQueueId(handle));
        h.setOffset(ExtraInfoUtil.getQueueOffset(handle));
        h.setExtraInfo(m.getProperty(MessageConst.PROPERTY_POP_CK));
        return api.ackMessageAsync(addr, h, 20_000).get(20_000, TimeUnit.MILLISECONDS).getStatus();
    }

    private static Set<String> keys(List<MessageExt> messages) {
        Set<String> keys = new HashSet<>();
        messages.forEach(m -> keys.add(m.getKeys()));
        return keys;
    }
}
