package io.apogee.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.RegisterBrokerBody;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster overview: name servers, brokers with their figures, and brokers that fail. */
class ClusterPageTest {

    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /**
     * A slave of broker-a that is registered but does not answer (the name server keeps a registration until it
     * expires, or the connection that registered it closes): registered by hand for an address where nothing
     * listens, over a connection the caller closes when done.
     */
    private static RemotingClient registerDeadSlave(String deadAddr) throws Exception {
        byte[] body = JsonCodec.encode(new RegisterBrokerBody());
        CRC32 crc = new CRC32();
        crc.update(body);
        RemotingCommand register = RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .putExt("brokerName", "broker-a").putExt("brokerAddr", deadAddr)
                .putExt("clusterName", "DefaultCluster").putExt("brokerId", 1).putExt("haServerAddr", deadAddr)
                .putExt("enableActingMaster", false).putExt("compressed", false)
                .putExt("bodyCrc32", (int) (crc.getValue() & 0x7FFFFFFF)).body(body);
        RemotingClient client = new RemotingClient("test-registrar");
        client.start();
        assertThat(client.invokeSync(fixture.namesrvAddress(), register, 3000).code()).isZero();
        return client;
    }

    @Test
    void shouldShowABrokerThatDoesNotAnswerAsFailingAndStillRenderThePage() throws Exception {
        int deadPort;
        try (ServerSocket free = new ServerSocket(0)) {
            deadPort = free.getLocalPort();
        }
        RemotingClient registration = registerDeadSlave("127.0.0.1:" + deadPort);
        try {
            HttpResponse<String> page = fixture.loggedIn(ConsoleFixture.VIEWER).get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("slave 1", "127.0.0.1:" + deadPort, "failing: ",
                    fixture.brokerAddress(), "answering");
        } finally {
            registration.close();
        }
    }

    @Test
    void shouldShowEveryNameServerAndBrokerWithItsFigures() throws Exception {
        HttpResponse<String> page = fixture.loggedIn(ConsoleFixture.VIEWER).get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(fixture.namesrvAddress(), fixture.brokerAddress(), "DefaultCluster",
                "broker-a", "master", "answering", "id=\"rate-chart\"");
    }
}
