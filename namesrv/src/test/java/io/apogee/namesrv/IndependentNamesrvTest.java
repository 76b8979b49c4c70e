package io.apogee.namesrv;

import static io.apogee.namesrv.Requests.register;
import static io.apogee.namesrv.Requests.route;
import static io.apogee.namesrv.Requests.unregister;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndependentNamesrvTest {

    private static final String BROKER_A = "127.0.0.1:10911";

    private final NamesrvServer first = new NamesrvServer(config());
    private final NamesrvServer second = new NamesrvServer(config());
    private final RemotingClient broker = new RemotingClient("test-broker");
    private final RemotingClient client = new RemotingClient("test-client");

    private static NamesrvConfig config() {
        NamesrvConfig config = new NamesrvConfig();
        config.listenPort = 0;
        config.bindAddress = "127.0.0.1";
        return config;
    }

    @AfterEach
    void stop() {
        broker.close();
        client.close();
        first.close();
        second.close();
    }

    @Test
    void shouldServeRoutesFromEachNameServerABrokerRegisteredWith() throws Exception {
        first.start();
        second.start();
        String ns1 = "127.0.0.1:" + first.port();
        String ns2 = "127.0.0.1:" + second.port();

        broker.invokeSync(ns1, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)), 3_000);
        broker.invokeSync(ns2, register("broker-a", BROKER_A, 0, 0, new TopicConfig("A", 4, 6)), 3_000);
        assertThat(client.invokeSync(ns1, route("A"), 3_000).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(client.invokeSync(ns2, route("A"), 3_000).code()).isEqualTo(ResponseCode.SUCCESS);

        broker.invokeSync(ns1, unregister("broker-a", BROKER_A, 0), 3_000);

        assertThat(client.invokeSync(ns1, route("A"), 3_000).code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(client.invokeSync(ns2, route("A"), 3_000).code()).isEqualTo(ResponseCode.SUCCESS);
    }
}
