package io.apogee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.console.ConsoleConfig;
import io.apogee.console.ConsoleServer;
import io.apogee.console.WebSession;
import io.apogee.namesrv.NamesrvConfig;
import io.apogee.store.MessageStoreConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console of {@code apogee standalone}: first start with a generated password, and a taken port. */
class StandaloneConsoleTest {

    @TempDir
    Path dir;

    private Standalone standalone;

    @AfterEach
    void tearDown() {
        if (standalone != null) {
            standalone.close();
        }
    }

    private Standalone standalone(int consolePort) {
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.listenPort = 0;
        namesrvConfig.metricsEnable = false;
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.listenPort = 0;
        brokerConfig.metricsEnable = false;
        brokerConfig.brokerIP1 = "127.0.0.1";
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.resolve("store").toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        storeConfig.mapedFileSizeConsumeQueue = 1000 * 20;
        ConsoleConfig consoleConfig = new ConsoleConfig();
        consoleConfig.consolePort = consolePort;
        consoleConfig.consoleDataDir = dir.resolve("console").toString();
        return new Standalone(namesrvConfig, brokerConfig, storeConfig).console(consoleConfig);
    }

    @Test
    void shouldGenerateAnAdminPasswordOnFirstStartThatLogsIn() throws Exception {
        standalone = standalone(0);
        standalone.start();

        ConsoleServer console = standalone.console().orElseThrow();
        String password = console.generatedPassword().orElseThrow();
        assertThat(password).hasSize(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(console.usersFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(console.usersFile())).contains("admin = admin:$2a$11$").doesNotContain(password);
        assertThat(BootMessages.console(console)).anySatisfy(line -> assertThat(line).contains(password));
        assertThat(logIn(console.url(), password)).isEqualTo(302);
        assertThat(logIn(console.url(), password + "x")).isEqualTo(401);
    }

    @Test
    void shouldKeepTheBrokerRunningWhenTheConsolePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            standalone = standalone(taken.getLocalPort());
            standalone.start();

            assertThat(standalone.console()).isEmpty();
            assertThat(standalone.consoleProblem()).contains("The console did not start", "consolePort");
            assertThat(standalone.broker().address()).isNotBlank();
        }
    }

    /** Logs in through the form; the status of the answer (302 on success). */
    private static int logIn(String url, String password) throws Exception {
        WebSession session = new WebSession(url);
        session.get("/login");
        return session.post("/login", Map.of("username", "admin", "password", password)).statusCode();
    }
}
