package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigUpdateTest {

    @Test
    void shouldNameTheChangedKeysReadOnlyAtStartSorted() {
        ConfigUpdate update = new ConfigUpdate(ConfigUpdate.Status.APPLIED, List.of("b", "live", "a"), "updated");

        assertThat(update.restartNote(Set.of("a", "b", "other")))
                .isEqualTo("; read only at start, so effective after a restart: a, b");
    }

    @Test
    void shouldAddNothingWhenNoChangedKeyIsReadOnlyAtStart() {
        ConfigUpdate update = new ConfigUpdate(ConfigUpdate.Status.APPLIED, List.of("live"), "updated");

        assertThat(update.restartNote(Set.of("a"))).isEmpty();
    }
}
