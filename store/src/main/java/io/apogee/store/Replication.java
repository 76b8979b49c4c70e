package io.apogee.store;

import io.apogee.store.ha.HaClient;
import io.apogee.store.ha.HaService;
import io.apogee.store.ha.HaSettings;
import io.apogee.store.ha.ReplicaSink;
import io.apogee.store.ha.ReplicaSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the store to its replication ({@code io.apogee.store.ha}) by {@code brokerRole}: a master runs an
 * {@link HaService} on {@code haListenPort} that streams the commit log to its slaves, and under SYNC_MASTER answers a
 * put only once a slave holds it; a SLAVE runs an {@link HaClient} that appends what its master sends to the commit
 * log, from which the dispatcher builds the consume queues and the index as on the master.
 *
 * <p>Threads: {@link #start()}/{@link #close()} on the store's owner thread; {@link #appended()} and
 * {@link #replicated} on appending threads; the source and sink methods on the HA threads (the commit log is
 * thread-safe); {@link #startAt} on the HA client thread, serialized by this object's monitor.
 */
final class Replication implements ReplicaSource, ReplicaSink {

    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

    private final MessageStoreConfig config;
    private final CommitLog commitLog;
    private final Dispatcher dispatcher;
    private final CommitLogFlusher flusher;
    private final HaService master;
    private final HaClient slave;

    Replication(MessageStoreConfig config, CommitLog commitLog, Dispatcher dispatcher, CommitLogFlusher flusher) {
        this.config = config;
        this.commitLog = commitLog;
        this.dispatcher = dispatcher;
        this.flusher = flusher;
        HaSettings settings = new HaSettings(config.haListenPort, config.haTransferBatchSize,
                config.haSendHeartbeatInterval, config.haHousekeepingInterval, config.haReconnectInterval,
                config.slaveTimeout, config.haSlaveFallbehindMax, config.syncFromLastFile,
                Math.max(1, config.inSyncReplicas - 1));
        boolean isSlave = config.brokerRole == BrokerRole.SLAVE;
        this.master = isSlave ? null : new HaService(this, settings);
        this.slave = isSlave ? new HaClient(this, settings, config.haMasterAddress) : null;
    }

    void start() throws IOException {
        if (master != null) {
            master.start();
        } else {
            slave.start();
        }
    }

    void close() {
        if (master != null) {
            master.close();
        } else {
            slave.close();
        }
    }

    /** The bound HA port of a master; -1 on a slave. */
    int port() {
        return master == null ? -1 : master.port();
    }

    /** Slaves connected to this master (0 on a slave). */
    int slaveCount() {
        return master == null ? 0 : master.slaveCount();
    }

    /** Master: highest offset a slave acknowledged (-1: none). Slave: end of the bytes received. */
    long replicatedOffset() {
        return master == null ? commitLog.receivedEnd() : master.ackedOffset();
    }

    /** Slave: follow the master at this HA address (ignored when {@code haMasterAddress} is configured). */
    void masterAddress(String address) {
        if (slave != null && (config.haMasterAddress == null || config.haMasterAddress.isBlank())) {
            slave.masterAddress(address);
        }
    }

    /** After an append: the senders may ship the new bytes now. */
    void appended() {
        if (master != null) {
            master.wakeSenders();
        }
    }

    /** SYNC_MASTER: {@code appended} once a slave holds it, else with FLUSH_SLAVE_TIMEOUT or SLAVE_NOT_AVAILABLE. */
    CompletableFuture<PutResult> replicated(PutResult appended) {
        long end = appended.wroteOffset() + appended.wroteBytes();
        return master.replicated(end).thenApply(outcome -> switch (outcome) {
            case REPLICATED -> appended;
            case TIMED_OUT -> appended.withStatus(PutStatus.FLUSH_SLAVE_TIMEOUT, "stored on the master, but no "
                    + "slave confirmed it within slaveTimeout=" + config.slaveTimeout + " ms");
            case NO_SLAVE -> appended.withStatus(PutStatus.SLAVE_NOT_AVAILABLE, "stored on the master only: fewer "
                    + "than " + Math.max(1, config.inSyncReplicas - 1) + " slave(s) connected (inSyncReplicas="
                    + config.inSyncReplicas + "), or they are more than haSlaveFallbehindMax="
                    + config.haSlaveFallbehindMax + " bytes behind");
        });
    }

    @Override
    public long writeOffset() {
        return commitLog.writeOffset();
    }

    @Override
    public long minOffset() {
        return commitLog.minOffset();
    }

    @Override
    public int fileSize() {
        return config.mapedFileSizeCommitLog;
    }

    @Override
    public ByteBuffer transferSlice(long offset, int max) {
        return commitLog.transferSlice(offset, max);
    }

    @Override
    public long receivedEnd() {
        return commitLog.receivedEnd();
    }

    @Override
    public Append append(long offset, ByteBuffer data) {
        Append result = commitLog.appendReplica(offset, data);
        if (result == Append.APPENDED) {
            dispatcher.wake();
        }
        return result;
    }

    /** Moves an empty log to {@code start} with the threads that follow it paused. */
    @Override
    public synchronized boolean startAt(long start) {
        if (commitLog.writeOffset() != 0 || commitLog.receivedEnd() != 0 || start % fileSize() != 0) {
            return false;
        }
        commitLog.space().stop();
        dispatcher.stopThread();
        flusher.stop();
        try {
            if (!commitLog.rebaseEmpty(start)) {
                return false;
            }
            commitLog.space().recovered(start);
            dispatcher.startFrom(start);
            flusher.recovered(start);
            commitLog.space().prepareNow();
            LOG.info("empty commit log moved to start at offset {}, where the master's log starts", start);
            return true;
        } finally {
            commitLog.space().start();
            dispatcher.start();
            flusher.start();
        }
    }
}
