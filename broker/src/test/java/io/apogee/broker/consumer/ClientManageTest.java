package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.TOPIC;
import static io.apogee.broker.consumer.ConsumeSideFixture.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerListBody;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientManageTest {

    @TempDir
    Path dir;
    ConsumeSideFixture broker;
    final ExecutorService notices = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        broker = new ConsumeSideFixture(dir, ConsumeSideFixture.defaultConfig());
    }

    @AfterEach
    void stop() {
        broker.close();
        notices.shutdownNow();
    }

    private List<String> consumerIds(RemotingClient client, String group) throws Exception {
        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .putExt("consumerGroup", group));
        assertThat(response.code()).as(response.remark()).isEqualTo(ResponseCode.SUCCESS);
        return JsonCodec.decode(response.body(), ConsumerListBody.class).consumerIdList;
    }

    @Test
    void shouldListConsumersOfAGroupAfterHeartbeat() throws Exception {
        RemotingClient client = broker.newClient("c1");

        RemotingCommand response = broker.call(client, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(response.ext("IS_SUPPORT_HEART_BEAT_V2")).isEqualTo("true");
        assertThat(response.ext("IS_SUB_CHANGE")).isEqualTo("true");
        assertThat(consumerIds(client, "G1")).containsExactly("10.0.0.1@1");
        assertThat(broker.topics.find("%RETRY%G1")).isNotNull();
        assertThat(broker.topics.find("%RETRY%G1").readQueueNums).isEqualTo(1);
        assertThat(broker.consumeSide.subscriptionGroups().find("G1")).isNotNull();
    }

    @Test
    void shouldAnswerSystemErrorForGroupWithoutConsumers() throws Exception {
        RemotingClient client = broker.newClient("c1");

        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .putExt("consumerGroup", "NOBODY"));

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("NOBODY");
    }

    @Test
    void shouldNotifyFirstConsumerWhenSecondJoins() throws Exception {
        List<String> noticedGroups = new CopyOnWriteArrayList<>();
        RemotingClient first = broker.newClient("c1");
        first.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (ch, req) -> {
            noticedGroups.add(req.ext("consumerGroup"));
            return null;
        }, notices);
        broker.call(first, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> noticedGroups.size() == 1);

        RemotingClient second = broker.newClient("c2");
        broker.call(second, heartbeat("10.0.0.2@2", "G1", TOPIC, "*", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> noticedGroups.size() == 2);
        assertThat(noticedGroups).containsOnly("G1");
        assertThat(consumerIds(first, "G1")).containsExactly("10.0.0.1@1", "10.0.0.2@2");
    }

    @Test
    void shouldNotNotifyWhenAHeartbeatChangesNothing() throws Exception {
        List<String> noticedGroups = new CopyOnWriteArrayList<>();
        RemotingClient first = broker.newClient("c1");
        first.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (ch, req) -> {
            noticedGroups.add(req.ext("consumerGroup"));
            return null;
        }, notices);
        broker.call(first, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> noticedGroups.size() == 1);

        RemotingCommand again = broker.call(first, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 2));
        broker.call(first, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 3));

        broker.call(first, heartbeat("10.0.0.1@1", "MARKER", TOPIC, "*", 1));

        assertThat(again.ext("IS_SUB_CHANGE")).isEqualTo("false");
        // notices arrive in order: any notice for the repeated heartbeats would precede the marker's
        await().atMost(Duration.ofSeconds(5)).until(() -> noticedGroups.contains("MARKER"));
        assertThat(noticedGroups).containsExactly("G1", "MARKER");
    }

    @Test
    void shouldRemoveClientWhenItsConnectionCloses() throws Exception {
        RemotingClient first = broker.newClient("c1");
        RemotingClient second = broker.newClient("c2");
        broker.call(first, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));
        broker.call(second, heartbeat("10.0.0.2@2", "G1", TOPIC, "*", 1));
        assertThat(consumerIds(first, "G1")).hasSize(2);

        second.close();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(consumerIds(first, "G1")).containsExactly("10.0.0.1@1"));
    }

    @Test
    void shouldRemoveClientThatUnregisters() throws Exception {
        RemotingClient client = broker.newClient("c1");
        broker.call(client, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));

        RemotingCommand response = broker.call(client, RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
                .putExt("clientID", "10.0.0.1@1").putExt("consumerGroup", "G1"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(broker.consumeSide.clients().consumerGroup("G1")).isNull();
    }

    @Test
    void shouldKeepSubscriptionsForHeartbeatWithoutSub() throws Exception {
        RemotingClient client = broker.newClient("c1");
        broker.call(client, heartbeat("10.0.0.1@1", "G1", TOPIC, "TagA", 1));
        RemotingCommand v2 = heartbeat("10.0.0.1@1", "G1", TOPIC, "ignored", 1);
        var data = JsonCodec.decode(v2.body(), io.apogee.remoting.body.HeartbeatData.class);
        data.withoutSub = true;
        data.consumerDataSet.get(0).subscriptionDataSet.clear();

        RemotingCommand response = broker.call(client, v2.body(JsonCodec.encode(data)));

        assertThat(response.ext("IS_SUB_CHANGE")).isEqualTo("false");
        assertThat(broker.consumeSide.clients().consumerGroup("G1").subscription(TOPIC).expression()).isEqualTo("TagA");
    }

    @Test
    void shouldDropAndCloseClientsSilentLongerThanTheExpiry() throws Exception {
        RemotingClient client = broker.newClient("c1");
        List<String> closed = new CopyOnWriteArrayList<>();
        client.addListener(new io.apogee.remoting.ChannelEventListener() {
            @Override
            public void onClose(io.apogee.remoting.RemoteChannel channel) {
                closed.add(channel.remoteAddress());
            }
        });
        broker.call(client, heartbeat("10.0.0.1@1", "G1", TOPIC, "*", 1));

        int removed = broker.consumeSide.clients().removeExpired(System.currentTimeMillis() + 200_000, 120_000);

        assertThat(removed).isEqualTo(1);
        assertThat(broker.consumeSide.clients().consumerGroup("G1")).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !closed.isEmpty());
    }
}
