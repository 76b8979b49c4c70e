package io.apogee.store;

import io.apogee.common.config.ConfigBinder;
import io.apogee.common.config.ConfigException;
import io.apogee.common.config.ConfigKey;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Settings of the {@link MessageStore}, with RocketMQ's key names and defaults. Filled once before the store
 * starts and not changed afterwards (the store reads the fields without synchronization from its threads,
 * which is safe because they are set before {@link MessageStore#start()}, which starts those threads).
 */
public final class MessageStoreConfig {

    private static final Pattern DELETE_HOURS = Pattern.compile("([01]?\\d|2[0-3])(;([01]?\\d|2[0-3]))*");

    @ConfigKey(doc = "Root directory of the store (commit log, consume queues, checkpoint, abort, lock, config).")
    public String storePathRootDir = System.getProperty("user.home") + "/apogee/store";

    @ConfigKey(doc = "Commit-log directory; empty: commitlog under storePathRootDir.")
    public String storePathCommitLog = "";

    @ConfigKey(doc = "Consume-queue directory; empty: consumequeue under storePathRootDir.")
    public String storePathConsumeQueue = "";

    @ConfigKey(doc = "Checkpoint file; empty: checkpoint under storePathRootDir.")
    public String storeCheckpoint = "";

    @ConfigKey(doc = "Abort (dirty shutdown) marker file; empty: abort under storePathRootDir.")
    public String abortFile = "";

    @ConfigKey(doc = "Size of one commit-log file in bytes.", min = 4096, aliases = "mappedFileSizeCommitLog")
    public int mapedFileSizeCommitLog = 1024 * 1024 * 1024;

    @ConfigKey(doc = "Size of one consume-queue file in bytes, rounded down to a multiple of 20 (one unit).",
            min = ConsumeQueue.UNIT_SIZE, aliases = "mappedFileSizeConsumeQueue")
    public int mapedFileSizeConsumeQueue = 300_000 * 20;

    @ConfigKey(doc = "ASYNC_FLUSH: force the commit log periodically; SYNC_FLUSH: a put waits for the force.")
    public FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;

    @ConfigKey(doc = "SYNC_FLUSH: ms a put waits for its force before answering FLUSH_DISK_TIMEOUT.", min = 1)
    public int syncFlushTimeout = 5000;

    @ConfigKey(doc = "ASYNC_FLUSH: ms between commit-log flush rounds.", min = 1)
    public int flushIntervalCommitLog = 500;

    @ConfigKey(doc = "ASYNC_FLUSH: a flush round forces only when at least this many 4 KiB pages are dirty "
            + "(everything is forced at least every 10 s).", min = 0)
    public int flushCommitLogLeastPages = 4;

    @ConfigKey(doc = "ms between consume-queue flushes (each followed by a checkpoint write).", min = 1)
    public int flushIntervalConsumeQueue = 1000;

    @ConfigKey(doc = "Largest accepted message body in bytes.", min = 1)
    public int maxMessageSize = 4 * 1024 * 1024;

    @ConfigKey(doc = "ASYNC_MASTER (slaves copy the log behind the sends), SYNC_MASTER (a send is answered SEND_OK "
            + "only once a slave holds it, else FLUSH_SLAVE_TIMEOUT or SLAVE_NOT_AVAILABLE) or SLAVE (copies its "
            + "master's log, refuses sends).")
    public BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;

    @ConfigKey(doc = "Hours of the day (0-23, local time, separated by ';', e.g. \"04;16\") during which "
            + "commit-log files older than fileReservedTime are deleted (checked every cleanResourceInterval ms).")
    public String deleteWhen = "04";

    @ConfigKey(doc = "Hours a commit-log file is kept after its last write (file modification time) before it "
            + "counts as expired; 0 makes every file but the current one expired.", min = 0)
    public int fileReservedTime = 72;

    @ConfigKey(doc = "Percent of the commit-log partition in use above which expired files are deleted at any "
            + "hour (not only in the deleteWhen hours) and, only with cleanFileForciblyEnable=true, the oldest "
            + "unexpired files too, until usage is back under this percent.", min = 10, max = 95)
    public int diskMaxUsedSpaceRatio = 75;

    @ConfigKey(doc = "Percent of the commit-log partition in use above which puts are refused with "
            + "SERVICE_NOT_AVAILABLE (disk full); puts resume once usage is at or below it.", min = 10, max = 99)
    public int diskSpaceWarningLevelRatio = 90;

    @ConfigKey(doc = "ms between cleanup rounds (file deletion and the disk-full check).", min = 1)
    public int cleanResourceInterval = 10_000;

    @ConfigKey(doc = "Most commit-log files deleted in one cleanup round.", min = 1)
    public int deleteFileBatchMax = 10;

    @ConfigKey(doc = "Opt-in data loss: above diskMaxUsedSpaceRatio percent, delete the oldest commit-log files "
            + "even when they are not expired and consumer groups have not read them (true, Apache RocketMQ's "
            + "default); the broker then logs and counts the unread messages deleted per topic and group. Off "
            + "(the default), a full disk refuses puts (diskSpaceWarningLevelRatio) and deletes nothing unexpired.")
    public boolean cleanFileForciblyEnable = false;

    @ConfigKey(doc = "Bytes of the commit log allocated on disk ahead of the write position (zero-filled by the "
            + "apogee-space thread), so that an append never writes into unallocated space: on a full disk the "
            + "broker refuses puts instead of faulting.", min = 4096)
    public long commitLogPrepareAheadBytes = 64L * 1024 * 1024;

    @ConfigKey(doc = "Bytes of free space on the commit-log partition kept for consume queues, the checkpoint and "
            + "metadata files: the commit log is not allocated into it, so puts are refused (SERVICE_NOT_AVAILABLE, "
            + "naming the partition and the free bytes) before the disk is actually full.", min = 0)
    public long diskFreeReserveBytes = 64L * 1024 * 1024;

    @ConfigKey(doc = "Build the message index (index/ files: each message under topic#UNIQ_KEY and topic#<each "
            + "KEYS token>), which QUERY_MESSAGE and queries by unique key read; off: nothing is added, existing "
            + "files are still queried.")
    public boolean messageIndexEnable = true;

    @ConfigKey(doc = "Index-file directory; empty: index under storePathRootDir.")
    public String storePathIndex = "";

    @ConfigKey(doc = "Hash slots per index file (4 bytes each). Changing it makes existing index files unreadable "
            + "(they are skipped).", min = 1, max = 100_000_000)
    public int maxHashSlotNum = 5_000_000;

    @ConfigKey(doc = "Entries per index file (20 bytes each; one per indexed key of a message); a full file rolls "
            + "over to a new one. 4 * maxHashSlotNum + 20 * maxIndexNum + 40 must stay below 2 GiB.", min = 2,
            max = 100_000_000)
    public int maxIndexNum = 20_000_000;

    @ConfigKey(doc = "Deliver the 5.x timer messages (TIMER_DELAY_SEC, TIMER_DELAY_MS, TIMER_DELIVER_MS) at the "
            + "requested millisecond from Apogee's timer wheel (apogee-timer/ under storePathRootDir); false: they "
            + "are rounded up to the next delay level (messageDelayLevel).")
    public boolean timerWheelEnable = true;

    @ConfigKey(doc = "Longest delay a timer message may ask for, in seconds; a longer one is refused with "
            + "MESSAGE_ILLEGAL naming the value (Apache's default is 3 days).", min = 1, max = 3_153_600_000L)
    public long timerMaxDelaySec = 30L * 24 * 3600;

    @ConfigKey(doc = "One-second slots of the timer wheel: timers further away wait in their slot and are rolled "
            + "(stored again) each time the wheel comes round. Fixed once the wheel file exists.", min = 60,
            max = 31_536_000)
    public int timerRollWindowSlot = 2 * 24 * 3600;

    @ConfigKey(doc = "Bytes of a timer-log segment file (40 bytes a pending timer).", min = 4000,
            max = 1_073_741_800)
    public int timerLogFileSize = 40 * 1024 * 1024;

    /** Apogee's timer wheel file (Apache 5.x's own timerwheel and timerlog are other files, left alone). */
    public Path timerWheelPath() {
        return root().resolve("apogee-timer").resolve("wheel");
    }

    /** Apogee's timer-log directory. */
    public Path timerLogDir() {
        return root().resolve("apogee-timer").resolve("log");
    }

    /** Directory of the commit-log files. */
    public Path commitLogDir() {
        return orDefault(storePathCommitLog, "commitlog");
    }

    /** Directory holding {@code <topic>/<queueId>/} consume-queue files. */
    public Path consumeQueueDir() {
        return orDefault(storePathConsumeQueue, "consumequeue");
    }

    /** Directory of the message-index files. */
    public Path indexDir() {
        return orDefault(storePathIndex, "index");
    }

    /** The checkpoint file. */
    public Path checkpointPath() {
        return orDefault(storeCheckpoint, "checkpoint");
    }

    /** The abort marker file. */
    public Path abortPath() {
        return orDefault(abortFile, "abort");
    }

    /** Directory of the broker's JSON metadata (topics.json, consumerOffset.json, ...). */
    public Path configDir() {
        return root().resolve("config");
    }

    /** The lock file that keeps a second store off the same directory. */
    public Path lockPath() {
        return root().resolve("lock");
    }

    /** Consume-queue file size actually used: {@link #mapedFileSizeConsumeQueue} rounded down to 20 bytes. */
    public int consumeQueueFileSize() {
        return mapedFileSizeConsumeQueue / ConsumeQueue.UNIT_SIZE * ConsumeQueue.UNIT_SIZE;
    }

    /**
     * Rejects values the store cannot work with: every key outside the range its {@link ConfigKey} declares
     * (checked by {@link ConfigBinder#checkRanges}, the one statement of those ranges), an empty
     * {@code storePathRootDir}, and a {@code deleteWhen} that is not a list of hours.
     *
     * @throws ConfigException naming the key and the offending value
     */
    public void validate() {
        ConfigBinder.checkRanges(this);
        if (storePathRootDir == null || storePathRootDir.isBlank()) {
            throw ConfigException.invalidValue("storePathRootDir", String.valueOf(storePathRootDir),
                    "must not be empty");
        }
        if (40 + 4L * maxHashSlotNum + 20L * maxIndexNum > Integer.MAX_VALUE) {
            throw ConfigException.invalidValue("maxIndexNum", String.valueOf(maxIndexNum),
                    "index files of 40 + 4 * maxHashSlotNum + 20 * maxIndexNum bytes must stay below 2 GiB");
        }
        if (deleteWhen == null || !DELETE_HOURS.matcher(deleteWhen).matches()) {
            throw ConfigException.invalidValue("deleteWhen", String.valueOf(deleteWhen),
                    "must be hours 0-23 separated by ';', e.g. 04;16");
        }
    }

    private Path root() {
        return Path.of(storePathRootDir);
    }

    private Path orDefault(String configured, String underRoot) {
        return configured == null || configured.isEmpty() ? root().resolve(underRoot) : Path.of(configured);
    }

    // Replication (classic RocketMQ HA, docs/ARCHITECTURE.md §Replication; io.apogee.store.ha)

    @ConfigKey(doc = "Port a master's HA service listens on for slaves. 0: listenPort + 1 in a broker (10912 with "
            + "the default listenPort), any free port when listenPort is 0 or the store runs alone.", min = 0,
            max = 65535)
    public int haListenPort = 0;

    @ConfigKey(doc = "host:port of the master's HA port a slave replicates from; empty: learnt from the name "
            + "server's answer to the slave's registration.")
    public String haMasterAddress = "";

    @ConfigKey(doc = "SYNC_MASTER: ms a send waits for a slave to hold the message before FLUSH_SLAVE_TIMEOUT.",
            min = 1)
    public int slaveTimeout = 3000;

    @ConfigKey(doc = "SYNC_MASTER: a send is answered SLAVE_NOT_AVAILABLE at once when the slaves are further "
            + "behind than this many bytes (or none is connected).", min = 0)
    public long haSlaveFallbehindMax = 256L * 1024 * 1024;

    @ConfigKey(doc = "Largest body of one HA transfer frame, bytes.", min = 1, max = 4 * 1024 * 1024)
    public int haTransferBatchSize = 32 * 1024;

    @ConfigKey(doc = "ms of silence after which the master sends a heartbeat frame and the slave reports its "
            + "offset.", min = 1)
    public int haSendHeartbeatInterval = 5000;

    @ConfigKey(doc = "ms without anything received after which an HA connection is closed.", min = 1)
    public int haHousekeepingInterval = 20_000;

    @ConfigKey(doc = "ms a slave waits before connecting again after its HA connection failed or closed.",
            min = 1)
    public int haReconnectInterval = 5000;

    @ConfigKey(doc = "SYNC_MASTER: copies a send waits for, the master's included, as Apache 5.x's quorum write: "
            + "n waits for n - 1 slaves (never fewer than one: unlike Apache 5.x, where the default 1 waits for "
            + "none, a SYNC_MASTER always waits for a slave).", min = 1, max = 16)
    public int inSyncReplicas = 1;

    @ConfigKey(doc = "Apache 5.x: replicas of the broker group, master included (acting-master counts); accepted.",
            min = 1, implemented = false)
    public int totalReplicas = 1;

    @ConfigKey(doc = "Apache 5.x: fewest in-sync replicas with enableAutoInSyncReplicas; accepted.", min = 1,
            implemented = false)
    public int minInSyncReplicas = 1;

    @ConfigKey(doc = "Apache 5.x: lower inSyncReplicas to the replicas in sync; accepted (Apogee answers "
            + "SLAVE_NOT_AVAILABLE when too few slaves are connected).", implemented = false)
    public boolean enableAutoInSyncReplicas = false;

    @ConfigKey(doc = "Apache 5.x: bytes a slave may lag and still be in sync; accepted (see haSlaveFallbehindMax).",
            min = 0, implemented = false)
    public long haMaxGapNotInSync = 256L * 1024 * 1024;

    @ConfigKey(doc = "An empty slave starts at the master's newest commit-log file (Apache RocketMQ's classic "
            + "behaviour) instead of copying the whole retained log (Apogee's default).")
    public boolean syncFromLastFile = false;

    // RocketMQ store keys accepted for compatibility but not acted on yet.

    @ConfigKey(doc = "Dirty 4 KiB pages needed before a consume-queue flush.", min = 0, implemented = false)
    public int flushConsumeQueueLeastPages = 2;

    @ConfigKey(doc = "ms after which the commit log is flushed regardless of dirty pages; Apogee uses a fixed "
            + "10000.", min = 0, implemented = false)
    public int flushCommitLogThoroughInterval = 10_000;

    @ConfigKey(doc = "ms after which consume queues are flushed regardless of dirty pages.", min = 0,
            implemented = false)
    public int flushConsumeQueueThoroughInterval = 60_000;

    @ConfigKey(doc = "ms after which a file still referenced is destroyed anyway when deleting.", min = 0,
            implemented = false)
    public int destroyMapedFileIntervalForcibly = 120_000;

    @ConfigKey(doc = "ms between retries of deleting a file that could not be deleted.", min = 0,
            implemented = false)
    public int redeleteHangedFileInterval = 120_000;

    @ConfigKey(doc = "Write through a pool of direct buffers before the mapped file.", implemented = false)
    public boolean transientStorePoolEnable = false;

    @ConfigKey(doc = "Touch every page of a new mapped file before use.", implemented = false)
    public boolean warmMapedFileEnable = false;

    @ConfigKey(doc = "Store the commit log through DLedger (Raft).", implemented = false)
    public boolean enableDLegerCommitLog = false;
}
