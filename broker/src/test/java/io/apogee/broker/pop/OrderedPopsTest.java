package io.apogee.broker.pop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderedPopsTest {

    private static final String KEY = OrderedPops.key("T", "G", 0);
    private final OrderedPops ordered = new OrderedPops();

    @Test
    void shouldBlockTheQueueUntilEveryMessageIsAcknowledgedOrVisibleAgain() {
        ordered.popped(KEY, 1_000, 500, new long[] {5, 6, 7}, "a1");

        assertThat(ordered.blocked(KEY, "a2", 1_100)).isTrue();
        assertThat(ordered.blocked(KEY, "a2", 1_500)).as("visible again at popTime + invisibleTime").isFalse();
        ordered.ack(KEY, 5, 1_000);
        ordered.ack(KEY, 6, 1_000);
        ordered.ack(KEY, 7, 1_000);
        assertThat(ordered.blocked(KEY, "a2", 1_100)).isFalse();
    }

    @Test
    void shouldNotBlockOrCountARetryOfTheSameAttempt() {
        ordered.popped(KEY, 1_000, 500, new long[] {5, 6}, "a1");

        assertThat(ordered.blocked(KEY, "a1", 1_100)).isFalse();
        assertThat(ordered.popped(KEY, 1_100, 500, new long[] {5, 6}, "a1")).containsExactly(0, 0);
        assertThat(ordered.popped(KEY, 1_700, 500, new long[] {5, 6}, "a2")).containsExactly(1, 1);
        assertThat(ordered.popped(KEY, 2_300, 500, new long[] {6, 7}, "a3")).containsExactly(2, 0);
    }

    @Test
    void shouldCommitOnlyOverTheAcknowledgedPrefix() {
        ordered.popped(KEY, 1_000, 500, new long[] {5, 6, 7}, "a1");

        assertThat(ordered.ack(KEY, 6, 1_000)).isEqualTo(new OrderedPops.AckResult(OrderedPops.AckStatus.COMMIT, 5));
        assertThat(ordered.ack(KEY, 5, 1_000)).isEqualTo(new OrderedPops.AckResult(OrderedPops.AckStatus.COMMIT, 7));
        assertThat(ordered.ack(KEY, 7, 1_000)).isEqualTo(new OrderedPops.AckResult(OrderedPops.AckStatus.COMMIT, 8));
    }

    @Test
    void shouldRefuseAnOffsetThePopDidNotHandOutAndIgnoreAStaleHandle() {
        ordered.popped(KEY, 1_000, 500, new long[] {5}, "a1");

        assertThat(ordered.ack(KEY, 9, 1_000).status()).isEqualTo(OrderedPops.AckStatus.ILLEGAL);
        assertThat(ordered.ack(KEY, 5, 999).status()).isEqualTo(OrderedPops.AckStatus.STALE);
    }

    @Test
    void shouldKeepAMessageInvisibleForTheChangedTime() {
        ordered.popped(KEY, 1_000, 500, new long[] {5}, "a1");

        assertThat(ordered.changeInvisible(KEY, 5, 1_000, 3_000)).isEqualTo(1_000);
        assertThat(ordered.blocked(KEY, "a2", 2_000)).isTrue();
        assertThat(ordered.blocked(KEY, "a2", 3_000)).isFalse();
        assertThat(ordered.changeInvisible(KEY, 5, 42, 9_000)).as("another pop's handle").isEqualTo(-1);
    }
}
