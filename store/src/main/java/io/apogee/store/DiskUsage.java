package io.apogee.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads how full the partition holding a directory is. The store reads the commit-log directory's partition;
 * tests inject their own readings.
 *
 * <p>Implementations must be safe to call from any thread (the real one keeps no state).
 */
@FunctionalInterface
interface DiskUsage {

    /** The current usage of the partition holding {@code dir}. */
    Reading read(Path dir) throws IOException;

    /**
     * Usage as {@code df} shows it: used bytes against used + bytes available to the process (space the
     * file system reserves for root does not count as free).
     */
    static DiskUsage fileStore() {
        return dir -> {
            FileStore store = Files.getFileStore(dir);
            long used = store.getTotalSpace() - store.getUnallocatedSpace();
            return new Reading(used, used + store.getUsableSpace());
        };
    }

    /**
     * One reading.
     *
     * @param usedBytes  bytes in use on the partition
     * @param totalBytes bytes the partition can hold for the store (used + available)
     */
    record Reading(long usedBytes, long totalBytes) {

        /** Used percentage, 0..100 (0 for a partition reporting no size). */
        double percent() {
            return totalBytes <= 0 ? 0 : 100.0 * usedBytes / totalBytes;
        }

        /** Bytes still available to the store. */
        long freeBytes() {
            return Math.max(0, totalBytes - usedBytes);
        }

        /** This reading with {@code bytes} more used, e.g. after allocating them. */
        Reading plus(long bytes) {
            return new Reading(usedBytes + bytes, totalBytes);
        }

        /** This reading with {@code bytes} fewer used, e.g. after deleting a file. */
        Reading minus(long bytes) {
            return new Reading(Math.max(0, usedBytes - bytes), totalBytes);
        }
    }
}
