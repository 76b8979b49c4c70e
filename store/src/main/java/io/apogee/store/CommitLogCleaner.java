package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Deletes the oldest commit-log files, oldest first and at most {@code deleteFileBatchMax} per round:
 * <ul>
 *   <li>a file whose last write (its modification time) is at least {@code fileReservedTime} hours old is
 *       <em>expired</em>; expired files are deleted during the hours listed in {@code deleteWhen}, or at any
 *       hour while the partition is more than {@code diskMaxUsedSpaceRatio} percent used;</li>
 *   <li>while the partition is more than {@code diskMaxUsedSpaceRatio} percent used and
 *       {@code cleanFileForciblyEnable} is on (an opt-in; off by default), files are deleted even when not
 *       expired ("clean forcibly"), until the usage, lowered by the size of each deleted file, is back under
 *       the ratio. Such deletions are logged at WARN; the broker reports the unread messages they took.</li>
 * </ul>
 * The last file (the one being written) is never deleted, nor a file holding records that are not yet
 * dispatched to the consume queues or flushed ({@code safeEnd}). Deletion stops at the first file that must
 * stay, so the remaining files stay contiguous. Every deletion is logged with its reason.
 *
 * <p>Threads: {@link #clean} runs on the cleanup thread only. Files are removed from the
 * {@link MappedFileQueue} under its monitor (the appender adds files under the same monitor); readers holding
 * a slice of a deleted file keep a valid mapping, which goes away with its last reference.
 */
final class CommitLogCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLogCleaner.class);
    private static final String FORCED = "cleaning forcibly (cleanFileForciblyEnable=true): ";

    private final MappedFileQueue files;
    private final LongSupplier safeEnd;
    private final Clock clock;
    private final boolean[] deleteHours = new boolean[24];
    private final long reservedMillis;
    private final int maxUsedPercent;
    private final boolean forcibly;
    private final int batchMax;

    CommitLogCleaner(MappedFileQueue files, LongSupplier safeEnd, Clock clock, MessageStoreConfig config) {
        this.files = files;
        this.safeEnd = safeEnd;
        this.clock = clock;
        for (String hour : config.deleteWhen.split(";")) {
            deleteHours[Integer.parseInt(hour)] = true;
        }
        this.reservedMillis = Duration.ofHours(config.fileReservedTime).toMillis();
        this.maxUsedPercent = config.diskMaxUsedSpaceRatio;
        this.forcibly = config.cleanFileForciblyEnable;
        this.batchMax = config.deleteFileBatchMax;
    }

    /**
     * Runs one round.
     *
     * @param usage the partition's usage at the start of the round (null when it could not be read)
     * @return the files deleted
     */
    Deleted clean(DiskUsage.Reading usage) {
        boolean deleteHour = deleteHours[clock.instant().atZone(clock.getZone()).getHour()];
        DiskUsage.Reading estimate = usage;
        int deleted = 0;
        int forced = 0;
        while (deleted < batchMax) {
            MappedFile[] fs = files.files();
            if (fs.length < 2 || fs[0].endOffset() > safeEnd.getAsLong()) {
                break;
            }
            MappedFile oldest = fs[0];
            String reason = reasonToDelete(oldest, deleteHour, estimate);
            if (reason == null || !files.deleteFirst(oldest)) {
                break;
            }
            if (reason.startsWith(FORCED)) {
                LOG.warn("deleted commit-log file {}: {}", oldest.path(), reason);
                forced++;
            } else {
                LOG.info("deleted commit-log file {}: {}", oldest.path(), reason);
            }
            deleted++;
            if (estimate != null) {
                estimate = estimate.minus(oldest.size());
            }
        }
        return new Deleted(deleted, forced);
    }

    /**
     * What one round deleted.
     *
     * @param files       commit-log files deleted
     * @param forcedFiles of which unexpired ("clean forcibly")
     */
    record Deleted(int files, int forcedFiles) {
    }

    /** Why {@code file} goes now, or null when it stays. */
    private String reasonToDelete(MappedFile file, boolean deleteHour, DiskUsage.Reading usage) {
        boolean overRatio = usage != null && usage.percent() > maxUsedPercent;
        if (!deleteHour && !overRatio) {
            return null;
        }
        long ageMillis = clock.millis() - lastWrite(file);
        String age = String.format(Locale.ROOT, "last written %.1f h ago", ageMillis / 3_600_000.0);
        String disk = overRatio ? String.format(Locale.ROOT, "disk %.1f%% used > diskMaxUsedSpaceRatio=%d%%",
                usage.percent(), maxUsedPercent) : "";
        if (ageMillis >= reservedMillis) {
            return age + ", expired (fileReservedTime=" + reservedMillis / 3_600_000 + " h), "
                    + (deleteHour ? "in a deleteWhen hour" : disk);
        }
        if (overRatio && forcibly) {
            return FORCED + disk + ", " + age + " (not expired)";
        }
        return null;
    }

    /** Modification time of the file; "now" (not expired) when it cannot be read. */
    private long lastWrite(MappedFile file) {
        try {
            return Files.getLastModifiedTime(file.path()).toMillis();
        } catch (IOException e) {
            LOG.warn("cannot read the modification time of {}; keeping it", file.path(), e);
            return clock.millis();
        }
    }
}
