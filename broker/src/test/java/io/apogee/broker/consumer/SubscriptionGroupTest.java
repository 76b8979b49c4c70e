package io.apogee.broker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionGroupTest {

    @TempDir
    Path dir;

    @Test
    void shouldRejectPullOfUnknownGroupWhenAutoCreateIsOff() throws Exception {
        BrokerConfig config = ConsumeSideFixture.defaultConfig();
        config.autoCreateSubscriptionGroup = false;
        try (ConsumeSideFixture broker = new ConsumeSideFixture(dir, config)) {
            RemotingClient client = broker.newClient("c1");

            RemotingCommand response = broker.call(client, ConsumeSideFixture.pull("GX", 0, 0, 0, "*", 0));

            assertThat(response.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
            assertThat(response.remark()).contains("GX");
        }
    }

    @Test
    void shouldPersistAutoCreatedGroups() throws Exception {
        try (ConsumeSideFixture broker = new ConsumeSideFixture(dir, ConsumeSideFixture.defaultConfig())) {
            RemotingClient client = broker.newClient("c1");

            broker.call(client, ConsumeSideFixture.heartbeat("10.0.0.1@1", "G1", ConsumeSideFixture.TOPIC, "*", 1));

            String json = Files.readString(broker.storeConfig.configDir().resolve("subscriptionGroup.json"));
            assertThat(json).contains("\"G1\":{").contains("\"retryMaxTimes\":16").contains("\"consumeEnable\":true");
            broker.stopConsumeSide();
            broker.startConsumeSide();
            assertThat(broker.consumeSide.subscriptionGroups().find("G1")).isNotNull();
        }
    }
}
