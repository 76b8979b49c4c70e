package io.apogee.remoting.body;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.JsonCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResetOffsetBodyTest {

    @Test
    void shouldWriteQueuesAsObjectKeysInQueueOrder() {
        ResetOffsetBody body = new ResetOffsetBody();
        body.offsetTable.put(new MessageQueueBody("T", "b", 1), 7L);
        body.offsetTable.put(new MessageQueueBody("T", "b", 0), 5L);

        assertThat(new String(JsonCodec.encode(body), StandardCharsets.UTF_8)).isEqualTo("{\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:5,"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:7}}");
    }
}
