package io.apogee.store.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerWheelTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartEmptyAtTheGivenSecondAndKeepEverythingAcrossReopen() throws Exception {
        Path file = dir.resolve("timerwheel");
        try (TimerWheel wheel = new TimerWheel(file, 60, 1_000)) {
            assertThat(wheel.created()).isTrue();
            assertThat(wheel.cursorSecond()).isEqualTo(1_000);
            assertThat(wheel.head(1_000)).isEqualTo(-1);
            assertThat(wheel.watermarkMs()).isEqualTo(Long.MIN_VALUE);
            wheel.head(1_005, 4_000);
            wheel.nextQueueOffset(17);
            wheel.logEnd(4_040);
            wheel.cursorSecond(1_002);
            wheel.watermark(1_001_999, 3_960);
        }
        try (TimerWheel wheel = new TimerWheel(file, 60, 5_000)) {
            assertThat(wheel.created()).isFalse();
            assertThat(wheel.head(1_005)).isEqualTo(4_000);
            assertThat(wheel.head(1_065)).as("the same slot one turn later").isEqualTo(4_000);
            assertThat(wheel.head(1_006)).isEqualTo(-1);
            assertThat(wheel.nextQueueOffset()).isEqualTo(17);
            assertThat(wheel.logEnd()).isEqualTo(4_040);
            assertThat(wheel.cursorSecond()).isEqualTo(1_002);
            assertThat(wheel.watermarkMs()).isEqualTo(1_001_999);
            assertThat(wheel.watermarkPos()).isEqualTo(3_960);
        }
    }

    @Test
    void shouldRefuseAWheelFileOfAnotherWindowNamingBothSizes() throws Exception {
        Path file = dir.resolve("timerwheel");
        new TimerWheel(file, 60, 0).close();

        assertThatThrownBy(() -> new TimerWheel(file, 120, 0))
                .hasMessageContaining("60 one-second slots").hasMessageContaining("timerRollWindowSlot is 120");
    }
}
