package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenSetTest {

    @Test
    void shouldTellFirstDeliveriesFromDuplicates() {
        SeenSet set = new SeenSet(130);
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(129)).isTrue();
        assertThat(set.add(129)).isFalse();
        assertThat(set.contains(64)).isFalse();
        assertThat(set.contains(129)).isTrue();
    }

    @Test
    void shouldNeverAcceptSequencesOutsideItsCapacity() {
        SeenSet set = new SeenSet(10);
        assertThat(set.add(10)).isFalse();
        assertThat(set.add(-1)).isFalse();
    }
}
