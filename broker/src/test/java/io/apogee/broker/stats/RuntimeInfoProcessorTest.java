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

            RemotingCommand answer = new RuntimeInfoProcessor(store, losses, () -> 3)
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
}
