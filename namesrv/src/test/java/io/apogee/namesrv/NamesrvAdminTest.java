package io.apogee.namesrv;

import static io.apogee.namesrv.Requests.CLUSTER;
import static io.apogee.namesrv.Requests.register;
import static io.apogee.namesrv.Requests.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicList;
import io.apogee.remoting.body.TopicRouteData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesrvAdminTest {

    private static final String BROKER_A = "127.0.0.1:10911";
    private static final String BROKER_B = "127.0.0.1:10921";
    private static final long TIMEOUT = 3_000;

    @TempDir
    Path dir;

    private NamesrvServer namesrv;
    private String ns;
    private final RemotingClient client = new RemotingClient("test-admin");

    private void start(Path configFile) throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.listenPort = 0;
        config.bindAddress = "127.0.0.1";
        config.kvConfigPath = dir.resolve("kv/kvConfig.json").toString();
        namesrv = new NamesrvServer(config, configFile);
        namesrv.start();
        ns = "127.0.0.1:" + namesrv.port();
    }

    @AfterEach
    void stop() {
        client.close();
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(ns, request, TIMEOUT);
    }

    private static RemotingCommand request(int code, String... keyValues) {
        RemotingCommand request = RemotingCommand.request(code);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.putExt(keyValues[i], keyValues[i + 1]);
        }
        return request;
    }

    @Test
    void shouldMakeTopicUnroutableWhenDeletedInItsCluster() throws Exception {
        start(null);
        call(register("broker-a", BROKER_A, 0, 0, new TopicConfig("TopicA", 4, 6), new TopicConfig("TopicB", 4, 6)));

        RemotingCommand deleted = call(request(RequestCode.DELETE_TOPIC_IN_NAMESRV, "topic", "TopicA",
                "clusterName", CLUSTER));

        assertThat(deleted.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(call(route("TopicA")).code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(call(route("TopicB")).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(call(request(RequestCode.DELETE_TOPIC_IN_NAMESRV, "topic", "TopicB")).code())
                .isEqualTo(ResponseCode.SUCCESS);
        assertThat(call(route("TopicB")).code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void shouldAnswerSuccessForUnknownTopicOrClusterAsApache() throws Exception {
        start(null);
        call(register("broker-a", BROKER_A, 0, 0, new TopicConfig("TopicA", 4, 6)));

        assertThat(call(request(RequestCode.DELETE_TOPIC_IN_NAMESRV, "topic", "TopicA", "clusterName", "Other"))
                .code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(call(request(RequestCode.DELETE_TOPIC_IN_NAMESRV, "topic", "Nope")).code())
                .isEqualTo(ResponseCode.SUCCESS);
        assertThat(call(route("TopicA")).code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void shouldKeepKvConfigInItsFileAcrossRestarts() throws Exception {
        start(null);
        RemotingCommand put = call(request(RequestCode.PUT_KV_CONFIG, "namespace", "ORDER_TOPIC_CONFIG",
                "key", "TopicA", "value", "broker-a:4"));
        assertThat(put.code()).isEqualTo(ResponseCode.SUCCESS);
        call(request(RequestCode.PUT_KV_CONFIG, "namespace", "ORDER_TOPIC_CONFIG", "key", "TopicB", "value", "b:2"));
        assertThat(Files.readString(dir.resolve("kv/kvConfig.json")))
                .isEqualTo("{\"configTable\":{\"ORDER_TOPIC_CONFIG\":{\"TopicA\":\"broker-a:4\",\"TopicB\":\"b:2\"}}}");

        namesrv.close();
        start(null);

        RemotingCommand get = call(request(RequestCode.GET_KV_CONFIG, "namespace", "ORDER_TOPIC_CONFIG",
                "key", "TopicA"));
        assertThat(get.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(get.ext("value")).isEqualTo("broker-a:4");
        RemotingCommand list = call(request(RequestCode.GET_KVLIST_BY_NAMESPACE, "namespace", "ORDER_TOPIC_CONFIG"));
        assertThat(JsonCodec.decode(list.body(), KeyValueTable.class).table)
                .containsEntry("TopicA", "broker-a:4").containsEntry("TopicB", "b:2");
    }

    @Test
    void shouldAnswerQueryNotFoundForDeletedOrUnknownKvEntries() throws Exception {
        start(null);
        call(request(RequestCode.PUT_KV_CONFIG, "namespace", "ns", "key", "k", "value", "v"));

        assertThat(call(request(RequestCode.DELETE_KV_CONFIG, "namespace", "ns", "key", "k")).code())
                .isEqualTo(ResponseCode.SUCCESS);

        RemotingCommand get = call(request(RequestCode.GET_KV_CONFIG, "namespace", "ns", "key", "k"));
        assertThat(get.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(get.remark()).isEqualTo("No config item, Namespace: ns Key: k");
        RemotingCommand list = call(request(RequestCode.GET_KVLIST_BY_NAMESPACE, "namespace", "ns"));
        assertThat(list.code()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(list.remark()).isEqualTo("No config item, Namespace: ns");
        assertThat(call(request(RequestCode.PUT_KV_CONFIG, "namespace", "ns", "key", "k")).remark())
                .contains("value");
    }

    @Test
    void shouldServeTheConfigAndSaveAnUpdateToTheConfigFile() throws Exception {
        Path file = dir.resolve("namesrv.conf");
        Files.writeString(file, "# ours\nlistenPort=0\nbrokerChannelExpiredTime=120000\n");
        start(file);

        RemotingCommand update = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body("brokerChannelExpiredTime=30000\nserverWorkerThreads=4\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(update.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(update.remark()).contains("saved to " + file, "effective after a restart: serverWorkerThreads");
        String text = new String(call(RemotingCommand.request(RequestCode.GET_NAMESRV_CONFIG)).body(),
                StandardCharsets.UTF_8);
        assertThat(text).contains("brokerChannelExpiredTime=30000\n", "serverWorkerThreads=4\n");
        assertThat(Files.readAllLines(file)).containsExactly("# ours", "listenPort=0",
                "brokerChannelExpiredTime=30000", "serverWorkerThreads=4");
    }

    @Test
    void shouldRejectAnUnknownKeyNamingTheNearestAndChangeNothing() throws Exception {
        Path file = dir.resolve("namesrv.conf");
        Files.writeString(file, "listenPort=0\n");
        start(file);

        RemotingCommand update = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body("brokerChannelExpiredTme=30000\nserverWorkerThreads=4\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(update.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(update.remark()).contains("'brokerChannelExpiredTme'", "did you mean 'brokerChannelExpiredTime'");
        assertThat(namesrv.runtimeConfig().text()).contains("serverWorkerThreads=8\n");
        assertThat(Files.readString(file)).isEqualTo("listenPort=0\n");
    }

    @Test
    void shouldRefuseToChangeTheListenPortAtRuntime() throws Exception {
        start(null);

        RemotingCommand update = call(RemotingCommand.request(RequestCode.UPDATE_NAMESRV_CONFIG)
                .body("listenPort=9877\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(update.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(update.remark()).contains("listenPort cannot change while the server runs");
    }

    @Test
    void shouldServeWipedTopicsReadOnlyUntilWritePermIsAddedBack() throws Exception {
        start(null);
        call(register("broker-a", BROKER_A, 0, 0, new TopicConfig("TopicA", 4, 6), new TopicConfig("TBW102", 8, 7)));

        RemotingCommand wiped = call(request(RequestCode.WIPE_WRITE_PERM_OF_BROKER, "brokerName", "broker-a"));
        assertThat(wiped.ext("wipeTopicCount")).isEqualTo("2");
        call(register("broker-a", BROKER_A, 0, 1, new TopicConfig("TopicA", 4, 6)));
        assertThat(permOf("TopicA")).isEqualTo(4);
        assertThat(permOf("TBW102")).isEqualTo(5);

        RemotingCommand added = call(request(RequestCode.ADD_WRITE_PERM_OF_BROKER, "brokerName", "broker-a"));
        assertThat(added.ext("addTopicCount")).isEqualTo("2");
        assertThat(permOf("TopicA")).isEqualTo(6);
        assertThat(permOf("TBW102")).isEqualTo(7);
        assertThat(call(request(RequestCode.WIPE_WRITE_PERM_OF_BROKER, "brokerName", "nobody"))
                .ext("wipeTopicCount")).isEqualTo("0");
    }

    private int permOf(String topic) throws Exception {
        return JsonCodec.decode(call(route(topic)).body(), TopicRouteData.class).queueDatas.get(0).perm;
    }

    @Test
    void shouldListClusterAndBrokerNamesAsSystemTopics() throws Exception {
        start(null);
        call(register("broker-a", BROKER_A, 0, 0));
        call(register("broker-b", BROKER_B, 0, 0));

        TopicList list = JsonCodec.decode(call(RemotingCommand.request(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS))
                .body(), TopicList.class);

        assertThat(list.topicList).containsExactlyInAnyOrder(CLUSTER, "broker-a", "broker-b");
        assertThat(list.brokerAddr).isIn(BROKER_A, BROKER_B);
    }
}
