package io.apogee.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A log stored as a run of equal-size {@link MappedFile}s in one directory, each named by the 20-digit
 * offset of its first byte; file n+1 starts where file n ends.
 *
 * <p>Threads: files are added at the end by the log's single writer, removed from the end by recovery
 * (before the store's threads run) and removed from the start by the cleanup thread
 * ({@link #deleteFirst}). The file list is an immutable array replaced on change and published through a
 * volatile field, so readers take a snapshot without locking; every change happens under this object's
 * monitor, so an append and a deletion never lose each other's change. A deleted file is not unmapped: a
 * reader holding it or a slice of it keeps reading valid memory, and the mapping goes away with the last
 * reference.
 */
final class MappedFileQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);
    private static final MappedFile[] EMPTY = new MappedFile[0];

    private final Path dir;
    private final int fileSize;
    private volatile MappedFile[] files = EMPTY;

    MappedFileQueue(Path dir, int fileSize) {
        this.dir = dir;
        this.fileSize = fileSize;
    }

    Path dir() {
        return dir;
    }

    int fileSize() {
        return fileSize;
    }

    /** Maps the existing files of the directory; checks names, sizes and that they are contiguous. */
    synchronized void load() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            paths = list.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList();
        }
        List<MappedFile> loaded = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            long start = Long.parseLong(p.getFileName().toString());
            long length = Files.size(p);
            if (length > fileSize) {
                throw new IOException("store file " + p + " has " + length + " bytes but the configured file size is "
                        + fileSize + " (was the file size setting changed?)");
            }
            if (!loaded.isEmpty() && loaded.get(loaded.size() - 1).endOffset() != start) {
                throw new IOException("store file " + p + " does not follow "
                        + loaded.get(loaded.size() - 1).path() + ": files must be contiguous");
            }
            if (length < fileSize) {
                LOG.warn("store file {} is short ({} of {} bytes); extending it with zeros", p, length, fileSize);
            }
            loaded.add(MappedFile.open(p, start, fileSize));
        }
        files = loaded.toArray(EMPTY);
    }

    MappedFile[] files() {
        return files;
    }

    boolean isEmpty() {
        return files.length == 0;
    }

    MappedFile first() {
        MappedFile[] fs = files;
        return fs.length == 0 ? null : fs[0];
    }

    MappedFile last() {
        MappedFile[] fs = files;
        return fs.length == 0 ? null : fs[fs.length - 1];
    }

    /** Start of the first file, or -1 when there is none. */
    long minOffset() {
        MappedFile f = first();
        return f == null ? -1 : f.startOffset();
    }

    /** The file holding {@code offset}, or null. O(1): files are equal-size and contiguous. */
    MappedFile find(long offset) {
        MappedFile[] fs = files;
        if (fs.length == 0 || offset < fs[0].startOffset()) {
            return null;
        }
        long index = (offset - fs[0].startOffset()) / fileSize;
        return index < fs.length ? fs[(int) index] : null;
    }

    /** Creates and maps a new last file starting at {@code start}. Single writer only. */
    synchronized MappedFile create(long start) throws IOException {
        MappedFile last = last();
        if (last != null && last.endOffset() != start) {
            throw new IOException("new file at " + start + " would not follow " + last.path());
        }
        Files.createDirectories(dir);
        MappedFile file = MappedFile.open(dir.resolve(MappedFile.fileName(start)), start, fileSize);
        MappedFile[] fs = files;
        MappedFile[] grown = Arrays.copyOf(fs, fs.length + 1);
        grown[fs.length] = file;
        files = grown;
        return file;
    }

    /** The file holding {@code offset}, creating files up to it as needed (the first one aligned to the file size). */
    MappedFile findOrCreate(long offset) throws IOException {
        MappedFile f = find(offset);
        while (f == null) {
            MappedFile last = last();
            if (last != null && offset < last.startOffset()) {
                throw new IOException("offset " + offset + " is before the first file of " + dir);
            }
            f = create(last == null ? offset - offset % fileSize : last.endOffset());
            if (!f.contains(offset)) {
                f = null;
            }
        }
        return f;
    }

    /**
     * Cuts the log at {@code end}: zeros the rest of the file holding it and deletes all later files. When
     * {@code end} is the start of the first file, that file is kept (empty), so the log keeps its position
     * across restarts. Only while no other thread uses the log.
     */
    void truncate(long end) throws IOException {
        truncate(end, true);
    }

    /** As {@link #truncate(long)}; {@code zeroTail} false skips zeroing when the tail is known to be zero. */
    synchronized void truncate(long end, boolean zeroTail) throws IOException {
        List<MappedFile> keep = new ArrayList<>();
        for (MappedFile f : files) {
            boolean emptyHead = keep.isEmpty() && f.startOffset() == end;
            if (f.startOffset() >= end && !emptyHead) {
                LOG.warn("deleting store file {} beyond the recovered end {}", f.path(), end);
                f.delete();
            } else {
                if (f.contains(end)) {
                    if (zeroTail) {
                        f.zeroFrom((int) (end - f.startOffset()));
                    }
                    f.wrotePosition((int) (end - f.startOffset()));
                } else {
                    f.wrotePosition(fileSize);
                }
                keep.add(f);
            }
        }
        files = keep.toArray(EMPTY);
    }

    /** Deletes every file (an empty slave log moving to its master's start); only while no other thread uses it. */
    synchronized void deleteAll() {
        for (MappedFile f : files) {
            try {
                f.delete();
            } catch (IOException e) {
                LOG.warn("could not delete store file {}", f.path(), e);
            }
        }
        files = EMPTY;
    }

    /**
     * Deletes {@code expected} when it is still the first file and not the last one.
     *
     * @return false (nothing done) when the list changed meanwhile or only one file is left
     */
    synchronized boolean deleteFirst(MappedFile expected) {
        MappedFile[] fs = files;
        if (fs.length < 2 || fs[0] != expected) {
            return false;
        }
        files = Arrays.copyOfRange(fs, 1, fs.length);
        try {
            expected.delete();
        } catch (IOException e) {
            LOG.warn("could not delete store file {}; it is no longer used", expected.path(), e);
        }
        return true;
    }

    /** Forces the bytes [from, to) of the log to disk. */
    void force(long from, long to) {
        for (MappedFile f : files) {
            if (f.endOffset() <= from || f.startOffset() >= to) {
                continue;
            }
            int a = (int) (Math.max(from, f.startOffset()) - f.startOffset());
            int b = (int) (Math.min(to, f.endOffset()) - f.startOffset());
            f.force(a, b);
        }
    }

    void close() {
        for (MappedFile f : files) {
            f.close();
        }
    }
}
