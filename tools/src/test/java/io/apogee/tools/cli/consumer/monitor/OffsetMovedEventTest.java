package io.apogee.tools.cli.consumer.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OffsetMovedEventTest {

    @Test
    void shouldPrintTheEventAsApachesMonitorListenerLogsIt() {
        byte[] body = ("{\"consumerGroup\":\"G\",\"messageQueue\":{\"brokerName\":\"broker-a\",\"queueId\":2,"
                + "\"topic\":\"T\"},\"offsetNew\":40,\"offsetRequest\":7}").getBytes(StandardCharsets.UTF_8);

        assertThat(OffsetMovedEvent.line(body, 1700000000000L)).isEqualTo("[MONITOR] reportDeleteMsgsEvent: "
                + "DeleteMsgsEvent [offsetMovedEvent=OffsetMovedEvent [consumerGroup=G, messageQueue=MessageQueue "
                + "[topic=T, brokerName=broker-a, queueId=2], offsetRequest=7, offsetNew=40], "
                + "eventTimestamp=1700000000000]");
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        assertThatThrownBy(() -> OffsetMovedEvent.line("not json".getBytes(StandardCharsets.UTF_8), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPrintAnUndoneLineAsApachesMonitorListenerLogsIt() {
        assertThat(new UndoneMsgs("G", "T", 5, 3, 120).line()).isEqualTo("[MONITOR] reportUndoneMsgs: UndoneMsgs "
                + "[consumerGroup=G, topic=T, undoneMsgsTotal=5, undoneMsgsSingleMQ=3, undoneMsgsDelayTimeMills=120]");
    }
}
