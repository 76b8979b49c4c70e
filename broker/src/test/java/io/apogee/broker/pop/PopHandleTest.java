package io.apogee.broker.pop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PopHandleTest {

    @Test
    void shouldParseWhatTheClientBuilds() {
        // ExtraInfoUtil.buildExtraInfo(12, 1700000000000, 60000, 0, "%RETRY%G_T", "broker-a", 0, 14) of 5.4.0
        PopHandle h = PopHandle.parse("12 1700000000000 60000 0 1 broker-a 0 14");

        assertThat(h).isEqualTo(new PopHandle(12, 1_700_000_000_000L, 60_000, 0, 1, "broker-a", 0, 14));
        assertThat(h.render()).isEqualTo("12 1700000000000 60000 0 1 broker-a 0 14");
        assertThat(h.isOrderly()).isFalse();
    }

    @Test
    void shouldReadTheSevenFieldFormWithoutMessageOffset() {
        assertThat(PopHandle.parse("3 5 7 999 0 b 2")).isEqualTo(new PopHandle(3, 5, 7, 999, 0, "b", 2, -1));
        assertThat(PopHandle.parse("3 5 7 999 0 b 2").isOrderly()).isTrue();
    }

    @Test
    void shouldRejectWhatIsNotAHandle() {
        assertThat(PopHandle.parse(null)).isNull();
        assertThat(PopHandle.parse("1 2 3")).isNull();
        assertThat(PopHandle.parse("x 2 3 4 5 b 7 8")).isNull();
    }

    @Test
    void shouldNameTheRetryTopicsAsApacheDoes() {
        assertThat(PopHandle.retryTopic("G", "T")).isEqualTo("%RETRY%G_T");
        assertThat(PopHandle.readTopic("T", "G", 1)).isEqualTo("%RETRY%G_T");
        assertThat(PopHandle.readTopic("T", "G", 2)).isEqualTo("%RETRY%G+T");
        assertThat(PopHandle.readTopic("T", "G", 0)).isEqualTo("T");
        assertThat(PopHandle.retryFlagOf("%RETRY%G+T")).isEqualTo(2);
        assertThat(PopHandle.retryFlagOf("%RETRY%G_T")).isEqualTo(1);
        assertThat(PopHandle.retryFlagOf("T")).isEqualTo(0);
    }
}
