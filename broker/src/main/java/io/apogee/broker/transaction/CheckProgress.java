package io.apogee.broker.transaction;

import io.apogee.common.io.ConfigFile;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How far the transaction check has scanned the half queue: every half message below {@link #offset()} has
 * been settled, discarded or re-appended (so a later copy stands for it). Persisted as
 * {@code <configDir>/transactionCheckOffset.json}:
 * <pre>{"halfOffset":42}</pre>
 * written atomically ({@link ConfigFile}) by {@link #flush()} when it changed since the last write.
 *
 * <p>Thread-safe: the offset is volatile (written by the check thread only); {@link #load()} and
 * {@link #flush()} are serialized on this object.
 */
final class CheckProgress {

    /** On-disk form. */
    public static final class FileForm {
        public long halfOffset;
    }

    private final ConfigFile file;
    private volatile long offset;
    private volatile boolean dirty;

    CheckProgress(Path configDir) {
        this.file = new ConfigFile(configDir.resolve("transactionCheckOffset.json"));
    }

    /** Reads the file when present; a malformed file is an {@link IllegalStateException} naming it. */
    synchronized void load() {
        try {
            byte[] json = file.readOrNull();
            if (json != null) {
                offset = Math.max(0, JsonCodec.decode(json, FileForm.class).halfOffset);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    long offset() {
        return offset;
    }

    void update(long next) {
        if (next != offset) {
            offset = next;
            dirty = true;
        }
    }

    synchronized void flush() throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        FileForm form = new FileForm();
        form.halfOffset = offset;
        try {
            file.write(JsonCodec.encode(form));
        } catch (IOException | RuntimeException e) {
            dirty = true;
            throw e;
        }
    }

    Path path() {
        return file.path();
    }
}
