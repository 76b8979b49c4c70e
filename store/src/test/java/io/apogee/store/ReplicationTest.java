package io.apogee.store;

import static io.apogee.store.StoreFixture.allBodies;
import static io.apogee.store.StoreFixture.config;
import static io.apogee.store.StoreFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master and slave stores replicating over real sockets on 127.0.0.1 (classic HA protocol): what the master appends
 * reaches the slave byte for byte and is readable there by queue; SYNC_MASTER answers only once a slave holds a
 * message; a slave restart resumes where it stopped.
 */
class ReplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<MessageStore> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(MessageStore::close);
    }

    private MessageStore master(BrokerRole role) throws Exception {
        MessageStoreConfig c = config(dir.resolve("master"));
        c.brokerRole = role;
        c.slaveTimeout = 1000;
        return started(c);
    }

    private MessageStore slave(MessageStore master) throws Exception {
        return slave(master, "slave");
    }

    private MessageStore slave(MessageStore master, String name) throws Exception {
        MessageStoreConfig c = config(dir.resolve(name));
        c.brokerRole = BrokerRole.SLAVE;
        c.haMasterAddress = "127.0.0.1:" + master.haPort();
        c.haReconnectInterval = 100;
        return started(c);
    }

    private MessageStore started(MessageStoreConfig c) throws Exception {
        MessageStore store = StoreFixture.started(c);
        open.add(store);
        return store;
    }

    private static void awaitCaughtUp(MessageStore master, MessageStore slave) {
        await().atMost(PATIENCE).until(() -> slave.commitLogMaxOffset() == master.commitLogMaxOffset()
                && slave.dispatchedOffset() == master.commitLogMaxOffset());
    }

    private static List<String> putMany(MessageStore store, int count, int from) {
        List<String> bodies = new ArrayList<>();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String body = "m" + i + "-" + "x".repeat((i * 37) % 1500);
            bodies.add(body);
            puts.add(store.put(draft("TopicR", i % 3, body, "TagR")));
        }
        puts.forEach(f -> assertThat(f.join().isStored()).isTrue());
        return bodies;
    }

    /** Every body of TopicR's queues, each read from its min offset (a slave that started mid-log has no older). */
    private static List<String> bodiesOf(MessageStore store) {
        List<String> all = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            long offset = store.minOffsetInQueue("TopicR", q);
            for (GetResult r; (r = store.get("TopicR", q, offset, 32, 1 << 20, null)).status() == GetStatus.FOUND; ) {
                r.records().forEach(b -> all.add(StoreFixture.body(b)));
                offset = r.nextBeginOffset();
                r.release();
            }
        }
        return all;
    }

    @Test
    void shouldReplicateEveryRecordAcrossFilesAndServeItFromTheSlave() throws Exception {
        MessageStore master = master(BrokerRole.ASYNC_MASTER);
        putMany(master, 150, 0);
        MessageStore slave = slave(master);
        List<String> later = putMany(master, 150, 150);

        awaitCaughtUp(master, slave);
        assertThat(master.commitLogMaxOffset()).as("several commit-log files").isGreaterThan(
                3L * StoreFixture.COMMIT_LOG_FILE);
        assertThat(bodiesOf(slave)).containsExactlyInAnyOrderElementsOf(bodiesOf(master)).hasSize(300)
                .containsAll(later);
        for (int q = 0; q < 3; q++) {
            assertThat(slave.maxOffsetInQueue("TopicR", q)).isEqualTo(master.maxOffsetInQueue("TopicR", q));
        }
        assertThat(slave.put(draft("TopicR", 0, "to a slave", null)).join().status())
                .isEqualTo(PutStatus.SERVICE_NOT_AVAILABLE);
    }

    @Test
    void shouldAnswerASyncMasterPutOnlyOnceTheSlaveHoldsIt() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);
        MessageStore slave = slave(master);
        await().atMost(PATIENCE).until(() -> master.haReplicatedOffset() >= 0);

        for (int i = 0; i < 50; i++) {
            PutResult r = master.put(draft("TopicR", 0, "sync-" + i, null)).join();
            assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
            assertThat(slave.haReplicatedOffset()).as("slave holds message %d when it is acknowledged", i)
                    .isGreaterThanOrEqualTo(r.wroteOffset() + r.wroteBytes());
        }
    }

    @Test
    void shouldWaitForAsManySlavesAsInSyncReplicasAsks() throws Exception {
        MessageStoreConfig c = config(dir.resolve("master"));
        c.brokerRole = BrokerRole.SYNC_MASTER;
        c.inSyncReplicas = 3;
        c.slaveTimeout = 1000;
        MessageStore master = started(c);
        slave(master, "slave-1");
        await().atMost(PATIENCE).until(() -> master.haSlaveCount() == 1 && master.haReplicatedOffset() >= 0);

        assertThat(master.put(draft("TopicR", 0, "one slave", null)).join().status())
                .as("inSyncReplicas=3 needs two slaves").isEqualTo(PutStatus.SLAVE_NOT_AVAILABLE);
        MessageStore second = slave(master, "slave-2");
        await().atMost(PATIENCE).until(() -> master.haSlaveCount() == 2);

        PutResult r = master.put(draft("TopicR", 0, "two slaves", null)).join();
        assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
        assertThat(second.haReplicatedOffset()).isGreaterThanOrEqualTo(r.wroteOffset() + r.wroteBytes());
    }

    @Test
    void shouldAnswerSlaveNotAvailableAtOnceWithoutASlave() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);

        PutResult r = master.put(draft("TopicR", 0, "alone", null)).join();

        assertThat(r.status()).isEqualTo(PutStatus.SLAVE_NOT_AVAILABLE);
        assertThat(r.isStored()).isTrue();
        StoreFixture.awaitDispatched(master);
        assertThat(allBodies(master, "TopicR", 0)).containsExactly("alone");
    }

    private static MessageDraft noWait(String body) {
        MessageDraft d = draft("TopicR", 0, body, null);
        d.waitStoreMsgOK = false;
        return d;
    }

    @Test
    void shouldAnswerPutOkAtOnceWithoutASlaveWhenTheDraftDoesNotWait() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);

        CompletableFuture<PutResult> put = master.put(noWait("alone, not waiting"));

        assertThat(put).as("complete when put returns").isDone();
        assertThat(put.join().status()).isEqualTo(PutStatus.PUT_OK);
        StoreFixture.awaitDispatched(master);
        assertThat(allBodies(master, "TopicR", 0)).containsExactly("alone, not waiting");
    }

    @Test
    void shouldLetTheFirstDraftOfABatchDecideWhetherItWaitsForASlave() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);
        MessageDraft waits = draft("TopicR", 0, "waits", null);

        PutResult firstNoWait = master.putBatch(List.of(noWait("b0"), draft("TopicR", 0, "b1", null))).join();
        PutResult firstWaits = master.putBatch(List.of(waits, noWait("b2"))).join();

        assertThat(firstNoWait.status()).isEqualTo(PutStatus.PUT_OK);
        assertThat(firstNoWait.msgCount()).isEqualTo(2);
        assertThat(firstWaits.status()).isEqualTo(PutStatus.SLAVE_NOT_AVAILABLE);
    }

    @Test
    void shouldStillShipARecordThatDidNotWaitToTheSlave() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);
        MessageStore slave = slave(master);
        await().atMost(PATIENCE).until(() -> master.haReplicatedOffset() >= 0);

        PutResult r = master.put(noWait("shipped later")).join();

        assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
        await().atMost(PATIENCE).until(() -> slave.haReplicatedOffset() >= r.wroteOffset() + r.wroteBytes());
        StoreFixture.awaitDispatched(slave);
        assertThat(allBodies(slave, "TopicR", 0)).containsExactly("shipped later");
    }

    @Test
    void shouldAnswerFlushSlaveTimeoutWhenTheSlaveStopsAcknowledging() throws Exception {
        MessageStore master = master(BrokerRole.SYNC_MASTER);
        try (Socket silent = new Socket("127.0.0.1", master.haPort())) {
            new DataOutputStream(silent.getOutputStream()).writeLong(0); // an empty slave that never acks again
            await().atMost(PATIENCE).until(() -> master.haReplicatedOffset() == 0);

            PutResult r = master.put(draft("TopicR", 0, "unconfirmed", null)).join();

            assertThat(r.status()).isEqualTo(PutStatus.FLUSH_SLAVE_TIMEOUT);
            DataInputStream in = new DataInputStream(silent.getInputStream());
            assertThat(in.readLong()).as("frame offset").isZero();
            assertThat(in.readInt()).as("frame size").isEqualTo(r.wroteBytes());
        }
    }

    @Test
    void shouldResumeAfterASlaveRestartWithoutGapOrDuplicate() throws Exception {
        MessageStore master = master(BrokerRole.ASYNC_MASTER);
        MessageStore slave = slave(master);
        putMany(master, 100, 0);
        awaitCaughtUp(master, slave);
        slave.close();
        open.remove(slave);
        putMany(master, 100, 100);

        MessageStore again = slave(master);

        awaitCaughtUp(master, again);
        assertThat(bodiesOf(again)).containsExactlyInAnyOrderElementsOf(bodiesOf(master)).hasSize(200)
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseASlaveThatHoldsMoreThanTheMaster() throws Exception {
        MessageStore master = master(BrokerRole.ASYNC_MASTER);
        putMany(master, 5, 0);
        try (Socket ahead = new Socket("127.0.0.1", master.haPort())) {
            new DataOutputStream(ahead.getOutputStream()).writeLong(master.commitLogMaxOffset() + 1000);

            assertThat(ahead.getInputStream().read()).as("connection closed by the master").isEqualTo(-1);
        }
        await().atMost(PATIENCE).until(() -> master.haSlaveCount() == 0);
    }

    @Test
    void shouldStartAnEmptySlaveAtTheNewestFileWhenAskedToBehaveLikeApache() throws Exception {
        MessageStoreConfig c = config(dir.resolve("master"));
        c.syncFromLastFile = true;
        MessageStore master = started(c);
        List<String> sent = putMany(master, 200, 0);
        long newestFile = master.commitLogMaxOffset() - master.commitLogMaxOffset() % StoreFixture.COMMIT_LOG_FILE;
        assertThat(newestFile).isPositive();

        MessageStore slave = slave(master);

        awaitCaughtUp(master, slave);
        assertThat(slave.commitLogMinOffset()).isEqualTo(newestFile);
        try (var names = Files.list(dir.resolve("slave").resolve("commitlog"))) {
            assertThat(names.mapToLong(f -> Long.parseLong(f.getFileName().toString())).min()).hasValue(newestFile);
        }
        assertThat(bodiesOf(slave)).as("the messages of the newest file only").isNotEmpty()
                .contains(sent.get(sent.size() - 1)).doesNotContain(sent.get(0));
        assertThat(sent).containsAll(bodiesOf(slave));
    }
}
