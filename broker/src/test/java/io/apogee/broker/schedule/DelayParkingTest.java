package io.apogee.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.common.message.PropertyEditor;
import org.junit.jupiter.api.Test;

class DelayParkingTest {

    private final DelayParking parking = new DelayParking(DelayLevels.parse("1s 5s 10s"));

    @Test
    void shouldNotDelayAMessageWithoutDelayProperties() {
        assertThat(parking.decide("TAGS\u0001A\u0002", 0, 0).delayed()).isFalse();
        assertThat(parking.decide("DELAY\u00010\u0002", 0, 0).delayed()).isFalse();
        assertThat(parking.decide("DELAY\u0001-1\u0002", 0, 0).delayed()).isFalse();
    }

    @Test
    void shouldNeverDelayATransactionHalfMessage() {
        assertThat(parking.decide("DELAY\u00012\u0002", 0x4, 0).delayed()).isFalse();
        assertThat(parking.decide("DELAY\u00012\u0002", 0x8, 0).level()).isEqualTo(2);
    }

    @Test
    void shouldLetAPositiveDelayLevelWinOverTimerProperties() {
        assertThat(parking.decide("TIMER_DELAY_SEC\u00019\u0002DELAY\u00011\u0002", 0, 0).level()).isEqualTo(1);
        assertThat(parking.decide("TIMER_DELAY_SEC\u00019\u0002", 0, 0).level()).isEqualTo(3);
    }

    @Test
    void shouldMapAnAbsoluteDeliverTimeRelativeToNow() {
        long now = 1_000_000;
        assertThat(parking.decide("TIMER_DELIVER_MS\u0001" + (now + 4_000) + "\u0002", 0, now).level()).isEqualTo(2);
        assertThat(parking.decide("TIMER_DELIVER_MS\u0001" + (now - 1) + "\u0002", 0, now).delayed()).isFalse();
        assertThat(parking.decide("TIMER_DELIVER_MS\u0001" + (now + 60_000) + "\u0002", 0, now).problem())
                .contains("TIMER_DELIVER_MS=" + (now + 60_000));
    }

    @Test
    void shouldAddRealTopicAndQueueWhenParking() {
        PropertyEditor parked = PropertyEditor.of(parking.park("KEYS\u0001K\u0002DELAY\u00019\u0002", "T", 3, 3));

        assertThat(parked.get("KEYS")).isEqualTo("K");
        assertThat(parked.get("DELAY")).isEqualTo("3");
        assertThat(parked.get("REAL_TOPIC")).isEqualTo("T");
        assertThat(parked.get("REAL_QID")).isEqualTo("3");
    }
}
