package io.apogee.broker.admin;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.FakeNameServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageStoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole broker (store in a temp dir, ephemeral port, a recording fake name server) started with a config file,
 * and a client to send it admin requests.
 */
final class AdminBrokerFixture implements AutoCloseable {

    static final String CONFIG_TEXT = "# test broker\nbrokerName=broker-a\nautoCreateTopicEnable=true\n";

    final FakeNameServer nameServer = new FakeNameServer();
    final RemotingClient client = new RemotingClient("admin-test");
    final Path configFile;
    final BrokerServer broker;

    AdminBrokerFixture(Path dir) throws Exception {
        configFile = dir.resolve("broker.conf");
        Files.writeString(configFile, CONFIG_TEXT);
        BrokerConfig config = new BrokerConfig();
        config.listenPort = 0;
        config.brokerIP1 = "127.0.0.1";
        config.namesrvAddr = nameServer.address();
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.resolve("store").toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        broker = new BrokerServer(config, storeConfig).configFile(configFile);
        broker.start();
    }

    RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(broker.address(), request, 5_000);
    }

    /** Sends "hello" to {@code topic} queue {@code queueId} (auto-creating a 4-queue topic), checking it was stored. */
    void send(String topic, int queueId, String tag) throws Exception {
        RemotingCommand answer = call(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", "PG1").putExt("b", topic).putExt("c", "TBW102").putExt("d", 4).putExt("e", queueId)
                .putExt("f", 0).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                .putExt("i", "TAGS\u0001" + tag + "\u0002").body("hello".getBytes(StandardCharsets.UTF_8)));
        if (answer.code() != ResponseCode.SUCCESS) {
            throw new AssertionError("send to " + topic + " failed: " + answer.code() + " " + answer.remark());
        }
    }

    static RemotingCommand request(int code, Object... keyValues) {
        RemotingCommand request = RemotingCommand.request(code);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.putExt((String) keyValues[i], keyValues[i + 1]);
        }
        return request;
    }

    @Override
    public void close() {
        client.close();
        broker.close();
        nameServer.close();
    }
}
