package io.apogee.store.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerLogTest {

    private static final long SEGMENT = 4 * TimerLog.ENTRY_BYTES;

    @TempDir
    Path dir;

    private final TimerEntry entry = new TimerEntry();

    @Test
    void shouldReadBackEntriesAppendedAcrossSegmentsAfterReopen() throws Exception {
        long[] positions = new long[7];
        try (TimerLog log = new TimerLog(dir, SEGMENT)) {
            for (int i = 0; i < positions.length; i++) {
                positions[i] = log.append(entry.set(i - 1, 1_000L * i, 100L * i, i, 60 + i,
                        i % 2 == 0 ? TimerEntry.KIND_MESSAGE : TimerEntry.KIND_RECALL), 7);
            }
            assertThat(log.segmentCount()).isEqualTo(3);
        }
        try (TimerLog log = new TimerLog(dir, SEGMENT)) {
            log.truncateTo(positions[6] + TimerLog.ENTRY_BYTES);
            for (int i = 0; i < positions.length; i++) {
                assertThat(log.read(positions[i], entry)).isTrue();
                assertThat(entry.prev).isEqualTo(i - 1);
                assertThat(entry.deliverMs).isEqualTo(1_000L * i);
                assertThat(entry.commitLogOffset).isEqualTo(100L * i);
                assertThat(entry.queueOffset).isEqualTo(i);
                assertThat(entry.size).isEqualTo(60 + i);
                assertThat(entry.isRecall()).isEqualTo(i % 2 == 1);
            }
            assertThat(positions[3] % SEGMENT).as("the first entry of a segment follows its header")
                    .isEqualTo(TimerLog.ENTRY_BYTES);
        }
    }

    @Test
    void shouldForgetWhatWasWrittenPastTheRecordedEnd() throws Exception {
        long kept;
        try (TimerLog log = new TimerLog(dir, SEGMENT)) {
            kept = log.append(entry.set(-1, 1, 2, 3, 4, 0), 0);
            for (int i = 0; i < 5; i++) {
                log.append(entry.set(-1, 9, 9, 9, 9, 0), 0);
            }
        }
        try (TimerLog log = new TimerLog(dir, SEGMENT)) {
            log.truncateTo(kept + TimerLog.ENTRY_BYTES);
            assertThat(log.segmentCount()).isEqualTo(1);
            long next = log.append(entry.set(kept, 5, 6, 7, 8, 0), 0);
            assertThat(next).isEqualTo(kept + TimerLog.ENTRY_BYTES);
            assertThat(log.read(next, entry)).isTrue();
            assertThat(entry.deliverMs).isEqualTo(5);
            assertThat(log.read(next + 2 * SEGMENT, entry)).isFalse();
        }
    }

    @Test
    void shouldDeleteASegmentOnlyOnceTheWheelHasComeRoundAfterItsSuccessorStarted() throws Exception {
        try (TimerLog log = new TimerLog(dir, SEGMENT)) {
            for (int i = 0; i < 3; i++) {
                log.append(entry, 100);
            }
            for (int i = 0; i < 3; i++) {
                log.append(entry, 200);
            }
            log.append(entry, 300);
            assertThat(log.segmentCount()).isEqualTo(3);

            assertThat(log.deleteDeadSegments(260, 60)).isZero();
            assertThat(log.deleteDeadSegments(261, 60)).isEqualTo(1);
            assertThat(log.deleteDeadSegments(10_000, 60)).as("the newest segment stays").isEqualTo(1);
            assertThat(log.segmentCount()).isEqualTo(1);
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRefuseASegmentSizeThatSplitsEntries() {
        assertThatThrownBy(() -> new TimerLog(dir, 100)).hasMessageContaining("multiple of 40");
    }
}
