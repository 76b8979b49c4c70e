package io.apogee.broker.pop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void shouldRedeliverOnlyWhatWasNotAcknowledged() {
        Checkpoint c = new Checkpoint("T", "G", 1, 10, 1_000, 500, new long[] {10, 12, 13});

        assertThat(c.ack(12)).isTrue();
        assertThat(c.ack(12)).as("twice").isFalse();
        assertThat(c.ack(11)).as("not one of its messages").isFalse();
        assertThat(c.resolve()).containsExactly(10, 13);
        assertThat(c.resolve()).as("resolved once").isEmpty();
        assertThat(c.ack(10)).as("an ack after the redelivery changes nothing").isFalse();
    }

    @Test
    void shouldKnowWhenAllThirtyTwoAreAcknowledged() {
        long[] offsets = new long[32];
        for (int i = 0; i < 32; i++) {
            offsets[i] = 100 + i;
        }
        Checkpoint c = new Checkpoint("T", "G", 0, 100, 1_000, 500, offsets);
        for (int i = 0; i < 31; i++) {
            c.ack(100 + i);
        }
        assertThat(c.allAcked()).isFalse();
        c.ack(131);
        assertThat(c.allAcked()).isTrue();
    }

    @Test
    void shouldRoundTripItsJournalRecord() {
        Checkpoint c = new Checkpoint("T", "G", 3, 40, 1_000, 500, new long[] {40, 41, 45});

        Checkpoint back = Checkpoint.fromRecord(c.toRecord("broker-a"));

        assertThat(back.key()).isEqualTo(c.key()).isEqualTo("T@G@3@40@1000");
        assertThat(back.count()).isEqualTo(3);
        assertThat(back.offset(2)).isEqualTo(45);
        assertThat(back.deadline()).isEqualTo(1_500);
    }
}
