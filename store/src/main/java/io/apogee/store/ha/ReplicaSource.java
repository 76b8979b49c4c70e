package io.apogee.store.ha;

import java.nio.ByteBuffer;

/** The master's commit log as the HA service reads it. Implementations are thread-safe. */
public interface ReplicaSource {

    /** Offset after the last complete record: bytes below it may be shipped. */
    long writeOffset();

    /** Offset of the oldest byte still on disk (the write offset when the log is empty). */
    long minOffset();

    /** Size of one commit-log file. */
    int fileSize();

    /**
     * A read-only view of the bytes from {@code offset}: at most {@code max}, never past the write offset or the end
     * of the file holding {@code offset}; null when no file holds it (deleted, or beyond the end).
     */
    ByteBuffer transferSlice(long offset, int max);
}
