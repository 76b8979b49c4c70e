package io.apogee.broker.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.subscription.SubscriptionGroupConfig;
import io.apogee.store.GetResult;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-from-slave suggestion of PULL answers, on a real store of 20 messages of about 1 KiB. */
class SlaveReadAdviceTest {

    @TempDir
    Path dir;

    private MessageStore store;
    private final BrokerConfig config = new BrokerConfig();
    private final SubscriptionGroupConfig group = new SubscriptionGroupConfig("G");

    @BeforeEach
    void fill() throws Exception {
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.storePathRootDir = dir.toString();
        storeConfig.mapedFileSizeCommitLog = 1024 * 1024;
        store = new MessageStore(storeConfig);
        store.start();
        for (int i = 0; i < 20; i++) {
            MessageDraft m = new MessageDraft();
            m.topic = "T";
            m.body = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
            m.bornTimestamp = System.currentTimeMillis();
            m.bornHost = new InetSocketAddress("127.0.0.1", 40000);
            m.storeHost = new InetSocketAddress("127.0.0.1", 10911);
            store.put(m).join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.dispatchedOffset() == store.commitLogMaxOffset());
        group.whichBrokerWhenConsumeSlowly = 1;
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** With "memory" of 100 KiB and the default 40 %, a consumer more than 40 KiB behind the end lags. */
    private long suggestAfterReading(long offset) {
        GetResult result = store.get("T", 0, offset, 1, 1 << 20, null);
        try {
            return new SlaveReadAdvice(config, store, 100 * 1024).suggest(result, group);
        } finally {
            result.release();
        }
    }

    @Test
    void shouldSuggestTheMasterUnlessSlaveReadIsEnabled() {
        assertThat(suggestAfterReading(0)).isZero();
    }

    @Test
    void shouldSendALaggingConsumerToItsSlowBrokerAndACurrentOneToItsBroker() {
        config.slaveReadEnable = true;

        assertThat(suggestAfterReading(0)).as("first message read, about 21 KiB behind, 40 KiB allowed").isZero();
        config.accessMessageInMemoryMaxRatio = 10;
        assertThat(suggestAfterReading(0)).as("about 21 KiB behind, 10 KiB allowed").isEqualTo(1);
        assertThat(suggestAfterReading(19)).as("the last message read").isZero();
    }
}
