package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Brings the commit log and consume queues back to a consistent state at start-up, before any other store
 * thread runs (single-threaded).
 *
 * <ol>
 *   <li>Scan the commit log from the start of the file holding the checkpoint's safe offset
 *       ({@link StoreCheckpoint#safeOffset()}), or from the first file without a checkpoint, checking each
 *       record: magic, totalSize within the file, physicalOffset field equal to its position, field lengths
 *       adding up to totalSize and, after a crash (abort file present), the body CRC ({@link RecordCheck}). Where
 *       the records stop at an invalid one (or at zeros after a crash), the rest of the log is searched for
 *       intact records ({@link DamageSkipper}): if there are some, the damaged region is marked as a gap, its
 *       consume-queue units are emptied, it is reported to {@link StoreHealth}, and the scan goes on after it —
 *       acknowledged data past a damaged region is never dropped. Otherwise the log ends there (torn tail): the
 *       rest of its file is zeroed (after a crash or an invalid record; a clean stop ending on zeros needs no
 *       zeroing) and later files are deleted. Nothing at or beyond a file's {@link MappedFile#dataEnd()} is
 *       read through the mapping: it is zeros, and reading unallocated mapped pages allocates them on tmpfs.</li>
 *   <li>Drop consume-queue units that point at or beyond the recovered end.</li>
 *   <li>Re-dispatch the scanned range; units that already exist are skipped.</li>
 *   <li>Move each queue's min offset to its first unit whose record is still in the commit log (the oldest
 *       commit-log files may have been deleted by the cleanup), deleting queue files wholly below it.</li>
 *   <li>Resume each queue's offset counter at its max offset.</li>
 * </ol>
 */
final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);
    private static final int END = 0;
    private static final int BLANK = -1;

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final Dispatcher dispatcher;
    private final StoreHealth health;
    private final RecordCheck records = new RecordCheck();
    private final DamageSkipper skipper;
    /** Each scanned file's {@link MappedFile#dataEnd()}: the scan reads nothing at or beyond it. */
    private final Map<MappedFile, Integer> dataEnds = new IdentityHashMap<>();
    /** Set by the scan when it stopped at an invalid record rather than at zeros or the last file's end. */
    private boolean tornTail;

    StoreRecovery(CommitLog commitLog, ConsumeQueueTable queues, Dispatcher dispatcher, StoreHealth health) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.dispatcher = dispatcher;
        this.health = health;
        this.skipper = new DamageSkipper(commitLog.files(), records, this::dataEnd);
    }

    /** Recovers and returns the commit-log end (the next append offset). */
    long recover(StoreCheckpoint checkpoint, boolean crashed) throws IOException {
        MappedFileQueue files = commitLog.files();
        long from = scanStart(files, checkpoint);
        long end = scan(files, from, crashed);
        // Zeroing reads the whole rest of the file (seconds for 1 GiB), so skip it after a clean stop
        // that ended on zeros: nothing was written beyond.
        files.truncate(end, crashed || tornTail);
        commitLog.recovered(end);
        for (ConsumeQueue q : queues.all()) {
            long dropped = q.truncateTo(end);
            if (dropped > 0) {
                LOG.warn("consume queue {}/{}: dropped {} units pointing at or beyond commit-log end {}",
                        q.topic(), q.queueId(), dropped, end);
            }
        }
        dispatcher.startFrom(Math.min(from, end));
        int redispatched = dispatcher.dispatchUpTo(end);
        long min = commitLog.minOffset();
        queues.forEach(q -> q.dropUnitsBelow(min));
        queues.forEach(q -> q.nextAssignOffset = q.maxOffset());
        LOG.info("store recovered ({} shutdown): commit log [{}, {}), scanned from {}, "
                + "{} records replayed into consume queues (existing units kept)",
                crashed ? "abnormal" : "clean", commitLog.minOffset(), end, from, redispatched);
        return end;
    }

    private static long scanStart(MappedFileQueue files, StoreCheckpoint checkpoint) {
        MappedFile first = files.first();
        if (first == null) {
            return 0;
        }
        long safe = checkpoint.safeOffset();
        if (safe < 0) {
            return first.startOffset();
        }
        MappedFile f = files.find(safe);
        if (f != null) {
            return f.startOffset();
        }
        return safe < first.startOffset() ? first.startOffset() : files.last().startOffset();
    }

    /**
     * Finds the end of the log from {@code from}. Where the records stop at an invalid one — or, after a crash, at
     * zeros — the rest of the log is searched for intact records: when there are some, the damaged region is
     * skipped (marked as a gap, reported) and the scan goes on after it; otherwise the log ends there.
     */
    private long scan(MappedFileQueue files, long from, boolean crashed) throws IOException {
        long offset = from;
        while (true) {
            MappedFile file = files.find(offset);
            if (file == null) {
                return offset;
            }
            int at = (int) (offset - file.startOffset());
            int result = check(file, at, crashed);
            if (result == BLANK) {
                offset += StoredMessage.blankLength(file.buffer(), at, file.size());
            } else if (result != END) {
                offset += result;
            } else {
                long next = tornTail || crashed ? skipper.nextIntact(offset, crashed) : -1;
                if (next < 0) {
                    return offset;
                }
                skipDamage(offset, next);
                offset = next;
            }
        }
    }

    private int dataEnd(MappedFile file) {
        return dataEnds.computeIfAbsent(file, f -> {
            try {
                return f.dataEnd();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.path(), e);
            }
        });
    }

    private void skipDamage(long from, long to) throws IOException {
        tornTail = false;
        skipper.markGap(from, to);
        int forgotten = 0;
        for (ConsumeQueue q : queues.all()) {
            forgotten += q.forgetUnitsIn(from, to);
        }
        String problem = "commit log damaged at [" + from + ", " + to + "): " + (to - from) + " bytes skipped ("
                + forgotten + " consume-queue units pointed into them); the intact records after it are kept";
        LOG.error("{}", problem);
        health.report(problem);
    }

    /** Size of the valid record at {@code at}, {@link #BLANK} for a BLANK, {@link #END} at zeros or damage. */
    private int check(MappedFile file, int at, boolean verifyCrc) {
        ByteBuffer buf = file.buffer();
        if (at + CommitLog.BLANK_SIZE > file.size() || at >= dataEnd(file)) {
            return END;
        }
        int size = buf.getInt(at);
        int magic = buf.getInt(at + 4);
        if (size == 0 && magic == 0) {
            return END;
        }
        if (magic == StoredMessage.MAGIC_BLANK && StoredMessage.blankLength(buf, at, file.size()) == size) {
            return BLANK;
        }
        if (!records.isIntact(file, at, verifyCrc)) {
            tornTail = true;
            return END;
        }
        return size;
    }
}
