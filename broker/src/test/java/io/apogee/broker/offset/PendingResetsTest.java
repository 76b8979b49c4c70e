package io.apogee.broker.offset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PendingResetsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final PendingResets resets = new PendingResets(now::get);

    @Test
    void shouldRefuseOtherCommitsAndMovePullsUntilTheResetOffsetIsCommitted() {
        resets.assign("T@G", 0, 50);

        assertThat(resets.takesCommit("T@G", 0, 10)).as("a stale commit").isFalse();
        assertThat(resets.moveTo("T@G", 0, 10)).as("a stale pull").isEqualTo(50);
        assertThat(resets.moveTo("T@G", 0, 50)).as("a pull from the reset offset").isEqualTo(-1);
        assertThat(resets.takesCommit("T@G", 1, 10)).as("another queue").isTrue();
        assertThat(resets.takesCommit("T@G", 0, 50)).as("the take-up").isTrue();
        assertThat(resets.takesCommit("T@G", 0, 10)).as("after the take-up").isTrue();
        assertThat(resets.isEmpty()).isTrue();
    }

    @Test
    void shouldDropAResetNobodyTookUpInTime() {
        resets.assign("T@G", 0, 50);
        now.addAndGet(PendingResets.HOLD_MILLIS + 1);

        assertThat(resets.moveTo("T@G", 0, 10)).isEqualTo(-1);
        assertThat(resets.takesCommit("T@G", 0, 10)).isTrue();
    }

    @Test
    void shouldForgetTheResetsOfADeletedTopicOrGroup() {
        resets.assign("T@G", 0, 50);
        resets.assign("U@H", 0, 50);

        resets.removeKeysStartingWith("T@");
        resets.removeKeysEndingWith("@H");

        assertThat(resets.isEmpty()).isTrue();
    }
}
