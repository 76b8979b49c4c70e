package io.apogee.broker.schedule;

import io.apogee.common.io.ConfigFile;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery progress of each delay level: the next queue offset of {@code SCHEDULE_TOPIC_XXXX} queue
 * {@code level - 1} to deliver. Persisted as {@code <configDir>/delayOffset.json}, RocketMQ's shape:
 * <pre>{"offsetTable":{"1":5,"2":0,"18":3}}</pre>
 * written atomically ({@link ConfigFile}) by {@link #flush()} when something changed since the last write.
 *
 * <p>Thread-safe: offsets live in a concurrent map (written by the schedule thread, readable by anyone);
 * {@link #load()} and {@link #flush()} are serialized on this object.
 */
public final class DelayOffsetTable {

    /** On-disk form. */
    public static final class FileForm {
        public Map<Integer, Long> offsetTable = new TreeMap<>();
    }

    private final ConfigFile file;
    private final ConcurrentHashMap<Integer, Long> offsets = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    public DelayOffsetTable(Path configDir) {
        this.file = new ConfigFile(configDir.resolve("delayOffset.json"));
    }

    /** Reads the file when present; a malformed file is an {@link IllegalStateException} naming it. */
    public synchronized void load() {
        try {
            byte[] json = file.readOrNull();
            if (json == null) {
                return;
            }
            FileForm form = JsonCodec.decodeLenient(json, FileForm.class);
            if (form.offsetTable != null) {
                form.offsetTable.forEach((level, offset) -> {
                    if (level != null && offset != null) {
                        offsets.put(level, offset);
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The next offset to deliver for {@code level} (0 when never delivered). */
    public long offset(int level) {
        return offsets.getOrDefault(level, 0L);
    }

    public void update(int level, long nextOffset) {
        offsets.put(level, nextOffset);
        dirty = true;
    }

    /** Writes the file if an offset changed since the last write. */
    public synchronized void flush() throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        FileForm form = new FileForm();
        form.offsetTable.putAll(offsets);
        try {
            file.write(JsonCodec.encode(form));
        } catch (IOException | RuntimeException e) {
            dirty = true;
            throw e;
        }
    }

    public Path path() {
        return file.path();
    }
}
