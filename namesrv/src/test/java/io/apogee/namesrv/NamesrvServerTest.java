package io.apogee.namesrv;

import static io.apogee.namesrv.Requests.CLUSTER;
import static io.apogee.namesrv.Requests.register;
import static io.apogee.namesrv.Requests.route;
import static io.apogee.namesrv.Requests.unregister;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamesrvServerTest {

    private static final String BROKER_A = "127.0.0.1:10911";
    private static final long TIMEOUT = 3_000;

    private NamesrvServer namesrv;
    private final RemotingClient broker = new RemotingClient("test-broker");
    private final RemotingClient client = new RemotingClient("test-client");

    private String start(long expiredMillis, long scanMillis) throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.listenPort = 0;
        config.bindAddress = "127.0.0.1";
        config.brokerChannelExpiredTime = expiredMillis;
        config.scanNotActiveBrokerInterval = scanMillis;
        namesrv = new NamesrvServer(config);
        namesrv.start();
        return "127.0.0.1:" + namesrv.port();
    }

    private String start() throws Exception {
        return start(120_000, 5_000);
    }

    @AfterEach
    void stop() {
        broker.close();
        client.close();
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private RemotingCommand call(RemotingClient from, String ns, RemotingCommand request) throws Exception {
        return from.invokeSync(ns, request, TIMEOUT);
    }

    private int routeCode(String ns, String topic) throws Exception {
        return call(client, ns, route(topic)).code();
    }

    @Test
    void shouldServeRouteWithApacheJsonKeysAfterRegistration() throws Exception {
        String ns = start();
        RemotingCommand registered = call(broker, ns, register("broker-a", BROKER_A, 0, 0,
                new TopicConfig("TopicA", 4, 6), new TopicConfig("TBW102", 8, 7)));
        assertThat(registered.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(registered.ext("masterAddr")).isNull();

        RemotingCommand response = call(client, ns, route("TopicA"));

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        String json = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}],"
                + "\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,"
                + "\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}]}");
        assertThat(json).contains("\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"}", "\"queueDatas\"", "\"brokerDatas\"",
                "\"filterServerTable\":{}", "\"cluster\":\"DefaultCluster\"", "\"brokerName\":\"broker-a\"");
        JsonNode queue = JsonCodec.mapper().readTree(json).get("queueDatas").get(0);
        assertThat(queue.get("readQueueNums").asInt()).isEqualTo(4);
        assertThat(queue.get("writeQueueNums").asInt()).isEqualTo(4);
        assertThat(queue.get("perm").asInt()).isEqualTo(6);
        assertThat(queue.has("topicSysFlag")).isTrue();

        JsonNode tbw = JsonCodec.mapper().readTree(call(client, ns, route("TBW102")).body());
        assertThat(tbw.get("queueDatas").get(0).get("perm").asInt()).isEqualTo(7);
        assertThat(tbw.get("queueDatas").get(0).get("writeQueueNums").asInt()).isEqualTo(8);
    }

    @Test
    void shouldAnswerTopicNotExistWithRemarkForUnknownTopic() throws Exception {
        String ns = start();

        RemotingCommand response = call(client, ns, route("Nobody"));

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).isEqualTo("No topic route info in name server for the topic: Nobody");
    }

    @Test
    void shouldMergeTopicsOnReRegistration() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));
        call(broker, ns, register("broker-a", BROKER_A, 0, 1, new TopicConfig("B", 2, 6)));

        assertThat(routeCode(ns, "A")).isEqualTo(ResponseCode.SUCCESS);
        assertThat(routeCode(ns, "B")).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void shouldRemoveBrokerAndItsTopicsOnUnregister() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));

        assertThat(call(broker, ns, unregister("broker-a", BROKER_A, 0)).code()).isEqualTo(ResponseCode.SUCCESS);

        assertThat(routeCode(ns, "A")).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        TopicList topics = JsonCodec.decode(
                call(client, ns, RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).body(),
                TopicList.class);
        assertThat(topics.topicList).isEmpty();
    }

    @Test
    void shouldExpireBrokerSilentLongerThanItsTimeout() throws Exception {
        String ns = start(1_000, 100);
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));

        await().atLeast(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> routeCode(ns, "A") == ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void shouldRemoveBrokerAtOnceWhenItsConnectionCloses() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));
        assertThat(routeCode(ns, "A")).isEqualTo(ResponseCode.SUCCESS);

        broker.closeChannel(ns);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> routeCode(ns, "A") == ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void shouldRejectRegistrationWithBadCrc() throws Exception {
        String ns = start();
        RemotingCommand request = register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6));
        request.putExt("bodyCrc32", Long.parseLong(request.ext("bodyCrc32")) ^ 1);

        RemotingCommand response = call(broker, ns, request);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).isEqualTo("crc32 not match");
        assertThat(routeCode(ns, "A")).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void shouldRejectCompressedRegistration() throws Exception {
        String ns = start();
        RemotingCommand request = register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6))
                .putExt("compressed", true);

        RemotingCommand response = call(broker, ns, request);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("compressed");
    }

    @Test
    void shouldNameTheMissingHeaderOfARegistration() throws Exception {
        String ns = start();
        RemotingCommand request = register("broker-a", BROKER_A, 0, 0).putExt("brokerName", null);

        RemotingCommand response = call(broker, ns, request);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).contains("brokerName");
    }

    @Test
    void shouldListClusterInfoAndTopics() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));
        call(broker, ns, register("broker-b", "127.0.0.1:20911", 0, 0, new TopicConfig("B", 4, 6)));

        JsonNode info = JsonCodec.mapper().readTree(
                call(client, ns, RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO)).body());
        TopicList all = JsonCodec.decode(
                call(client, ns, RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).body(),
                TopicList.class);
        TopicList ofCluster = JsonCodec.decode(call(client, ns,
                RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER).putExt("cluster", CLUSTER)).body(),
                TopicList.class);
        TopicList ofOther = JsonCodec.decode(call(client, ns,
                RemotingCommand.request(RequestCode.GET_TOPICS_BY_CLUSTER).putExt("cluster", "Other")).body(),
                TopicList.class);

        assertThat(info.get("clusterAddrTable").get(CLUSTER).toString()).isEqualTo("[\"broker-a\",\"broker-b\"]");
        assertThat(info.get("brokerAddrTable").get("broker-b").get("brokerAddrs").get("0").asText())
                .isEqualTo("127.0.0.1:20911");
        assertThat(all.topicList).containsExactly("A", "B");
        assertThat(ofCluster.topicList).containsExactly("A", "B");
        assertThat(ofOther.topicList).isEmpty();
    }

    @Test
    void shouldListMasterAndSlaveOfOneBrokerName() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)));
        RemotingCommand slave = call(broker, ns, register("broker-a", "127.0.0.1:10921", 1, 0,
                new TopicConfig("A", 4, 6)));

        JsonNode route = JsonCodec.mapper().readTree(call(client, ns, route("A")).body());

        assertThat(route.get("brokerDatas").get(0).get("brokerAddrs").toString())
                .isEqualTo("{\"0\":\"127.0.0.1:10911\",\"1\":\"127.0.0.1:10921\"}");
        assertThat(route.get("queueDatas")).hasSize(1);
        assertThat(slave.ext("masterAddr")).isEqualTo(BROKER_A);
    }

    @Test
    void shouldTellBrokerWhetherItsDataVersionChanged() throws Exception {
        String ns = start();
        call(broker, ns, register("broker-a", BROKER_A, 0, 3, new TopicConfig("A", 4, 6)));

        RemotingCommand same = call(broker, ns, queryDataVersion(new DataVersion(3, 1_700_000_000_000L)));
        RemotingCommand newer = call(broker, ns, queryDataVersion(new DataVersion(4, 1_700_000_000_000L)));

        assertThat(same.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(same.ext("changed")).isEqualTo("false");
        assertThat(newer.ext("changed")).isEqualTo("true");
        assertThat(JsonCodec.decode(newer.body(), DataVersion.class).counter).isEqualTo(3);
    }

    private static RemotingCommand queryDataVersion(DataVersion version) {
        return RemotingCommand.request(RequestCode.QUERY_DATA_VERSION)
                .putExt("brokerName", "broker-a")
                .putExt("brokerAddr", BROKER_A)
                .putExt("clusterName", CLUSTER)
                .putExt("brokerId", 0)
                .body(JsonCodec.encode(version));
    }
}
