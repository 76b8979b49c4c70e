package io.apogee.store.ha;

import java.nio.ByteBuffer;

/** The slave's commit log as the HA client writes into it. Implementations are thread-safe. */
public interface ReplicaSink {

    /** The outcome of an {@link #append}. */
    enum Append {
        /** The bytes are in the log. */
        APPENDED,
        /** The bytes do not start at {@link #receivedEnd()} or cross a file boundary; nothing was written. */
        MISMATCH,
        /** The disk has no room for them; nothing was written. */
        NO_SPACE
    }

    /** Offset after the last byte received: what the slave reports to its master. */
    long receivedEnd();

    /** Appends {@code data} (raw commit-log bytes, possibly cutting a record) at {@code offset}. */
    Append append(long offset, ByteBuffer data);

    /**
     * Moves an empty log to start at {@code offset} (a file boundary), for a first frame that does not start at 0.
     *
     * @return false (nothing changed) when the log is not empty or the offset is not on a file boundary
     */
    boolean startAt(long offset);
}
