package io.apogee.namesrv;

import static io.apogee.namesrv.Requests.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.ServerSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client text echoed in the name server's remarks is cut and escaped. */
class EchoedTextTest {

    private final RemotingServer server = new RemotingServer(ServerSettings.of("test-namesrv", 0));
    private final RemotingClient client = new RemotingClient("test-client");
    private String address;

    @BeforeEach
    void start() {
        RouteTable routes = new RouteTable(120_000);
        server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, new RouteQueryProcessor(routes));
        server.registerProcessor(RequestCode.REGISTER_BROKER, new RegisterBrokerProcessor(routes));
        server.start();
        client.start();
        address = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void shouldCutAVeryLongUnknownTopicInTheRouteRemark() throws Exception {
        RemotingCommand response = client.invokeSync(address, route("Nobody\r\n" + "x".repeat(10_000)), 3_000);

        assertThat(response.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(response.remark()).startsWith("No topic route info in name server for the topic: Nobody\\r\\nxx")
                .endsWith("\u2026(10008 chars)").hasSizeLessThan(600);
    }

    @Test
    void shouldCutTheParserMessageOfAMalformedRegistrationBody() throws Exception {
        byte[] body = ("{\"topicConfigSerializeWrapper\":" + "[".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        RemotingCommand request = Requests.register("broker-a", "127.0.0.1:10911", 0, 0).body(body)
                .putExt("bodyCrc32", 0);

        RemotingCommand response = client.invokeSync(address, request, 3_000);

        assertThat(response.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(response.remark()).doesNotContain("\n").hasSizeLessThan(600);
    }
}
