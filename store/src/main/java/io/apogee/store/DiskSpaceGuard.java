package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Disk-full protection by ratio: while the commit-log partition is more than {@code diskSpaceWarningLevelRatio}
 * percent used, puts are refused with SERVICE_NOT_AVAILABLE and a reason naming the partition, its usage and
 * the limit; logs once on entering and once on leaving that state. (The hard protection is
 * {@link CommitLogSpace}: appends only ever write into allocated space.)
 *
 * <p>Threads: {@link #update} is called by the space thread (every few hundred ms) and the cleanup thread,
 * serialized by this object's monitor; {@link #refusal()} by any put thread. The state is one volatile
 * reference.
 */
final class DiskSpaceGuard {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);

    private final Path dir;
    private final int limitPercent;
    /** The answer to puts while the disk is full; null while there is room. */
    private volatile PutResult refusal;

    DiskSpaceGuard(Path dir, int limitPercent) {
        this.dir = dir;
        this.limitPercent = limitPercent;
    }

    /** Takes a new usage reading of the partition. */
    synchronized void update(double usedPercent) {
        boolean wasFull = refusal != null;
        if (usedPercent > limitPercent) {
            String reason = String.format(Locale.ROOT, "disk full: the partition holding %s is %.1f%% used, above "
                    + "diskSpaceWarningLevelRatio=%d%%; puts are refused until usage drops below it",
                    dir, usedPercent, limitPercent);
            refusal = PutResult.failure(PutStatus.SERVICE_NOT_AVAILABLE, reason);
            if (!wasFull) {
                LOG.error("{}", reason);
            }
        } else if (wasFull) {
            refusal = null;
            LOG.warn(String.format(Locale.ROOT, "disk usage of the partition holding %s is back to %.1f%% "
                    + "(limit diskSpaceWarningLevelRatio=%d%%); accepting puts again", dir, usedPercent, limitPercent));
        }
    }

    /** The result to answer a put with while the disk is full, or null when puts may proceed. */
    PutResult refusal() {
        return refusal;
    }
}
