package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.TopicRouteData;
import io.apogee.store.MessageStoreConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneTest {

    @TempDir
    Path storeDir;

    private Standalone standalone;
    private RemotingClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (standalone != null) {
            standalone.close();
        }
    }

    /** The broker config of the last {@link #onEphemeralPorts()}, to adjust before start. */
    private BrokerConfig lastBrokerConfig;

    private Standalone onEphemeralPorts() {
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.listenPort = 0;
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.brokerIP1 = "127.0.0.1";
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = storeDir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        storeConfig.mapedFileSizeConsumeQueue = 1000 * 20;
        lastBrokerConfig = brokerConfig;
        return new Standalone(namesrvConfig, brokerConfig, storeConfig);
    }

    @Test
    void shouldServeRouteOfDefaultTopicFromEmbeddedNameServer() throws Exception {
        standalone = onEphemeralPorts();
        standalone.start();
        client = new RemotingClient("test");
        client.start();

        assertThat(standalone.namesrvAddress()).isEqualTo("127.0.0.1:" + standalone.namesrv().port());
        assertThat(standalone.namesrv().port()).isPositive();
        AtomicReference<TopicRouteData> route = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                    .putExt("topic", "TBW102");
            RemotingCommand response = client.invokeSync(standalone.namesrvAddress(), request, 3000);
            assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
            route.set(JsonCodec.decode(response.body(), TopicRouteData.class));
        });

        assertThat(route.get().brokerDatas).singleElement().satisfies(b -> {
            assertThat(b.brokerName).isEqualTo("broker-a");
            assertThat(b.brokerAddrs.get(0L)).isEqualTo(standalone.broker().address());
        });
        assertThat(route.get().queueDatas).isNotEmpty();
    }

    @Test
    void shouldPointBrokerAtEmbeddedNameServerEvenIfConfiguredOtherwise() throws Exception {
        standalone = onEphemeralPorts();
        lastBrokerConfig.namesrvAddr = "elsewhere:9876";
        standalone.start();

        assertThat(lastBrokerConfig.namesrvAddr).isEqualTo(standalone.namesrvAddress());
    }

    @Test
    void shouldLeaveCleanStoreThatReopensAfterClose() throws Exception {
        standalone = onEphemeralPorts();
        standalone.start();
        standalone.close();
        standalone.close();

        assertThat(storeDir.resolve("abort")).doesNotExist();
        standalone = onEphemeralPorts();
        standalone.start();
        assertThat(standalone.broker().port()).isPositive();
    }

    @Test
    void shouldReleaseNameServerPortWhenBrokerCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            standalone = onEphemeralPorts();
            lastBrokerConfig.listenPort = taken.getLocalPort();

            assertThatThrownBy(standalone::start).isInstanceOf(Exception.class);

            int namesrvPort = standalone.namesrv().port();
            try (ServerSocket rebound = new ServerSocket(namesrvPort)) {
                assertThat(rebound.getLocalPort()).isEqualTo(namesrvPort);
            }
        }
    }
}
