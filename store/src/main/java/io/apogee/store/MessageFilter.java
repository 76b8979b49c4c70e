package io.apogee.store;

import java.nio.ByteBuffer;

/**
 * Decides which messages {@link MessageStore#get} returns. Called on the caller's thread; implementations
 * must not keep the record buffer.
 */
public interface MessageFilter {

    /** First, cheap check on the consume-queue unit's tag code (usually {@code TAGS.hashCode()}, 0 without tag). */
    boolean matchesTagsCode(long tagsCode);

    /** Second check on the full stored record (read with {@link StoredMessage}); e.g. SQL92 on properties. */
    default boolean matchesRecord(ByteBuffer record) {
        return true;
    }
}
