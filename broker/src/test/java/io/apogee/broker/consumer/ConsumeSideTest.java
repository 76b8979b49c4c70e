package io.apogee.broker.consumer;

import io.apogee.remoting.RemotingClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the consume-side tests that run against one {@link ConsumeSideFixture} with the default config and one
 * connected client, both fresh for each test.
 */
abstract class ConsumeSideTest {

    @TempDir
    Path dir;
    ConsumeSideFixture broker;
    RemotingClient client;

    @BeforeEach
    void start() throws Exception {
        broker = new ConsumeSideFixture(dir, ConsumeSideFixture.defaultConfig());
        client = broker.newClient("c1");
    }

    @AfterEach
    void stop() {
        broker.close();
    }
}
