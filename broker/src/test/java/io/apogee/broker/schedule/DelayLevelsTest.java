package io.apogee.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DelayLevelsTest {

    @Test
    void shouldParseRocketMqDefaultIntoEighteenLevels() {
        DelayLevels levels = DelayLevels.parse(new BrokerConfig().messageDelayLevel);

        assertThat(levels.count()).isEqualTo(18);
        assertThat(levels.delayMillis(1)).isEqualTo(1_000);
        assertThat(levels.delayMillis(5)).isEqualTo(60_000);
        assertThat(levels.delayMillis(18)).isEqualTo(7_200_000);
        assertThat(levels.maxMillis()).isEqualTo(7_200_000);
    }

    @Test
    void shouldAcceptMillisecondsAndDays() {
        DelayLevels levels = DelayLevels.parse(" 150ms  2d ");

        assertThat(levels.count()).isEqualTo(2);
        assertThat(levels.delayMillis(1)).isEqualTo(150);
        assertThat(levels.delayMillis(2)).isEqualTo(172_800_000L);
    }

    @Test
    void shouldRejectABadTokenNamingIt() {
        assertThatThrownBy(() -> DelayLevels.parse("1s 5x 10s"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'5x'")
                .hasMessageContaining("messageDelayLevel")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("messageDelayLevel"));
        assertThatThrownBy(() -> DelayLevels.parse("s")).hasMessageContaining("'s'");
        assertThatThrownBy(() -> DelayLevels.parse("-1s")).hasMessageContaining("'-1s'");
        assertThatThrownBy(() -> DelayLevels.parse("  ")).isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldPickTheSmallestLevelNotShorterThanTheRequestedDelay() {
        DelayLevels levels = DelayLevels.parse("1s 5s 10s");

        assertThat(levels.levelAtLeast(1)).isEqualTo(1);
        assertThat(levels.levelAtLeast(1_000)).isEqualTo(1);
        assertThat(levels.levelAtLeast(1_001)).isEqualTo(2);
        assertThat(levels.levelAtLeast(7_000)).isEqualTo(3);
        assertThat(levels.levelAtLeast(10_001)).isEqualTo(-1);
        assertThat(levels.clamp(99)).isEqualTo(3);
    }
}
