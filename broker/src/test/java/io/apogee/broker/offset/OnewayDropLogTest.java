package io.apogee.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.offset.QueueBounds.Reason;
import io.apogee.broker.offset.QueueBounds.Refusal;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OnewayDropLogTest {

    private static final Refusal OFFSET = new Refusal(ResponseCode.INVALID_PARAMETER, Reason.OFFSET_OUT_OF_RANGE,
            "commitOffset 9 for TopicA:0 is outside 0..3");
    private static final Refusal QUEUE = new Refusal(ResponseCode.INVALID_PARAMETER, Reason.QUEUE_OUT_OF_RANGE,
            "queueId 100000 of topic TopicA is outside 0..3");
    private static final int CODE = RequestCode.UPDATE_CONSUMER_OFFSET;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final OnewayDropLog log = new OnewayDropLog(now::get);

    @Test
    void shouldLogOncePerClientAndReasonWithinTheInterval() {
        assertThat(log.dropped("10.0.0.1:1", CODE, OFFSET)).isTrue();
        assertThat(log.dropped("10.0.0.1:1", CODE, OFFSET)).isFalse();
        now.addAndGet(OnewayDropLog.INTERVAL_MILLIS - 1);
        assertThat(log.dropped("10.0.0.1:1", CODE, OFFSET)).isFalse();

        assertThat(log.dropped("10.0.0.1:1", CODE, QUEUE)).as("another reason").isTrue();
        assertThat(log.dropped("10.0.0.2:1", CODE, OFFSET)).as("another client").isTrue();
    }

    @Test
    void shouldLogAgainOnceTheIntervalHasPassed() {
        log.dropped("10.0.0.1:1", CODE, OFFSET);
        log.dropped("10.0.0.1:1", CODE, OFFSET);

        now.addAndGet(OnewayDropLog.INTERVAL_MILLIS);

        assertThat(log.dropped("10.0.0.1:1", CODE, OFFSET)).isTrue();
        assertThat(log.dropped("10.0.0.1:1", CODE, OFFSET)).isFalse();
    }

    @Test
    void shouldStayBoundedWhenManyClientsAreDropped() {
        for (int i = 0; i < OnewayDropLog.MAX_KEYS * 3; i++) {
            assertThat(log.dropped("10.0." + i + ":1", CODE, OFFSET)).isTrue();
        }
    }
}
