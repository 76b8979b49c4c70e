package io.apogee.tools.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.remoting.body.TopicOffset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueKeyedJsonTest {

    @Test
    void shouldReadMessageQueueKeyedMapsAsApacheWritesThem() throws Exception {
        String body = "{\"offsetTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"lastUpdateTimestamp\":9,\"maxOffset\":5,\"minOffset\":1},"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T:{x}\"}:"
                + "{\"maxOffset\":7,\"minOffset\":0}},\"topicPutTps\":1.5}";

        var tree = QueueKeyedJson.tree(body.getBytes(StandardCharsets.UTF_8));
        Map<MessageQueueBody, TopicOffset> table = QueueKeyedJson.queueMap(tree.get("offsetTable"), TopicOffset.class);

        assertThat(tree.get("topicPutTps").asDouble()).isEqualTo(1.5);
        assertThat(table).hasSize(2);
        assertThat(table.get(new MessageQueueBody("T", "b", 0)).maxOffset).isEqualTo(5);
        assertThat(table.get(new MessageQueueBody("T:{x}", "b", 1)).maxOffset).isEqualTo(7);
    }

    @Test
    void shouldLeaveStandardJsonAlone() {
        String json = "{\"a\":[{\"b\":1},{\"c\":\"{not a key}\"}],\"d\":{\"e\":2}}";

        assertThat(QueueKeyedJson.standardize(json)).isEqualTo(json);
    }

    @Test
    void shouldFailWithBadAnswerOnBrokenJson() {
        try {
            QueueKeyedJson.tree("{\"offsetTable\":".getBytes(StandardCharsets.UTF_8));
        } catch (AdminException e) {
            assertThat(e.code()).isEqualTo(AdminException.BAD_ANSWER);
            return;
        }
        throw new AssertionError("expected a failure");
    }
}
