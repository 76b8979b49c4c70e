package io.apogee.it;

import io.apogee.broker.BrokerServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.store.MessageStoreConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One in-process {@link ApogeeServer} for all the tests of a class: started before the first test, closed after
 * the last, storing under a temporary directory that is deleted afterwards. Declare it as
 * {@code @RegisterExtension static final SharedServer server = new SharedServer();}.
 *
 * <p>Not thread-safe for start and stop (JUnit calls them once per class); the accessors may be called from
 * concurrently running tests once the server is up.
 */
final class SharedServer implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<BrokerConfig> brokerSettings;
    private final Consumer<MessageStoreConfig> storeSettings;
    private volatile ApogeeServer server;
    private Path storeDir;

    /** A server with the test defaults of {@link ApogeeServer}. */
    SharedServer() {
        this(broker -> { }, store -> { });
    }

    /** A server whose broker and store settings are adjusted before start. */
    SharedServer(Consumer<BrokerConfig> brokerSettings, Consumer<MessageStoreConfig> storeSettings) {
        this.brokerSettings = brokerSettings;
        this.storeSettings = storeSettings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        storeDir = Files.createTempDirectory("apogee-it-" + context.getRequiredTestClass().getSimpleName());
        server = ApogeeServer.start(storeDir, brokerSettings, storeSettings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(storeDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** "127.0.0.1:port" of the name server. */
    String namesrvAddress() {
        return server.namesrvAddress();
    }

    /** The broker, for tests that look at its store or topics. */
    BrokerServer broker() {
        return server.broker();
    }

    /** TCP port of the broker. */
    int brokerPort() {
        return server.brokerPort();
    }

    /** The name server, for tests that look at its routes or metrics. */
    io.apogee.namesrv.NamesrvServer namesrv() {
        return server.namesrv();
    }
}
