package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.quickstart.QuickstartConsumer;
import io.apogee.tools.quickstart.QuickstartProducer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quick start of the seed (tools.sh ...quickstart.Producer / Consumer) against a real broker. */
class QuickstartTest {

    @RegisterExtension
    static final EmbeddedClusterExtension CLUSTER = new EmbeddedClusterExtension();

    @Test
    void shouldSendThousandMessagesToTopicTestThenConsumeThemAll() throws Exception {
        StringWriter produced = new StringWriter();
        StringWriter consumed = new StringWriter();
        StringWriter errors = new StringWriter();
        try (AdminClient admin = new AdminClient(List.of(CLUSTER.namesrvAddress()), 5000)) {
            int sent = QuickstartProducer.run(admin, new PrintWriter(produced), new PrintWriter(errors),
                    QuickstartProducer.MESSAGE_COUNT);
            long received = QuickstartConsumer.run(admin, new PrintWriter(consumed), new PrintWriter(errors), 1500);

            assertThat(sent).as(errors.toString()).isEqualTo(1000);
            assertThat(received).as(errors.toString()).isEqualTo(1000);
        }
        List<String> lines = produced.toString().lines().toList();
        assertThat(lines).hasSize(1000).allMatch(l -> l.startsWith("SendResult [sendStatus=SEND_OK, msgId="));
        assertThat(lines.get(0)).contains("messageQueue=MessageQueue [topic=TopicTest, brokerName=broker-a, queueId=");
        assertThat(consumed.toString()).startsWith("Consumer Started.")
                .contains("Receive New Messages: [MessageExt [brokerName=broker-a", "topic='TopicTest'");
    }

    @Test
    void shouldNameTheMappedClassesForAnUnknownOne() throws Exception {
        StringWriter err = new StringWriter();
        int code = ToolsMain.run(new String[] {"org.example.Nope"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("org.example.Nope", ToolsMain.PRODUCER, ToolsMain.CONSUMER,
                ToolsMain.MQADMIN);
    }
}
