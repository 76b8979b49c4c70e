package io.apogee.broker.stats;

import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.retention.UnreadLossReport;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.KeyValueTable;
import io.apogee.store.MessageStore;
import io.apogee.store.MessageStoreConfig;
import io.apogee.store.QueueTrimListener.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeInfoProcessorTest {

    @TempDir
    Path dir;

    @Test
    void shouldAnswerAKeyValueTableWithTheUnreadMessagesCleanupDeleted() throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.storePathRootDir = dir.toString();
        MessageStore store = new MessageStore(config);
        store.start();
        try {
            ConsumerOffsetTable offsets = new ConsumerOffsetTable(dir);
            offsets.commit("Billing", "Orders", 0, 40);
            UnreadLossReport losses = new UnreadLossReport(offsets, level -> 0, () -> 0);
            losses.trimmed("Orders", 0, 0, 100, Cause.FORCED);

            RemotingCommand answer = new RuntimeInfoProcessor(store, losses, BrokerStats.unshared(),
                    RuntimeGauges.idle(() -> 3))
                    .process(null, RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO));

            assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
            KeyValueTable table = JsonCodec.decode(answer.body(), KeyValueTable.class);
            assertThat(table.table)
                    .containsEntry("unreadMessagesDeleted", "60")
                    .containsEntry("unreadMessagesDeleted[Orders@Billing:FORCED]", "60")
                    .containsEntry("heldPullRequests", "3")
                    .containsEntry("storeHealth", "OK")
                    .containsEntry("brokerVersionDesc", "V5_4_0")
                    .containsKeys("bootTimestamp", "runtime", "commitLogMaxOffset", "dispatchBehindBytes");
        } finally {
            store.close();
        }
    }

    @Test
    void shouldShowMeasuredTrafficAndTheKeysApacheToolsRead() throws Exception {
        try (StatsBrokerFixture fixture = new StatsBrokerFixture(dir.resolve("broker"))) {
            fixture.createTopic("RuntimeTopic", 1);
            fixture.send("RuntimeTopic", 0, 5);
            fixture.pull("RuntimeTopic", 0, 2, 32);

            KeyValueTable table = fixture.callFor(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO),
                    KeyValueTable.class);

            assertThat(table.table)
                    .containsEntry("msgPutTotalTodayNow", "5")
                    .containsEntry("msgGetTotalTodayNow", "3")
                    .containsEntry("msgPutTotalTodayMorning", "0")
                    .containsEntry("msgPutTotalYesterdayMorning", "0")
                    .containsEntry("msgGetTotalTodayMorning", "0")
                    .containsEntry("msgGetTotalYesterdayMorning", "0")
                    .containsEntry("brokerActive", "true")
                    .containsEntry("sendThreadPoolQueueCapacity", "10000")
                    .containsEntry("pullThreadPoolQueueCapacity", "100000")
                    .containsKeys("sendThreadPoolQueueSize", "pullThreadPoolQueueSize", "getFoundTps", "getMissTps",
                            "getTotalTps", "getTransferedTps", "consumeQueueDiskRatio",
                            "startAcceptSendRequestTimeStamp", "timerReadBehind");
            assertThat(table.table.get("putTps").split(" ")).hasSize(3)
                    .allSatisfy(tps -> assertThat(Double.parseDouble(tps)).isNotNegative());
            assertThat(Double.parseDouble(table.table.get("getTransferredTps").split(" ")[0])).isPositive();
            assertThat(Double.parseDouble(table.table.get("commitLogDiskRatio"))).isBetween(0.0, 1.0);
            assertThat(Long.parseLong(table.table.get("earliestMessageTimeStamp")))
                    .isBetween(Long.parseLong(table.table.get("bootTimestamp")), System.currentTimeMillis());
        }
    }
}
