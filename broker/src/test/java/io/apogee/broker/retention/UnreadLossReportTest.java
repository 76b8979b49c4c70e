package io.apogee.broker.retention;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.store.QueueTrimListener.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnreadLossReportTest {

    @TempDir
    Path dir;

    @Test
    void shouldCountOnlyTheTrimmedMessagesEachGroupHadNotRead() {
        ConsumerOffsetTable offsets = new ConsumerOffsetTable(dir);
        offsets.commit("caughtUp", "Orders", 0, 900);
        offsets.commit("halfway", "Orders", 0, 300);
        offsets.commit("otherQueueOnly", "Orders", 1, 50);
        UnreadLossReport report = new UnreadLossReport(offsets, level -> 0, () -> 0);

        report.trimmed("Orders", 0, 100, 600, Cause.FORCED);

        assertThat(report.counts()).isEqualTo(Map.of(
                "Orders@halfway:FORCED", 300L,
                "Orders@otherQueueOnly:FORCED", 500L));
        assertThat(report.total()).isEqualTo(800);
    }

    @Test
    void shouldNameTopicsNoGroupReadAndTheInternalReaders() {
        ConsumerOffsetTable offsets = new ConsumerOffsetTable(dir);
        UnreadLossReport report = new UnreadLossReport(offsets, level -> level == 3 ? 40 : 0, () -> 7);

        report.trimmed("Unread", 2, 0, 10, Cause.EXPIRED);
        report.trimmed(SystemTopics.SCHEDULE, 2, 0, 50, Cause.FORCED);
        report.trimmed(SystemTopics.TRANS_HALF, 0, 0, 5, Cause.EXPIRED);
        report.trimmed(SystemTopics.TRANS_OP_HALF, 0, 0, 5, Cause.EXPIRED);

        assertThat(report.counts()).isEqualTo(Map.of(
                UnreadLossReport.key("Unread", UnreadLossReport.NO_GROUP, Cause.EXPIRED), 10L,
                SystemTopics.SCHEDULE + "@(delay level 3):FORCED", 10L));
        assertThat(report.total()).isEqualTo(20);
    }
}
