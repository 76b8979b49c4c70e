package io.apogee.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.BrokerFixtureTest;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.DataVersion;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigProcessorTest extends BrokerFixtureTest<AdminBrokerFixture> {

    BrokerConfigProcessorTest() {
        super(AdminBrokerFixture::new);
    }

    private Properties config() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(new String(fixture.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG))
                .body(), StandardCharsets.UTF_8)));
        return properties;
    }

    private RemotingCommand update(String text) throws Exception {
        return fixture.call(RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldServeEveryBrokerAndStoreKeyWithTheConfigVersion() throws Exception {
        RemotingCommand got = fixture.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));

        assertThat(got.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(JsonCodec.decode(got.ext("version").getBytes(StandardCharsets.UTF_8), DataVersion.class).counter)
                .isZero();
        Properties properties = config();
        assertThat(properties).containsEntry("brokerName", "broker-a").containsEntry("flushDiskType", "ASYNC_FLUSH")
                .containsEntry("storePathRootDir", dir.resolve("store").toString());
    }

    @Test
    void shouldApplyAnUpdateAtOnceAndSaveItToTheConfigFile() throws Exception {
        RemotingCommand updated = update("brokerPermission=4\nfileReservedTime=48\nserverWorkerThreads=4\n");

        assertThat(updated.code()).as(updated.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(updated.remark()).contains("saved to " + fixture.configFile,
                "effective after a restart: fileReservedTime, serverWorkerThreads");
        assertThat(config()).containsEntry("brokerPermission", "4").containsEntry("fileReservedTime", "48");
        assertThat(Files.readAllLines(fixture.configFile)).containsExactly("# test broker", "brokerName=broker-a",
                "autoCreateTopicEnable=true", "brokerPermission=4", "fileReservedTime=48", "serverWorkerThreads=4");
        RemotingCommand version = fixture.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
        assertThat(version.ext("version")).contains("\"counter\":1");
        RemotingCommand send = fixture.call(AdminBrokerFixture.request(RequestCode.SEND_MESSAGE_V2, "a", "PG",
                "b", "TopicA", "c", "TBW102", "d", 4, "e", 0, "f", 0, "g", 1L, "h", 0).body(new byte[] {1}));
        assertThat(send.code()).isEqualTo(ResponseCode.NO_PERMISSION);
    }

    @Test
    void shouldRejectAnUnknownKeyNamingTheNearestAndChangeNothing() throws Exception {
        RemotingCommand updated = update("brokerPermision=4\nfileReservedTime=48\n");

        assertThat(updated.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(updated.remark()).contains("unknown config key 'brokerPermision'",
                "did you mean 'brokerPermission'?");
        assertThat(config()).containsEntry("fileReservedTime", "72");
        assertThat(Files.readString(fixture.configFile)).isEqualTo(AdminBrokerFixture.CONFIG_TEXT);
    }

    @Test
    void shouldRejectAnIllegalValueNamingKeyAndRule() throws Exception {
        RemotingCommand updated = update("brokerPermission=9\nmessageDelayLevel=1s 5x\n");

        assertThat(updated.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(updated.remark()).contains("brokerPermission=9", "between 0 and 7");
        assertThat(config()).containsEntry("brokerPermission", "6");
    }

    @Test
    void shouldRejectABadValueFoundByTheChecksAcrossKeys() throws Exception {
        RemotingCommand updated = update("messageDelayLevel=1s 5x\n");

        assertThat(updated.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
        assertThat(updated.remark()).contains("5x");
        assertThat(config().getProperty("messageDelayLevel")).startsWith("1s 5s 10s");
    }

    @Test
    void shouldRefuseKeysThatCannotChangeWhileRunning() throws Exception {
        RemotingCommand updated = update("listenPort=10000\nbrokerName=other\nfileReservedTime=48\n");

        assertThat(updated.code()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(updated.remark()).contains("brokerName, listenPort cannot change while the server runs");
        assertThat(config()).containsEntry("fileReservedTime", "72");
    }
}
