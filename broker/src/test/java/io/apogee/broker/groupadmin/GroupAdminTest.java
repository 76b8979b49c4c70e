package io.apogee.broker.groupadmin;

import io.apogee.remoting.RemotingClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the group-admin tests: a fresh {@link GroupAdminFixture} and an admin client per test. */
abstract class GroupAdminTest {

    @TempDir
    Path dir;
    GroupAdminFixture broker;
    RemotingClient admin;

    @BeforeEach
    void start() throws Exception {
        broker = new GroupAdminFixture(dir);
        admin = broker.newClient("admin");
    }

    @AfterEach
    void stop() {
        broker.close();
    }
}
