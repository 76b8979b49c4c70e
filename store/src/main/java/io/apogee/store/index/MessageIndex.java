package io.apogee.store.index;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The message index: {@link IndexFile}s in one directory ({@code index/} under the store root), oldest first,
 * mapping {@code "topic#key"} to the commit-log offsets of the records stored with that key (their
 * {@code UNIQ_KEY} and each {@code KEYS} token, {@link IndexedKeys}). The dispatcher adds each record after its
 * consume-queue unit; when a record's keys do not fit in the newest file, it rolls over to a new one named for the
 * current time (a record's keys are always in one file, so every file's header ends on a whole record).
 *
 * <p>Durability: {@link #flush} snapshots the newest file's header at a whole record, then forces every file,
 * and returns the snapshot for the store checkpoint; {@link #checkpoint} does so at most every
 * {@value #FORCE_INTERVAL_SECONDS} s and otherwise answers the last forced snapshot (forcing the slots of a file
 * writes pages all over it, so it is kept rare; the replay after a crash is longer by as much). After a crash
 * {@link #recover} cuts the index back to that snapshot (newer files deleted, slots pointing past it repaired), and
 * the commit-log replay re-adds the records after it: {@link #add} skips every record at or below the last
 * indexed offset, so no record is indexed twice. {@link #deleteBelow} deletes the files whose records all lie
 * below the commit log's min offset (never the newest).
 *
 * <p>Threads: one writer — the dispatcher thread, or the store's owner during start-up and close — calls
 * {@link #add}, {@link #recover}, {@link #truncateTo}; one flushing thread at a time calls {@link #flush} and
 * {@link #checkpoint}; the cleanup thread calls {@link #deleteBelow}; any thread calls {@link #query}. The file
 * list is an array replaced under this object's monitor and read through a volatile field; a deleted file's
 * mapping stays valid for readers.
 */
public final class MessageIndex {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIndex.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final int RETRY_SECONDS = 10;
    private static final int FORCE_INTERVAL_SECONDS = 10;

    private final Path dir;
    private final boolean enabled;
    private final IndexFile.Dimensions dims;
    private final Clock clock;
    private volatile IndexFile[] files = new IndexFile[0];
    /** Commit-log offset of the last indexed record, −1 when none; writer only. */
    private long lastIndexed = -1;
    /** While indexing fails (disk full): the clock's millis of the next attempt, and records skipped. */
    private boolean failing;
    private long retryAtMillis;
    private long skipped;
    // the record being added (writer only), so that adding allocates nothing
    private final IndexedKeys.KeyVisitor keyAdder = this::addKey;
    private final IndexedKeys.KeyVisitor keyCounter = this::countKey;
    private int keyCount;
    private ByteBuffer recordBuf;
    private int topicAt;
    private int topicLen;
    private long recordOffset;
    private long recordTimestamp;
    /** The file the record's keys go to: a record never spans two files. */
    private IndexFile target;
    /** The last forced snapshot and when (clock millis); the flushing thread only. */
    private IndexCheckpoint forced;
    private long forcedAtMillis;

    /**
     * @param enabled      false: nothing is added (files already there are still queried)
     * @param slots        hash slots per file ({@code maxHashSlotNum})
     * @param capacity     entries per file ({@code maxIndexNum})
     * @param reserveBytes usable bytes the index leaves on its partition ({@code diskFreeReserveBytes})
     */
    public MessageIndex(Path dir, boolean enabled, int slots, int capacity, long reserveBytes, Clock clock) {
        this.dir = dir;
        this.enabled = enabled;
        this.dims = new IndexFile.Dimensions(slots, capacity, reserveBytes);
        this.clock = clock;
    }

    /** Opens the files in the directory (before the writer starts). */
    public void load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<IndexFile> loaded = new ArrayList<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.length() != 17 || !n.chars().allMatch(Character::isDigit)
                        || Files.size(p) != dims.fileSize()) {
                    LOG.warn("ignoring {} in the index directory: not an index file of {} slots and {} entries", p,
                            dims.slots(), dims.capacity());
                    continue;
                }
                loaded.add(IndexFile.open(p, Long.parseLong(n), dims));
            }
        }
        files = loaded.toArray(new IndexFile[0]);
        lastIndexed = lastIndexedOffset();
    }

    /**
     * Start-up, before the commit-log replay. After a clean stop the files are complete. After a crash the index
     * is cut back to the store checkpoint's snapshot: files newer than it are deleted, the snapshot's file is
     * truncated to its entry count (slots repaired); without a snapshot every file goes and the replay rebuilds
     * the index.
     */
    public void recover(IndexCheckpoint checkpoint, boolean crashed) throws IOException {
        if (!crashed) {
            return;
        }
        List<IndexFile> kept = new ArrayList<>();
        for (IndexFile f : files) {
            if (f.name() > checkpoint.fileName() || checkpoint.fileName() == 0) {
                LOG.info("crash recovery: deleting index file {} (newer than the checkpoint)", f.path());
                f.delete();
            } else {
                if (f.name() == checkpoint.fileName()) {
                    f.truncate(checkpoint.count(), checkpoint.endPhyOffset(), checkpoint.endTimestamp());
                }
                kept.add(f);
            }
        }
        replace(kept);
        lastIndexed = lastIndexedOffset();
        LOG.info("crash recovery: message index kept {} files, records after commit-log offset {} are re-indexed",
                kept.size(), lastIndexed);
    }

    /** Forgets entries at or beyond the recovered commit-log end (before the writer starts). */
    public void truncateTo(long commitLogEnd) throws IOException {
        IndexFile[] fs = files;
        int last = fs.length - 1;
        while (last >= 0) {
            IndexFile f = fs[last];
            int keep = f.count();
            while (keep > 1 && f.phyOffsetOf(keep - 1) >= commitLogEnd) {
                keep--;
            }
            if (keep == f.count()) {
                break;
            }
            if (keep > 1 || last == 0) {
                f.truncate(keep, keep > 1 ? f.phyOffsetOf(keep - 1) : -1, keep > 1 ? f.timeOf(keep - 1) : 0);
                break;
            }
            f.delete();
            last--;
        }
        replace(Arrays.asList(fs).subList(0, Math.max(0, last + 1)));
        lastIndexed = lastIndexedOffset();
    }

    /**
     * Indexes one record under its keys, unless it is at or below the last indexed offset (a replay) or the
     * index is disabled. A failure (disk full) is logged once; records stay unindexed until a retry
     * {@value #RETRY_SECONDS} s later succeeds.
     *
     * @param buf the buffer holding the record; the topic and properties are given as UTF-8 byte ranges of it
     */
    public void add(ByteBuffer buf, int topicAt, int topicLen, int propsAt, int propsLen, long phyOffset,
                    long storeTimestamp) {
        if (!enabled || phyOffset <= lastIndexed) {
            return;
        }
        if (failing && clock.millis() < retryAtMillis) {
            skipped++;
            return;
        }
        recordBuf = buf;
        this.topicAt = topicAt;
        this.topicLen = topicLen;
        recordOffset = phyOffset;
        recordTimestamp = storeTimestamp;
        try {
            keyCount = 0;
            IndexedKeys.forEach(buf, propsAt, propsLen, keyCounter);
            if (keyCount > 0) {
                target = writable();
                if (target.room() < keyCount && !target.isEmpty()) {
                    target = roll(target);
                }
                IndexedKeys.forEach(buf, propsAt, propsLen, keyAdder);
                target.recordDone(phyOffset, storeTimestamp);
                lastIndexed = phyOffset;
            }
            if (failing) {
                failing = false;
                LOG.info("message index: indexing again from commit-log offset {}; {} records were left unindexed",
                        phyOffset, skipped);
                skipped = 0;
            }
        } catch (IOException | RuntimeException e) {
            skipped++;
            retryAtMillis = clock.millis() + TimeUnit.SECONDS.toMillis(RETRY_SECONDS);
            if (!failing) {
                failing = true;
                LOG.error("message index: cannot index the record at commit-log offset {}; records are not "
                        + "indexed until a retry every {} s succeeds", phyOffset, RETRY_SECONDS, e);
            }
        } finally {
            recordBuf = null;
            target = null;
        }
    }

    private void countKey(int keyAt, int keyLen, boolean tag) {
        keyCount++;
    }

    /** Adds one key to the target file; keys beyond a whole file's room (a record with more keys) are dropped. */
    private void addKey(int keyAt, int keyLen, boolean tag) throws IOException {
        target.put(KeyHash.of(recordBuf, topicAt, topicLen, keyAt, keyLen, tag), recordOffset, recordTimestamp);
    }

    private IndexFile writable() throws IOException {
        IndexFile[] fs = files;
        return fs.length == 0 ? roll(null) : fs[fs.length - 1];
    }

    private IndexFile roll(IndexFile previous) throws IOException {
        Files.createDirectories(dir);
        long name = Long.parseLong(NAME.format(clock.instant().atZone(ZoneId.systemDefault())));
        IndexFile[] fs = files;
        if (fs.length > 0) {
            name = Math.max(name, fs[fs.length - 1].name() + 1);
        }
        long endPhy = previous == null ? 0 : previous.endPhyOffset();
        long endTime = previous == null ? 0 : previous.endTimestamp();
        IndexFile f = IndexFile.create(dir.resolve(Long.toString(name)), name, dims, endPhy, endTime);
        synchronized (this) {
            IndexFile[] grown = Arrays.copyOf(files, files.length + 1);
            grown[grown.length - 1] = f;
            files = grown;
        }
        LOG.info("message index: new index file {}", f.path());
        return f;
    }

    /**
     * Commit-log offsets of the records indexed under {@code topic#key} ({@code topic#T#key} when {@code tag})
     * stored in [begin, end] (to the second),
     * newest first, at most {@code maxNum}. Every entry whose hash matches is offered to {@code accept}, which
     * checks the record (hash collisions, exact times) and says whether it counts.
     */
    public IndexHits query(String topic, String key, boolean tag, int maxNum, long begin, long end,
                           LongPredicate accept) {
        int hash = KeyHash.of(topic, key, tag);
        IndexFile[] fs = files;
        List<Long> offsets = new ArrayList<>(Math.min(maxNum, 64));
        if (fs.length == 0 || maxNum <= 0) {
            return new IndexHits(offsets, 0, 0, 0);
        }
        IndexFile newest = fs[fs.length - 1];
        long lastTimestamp = newest.endTimestamp();
        long lastPhyOffset = newest.endPhyOffset();
        int reads = 0;
        for (int i = fs.length - 1; i >= 0 && offsets.size() < maxNum; i--) {
            IndexFile f = fs[i];
            if (f.overlaps(begin, end)) {
                reads += f.select(hash, begin, end, offset -> {
                    if (accept.test(offset)) {
                        offsets.add(offset);
                    }
                    return offsets.size() < maxNum;
                });
            }
            if (f.beginTimestamp() < begin) {
                break;
            }
        }
        return new IndexHits(offsets, lastTimestamp, lastPhyOffset, reads);
    }

    /**
     * Snapshots the newest file's header, then forces every file.
     *
     * @param dispatchedOffset the store's dispatched offset, read before this call: every record below it is in
     *                         the snapshot
     */
    public IndexCheckpoint flush(long dispatchedOffset) {
        IndexFile[] fs = files;
        IndexCheckpoint snapshot = fs.length == 0 ? IndexCheckpoint.EMPTY : fs[fs.length - 1].snapshot();
        for (IndexFile f : files) {
            f.force();
        }
        forced = snapshot.covering(dispatchedOffset);
        forcedAtMillis = clock.millis();
        return forced;
    }

    /** {@link #flush} when the last one is {@value #FORCE_INTERVAL_SECONDS} s old (or none), else its snapshot. */
    public IndexCheckpoint checkpoint(long dispatchedOffset) {
        if (forced == null || clock.millis() - forcedAtMillis >= TimeUnit.SECONDS.toMillis(FORCE_INTERVAL_SECONDS)) {
            return flush(dispatchedOffset);
        }
        return forced;
    }

    /**
     * Deletes the oldest files whose last record lies below {@code commitLogMinOffset} (never the newest file).
     *
     * @return the number of files deleted
     */
    public int deleteBelow(long commitLogMinOffset) {
        IndexFile[] fs = files;
        int n = 0;
        while (n < fs.length - 1 && fs[n].endPhyOffset() < commitLogMinOffset) {
            try {
                fs[n].delete();
                LOG.info("deleted index file {}: its records lie below the commit log's min offset {}",
                        fs[n].path(), commitLogMinOffset);
            } catch (IOException e) {
                LOG.warn("cannot delete index file {}", fs[n].path(), e);
                break;
            }
            n++;
        }
        if (n > 0) {
            synchronized (this) {
                files = Arrays.copyOfRange(files, n, files.length);
            }
        }
        return n;
    }

    /** Number of index files. */
    public int fileCount() {
        return files.length;
    }

    /** Length of the index files (their apparent size; they are allocated as they fill). */
    public long sizeOnDisk() {
        return files.length * dims.fileSize();
    }

    /** Bytes of the index files allocated on disk (what they occupy, unlike {@link #sizeOnDisk()}). */
    public long allocatedBytes() {
        long sum = 0;
        for (IndexFile f : files) {
            sum += f.allocatedBytes();
        }
        return sum;
    }

    /** Closes the files (after a final {@link #flush}). */
    public void close() {
        for (IndexFile f : files) {
            f.close();
        }
    }

    private synchronized void replace(List<IndexFile> kept) {
        files = kept.toArray(new IndexFile[0]);
    }

    private long lastIndexedOffset() {
        IndexFile[] fs = files;
        for (int i = fs.length - 1; i >= 0; i--) {
            if (!fs[i].isEmpty()) {
                return fs[i].endPhyOffset();
            }
        }
        return -1;
    }
}
