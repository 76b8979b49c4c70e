package io.apogee.broker.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.store.MessageStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up report of a store directory laid out as Apache RocketMQ 5.4.0 leaves it. */
class StoreInventoryTest {

    @TempDir
    Path root;

    private MessageStoreConfig config() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.storePathRootDir = root.toString();
        return c;
    }

    @Test
    void shouldSayNothingForANewStore() {
        assertThat(StoreInventory.report(config())).isEmpty();
    }

    @Test
    void shouldListWhatItReadsAndWhatItLeavesAlone() throws Exception {
        Files.createDirectories(root.resolve("commitlog"));
        Files.write(root.resolve("commitlog/00000000000000000000"), new byte[16]);
        Files.createDirectories(root.resolve("consumequeue/TopicA/0"));
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/consumerOffset.json"), "{\"offsetTable\":{\"TopicA@G\":{0:3}}}");
        Files.write(root.resolve("timerwheel"), new byte[16]);
        Files.createDirectories(root.resolve("rocksdbstore"));

        assertThat(String.join("\n", StoreInventory.report(config())))
                .contains("1 commit-log file(s), consume queues of 1 topic(s)")
                .contains("reading config/consumerOffset.json")
                .contains("leaving timerwheel as it is (5.x timer wheel")
                .contains("leaving rocksdbstore as it is");
    }
}
