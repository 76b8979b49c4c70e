package io.apogee.store.index;

import io.apogee.store.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A full disk stops indexing (nothing written, no fault) until a later retry finds room again. */
class IndexDiskFullTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private long millis = 1_700_000_000_000L;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static void add(MessageIndex index, String key, long offset) {
        byte[] t = "T".getBytes(StandardCharsets.UTF_8);
        byte[] p = ("KEYS\u0001" + key + "\u0002").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(t.length + p.length).put(0, t).put(t.length, p);
        index.add(buf, 0, t.length, t.length, p.length, offset, 1_700_000_000_000L);
    }

    @Test
    void shouldLeaveRecordsUnindexedWhileTheDiskIsFullAndResumeWhenRoomIsBack() throws Exception {
        try (Tmpfs tmpfs = Tmpfs.mount(dir, 16 * MIB)) {
            Path filler = tmpfs.path().resolve("filler");
            Files.write(filler, new byte[(int) (10 * MIB)]);
            ManualClock clock = new ManualClock();
            Path indexDir = tmpfs.path().resolve("index");
            // 1 Mi slots: 4 MiB to allocate, which would leave less than the 4 MiB reserve
            MessageIndex index = new MessageIndex(indexDir, true, 1024 * 1024, 1000, 4 * MIB, clock);
            index.load();

            add(index, "k1", 100);
            add(index, "k2", 200);
            assertThat(index.query("T", "k1", false, 10, 0, Long.MAX_VALUE, o -> true).offsets()).isEmpty();
            try (Stream<Path> files = Files.list(indexDir)) {
                assertThat(files).as("nothing written").isEmpty();
            }

            Files.delete(filler);
            add(index, "k3", 300);
            assertThat(index.query("T", "k3", false, 10, 0, Long.MAX_VALUE, o -> true).offsets()).as("before the retry")
                    .isEmpty();
            clock.millis += 10_000;
            add(index, "k4", 400);
            assertThat(index.query("T", "k4", false, 10, 0, Long.MAX_VALUE, o -> true).offsets()).containsExactly(400L);
            index.close();
        }
    }
}
