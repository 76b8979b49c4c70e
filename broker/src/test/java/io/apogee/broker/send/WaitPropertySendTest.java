package io.apogee.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.ServerSettings;
import io.apogee.store.BrokerRole;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message property WAIT on a SYNC_MASTER without slave: a send that says {@code WAIT=false} is answered SUCCESS at
 * once, one that waits is answered SLAVE_NOT_AVAILABLE — so the property reached the store's draft.
 */
class WaitPropertySendTest {

    private static final String TOPIC = "WaitTopic";

    @TempDir
    Path dir;

    private final MetadataWriter metadata = new MetadataWriter("test-metadata-writer");
    private final RemotingServer server = new RemotingServer(ServerSettings.of("test-broker", 0));
    private final RemotingClient client = new RemotingClient("test-client");
    private MessageStore store;

    @BeforeEach
    void startSyncMasterWithoutSlave() throws Exception {
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        storeConfig.brokerRole = BrokerRole.SYNC_MASTER;
        store = new MessageStore(storeConfig);
        store.start();
        BrokerConfig config = new BrokerConfig();
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        config.duplicateSendDetectEnable = false;
        config.namesrvAddr = "";
        config.listenPort = 0;
        TopicTable topics = new TopicTable(config, storeConfig.configDir(), metadata);
        topics.load();
        topics.createIfAbsent(TOPIC, 1, 6, 0);
        server.start();
        new SendProcessor(config, storeConfig, store, topics, new BrokerAddress("127.0.0.1", server.port()))
                .registerWith(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        metadata.close();
        store.close();
    }

    private RemotingCommand send(int code, String props, byte[] body) throws Exception {
        RemotingCommand request = SendRequests.v2(code, TOPIC, 0, props).body(body);
        return client.invokeSync("127.0.0.1:" + server.port(), request, 5_000);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswerSuccessWithoutASlaveOnlyWhenTheMessageSaysWaitFalse() throws Exception {
        RemotingCommand noWait = send(RequestCode.SEND_MESSAGE_V2, "TAGS\u0001T\u0002WAIT\u0001false\u0002",
                bytes("no wait"));
        RemotingCommand waits = send(RequestCode.SEND_MESSAGE_V2, "TAGS\u0001T\u0002WAIT\u0001true\u0002",
                bytes("waits"));
        RemotingCommand waitsByDefault = send(RequestCode.SEND_MESSAGE_V2, "TAGS\u0001T\u0002", bytes("default"));

        assertThat(noWait.code()).as(noWait.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(waits.code()).as(waits.remark()).isEqualTo(ResponseCode.SLAVE_NOT_AVAILABLE);
        assertThat(waitsByDefault.code()).as(waitsByDefault.remark()).isEqualTo(ResponseCode.SLAVE_NOT_AVAILABLE);
    }

    @Test
    void shouldTakeABatchsWaitFromTheRequestPropertiesAsApacheDoes() throws Exception {
        RemotingCommand noWait = send(RequestCode.SEND_BATCH_MESSAGE, "WAIT\u0001false\u0002",
                SendRequests.batchBody(3));
        RemotingCommand waits = send(RequestCode.SEND_BATCH_MESSAGE, "WAIT\u0001true\u0002", SendRequests.batchBody(2));

        assertThat(noWait.code()).as(noWait.remark()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(noWait.ext("msgId").split(",")).hasSize(3);
        assertThat(waits.code()).as(waits.remark()).isEqualTo(ResponseCode.SLAVE_NOT_AVAILABLE);
    }

    @Test
    void shouldReadWaitAsApachesIsWaitStoreMsgOK() {
        assertThat(WaitProperty.waitStoreMsgOK("")).as("absent").isTrue();
        assertThat(WaitProperty.waitStoreMsgOK("TAGS\u0001T\u0002WAIT\u0001TRUE\u0002")).isTrue();
        assertThat(WaitProperty.waitStoreMsgOK("WAIT\u0001true")).as("4.9.x string without end mark").isTrue();
        assertThat(WaitProperty.waitStoreMsgOK("WAIT\u0001false\u0002")).isFalse();
        assertThat(WaitProperty.waitStoreMsgOK("WAIT\u0001yes\u0002")).as("Boolean.parseBoolean").isFalse();
        assertThat(WaitProperty.waitStoreMsgOK("WAIT\u0001trueish\u0002")).isFalse();
        assertThat(WaitProperty.waitStoreMsgOK("NOWAIT\u0001false\u0002WAITS\u0001false\u0002")).isTrue();
    }
}
