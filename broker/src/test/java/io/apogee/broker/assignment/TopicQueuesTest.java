package io.apogee.broker.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.ServerSettings;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.QueueData;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicRouteData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicQueuesTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private volatile boolean down;
    private RemotingServer nameServer;
    private TopicQueues queues;

    @BeforeEach
    void start() {
        nameServer = new RemotingServer(ServerSettings.of("fake-ns", 0));
        nameServer.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (channel, request) -> {
            asked.incrementAndGet();
            if (down) {
                return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "down");
            }
            if (!"T".equals(request.ext("topic"))) {
                return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "No topic route info in name server");
            }
            TopicRouteData route = new TopicRouteData();
            route.queueDatas.add(queueData("broker-b", 2, TopicConfig.PERM_READ | TopicConfig.PERM_WRITE));
            route.queueDatas.add(queueData("broker-a", 3, TopicConfig.PERM_READ));
            route.queueDatas.add(queueData("broker-c", 4, TopicConfig.PERM_WRITE));
            return RemotingCommand.success().body(JsonCodec.encode(route));
        });
        nameServer.start();
        // the first name server refuses connections: the second one answers
        queues = new TopicQueues("127.0.0.1:1;127.0.0.1:" + nameServer.port(), null, "unused", now::get);
    }

    @AfterEach
    void stop() {
        queues.close();
        nameServer.close();
    }

    private static QueueData queueData(String broker, int readQueues, int perm) {
        QueueData data = new QueueData();
        data.brokerName = broker;
        data.readQueueNums = readQueues;
        data.writeQueueNums = readQueues;
        data.perm = perm;
        return data;
    }

    private List<MessageQueueBody> of(String topic) throws Exception {
        return queues.of(topic).get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldListTheReadableQueuesOfEveryBrokerOfTheRouteSorted() throws Exception {
        assertThat(of("T")).extracting(MessageQueueBody::toString)
                .containsExactly("T/broker-a/0", "T/broker-a/1", "T/broker-a/2", "T/broker-b/0", "T/broker-b/1");
    }

    @Test
    void shouldAskTheNameServerOncePerFreshnessPeriod() throws Exception {
        for (int i = 0; i < 20; i++) {
            of("T");
        }
        assertThat(asked).hasValue(1);

        now.addAndGet(TopicQueues.FRESH_MILLIS);
        of("T");
        assertThat(asked).hasValue(2);
    }

    @Test
    void shouldKeepTheLastKnownQueuesWhileTheNameServerFails() throws Exception {
        List<MessageQueueBody> known = of("T");
        down = true;
        now.addAndGet(TopicQueues.FRESH_MILLIS);

        assertThat(of("T")).isEqualTo(known);
        assertThat(asked).hasValue(2);
    }

    @Test
    void shouldAnswerNullForATopicWithoutRoute() throws Exception {
        assertThat(of("Unknown")).isNull();
    }
}
