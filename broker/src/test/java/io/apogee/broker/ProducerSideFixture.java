package io.apogee.broker;

import io.apogee.broker.admin.TopicAdminProcessor;
import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.registration.NameServerRegistrar;
import io.apogee.broker.send.SendProcessor;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ServerSettings;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.nio.file.Path;

/**
 * The producer half of a broker without the consume side: a real store in a temp dir, the topic table, a
 * remoting server on an ephemeral port with the send and admin processors, an optional registrar, and a
 * client to talk to it.
 */
public final class ProducerSideFixture implements AutoCloseable {

    public static final int MAX_MESSAGE_SIZE = 8 * 1024;

    public final BrokerConfig config;
    public final MessageStoreConfig storeConfig = new MessageStoreConfig();
    public final MessageStore store;
    public final TopicTable topics;
    public final MetadataWriter metadata = new MetadataWriter("test-metadata-writer");
    public final RemotingServer server = new RemotingServer(ServerSettings.of("test-broker", 0));
    public final RemotingClient client = new RemotingClient("test-client");
    public final BrokerAddress address;
    private final NameServerRegistrar registrar;

    public ProducerSideFixture(Path dir, BrokerConfig config) throws Exception {
        this.config = config;
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        storeConfig.maxMessageSize = MAX_MESSAGE_SIZE;
        store = new MessageStore(storeConfig);
        store.start();
        topics = new TopicTable(config, storeConfig.configDir(), metadata);
        topics.load();
        server.start();
        address = new BrokerAddress("127.0.0.1", server.port());
        new SendProcessor(config, storeConfig, store, topics, address).registerWith(server);
        TopicAdminProcessor admin = new TopicAdminProcessor(topics);
        server.registerProcessor(RequestCode.UPDATE_AND_CREATE_TOPIC, admin);
        server.registerProcessor(RequestCode.GET_TOPIC_CONFIG, admin);
        server.registerProcessor(RequestCode.GET_ALL_TOPIC_CONFIG, admin);
        registrar = new NameServerRegistrar(config, address, -1, topics, (master, ha) -> { });
        topics.setChangeListener(registrar);
        registrar.start();
    }

    public static BrokerConfig config(String namesrvAddr) {
        BrokerConfig c = new BrokerConfig();
        // the fixture's requests reuse one UNIQ_KEY; duplicate detection: RecentSendsTest, DuplicateSendIT
        c.duplicateSendDetectEnable = false;
        c.namesrvAddr = namesrvAddr;
        c.listenPort = 0;
        return c;
    }

    public RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(address.toString(), request, 5_000);
    }

    @Override
    public void close() {
        client.close();
        server.close();
        registrar.close();
        metadata.close();
        store.close();
    }
}
