package io.apogee.broker.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer wheel on a clock the test moves, over a real store. */
class TimerServiceTest {

    private static final long T0 = 1_700_000_000_250L;

    @TempDir
    Path dir;

    private TimerWheelFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldDeliverASevenMinuteTimerAtItsMillisecondAndNotBefore() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 3_600).open();
        long due = T0 + 7 * 60_000 + 137;
        String uniq = fixture.park(due);

        fixture.moveTo(due - 1);
        assertThat(fixture.delivered()).as("one millisecond early").isEmpty();

        fixture.moveTo(due);
        List<ByteBuffer> delivered = fixture.delivered();
        assertThat(delivered).hasSize(1);
        ByteBuffer m = delivered.get(0);
        assertThat(StoredMessage.topic(m)).isEqualTo(TimerWheelFixture.TOPIC);
        assertThat(StoredMessage.queueId(m)).isEqualTo(1);
        assertThat(StoredMessage.property(m, "UNIQ_KEY")).isEqualTo(uniq);
        assertThat(StoredMessage.property(m, "TIMER_OUT_MS")).isEqualTo(Long.toString(due));
        assertThat(StoredMessage.property(m, "REAL_TOPIC")).isNull();
        assertThat(StoredMessage.property(m, "REAL_QID")).isNull();
        assertThat(fixture.service().delivered()).isEqualTo(1);
    }

    @Test
    void shouldDeliverInTimeOrderWhateverTheParkingOrder() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 3_600).open();
        for (int i = 20; i > 0; i--) {
            fixture.park(T0 + 1_000 + i * 97L);
        }

        fixture.moveTo(T0 + 5_000);

        List<Long> times = fixture.delivered().stream()
                .map(m -> Long.parseLong(StoredMessage.property(m, "TIMER_OUT_MS"))).collect(Collectors.toList());
        assertThat(times).hasSize(20).isSorted();
    }

    @Test
    void shouldRollATimerBeyondTheWindowAndStillDeliverItOnTime() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 60).open();
        long due = T0 + 10 * 60_000 + 5;
        fixture.park(due);

        fixture.moveTo(due - 1);
        assertThat(fixture.delivered()).isEmpty();
        assertThat(fixture.service().rolled()).as("rolled once a turn of the 60 s wheel").isGreaterThanOrEqualTo(9);

        fixture.moveTo(due);
        assertThat(fixture.delivered()).hasSize(1);
        assertThat(StoredMessage.property(fixture.delivered().get(0), "TIMER_ROLL_TIMES")).isNotNull();
    }

    @Test
    void shouldNotDeliverARecalledTimerButDeliverItsNeighbour() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 3_600).open();
        long due = T0 + 30_000;
        String recalled = fixture.park(due);
        String kept = fixture.park(due);
        fixture.recall(recalled, due);

        fixture.moveTo(due + 2_000);

        assertThat(fixture.delivered()).extracting(m -> StoredMessage.property(m, "UNIQ_KEY")).containsExactly(kept);
        assertThat(fixture.service().recalled()).isEqualTo(1);
    }

    @Test
    void shouldDeliverATimerParkedForAPassedTimeAtOnce() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 3_600).open();
        fixture.moveTo(T0 + 10_000);

        fixture.park(T0 + 1_000);
        fixture.moveTo(T0 + 10_001);

        assertThat(fixture.delivered()).hasSize(1);
    }

    @Test
    void shouldKeepPendingTimersAcrossARestartAndDeliverEachOnce() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 60).open();
        for (int i = 0; i < 100; i++) {
            fixture.park(T0 + 2_000 + i * 1_234L);
        }
        fixture.moveTo(T0 + 30_000);
        int before = fixture.delivered().size();
        assertThat(before).isBetween(20, 30);
        fixture.close();

        fixture = new TimerWheelFixture(dir, T0 + 30_000, 60).open();
        fixture.moveTo(T0 + 200_000);

        List<String> bodies = fixture.delivered().stream()
                .map(m -> new String(StoredMessage.body(m), StandardCharsets.UTF_8)).collect(Collectors.toList());
        assertThat(bodies).hasSize(100).doesNotHaveDuplicates();
        try (var files = Files.list(dir.resolve("apogee-timer").resolve("log"))) {
            assertThat(files.count()).as("timer-log segments of rolled timers are reclaimed").isLessThan(10);
        }
    }

    @Test
    void shouldAdoptTheTimersStillPendingWhenTheWheelIsNewButTheTimerTopicIsNot() throws Exception {
        fixture = new TimerWheelFixture(dir, T0, 3_600).open();
        fixture.park(T0 + 1_000);
        fixture.moveTo(T0 + 2_000);
        assertThat(fixture.delivered()).hasSize(1);
        String pending = fixture.park(T0 + 60_000);
        fixture.close();
        try (var files = Files.walk(dir.resolve("apogee-timer"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        fixture = new TimerWheelFixture(dir, T0 + 2_000, 3_600).open();
        fixture.moveTo(T0 + 61_000);

        assertThat(fixture.delivered()).extracting(m -> StoredMessage.property(m, "UNIQ_KEY")).hasSize(2)
                .endsWith(pending);
    }
}
