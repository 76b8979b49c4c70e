package io.apogee.it;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.distribution.Standalone;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.FlushDiskType;
import io.apogee.store.MessageStoreConfig;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An in-process name server plus broker ({@link Standalone}) on ephemeral ports, storing under a given directory.
 * Starting two instances on the same directory one after the other is how the restart tests reopen a store.
 * Not thread-safe: a test starts and closes it from one thread.
 */
final class ApogeeServer implements AutoCloseable {

    /** Broker name every test server registers; message queues of test topics carry it. */
    static final String BROKER_NAME = "broker-it";

    private static final int COMMIT_LOG_FILE_SIZE = 16 * 1024 * 1024;

    private final Standalone standalone;

    private ApogeeServer(Standalone standalone) {
        this.standalone = standalone;
    }

    /** Starts a server with default store settings under {@code storeDir}. */
    static ApogeeServer start(Path storeDir) throws Exception {
        return start(storeDir, store -> { });
    }

    /** Starts a server whose store settings are adjusted by {@code storeSettings} before start. */
    static ApogeeServer start(Path storeDir, Consumer<MessageStoreConfig> storeSettings) throws Exception {
        return start(storeDir, broker -> { }, storeSettings);
    }

    /** Starts a server whose broker and store settings are adjusted before start. */
    static ApogeeServer start(Path storeDir, Consumer<BrokerConfig> brokerSettings,
                              Consumer<MessageStoreConfig> storeSettings) throws Exception {
        NamesrvConfig namesrv = new NamesrvConfig();
        namesrv.listenPort = 0;
        namesrv.kvConfigPath = storeDir.resolve("namesrv/kvConfig.json").toString();
        BrokerConfig broker = new BrokerConfig();
        broker.listenPort = 0;
        broker.brokerIP1 = "127.0.0.1";
        broker.brokerName = BROKER_NAME;
        broker.autoCreateTopicEnable = true;
        broker.defaultTopicQueueNums = 8;
        MessageStoreConfig store = new MessageStoreConfig();
        store.storePathRootDir = storeDir.toString();
        store.mapedFileSizeCommitLog = COMMIT_LOG_FILE_SIZE;
        store.flushDiskType = FlushDiskType.ASYNC_FLUSH;
        brokerSettings.accept(broker);
        storeSettings.accept(store);
        Standalone standalone = new Standalone(namesrv, broker, store);
        try {
            standalone.start();
        } catch (Exception | Error e) {
            standalone.close();
            throw e;
        }
        return new ApogeeServer(standalone);
    }

    /** "127.0.0.1:port" of the name server. */
    String namesrvAddress() {
        return standalone.namesrvAddress();
    }

    /** The broker, for tests that look at its store. */
    io.apogee.broker.BrokerServer broker() {
        return standalone.broker();
    }

    /** TCP port of the broker. */
    int brokerPort() {
        return standalone.broker().port();
    }

    /** The name server, for tests that look at its routes or metrics. */
    io.apogee.namesrv.NamesrvServer namesrv() {
        return standalone.namesrv();
    }

    @Override
    public void close() {
        standalone.close();
    }
}
