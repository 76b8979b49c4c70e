package io.apogee.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock file keeps a second store off a directory in use. */
class StoreLockTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondStoreOnTheSameDirectory() throws Exception {
        MessageStoreConfig config = StoreFixture.config(dir);
        try (MessageStore first = StoreFixture.started(config)) {
            MessageStore second = new MessageStore(StoreFixture.config(dir));

            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("already in use").hasMessageContaining(config.lockPath().toString());
            second.close();
            assertThat(StoreFixture.put(first, "TopicA", 0, "still works").status()).isEqualTo(PutStatus.PUT_OK);
        }
        try (MessageStore third = StoreFixture.started(config)) {
            assertThat(third.maxOffsetInQueue("TopicA", 0)).isEqualTo(1);
        }
    }

    @Test
    void shouldRefusePutsWhenNotRunning() throws Exception {
        MessageStore store = StoreFixture.started(StoreFixture.config(dir));
        store.close();

        PutResult r = StoreFixture.put(store, "TopicA", 0, "too late");

        assertThat(r.status()).isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
    }
}
